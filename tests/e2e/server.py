"""Run the real dashboard (`streamlit run`) on a free port against a demo database.

Shared by the browser tests and `make screenshots`.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from failscale.processes import dashboard_command
from portfolio.models import Actor
from portfolio.service.evaluation import evaluate_now
from portfolio.service.setup import initialise, seed_demo
from portfolio.settings import Settings
from portfolio.storage import Database
from tests.processes import stop

ROOT = Path(__file__).parents[2]
FAILSCALE = str(Path(sys.executable).parent / "failscale")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def chromium() -> str:
    found = shutil.which("chromium")
    if found is None:
        raise RuntimeError("chromium is not installed: `make browser` (apt-get install chromium)")
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def demo_database(path: Path, today: date | None = None) -> Path:
    """A demo portfolio evaluated as of today: what `failscale demo` + evaluate give."""
    db = Database(path)
    today = today or date.today()
    initialise(db, Actor.operator())
    seed_demo(db, Actor.operator(), today)
    evaluate_now(db, Actor.operator(), today, "demo-evaluation")
    return path


@contextmanager
def dashboard(
    db_path: Path | str, *, timeout: float = 60, auth_mode: str = "none",
    port: int | None = None, env: Mapping[str, str] | None = None,
    data_dir: Path | None = None,
) -> Iterator[str]:
    """Start `streamlit run dashboard/app.py` and yield its base URL once it is healthy.

    The journeys run without sign-in (FAILSCALE_AUTH_MODE=none, as the local operator);
    tests/security starts it with `auth_mode="local"` to test the sign-in itself. A test
    that must know the port before the server starts (an OIDC redirect URI) passes it, and
    `env` adds settings (e.g. where the OIDC secrets are). `db_path` is a DuckDB file (its
    data directory beside it) or a shared store's location (`ducklake:postgres:…`, with
    `data_dir` and FAILSCALE_LAKE_DATA_PATH in `env`).
    """
    port = port or free_port()
    data_dir = data_dir or Path(db_path).parent / "data"
    env = {**os.environ, **(env or {}), "FAILSCALE_DB": str(db_path),
           "FAILSCALE_AUTH_MODE": auth_mode,
           "FAILSCALE_DATA_DIR": str(data_dir),
           # Nothing listens here: "run now" evaluates in-process in the test server.
           "FAILSCALE_PREFECT_API_URL": "http://127.0.0.1:9/api"}
    process = subprocess.Popen(
        [*dashboard_command(Settings(), port), "--server.address=127.0.0.1"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, process, timeout)
        yield url
    finally:
        stop(process)


def _wait_healthy(url: str, process: subprocess.Popen[bytes], timeout: float,
                  *, health: str = "/_stcore/health", what: str = "the dashboard") -> None:
    """Until `url + health` answers 200; the process's last output if it ends first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            error = process.stderr.read().decode() if process.stderr else ""
            raise RuntimeError(f"{what} exited with {process.returncode}: {error[-2000:]}")
        try:
            with urllib.request.urlopen(f"{url}{health}", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{what} at {url} did not answer in {timeout} s")


@contextmanager
def api(env: Mapping[str, str], *, timeout: float = 60) -> Iterator[str]:
    """Start `failscale api` (uvicorn) on a free port with `env` (FAILSCALE_DB and the rest)
    and yield its base URL once it answers."""
    port = free_port()
    process = subprocess.Popen([FAILSCALE, "api", f"--port={port}"], cwd=ROOT, env=dict(env),
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, process, timeout, health="/api/v1/openapi.json",
                      what="failscale api")
        yield url
    finally:
        stop(process)
