"""WCAG 2.1 AA in a real browser (issue #19, item 4; docs/accessibility.md).

axe-core checks every dashboard page, signed out and signed in as an administrator (who
is offered every page), in the states a user reaches: the board's filters open, each tab
of an initiative, the decision form for a closing decision, a registration refused for
missing fields. No serious or critical violation is allowed. A second test signs in,
registers an initiative and records a steering decision with the keyboard alone.

One dashboard for the module; each test has its own browser context.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from dashboard.labels import t as label
from portfolio.demo.org import USERS
from portfolio.models import Actor
from portfolio.service.users import create_demo_users
from portfolio.storage import Database
from tests.e2e.axe import violations
from tests.e2e.server import dashboard, demo_database
from tests.units import in_transaction

pytestmark = pytest.mark.e2e

TIMEOUT_MS = 15_000


class Site:
    def __init__(self, url: str, logins: dict[str, str], db: Path) -> None:
        self.url, self.logins, self.db = url, logins, db


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    path = demo_database(tmp_path_factory.mktemp("a11y") / "portfolio.duckdb")
    logins = {i.user.username: i.password
              for i in in_transaction(Database(path), create_demo_users, Actor.operator(), USERS)}
    with dashboard(Path(path), auth_mode="local") as url:
        yield Site(url, logins, Path(path))


@pytest.fixture
def browser_page(page: Page) -> Page:
    page.set_default_timeout(TIMEOUT_MS)
    expect.set_options(timeout=TIMEOUT_MS)
    return page


def settled(page: Page) -> Page:
    """Wait until Streamlit has finished the rerun an interaction started and no element
    is left stale (Streamlit fades those, and axe would rightly call them too faint)."""
    page.wait_for_timeout(400)
    page.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for()
    expect(page.locator("[data-stale='true']")).to_have_count(0)
    return page


def open_page(page: Page, link: str, title: str) -> None:
    """Follow a sidebar link and wait for the new page's own title, not the old one's."""
    page.get_by_test_id("stSidebarNav").get_by_text(link, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


def test_every_page_has_no_serious_or_critical_wcag_violation(
    browser_page: Page, site: Site
) -> None:
    page = browser_page
    found: dict[str, list[str]] = {}

    def check(view: str) -> None:
        found[view] = violations(settled(page))

    page.goto(site.url)
    expect(page.get_by_role("heading", name="Sign in to Fail or Scale")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "en")  # WCAG 3.1.1
    check("sign-in")
    page.get_by_role("button", name="Sign in").click()  # refused: nothing filled in
    expect(page.get_by_test_id("stAlert")).to_be_visible()
    check("sign-in refused")
    page.get_by_role("textbox", name="User name").fill("admin")
    page.get_by_role("textbox", name="Password").fill(site.logins["admin"])
    page.get_by_role("button", name="Sign in").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(label("board", "da"))
    expect(page.locator("html")).to_have_attribute("lang", "da")  # the administrator's
    check("board")
    page.get_by_text(label("filters", "da"), exact=True).click()
    check("board, filters open")

    open_page(page, label("register", "da"), label("register_title", "da"))
    page.get_by_role("button", name=label("save", "da")).click()  # refused: no title
    expect(page.get_by_text(label("error.input.missing", "da")).first).to_be_visible()
    check("register, refused")

    nav = page.get_by_test_id("stSidebarNav")
    nav.get_by_text(label("word.initiative", "da"), exact=True).click()
    # Each label written out, so the catalogue test sees every key this test asks for.
    for tab in (label("word.evidence", "da"), label("history", "da"), label("lessons", "da"),
                label("audit", "da"), label("word.measurements", "da"),
                label("benefits_tab", "da")):
        page.get_by_role("tab", name=tab).click()
        check(f"initiative, tab {tab}")

    open_page(page, label("steering", "da"), label("steering", "da"))
    check("steering")
    page.get_by_role("radiogroup", name=label("word.decision", "da")).get_by_text(
        "Luk", exact=True).click()
    expect(page.get_by_label(label("word.lesson", "da"))).to_be_visible()  # closing asks more
    check("steering, closing decision")

    for link, title in ((label("lessons_page", "da"), label("lessons_title", "da")),
                        (label("policy", "da"), label("policy", "da")),
                        (label("users", "da"), label("users_title", "da"))):
        open_page(page, link, title)
        check(link)

    report = "\n".join(f"{view}: {line}" for view, lines in found.items() for line in lines)
    assert not report, report
    assert len(found) == 16  # every view above was checked


# --- the keyboard alone -------------------------------------------------------------------

_FOCUSED = """() => {
  const el = document.activeElement;
  if (!el) return '';
  const label = el.getAttribute('aria-label') || (el.labels && el.labels[0]
      && el.labels[0].innerText);
  if (label) return label.trim();
  const shown = el.cloneNode(true);  // its text as a screen reader has it: no icon names
  shown.querySelectorAll('[aria-hidden="true"]').forEach(n => n.remove());
  return shown.textContent.trim();
}"""


def focused(page: Page) -> str:
    """The accessible name of what has the keyboard focus (read, never clicked)."""
    return str(page.evaluate(_FOCUSED))


def focus(page: Page, name: str | set[str], *, key: str = "Tab", most: int = 150) -> str:
    """Press Tab (or another key) until the element called `name` (or any of the names)
    has the focus; its name."""
    names = {name} if isinstance(name, str) else name
    for _ in range(most):
        page.keyboard.press(key)
        if (now := focused(page)) in names:
            return now
    raise AssertionError(f"{most} presses of {key} never reached {name!r} "
                         f"(the focus is on {focused(page)!r})")


def test_sign_in_register_and_decide_with_the_keyboard_alone(
    browser_page: Page, site: Site
) -> None:
    page = browser_page
    page.goto(site.url)
    expect(page.get_by_role("heading", name="Sign in to Fail or Scale")).to_be_visible()
    focus(settled(page), "User name")
    page.keyboard.type("admin")
    page.keyboard.press("Tab")
    page.keyboard.type(site.logins["admin"])
    page.keyboard.press("Enter")  # Enter in a form's field submits the form
    expect(page.get_by_role("heading", level=1)).to_have_text(label("board", "da"))

    focus(settled(page), label("register", "da"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(label("register_title", "da"))
    focus(settled(page), "ID")
    page.keyboard.type("KB-1")
    focus(page, label("word.department", "da"))
    page.keyboard.type("Kultur")  # a select filters as one types; Enter takes the match
    page.keyboard.press("Enter")
    focus(settled(page), label("title", "da"))
    page.keyboard.type("Selvbetjening med tastatur")
    focus(page, label("save", "da"))
    page.keyboard.press("Enter")
    expect(page.get_by_text(label("saved_initiative", "da", id="KB-1"))).to_be_visible()

    focus(settled(page), label("steering", "da"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(label("steering", "da"))
    kinds = ["Skalér", "Fortsæt", "Justér", "Luk", "Parkér (ikke nu)"]
    checked = focus(settled(page), set(kinds))  # Tab enters the options at the checked one
    for _ in range(kinds.index(checked), kinds.index("Fortsæt")):  # ... arrows move on
        page.keyboard.press("ArrowRight")
    for _ in range(kinds.index("Fortsæt"), kinds.index(checked)):
        page.keyboard.press("ArrowLeft")
    assert focused(page) == "Fortsæt"
    focus(settled(page), label("word.rationale", "da"))
    page.keyboard.type("Vi fortsætter og ser på tallene igen om et kvartal.")
    focus(page, label("record_decision", "da"))
    page.keyboard.press("Enter")
    expect(page.get_by_text("Beslutningen Fortsæt er registreret")).to_be_visible()

    with Database(site.db, lock_timeout=10).reading() as store:
        saved = store.initiatives.get("KB-1")
    assert saved is not None and saved.department == "Kultur og Borgerservice"
