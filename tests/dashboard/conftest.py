"""A demo portfolio, evaluated today, in a real DuckDB file for every dashboard test.

The demo is built once per session and copied per test (seeding takes longer than copying).
AppTest keeps imported modules between tests, so the file is named through FAILSCALE_DB,
which the dashboard reads at call time, and Streamlit's caches are cleared.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from portfolio.models import Actor
from portfolio.service.evaluation import evaluate_now
from portfolio.service.setup import initialise, seed_demo
from portfolio.storage import Database

APP = str(Path(__file__).parents[2] / "dashboard" / "app.py")


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    db = Database(path)
    initialise(db, Actor.operator())
    seed_demo(db, Actor.operator(), date.today())
    evaluate_now(db, Actor.operator(), date.today(), "demo-run")
    return path


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Database:
    path = tmp_path / "portfolio.duckdb"
    shutil.copy(demo_template, path)
    monkeypatch.setenv("FAILSCALE_DB", str(path))
    monkeypatch.setenv("FAILSCALE_DATA_DIR", str(tmp_path / "data"))
    # Nothing listens here: "run now" evaluates in-process, whatever runs on this machine.
    monkeypatch.setenv("FAILSCALE_PREFECT_API_URL", "http://127.0.0.1:9/api")
    # Page tests act as the Actor they put in the session, else as the local operator;
    # sign-in itself is tested in tests/security (docs/security.md, "Tests").
    monkeypatch.setenv("FAILSCALE_AUTH_MODE", "none")
    st.cache_data.clear()
    return Database(path, lock_timeout=5)


@pytest.fixture
def app(demo_db: Database) -> Callable[..., AppTest]:
    """An AppTest of the whole app on one page, optionally as a given user and language."""

    def open_page(
        page: str = "board", *, actor: Actor | None = None, lang: str | None = None,
        params: dict[str, str] | None = None,
    ) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=30)
        if actor is not None:
            at.session_state["actor"] = actor
        if lang is not None:
            at.session_state["lang"] = lang
        for key, value in (params or {}).items():
            at.query_params[key] = value
        at.run()
        if page != "board":
            at.switch_page(f"app_pages/{page}.py").run()
        assert not at.exception, at.exception
        return at

    return open_page
