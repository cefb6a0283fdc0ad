"""The board of a portfolio larger than its table (#7): bounded, most urgent first."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard.labels import t
from portfolio.models import Actor
from portfolio.service.board import portfolio_board
from portfolio.service.evaluation import evaluate_now
from portfolio.service.setup import initialise
from portfolio.storage import Database
from portfolio.synth import SynthSpec, generate_portfolio
from tests.dashboard.conftest import APP
from tests.units import in_reading

CAP = 200


@pytest.fixture(scope="module")
def synthetic_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("synthetic") / "synthetic.duckdb"
    db = Database(path)
    initialise(db, Actor.operator())
    generate_portfolio(db, Actor.operator(), SynthSpec(3_000, 30_000, 11, date.today()))
    evaluate_now(db, Actor.operator(), date.today(), "synthetic-run")
    return path


@pytest.fixture
def large_board(synthetic_template: Path, tmp_path: Path,
                monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("FAILSCALE_DB", str(synthetic_template))
    monkeypatch.setenv("FAILSCALE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("FAILSCALE_AUTH_MODE", "none")
    monkeypatch.setenv("FAILSCALE_BOARD_TABLE_ROWS", str(CAP))
    st.cache_data.clear()
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


def test_a_board_larger_than_its_table_shows_the_most_urgent_rows_and_says_so(
    large_board, synthetic_template
):
    view = in_reading(Database(synthetic_template), portfolio_board, Actor.operator(),
                      date.today())
    total = len(view.rows)
    captions = [c.value for c in large_board.caption]
    assert any(c.startswith(f"Showing {CAP} of {total:,}") for c in captions), captions
    table = large_board.dataframe[0].value
    assert len(table) == CAP
    # The most urgent rows, in order: here all overdue (the table shows only the view's
    # columns; an overdue review date is shown in red, not as a column of its own).
    urgent = view.most_urgent(CAP)
    assert urgent["overdue"].all()
    assert list(table[t("id", "en")]) == list(urgent["id"])


def test_the_headline_numbers_count_every_initiative_not_only_the_shown_rows(large_board):
    shown = {m.label: m.value for m in large_board.metric}
    assert int(shown["Active initiatives"].replace(",", "")) > CAP  # "2,713"


def test_exports_of_a_large_board_are_offered(large_board):
    labels = [b.label for b in large_board.get("download_button")]
    assert labels == ["Export CSV", "Export Excel"]
