"""The fail-or-scale board on the demo portfolio."""

from __future__ import annotations

import io
from datetime import date

import openpyxl

from dashboard.tables import board_table, to_xlsx
from portfolio import formats
from portfolio.models import Actor, Stage
from portfolio.service.benefits import kroner_view
from portfolio.service.board import portfolio_board
from portfolio.service.board_metrics import BoardFilters
from tests.units import in_reading


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_board_shows_the_headline_numbers_of_the_portfolio(app, demo_db):
    expected = in_reading(demo_db, portfolio_board, Actor.operator(), date.today()).metrics
    shown = metrics(app())
    assert shown["Active initiatives"] == str(expected.active)
    assert shown["Recommended to scale"] == str(expected.to_scale)
    assert shown["Recommended to close"] == str(expected.to_close)
    assert shown["Zombies"] == str(expected.zombies)
    assert shown["Started with a decision"] == f"{expected.decided_share:.0%}"
    kroner = in_reading(demo_db, kroner_view, Actor.operator(), date.today())
    assert shown["Realised, kroner"] == formats.money(kroner.realised, "en")
    assert kroner.realised > 0
    assert expected.zombies > 0


def test_a_filter_in_the_url_narrows_the_board(app, demo_db):
    experiments = in_reading(demo_db, portfolio_board, Actor.operator(), date.today(),
                             BoardFilters(stage=Stage.EXPERIMENT)).metrics.active
    at = app(params={"stage": "experiment"})
    assert metrics(at)["Active initiatives"] == str(experiments)


def test_choosing_a_filter_puts_it_in_the_url_so_the_view_can_be_shared(app):
    at = app()
    at.selectbox(key="url_department_Department").set_value("Teknik og Miljø").run()
    assert at.query_params["department"] == "Teknik og Miljø"
    table = at.dataframe[0].value
    assert set(table["Department"]) == {"Teknik og Miljø"}


def test_the_board_offers_csv_and_excel_exports(app):
    at = app()
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["Export CSV", "Export Excel"]


def test_the_excel_export_holds_every_row_of_the_table(demo_db):
    view = in_reading(demo_db, portfolio_board, Actor.operator(), date.today())
    frame = board_table(view.rows, "da", links=False)
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx(frame, "Porteføljetavle"))).active
    assert sheet.max_row == len(view.rows) + 1
    # The three lights stand beside the overall one (#18).
    assert [c.value for c in sheet[1]][:6] == ["Lys", "Budget", "Tid", "Gevinst", "ID", "Titel"]


def test_switching_to_danish_translates_the_board(app):
    at = app()
    at.radio(key="lang_choice").set_value("da").run()
    assert "Aktive initiativer" in metrics(at)
    assert at.title[0].value == "Porteføljetavle"


def test_a_user_language_chosen_for_the_session_is_kept(app):
    at = app(lang="da")
    assert "Zombier" in metrics(at)


def test_filters_survive_a_switch_to_danish(app):
    at = app(params={"stage": "experiment"})
    at.radio(key="lang_choice").set_value("da").run()
    assert at.selectbox(key="url_stage_Fase").value.value == "experiment"
    assert at.query_params["stage"] == "experiment"


def _charts(at) -> list[str]:
    return [chart.proto.spec for chart in at.get("vega_lite_chart")]


def test_the_board_draws_one_breakdown_at_a_time_and_keeps_the_choice_in_the_link(app):
    """#15: tabs drew all four breakdowns on every run, in the server and in each browser;
    the reader chooses one, and a shared link opens on the same one."""
    at = app()
    assert len(_charts(at)) == 2  # the portfolio chart and one breakdown
    assert at.query_params["by"] == "department"
    at.radio(key="breakdown_by_en").set_value("stage").run()
    assert at.query_params["by"] == "stage"
    charts = _charts(at)
    assert len(charts) == 2
    assert "Stage" in charts[1] and "Department" not in charts[1]
    shared = app(params={"by": "stage"})
    assert shared.radio(key="breakdown_by_en").value == "stage"
