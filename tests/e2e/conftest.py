"""Browser tests: the real dashboard (`streamlit run`) in Debian chromium via Playwright."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.server import CHROMIUM_ARGS, chromium, dashboard, demo_database

TIMEOUT_MS = 15_000  # a 2-core machine shared with other work


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_type_launch_args, "executable_path": chromium(), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "viewport": {"width": 1280, "height": 800}}


@pytest.fixture(scope="session")
def dashboard_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = demo_database(tmp_path_factory.mktemp("e2e") / "portfolio.duckdb")
    with dashboard(Path(path)) as url:
        yield url


@pytest.fixture
def app_page(page: Page, dashboard_url: str) -> Page:
    page.set_default_timeout(TIMEOUT_MS)
    expect.set_options(timeout=TIMEOUT_MS)
    return page
