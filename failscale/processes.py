"""`failscale up`: start and supervise the Prefect server, the flows, the dashboard and the
API.

Ctrl-C (or SIGTERM) stops every child cleanly; a child that dies on its own stops the
rest, so the operator never runs half a product without noticing.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import dashboard
from failscale.logins import demo_logins_text, first_admin_text
from failscale.prefect_env import server_is_up
from portfolio.demo.org import USERS
from portfolio.models import Actor
from portfolio.service.setup import initialise, seed_demo
from portfolio.service.users import create_demo_users, create_first_admin
from portfolio.settings import Settings
from portfolio.storage import Database

BIN = Path(sys.executable).parent


def dashboard_command(settings: Settings, port: int) -> list[str]:
    app = Path(dashboard.__file__).parent / "app.py"
    return [
        str(BIN / "streamlit"), "run", str(app),
        "--server.headless=true", f"--server.port={port}",
        "--browser.gatherUsageStats=false", "--server.fileWatcherType=none",
        "--client.toolbarMode=viewer",  # no "Deploy" or developer menu for end users
    ]


def api_command(settings: Settings) -> list[str]:
    """The REST API and the public results page (#19), beside the dashboard."""
    return [str(BIN / "failscale"), "api", f"--port={settings.api_port}"]


def run_dashboard(settings: Settings, port: int) -> int:
    return subprocess.call(dashboard_command(settings, port))


def _prefect_env(settings: Settings) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        PREFECT_HOME=str((settings.data_dir / "prefect").resolve()),
        PREFECT_API_URL=settings.prefect_api_url,
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        FAILSCALE_DB=settings.db_location,
    )
    return env


def wait_healthy(url: str, seconds: float, proc: subprocess.Popen[bytes] | None) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server_is_up(url, timeout=1.0):
            return True
        if proc is not None and proc.poll() is not None:
            return False
        time.sleep(0.5)
    return False


def _stop(children: list[subprocess.Popen[bytes]]) -> None:
    for child in reversed(children):
        if child.poll() is None:
            child.terminate()
    deadline = time.monotonic() + 15
    for child in reversed(children):
        try:
            child.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.kill()


def _interrupt(signum: int, frame: object) -> None:
    """SIGTERM stops `up` the way Ctrl-C does: children first, then the supervisor."""
    raise KeyboardInterrupt


def prepare_database(settings: Settings) -> str:
    """Schema, policy, and on first run the demo with its logins (printed once); a database
    without accounts gets its first administrator with a one-time password."""
    db = Database(settings.db, lock_timeout=settings.lock_timeout_seconds,
                  lake_data_path=settings.lake_data_path)
    initialise(db, Actor.operator())
    loaded = seed_demo(db, Actor.operator(), date.today())
    if loaded:
        logins = demo_logins_text(create_demo_users(db, Actor.operator(), USERS))
        return f"demo portfolio loaded ({loaded} initiatives)\n{logins}"
    first = create_first_admin(db, Actor.operator())
    return "existing data reused" + (f"\n{first_admin_text(first)}" if first else "")


def run_up(settings: Settings) -> int:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    print(f"Database {settings.db}: {prepare_database(settings)}", flush=True)
    env = _prefect_env(settings)
    children: list[subprocess.Popen[bytes]] = []
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        if server_is_up(settings.prefect_api_url):
            print(f"Using the Prefect server already running at {settings.prefect_api_url}")
        else:
            print("Starting the Prefect server (takes 15-20 s) ...", flush=True)
            server = subprocess.Popen(
                [str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1",
                 "--port", str(settings.prefect_port)],
                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
            )
            children.append(server)
            if not wait_healthy(settings.prefect_api_url, 120, server):
                print("The Prefect server did not start; see `prefect server start`.",
                      file=sys.stderr)
                return 1
        subprocess.call([str(BIN / "failscale"), "evaluate"], env=env)
        children.append(subprocess.Popen([str(BIN / "failscale"), "serve"], env=env))
        children.append(subprocess.Popen(dashboard_command(settings, settings.dashboard_port),
                                         env=env))
        children.append(subprocess.Popen(api_command(settings), env=env))
        print(
            f"\nFail or Scale is running:\n"
            f"  dashboard      http://localhost:{settings.dashboard_port}\n"
            f"  REST API       http://localhost:{settings.api_port}/api/v1/docs\n"
            f"  public results http://localhost:{settings.api_port}/public\n"
            f"  Prefect UI     http://localhost:{settings.prefect_port}\n"
            f"Press Ctrl-C to stop.",
            flush=True,
        )
        while True:
            for child in children:
                if child.poll() is not None:
                    print(f"A process stopped unexpectedly: {' '.join(map(str, child.args))}",
                          file=sys.stderr)
                    return 1
            time.sleep(1)
    except KeyboardInterrupt:
        print("\nStopping ...", flush=True)
        return 0
    finally:
        _stop(children)
