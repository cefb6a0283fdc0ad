"""Driving Streamlit widgets from Playwright without racing its reruns.

Every interaction with a Streamlit page may start a rerun that re-renders the widgets; a
step taken while one runs can act on an element that is about to be replaced. The helpers
here wait for the app to be idle before and after each step, and pick from a selectbox
again when a rerun closed its list under the click.
"""

from __future__ import annotations

from playwright.sync_api import Locator, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

#: How long one attempt waits for the option to show before the list is opened again.
OPTION_WAIT_MS = 5_000
ATTEMPTS = 3


def settled(page: Page) -> Page:
    """Wait until Streamlit has finished the rerun an interaction started."""
    page.wait_for_timeout(300)
    page.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for()
    return page


def choose(page: Page, label: str, option: str, within: Page | Locator | None = None) -> None:
    """Pick from a selectbox by typing (long lists are virtualised).

    A rerun that ends while the list is open re-renders the selectbox and closes its list,
    so the option the click waits for never comes: the list is then opened again, with the
    typed filter replaced, up to `ATTEMPTS` times."""
    box = (within or page).get_by_label(label, exact=True)
    wanted = page.get_by_role("option", name=option, exact=True)
    for attempt in range(1, ATTEMPTS + 1):
        settled(page)
        box.click()
        page.keyboard.press("Control+A")
        page.keyboard.type(option[:12])
        try:
            wanted.click(timeout=OPTION_WAIT_MS)
        except PlaywrightTimeoutError:
            if attempt == ATTEMPTS:
                raise
            page.keyboard.press("Escape")
        else:
            break
    settled(page)
