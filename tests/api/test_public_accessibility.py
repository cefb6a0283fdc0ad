"""The public results page (/public) in chromium, checked by axe-core for WCAG 2.1 AA (#19,
item 4): the page citizens and politicians read without signing in, in Danish and in
English, with initiatives of two organisations marked public. It is the product's own
HTML, so no violation of any impact is allowed; and it is usable by keyboard alone.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.api.conftest import OTHER_INITIATIVE, ApiServer
from tests.e2e.axe import violations
from tests.e2e.conftest import (  # noqa: F401 (fixtures: Debian chromium)
    browser_context_args,
    browser_type_launch_args,
)

pytestmark = pytest.mark.e2e

TIMEOUT_MS = 15_000  # a 2-core machine shared with other work


@pytest.fixture(autouse=True)
def _patient(page: Page) -> None:
    page.set_default_timeout(TIMEOUT_MS)
    expect.set_options(timeout=TIMEOUT_MS)


@pytest.fixture(scope="module")
def published(api_server: ApiServer) -> ApiServer:
    for args in (["public", "mark", "TM-01"], ["public", "mark", "BU-06", "--budget"],
                 ["public", "mark", OTHER_INITIATIVE]):
        result = api_server.cli(*args)
        assert result.exit_code == 0, result.output
    return api_server


@pytest.mark.parametrize("query", ["", "?lang=en"])
def test_the_public_page_has_no_wcag_violation(page: Page, published: ApiServer,
                                               query: str) -> None:
    page.goto(f"{published.url}/public{query}")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("heading", level=3)).to_have_count(3)  # the three marked public
    found = violations(page, impacts=("minor", "moderate", "serious", "critical"))
    assert not found, "\n".join(found)


def test_the_public_pages_links_are_reached_by_keyboard_and_show_their_focus(
    page: Page, published: ApiServer
) -> None:
    page.goto(f"{published.url}/public")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Dansk")  # the language links come first
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("English")
    outline = page.locator(":focus").evaluate("e => getComputedStyle(e).outlineStyle")
    assert outline not in ("", "none")  # 2.4.7: where the focus is can be seen
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_the_check_finds_a_violation_when_there_is_one(page: Page, published: ApiServer) -> None:
    """The checker itself works here: grey on white text and an unlabelled field are found."""
    page.goto(f"{published.url}/public")
    page.locator("main").evaluate("""main => {
        main.insertAdjacentHTML('beforeend',
          '<p style="color:#bbbbbb">faint</p><input type="text">'); }""")
    found = "\n".join(violations(page))
    assert "serious color-contrast" in found and "critical label" in found, found
