"""Save every page of the dashboard to docs/screenshots/ (`make screenshots`).

Runs the real app on a fresh demo database in Debian chromium, at desktop (1400×900) and
tablet (820×1180) width, in Danish (the default) and in English for the board.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from tests.e2e.server import CHROMIUM_ARGS, ROOT, chromium, dashboard, demo_database

PAGES = {
    "board": "",
    "register": "register",
    "initiative": "initiative?id=SB-01",
    "steering": "steering",
    "lessons": "lessons",
    "policy": "policy",
    "users": "users",
}
SIZES = {"desktop": (1400, 900), "tablet": (820, 1180)}


def settle(page: Page) -> None:
    """Wait until Streamlit has run the script and drawn the charts."""
    page.wait_for_timeout(300)  # let a rerun an interaction started begin
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']",
                           timeout=60_000)
    page.wait_for_timeout(1000)


def shoot(page: Page, path: Path, width: int, height: int) -> None:
    """The whole page: Streamlit scrolls inside its main block, so grow the viewport to it."""
    content = page.evaluate(
        "() => document.querySelector('[data-testid=stMain]').scrollHeight")
    page.set_viewport_size({"width": width, "height": max(height, int(content))})
    page.wait_for_timeout(500)
    page.screenshot(path=str(path))
    page.set_viewport_size({"width": width, "height": height})


def capture(out: Path, sizes: list[str]) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    saved = []
    with tempfile.TemporaryDirectory() as folder, dashboard(
        demo_database(Path(folder) / "demo.duckdb")) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        for size in sizes:
            width, height = SIZES[size]
            page = browser.new_page(viewport={"width": width, "height": height})
            for name, path in PAGES.items():
                page.goto(f"{url}/{path}")
                settle(page)
                target = out / f"{name}-{size}.png"
                shoot(page, target, width, height)
                saved.append(target)
            page.close()
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(url)
        settle(page)
        page.get_by_text("English").click()
        settle(page)
        target = out / "board-desktop-en.png"
        shoot(page, target, 1400, 900)
        saved.append(target)
        browser.close()
    return saved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--sizes", nargs="+", default=list(SIZES), choices=list(SIZES))
    args = parser.parse_args()
    for path in capture(args.out, args.sizes):
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


if __name__ == "__main__":
    main()
