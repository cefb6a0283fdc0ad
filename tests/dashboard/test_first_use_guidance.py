"""A new organisation's first look (an instance just made with `failscale init`): the
pages say where a set-up begins instead of showing empty tables."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from portfolio.models import Actor
from portfolio.service.setup import initialise
from portfolio.storage import Database
from tests.dashboard.conftest import APP


@pytest.fixture
def empty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "portfolio.duckdb"
    initialise(Database(path), Actor.operator())
    monkeypatch.setenv("FAILSCALE_DB", str(path))
    monkeypatch.setenv("FAILSCALE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("FAILSCALE_PREFECT_API_URL", "http://127.0.0.1:9/api")
    monkeypatch.setenv("FAILSCALE_AUTH_MODE", "none")
    st.cache_data.clear()
    return path


def opened(page: str, lang: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.session_state["lang"] = lang
    at.run()
    at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, at.exception
    return at


STEERING = ("Der er endnu ingen styregrupper at vise. En administrator opretter dem på "
            "siden Organisation (fanen Styregrupper), hver med de afdelinger, den følger; så "
            "kommer deres initiativer frem her, når de er til behandling.")
REGISTER = ("Der er endnu ingen afdelinger at registrere initiativer i. En administrator "
            "opretter dem på siden Organisation (fanen Afdelinger) eller importerer "
            "initiativerne fra et regneark (failscale import initiatives), som opretter de "
            "afdelinger, det nævner.")


@pytest.mark.parametrize(("page", "said"), [("steering", STEERING), ("register", REGISTER)])
def test_an_empty_page_says_what_comes_first_and_where_it_is_made(
    empty: Path, page: str, said: str
) -> None:
    at = opened(page, "da")
    assert [i.value for i in at.info] == [said]
    # not "nothing is due", as if a group had met and cleared it; no initiative form whose
    # department cannot be chosen
    assert not at.success and not at.text_input


def test_an_empty_organisation_page_says_where_to_begin(empty: Path) -> None:
    at = opened("organisation", "en")
    assert at.info[0].value.startswith(
        "Start here: tick “Create a new organisation” below and save your municipality")
    assert at.checkbox(key="org_new").label == "Create a new organisation"

