"""A realised benefit recorded on the initiative page, in a real browser (#18, item 2)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.streamlit_ui import settled

pytestmark = pytest.mark.e2e


def test_a_realised_value_recorded_on_the_initiative_page_shows_in_its_plan(
        app_page: Page, dashboard_url: str):
    page = app_page
    page.goto(f"{dashboard_url}/initiative?id=OD-02")
    expect(page.get_by_role("heading", name="Softwarerobot til kreditorfakturaer")).to_be_visible()
    page.get_by_role("tab", name="Benefits (kr.)").click()
    tab = page.get_by_role("tabpanel", name="Benefits (kr.)")
    expect(tab.get_by_text("Benefit-realisation plan")).to_be_visible()

    realised = tab.get_by_label("Realised", exact=True)
    realised.fill("123456")
    realised.press("Tab")
    tab.get_by_role("button", name="Record", exact=True).click()
    settled(page)

    expect(page.get_by_text("realised DKK 123,456")).to_be_visible()
