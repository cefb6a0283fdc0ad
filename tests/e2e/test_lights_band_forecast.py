"""The three lights, the band and the forecast, seen in a real browser in Danish (#18):
the board's and the initiative page's lights, and a KPI chart with its band and forecast.
Screenshots are written to the test's temporary directory (FAILSCALE_E2E_SHOTS to keep
them) so a person can look at them."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.server import dashboard, demo_database
from tests.e2e.streamlit_ui import settled

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def danish_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = demo_database(tmp_path_factory.mktemp("e2e-da") / "portfolio.duckdb")
    with dashboard(Path(path), env={"FAILSCALE_LANGUAGE": "da"}) as url:
        yield url


def shots(tmp_path: Path) -> Path:
    kept = os.environ.get("FAILSCALE_E2E_SHOTS")
    folder = Path(kept) if kept else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_the_board_and_the_initiative_page_show_three_lights_and_the_kpi_band_and_forecast(
        app_page: Page, danish_url: str, tmp_path: Path):
    page = app_page
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(danish_url)
    expect(page.get_by_role("heading", name="Porteføljetavle")).to_be_visible()
    settled(page)
    # the grid is drawn on a canvas; its header cells are also in the DOM (for a reader)
    headers = page.get_by_test_id("stDataFrame").first.locator("th")
    expect(headers.first).to_have_text("Lys")
    assert headers.all_inner_texts()[:5] == ["Lys", "Budget", "Tid", "Gevinst", "ID"]
    grid = page.get_by_test_id("stDataFrame").first
    grid.scroll_into_view_if_needed()
    page.wait_for_timeout(1000)
    grid.screenshot(path=shots(tmp_path) / "board-lights-da.png")
    # Readable at 1400 px beside the sidebar without scrolling sideways (#19).
    widths = grid.locator(".dvn-scroller").first.evaluate("e => [e.scrollWidth, e.clientWidth]")
    assert widths[0] <= widths[1], f"the board's table scrolls sideways: {widths}"

    # SB-04: a CONTINUE whose target comes after its review date at its trend.
    page.goto(f"{danish_url}/initiative?id=SB-04")
    expect(page.get_by_role("heading", name="Digitale jobsamtaler via video")).to_be_visible()
    settled(page)
    expect(page.get_by_text("Budget").first).to_be_visible()
    expect(page.get_by_text("· Tid").first).to_be_visible()
    expect(page.get_by_text("· Gevinst").first).to_be_visible()
    expect(page.get_by_text("med den nuværende udvikling nås målet den").first).to_be_visible()
    expect(page.get_by_text("Prikket orange: prognosen")).to_be_visible()
    chart = page.get_by_test_id("stVegaLiteChart").first
    chart.scroll_into_view_if_needed()
    expect(chart).to_be_visible()
    page.wait_for_timeout(1500)  # vega draws after the script has run
    chart.screenshot(path=shots(tmp_path) / "kpi-band-forecast-da.png")
    page.screenshot(path=shots(tmp_path) / "initiative-lights-da.png", full_page=True)
