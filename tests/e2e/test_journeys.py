"""The journeys of the issue, walked in a real browser against the running app.

One scenario in order, as a steering secretary would: register an initiative with a KPI,
record its measurements, run the evaluation, decide in the steering review, see the board
change, and read it all in Danish.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.streamlit_ui import choose, settled

pytestmark = pytest.mark.e2e


def metric(page: Page, label: str) -> int:
    box = page.get_by_test_id("stMetric").filter(has_text=label)
    return int(box.get_by_test_id("stMetricValue").inner_text())


def type_into(page: Page, label: str, text: str) -> None:
    field = page.get_by_label(label, exact=True)
    field.fill(text)
    field.press("Tab")
    settled(page)


def pick_date(page: Page, label: str, day: date) -> None:
    """Type into the segmented date field: day, month, year, as the reader writes dates
    (dashboard.widgets.date_format: DD.MM.YYYY in Danish, DD/MM/YYYY in English)."""
    page.get_by_label(label, exact=True).get_by_role("spinbutton").first.click()
    page.keyboard.type(day.strftime("%d%m%Y"))
    page.keyboard.press("Tab")
    settled(page)


def test_register_measure_evaluate_decide_and_see_the_board_change(app_page: Page,
                                                                    dashboard_url: str):
    page = app_page
    page.goto(dashboard_url)
    expect(page.get_by_role("heading", name="Portfolio board")).to_be_visible()
    active, to_scale, to_close = (metric(settled(page), name) for name in (
        "Active initiatives", "Recommended to scale", "Recommended to close"))

    # Register an experiment with its decision rule: a benefit KPI and a review date.
    page.get_by_role("link", name="Register / edit").click()
    expect(page.get_by_role("heading", name="Register or edit an initiative")).to_be_visible()
    type_into(page, "ID", "E2E-1")
    type_into(page, "Title", "Robotstøvsugere på plejecentre")
    choose(page, "Department", "Sundhed og Ældre")
    choose(page, "Stage", "Experiment")
    type_into(page, "We believe that …", "robotstøvsugere i fællesarealer")
    type_into(page, "… will lead to …", "mere tid til beboerne")
    type_into(page, "… measured by …", "frigjorte timer")
    pick_date(page, "Review date", date.today() + timedelta(days=60))
    type_into(page, "Name", "frigjorte timer")
    type_into(page, "Baseline", "0")
    type_into(page, "Target", "20")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved E2E-1.")).to_be_visible()

    # Record measurements: a file with the history, then today's value by hand.
    page.get_by_role("link", name="Open the initiative page").click()
    expect(page.get_by_role("heading", name="Robotstøvsugere på plejecentre")).to_be_visible()
    page.get_by_role("tab", name="Measurements").click()
    history = "\n".join(
        ["initiative_id;kpi;date;value"]
        + [f"E2E-1;frigjorte timer;{(date.today() - timedelta(days=d)).isoformat()};{v}"
           for d, v in ((120, 17), (80, 18), (40, 19))])
    page.locator("[data-testid='stFileUploader'] input[type=file]").set_input_files(
        files=[{"name": "maalinger.csv", "mimeType": "text/csv", "buffer": history.encode()}])
    settled(page)  # a chosen file is imported at once (#19): no second click
    expect(page.get_by_text("maalinger.csv: 3 rows read, 3 accepted")).to_be_visible()
    value = page.get_by_label("Value", exact=True)
    value.fill("20")
    value.press("Tab")
    page.get_by_role("button", name="Record", exact=True).click()
    expect(page.get_by_text("Recorded frigjorte timer = 20")).to_be_visible()

    # Run the evaluation from the status line: the new experiment reaches its target on a
    # steady run of four measurements over 120 days, which proves it (#18).
    page.get_by_role("button", name="Run evaluation now").click()
    expect(page.get_by_text(f"Evaluated {active + 1} initiatives.")).to_be_visible()
    page.goto(f"{dashboard_url}/initiative?id=E2E-1")
    expect(page.get_by_role("heading", name="Scale · ● green")).to_be_visible()

    # Decide in the steering review: close SB-01 with a reason and a lesson.
    page.get_by_role("link", name="Steering review").click()
    expect(page.get_by_role("heading", name="Agenda: what is due and why")).to_be_visible()
    settled(page)
    choose(page, "Initiative", "SB-01 — Digital ansøgning om enkeltydelser")
    type_into(page, "Lesson learned", "Test document upload with citizens before launch.")
    page.get_by_role("button", name="Record decision").click()
    expect(page.get_by_text("Decision Close recorded for SB-01; stage is now Closed."))\
        .to_be_visible()

    # The board changed: one more to scale, one fewer to close, same number active.
    page.get_by_role("link", name="Portfolio board").click()
    expect(page.get_by_role("heading", name="Portfolio board")).to_be_visible()
    settled(page)
    assert (metric(page, "Active initiatives"), metric(page, "Recommended to scale"),
            metric(page, "Recommended to close")) == (active, to_scale + 1, to_close - 1)

    # And in Danish.
    page.get_by_text("Dansk", exact=True).click()
    expect(page.get_by_role("heading", name="Porteføljetavle")).to_be_visible()
    expect(page.get_by_text("Anbefalet skaleret")).to_be_visible()


def test_every_page_renders_without_an_error(app_page: Page, dashboard_url: str):
    for path, heading in (("", "Portfolio board"), ("register", "Register or edit an initiative"),
                          ("initiative?id=KB-02", "Chatbot i Borgerservice"),
                          ("steering", "Steering review"), ("lessons", "Has anyone tried this?"),
                          ("policy", "Review policy")):
        app_page.goto(f"{dashboard_url}/{path}")
        expect(app_page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
        settled(app_page)
        assert app_page.get_by_test_id("stException").count() == 0, path


def test_a_search_opens_an_initiative_and_the_url_can_be_shared(app_page: Page,
                                                                 dashboard_url: str):
    app_page.goto(f"{dashboard_url}/initiative")
    settled(app_page)
    type_into(app_page, "Search (ID or words of the title)", "droner")
    expect(app_page.get_by_role("heading", name="Droner til inspektion af broer og tage",
                                exact=True)).to_be_visible()
    expect(app_page).to_have_url(f"{dashboard_url}/initiative?id=TM-03")


def test_the_lessons_tables_fit_a_1400_px_screen(app_page: Page, dashboard_url: str):
    app_page.set_viewport_size({"width": 1400, "height": 900})
    app_page.goto(f"{dashboard_url}/lessons")
    expect(app_page.get_by_role("heading", name="Has anyone tried this?")).to_be_visible()
    settled(app_page)
    grids = app_page.get_by_test_id("stDataFrame")
    expect(grids).to_have_count(2)  # the closed and parked shelf, the spread
    for grid in grids.all():
        grid.scroll_into_view_if_needed()
        widths = grid.locator(".dvn-scroller").first.evaluate(
            "e => [e.scrollWidth, e.clientWidth]")
        assert widths[0] <= widths[1], f"a lessons table scrolls sideways: {widths}"
