"""WCAG 2.1 AA in a real browser (issue #19, item 4; docs/accessibility.md).

axe-core checks every dashboard page, signed out and signed in as an administrator (who
is offered every page), in the states a user reaches: the board's filters open, each tab
of an initiative, the decision form for a closing decision, a registration refused for
missing fields. No serious or critical violation is allowed.

One dashboard for the module; each test has its own browser context.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from portfolio.demo.org import USERS
from portfolio.models import Actor
from portfolio.service.users import create_demo_users
from portfolio.storage import Database
from tests.e2e.axe import violations
from tests.e2e.server import dashboard, demo_database

pytestmark = pytest.mark.e2e

TIMEOUT_MS = 15_000


class Site:
    def __init__(self, url: str, logins: dict[str, str]) -> None:
        self.url, self.logins = url, logins


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    path = demo_database(tmp_path_factory.mktemp("a11y") / "portfolio.duckdb")
    logins = {i.user.username: i.password
              for i in create_demo_users(Database(path), Actor.operator(), USERS)}
    with dashboard(Path(path), auth_mode="local") as url:
        yield Site(url, logins)


@pytest.fixture
def browser_page(page: Page) -> Page:
    page.set_default_timeout(TIMEOUT_MS)
    expect.set_options(timeout=TIMEOUT_MS)
    return page


def settled(page: Page) -> Page:
    """Wait until Streamlit has finished the rerun an interaction started."""
    page.wait_for_timeout(400)
    page.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for()
    return page


def test_every_page_has_no_serious_or_critical_wcag_violation(
    browser_page: Page, site: Site
) -> None:
    page = browser_page
    found: dict[str, list[str]] = {}

    def check(view: str) -> None:
        found[view] = violations(settled(page))

    page.goto(site.url)
    expect(page.get_by_role("heading", name="Sign in to Fail or Scale")).to_be_visible()
    check("sign-in")
    page.get_by_role("button", name="Sign in").click()  # refused: nothing filled in
    check("sign-in refused")
    page.get_by_role("textbox", name="User name").fill("admin")
    page.get_by_role("textbox", name="Password").fill(site.logins["admin"])
    page.get_by_role("button", name="Sign in").click()
    nav = page.get_by_test_id("stSidebarNav")

    expect(page.get_by_role("heading", name="Porteføljetavle")).to_be_visible()
    check("board")
    page.get_by_text("Filtre", exact=True).click()
    check("board, filters open")

    nav.get_by_text("Registrér / ret", exact=True).click()
    page.get_by_role("button", name="Gem").click()  # refused: no id, no title
    expect(page.get_by_text("Skal udfyldes").first).to_be_visible()
    check("register, refused")

    nav.get_by_text("Initiativ", exact=True).click()
    for tab in ("Grundlag", "Historik", "Erfaringer", "Revisionsspor", "Målinger"):
        page.get_by_role("tab", name=tab).click()
        check(f"initiative, tab {tab}")

    nav.get_by_text("Styregruppemøde", exact=True).click()
    check("steering")
    page.get_by_role("radiogroup", name="Beslutning").get_by_text("Luk", exact=True).click()
    expect(page.get_by_label("Erfaring")).to_be_visible()
    check("steering, closing decision")

    for name in ("Erfaringer og udbredelse", "Reviewpolitik", "Brugere"):
        nav.get_by_text(name, exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        check(name)

    report = "\n".join(f"{view}: {line}" for view, lines in found.items() for line in lines)
    assert not report, report
    assert len(found) == 15  # every view above was checked
