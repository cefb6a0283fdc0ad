"""`dashboard_concurrent_p95_seconds` (#15): ten people at once on the dashboard.

The dashboard as `failscale dashboard` serves it (its own process, signed in as the local
operator: FAILSCALE_AUTH_MODE=none), the municipal portfolio, and ten real browser sessions
(Playwright driving Debian chromium, one browser context each): four steering-group members
open the agenda, three leaders open the board and three open their initiative — all ten at
the same moment, three rounds. Each sample is the time from the click (or the link's
navigation) to the rendered page: its heading shown and Streamlit's script finished.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.prefect_server import free_port

BIN = Path(sys.executable).parent
ROOT = Path(__file__).parents[1]
SESSIONS = 10
ROUNDS = 3
SETTLED = "[data-testid='stApp'][data-test-script-state='notRunning']"
TIMEOUT_MS = 120_000


@dataclass(frozen=True)
class Visit:
    start: str
    """Path the session is on before the measured step."""
    heading: str
    click: str | None = None
    """Link to click; None: navigate to `target` as a shared link does."""
    target: str = ""


def visits(initiative_id: str, initiative_title: str) -> list[Visit]:
    agenda = Visit("/", "Agenda: what is due and why", click="Steering review")
    board = Visit("/lessons", "Portfolio board", click="Portfolio board")
    initiative = Visit("/", initiative_title, target=f"/initiative?id={initiative_id}")
    return [agenda] * 4 + [board] * 3 + [initiative] * 3


async def _settled(page: Any, heading: str) -> None:
    await page.get_by_role("heading", name=heading, exact=True).first.wait_for(
        timeout=TIMEOUT_MS)
    await page.locator(SETTLED).wait_for(timeout=TIMEOUT_MS)


async def _session(browser: Any, url: str, visit: Visit, start: asyncio.Barrier,
                   samples: list[float]) -> None:
    context = await browser.new_context(locale="en-US", viewport={"width": 1400, "height": 900})
    page = await context.new_page()
    try:
        for _ in range(ROUNDS):
            await page.goto(url + visit.start, timeout=TIMEOUT_MS)
            await page.locator(SETTLED).wait_for(timeout=TIMEOUT_MS)
            await page.wait_for_timeout(300)
            await start.wait()  # everyone clicks at once
            began = time.perf_counter()
            if visit.click:
                await page.get_by_role("link", name=visit.click).first.click(
                    timeout=TIMEOUT_MS)
            else:
                await page.goto(url + visit.target, timeout=TIMEOUT_MS)
            await _settled(page, visit.heading)
            samples.append(time.perf_counter() - began)
            if os.environ.get("BENCH_DASHBOARD_DEBUG"):
                print(visit.heading[:20], round(samples[-1], 2), flush=True)
    finally:
        await context.close()


async def _measure(url: str, plan: list[Visit]) -> list[float]:
    from playwright.async_api import async_playwright

    samples: list[float] = []
    start = asyncio.Barrier(len(plan))
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(
            executable_path=shutil.which("chromium"),
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        try:
            await asyncio.gather(*(_session(browser, url, v, start, samples) for v in plan))
        finally:
            await browser.close()
    return samples


def _wait_healthy(url: str, process: subprocess.Popen[bytes], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("the dashboard exited")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError("the dashboard did not start")


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def stop_group(process: subprocess.Popen[bytes]) -> None:
    """Stop a process started with start_new_session and every process it started."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=15)
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)  # a child that outlived the command
            return
        except subprocess.TimeoutExpired:
            continue


def bench_dashboard(db: Path, initiative_id: str, title: str,
                    run: Callable[[Awaitable[list[float]]], list[float]] = asyncio.run,
                    ) -> dict[str, float]:
    """Start `failscale dashboard` on `db`, measure, stop it."""
    port = free_port()
    env = {**os.environ, "FAILSCALE_DB": str(db), "FAILSCALE_AUTH_MODE": "none",
           "FAILSCALE_LANGUAGE": "en",  # the headings and links the sessions look for
           "FAILSCALE_DATA_DIR": str(db.parent / "data-dashboard"),
           "FAILSCALE_PREFECT_API_URL": f"http://127.0.0.1:{free_port()}/api"}
    # Its own process group: `failscale dashboard` starts Streamlit as a child, which
    # stopping the command alone left serving after the bench ended.
    process = subprocess.Popen([str(BIN / "failscale"), "dashboard", "--port", str(port)],
                               cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, process, 60)
        samples = run(_measure(url, visits(initiative_id, title)))
    finally:
        stop_group(process)
    return {"dashboard_concurrent_p95_seconds": p95(samples),
            "dashboard_concurrent_median_seconds": sorted(samples)[len(samples) // 2],
            "dashboard_concurrent_max_seconds": max(samples)}
