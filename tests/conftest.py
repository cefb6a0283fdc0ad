"""Shared fixtures: a real DuckDB file per test, and one Prefect harness per session."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

# Prefect reads .env and the environment: keep a developer's settings out of the tests.
os.environ["PREFECT_API_URL"] = ""
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
# The product starts in Danish (FAILSCALE_LANGUAGE defaults to da, #13); most tests were
# written against the English texts, so they read English unless they ask for Danish.
# tests/unit/test_danish_default.py and tests/dashboard/test_danish_pages.py check the
# default itself with this variable removed.
os.environ.setdefault("FAILSCALE_LANGUAGE", "en")

from portfolio.models import Actor
from portfolio.service.setup import initialise
from portfolio.storage import Database

if TYPE_CHECKING:
    from tests.smtp import Mailbox

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def operator() -> Actor:
    return Actor.operator()


@pytest.fixture
def db(tmp_path: Path, operator: Actor) -> Database:
    database = Database(tmp_path / "portfolio.duckdb", lock_timeout=5)
    initialise(database, operator)
    return database


@pytest.fixture
def db_env(db: Database, monkeypatch: pytest.MonkeyPatch) -> Database:
    """The database, also named by FAILSCALE_DB for code that reads settings."""
    monkeypatch.setenv("FAILSCALE_DB", str(db.path))
    monkeypatch.setenv("FAILSCALE_DATA_DIR", str(db.path.parent / "data"))
    return db


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    """One Prefect test server for the whole session (it takes ~20 s to start)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture
def smtp_server() -> Iterator[Mailbox]:
    """A real SMTP server on a free localhost port, keeping every message it receives."""
    from tests.smtp import running_smtp_server

    with running_smtp_server() as mailbox:
        yield mailbox
