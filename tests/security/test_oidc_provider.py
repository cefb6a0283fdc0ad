"""In a real browser, through a real OpenID Connect provider (oidc-provider on node): the
provider's claims give the role, the organisation and the department, a user whose claims
map to no role is refused, and signing out ends the session at the dashboard and at the
provider.

The dashboard runs with its own OIDC settings (FAILSCALE_AUTH_MODE=oidc, the role map
and Streamlit's [auth] secrets), as an organisation would configure it for Entra ID.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from portfolio.demo.org import HEALTH
from portfolio.storage import Database
from tests.e2e.oidc import oidc_provider
from tests.e2e.server import dashboard, demo_database, free_port

pytestmark = [pytest.mark.security, pytest.mark.e2e]

TIMEOUT_MS = 15_000
SIGN_IN = "Sign in with your organisation's account"
ACCOUNTS = {
    "mette": {"preferred_username": "mette@demo.dk", "email": "mette@demo.dk",
              "name": "Mette Sørensen", "locale": "da-DK",
              "roles": ["FailScale.Leader"], "department": [HEALTH],
              "organisation": "Demo Kommune"},
    "guest": {"preferred_username": "guest@demo.dk", "email": "guest@demo.dk",
              "name": "Gæst", "roles": ["Something.Else"], "department": [HEALTH]},
}


class Sites:
    def __init__(self, dashboard_url: str, provider_url: str, db: Path) -> None:
        self.dashboard, self.provider, self.db = dashboard_url, provider_url, db


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sites]:
    """One provider and one dashboard for the module (each test has its own browser)."""
    folder = tmp_path_factory.mktemp("oidc")
    path = demo_database(folder / "portfolio.duckdb")
    dashboard_port, provider_port = free_port(), free_port()
    redirect = f"http://127.0.0.1:{dashboard_port}/oauth2callback"
    with oidc_provider(folder, provider_port, redirect, ACCOUNTS) as secrets_file:
        env = {"STREAMLIT_SECRETS_FILES": secrets_file,
               "FAILSCALE_OIDC_ROLE_MAP": json.dumps({"FailScale.Leader": "leader"})}
        with dashboard(path, auth_mode="oidc", port=dashboard_port, env=env) as url:
            yield Sites(url, f"http://127.0.0.1:{provider_port}", path)


@pytest.fixture
def browser_page(page: Page) -> Page:
    page.set_default_timeout(TIMEOUT_MS)
    expect.set_options(timeout=TIMEOUT_MS)
    return page


def sign_in_at_provider(page: Page, sites: Sites, login: str) -> None:
    page.goto(sites.dashboard)
    page.get_by_role("button", name=SIGN_IN).click()
    page.wait_for_url(f"{sites.provider}/**")  # the provider's own sign-in form
    page.locator("input[name=login]").fill(login)
    page.locator("input[name=password]").fill("any password the test provider accepts")
    page.get_by_role("button", name="Sign-in").click()
    page.wait_for_url(f"{sites.dashboard}/**")


def audit(sites: Sites, username: str) -> list[tuple[str, dict]]:
    with Database(sites.db, lock_timeout=10).reading() as store:
        return [(e.action, e.after or {}) for e in store.audit.recent(1000)
                if e.entity_id == username]


def test_the_providers_claims_give_the_role_and_the_department(
    browser_page: Page, sites: Sites
) -> None:
    sign_in_at_provider(browser_page, sites, "mette")
    sidebar = browser_page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text("Logget ind som mette@demo.dk (leder)")).to_be_visible()
    nav = browser_page.get_by_test_id("stSidebarNav")
    expect(nav.get_by_text("Registrér / ret")).to_be_visible()  # a leader edits ...
    expect(nav.get_by_text("Brugere")).to_have_count(0)  # ... but administers nothing
    nav.get_by_text("Registrér / ret").click()
    department = browser_page.get_by_role("combobox", name="Afdeling", exact=True)
    expect(department).to_be_visible()
    department.click()
    expect(browser_page.get_by_role("option")).to_have_text([HEALTH])  # only her own
    action, after = next(a for a in audit(sites, "mette@demo.dk") if a[0] == "sign_in")
    assert after == {"method": "oidc", "role": "leader", "departments": [HEALTH],
                     "organisation": "Demo Kommune"}, action


def test_a_user_whose_claims_map_to_no_role_is_refused(browser_page: Page, sites: Sites) -> None:
    sign_in_at_provider(browser_page, sites, "guest")
    expect(browser_page.get_by_text("guest@demo.dk has no Fail or Scale role")).to_be_visible()
    expect(browser_page.get_by_role("heading", name="Sign in to Fail or Scale")).to_be_visible()
    expect(browser_page.get_by_test_id("stSidebarNav")).to_have_count(0)
    expect(browser_page.get_by_test_id("stMetric")).to_have_count(0)
    browser_page.goto(f"{sites.dashboard}/board")  # a new session is refused again
    expect(browser_page.get_by_text("guest@demo.dk has no Fail or Scale role")).to_be_visible()
    expect(browser_page.get_by_test_id("stMetric")).to_have_count(0)
    assert ("sign_in_failed", {"reason": "no role", "method": "oidc"}) in audit(
        sites, "guest@demo.dk")


def test_signing_out_ends_the_session_at_the_dashboard_and_the_provider(
    browser_page: Page, sites: Sites
) -> None:
    sign_in_at_provider(browser_page, sites, "mette")
    expect(browser_page.get_by_role("button", name="Log ud")).to_be_visible()
    remembered = {"_streamlit_user", "_session"}  # the dashboard's and the provider's
    assert remembered <= {c["name"] for c in browser_page.context.cookies()}
    # Click only once the page's first run after sign-in has finished: under load a click
    # during that rerun was lost (CI, 2026-12-04), and the redirect never started.
    browser_page.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for()
    browser_page.get_by_role("button", name="Log ud").click()
    try:
        browser_page.wait_for_url(f"{sites.provider}/session/end**",  # RP-initiated logout
                                  timeout=2 * TIMEOUT_MS)  # a rerun, then two redirects
    except PlaywrightTimeout:
        # Under load 20+ a click was seen to start no sign-out at all (CI, 2026-12-05):
        # still on the dashboard with the button shown, a person clicks again, as here.
        button = browser_page.get_by_role("button", name="Log ud")
        if browser_page.url.startswith(sites.dashboard) and button.is_visible():
            button.click(timeout=TIMEOUT_MS)
        browser_page.wait_for_url(f"{sites.provider}/session/end**", timeout=2 * TIMEOUT_MS)
    browser_page.get_by_role("button", name="Yes, sign me out").click()
    browser_page.wait_for_url(f"{sites.dashboard}/**")
    expect(browser_page.get_by_role("button", name=SIGN_IN)).to_be_visible()
    cookies = {c["name"] for c in browser_page.context.cookies()}
    assert not remembered & cookies, cookies  # neither site remembers the user
    browser_page.goto(f"{sites.dashboard}/board")  # a reload stays signed out
    expect(browser_page.get_by_role("button", name=SIGN_IN)).to_be_visible()
    expect(browser_page.get_by_test_id("stMetric")).to_have_count(0)
    assert "sign_out" in [action for action, _ in audit(sites, "mette@demo.dk")]
