"""`failscale up`: start and supervise the Prefect server, the flows, the dashboard and the
API.

Ctrl-C (or SIGTERM) stops every child cleanly and quietly, and `up` exits 0; a child that
dies on its own stops the rest, so the operator never runs half a product without noticing.

Why the children run in their own sessions (#19): Ctrl-C in a terminal signals the whole
foreground process group. The children then died of SIGINT at the same moment as the
supervisor, printed their own tracebacks and warnings, and the supervisor, seeing a child
gone before its own KeyboardInterrupt arrived, reported "A process stopped unexpectedly"
and exited 1 (`make: *** Error 1`). Now only the supervisor hears Ctrl-C; it stops each
child's process group itself (SIGTERM, then SIGKILL after a grace period) and relays the
children's output only while they run, so nothing they say while stopping reaches the
terminal.
"""

from __future__ import annotations

import contextlib
import math
import os
import signal
import subprocess
import sys
import threading
import time
import warnings
from datetime import date
from pathlib import Path
from typing import IO

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
        # A fault the pages do not tell in words (dashboard/feedback.py) shows Streamlit's
        # redacted notice; its traceback goes to the log, not to the reader's screen.
        "--client.showErrorDetails=none",
        # Streamlit runs a full gc.collect() after every page run: ~30 % of the server's
        # CPU with ten people on it (#15, docs/performance.md). Python's own collector
        # still runs; memory stays bounded by it.
        "--runner.postScriptGC=false",
        # An upload is refused above the size an import reads (FAILSCALE_IMPORT_MAX_FILE_MB),
        # not at Streamlit's own 200 MB, and its drop zone says that limit.
        f"--server.maxUploadSize={max(1, math.ceil(settings.import_max_file_mb))}",
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


class Children:
    """The supervised processes, each in its own session, their output relayed to ours
    line by line until `stop` mutes it."""

    def __init__(self) -> None:
        self.processes: list[subprocess.Popen[bytes]] = []
        self.muted = threading.Event()

    def start(self, command: list[str], env: dict[str, str], *,
              quiet: bool = False) -> subprocess.Popen[bytes]:
        child = subprocess.Popen(
            command, env=env, start_new_session=True, stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL if quiet else subprocess.PIPE,
            stderr=subprocess.DEVNULL if quiet else subprocess.STDOUT,
        )
        self.processes.append(child)
        if child.stdout is not None:
            threading.Thread(target=self._relay, args=(child.stdout,), daemon=True).start()
        return child

    def _relay(self, stream: IO[bytes]) -> None:
        for line in stream:
            if not self.muted.is_set():
                sys.stdout.buffer.write(line)
                sys.stdout.flush()

    def stopped(self) -> subprocess.Popen[bytes] | None:
        return next((c for c in self.processes if c.poll() is not None), None)

    def stop(self, grace_seconds: float = 15) -> None:
        """SIGTERM to each child's process group (its own children too), newest first;
        SIGKILL to what still runs after the grace period."""
        self.muted.set()
        for child in reversed(self.processes):
            _signal_group(child, signal.SIGTERM)
        deadline = time.monotonic() + grace_seconds
        for child in reversed(self.processes):
            try:
                child.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                _signal_group(child, signal.SIGKILL)
                child.wait()


def _signal_group(child: subprocess.Popen[bytes], signum: int) -> None:
    with contextlib.suppress(ProcessLookupError):  # gone already
        os.killpg(child.pid, signum)  # the child leads its own session and group


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
        with db.transaction() as store:
            issued = create_demo_users(store, Actor.operator(), USERS)
        logins = demo_logins_text(issued)
        return f"demo portfolio loaded ({loaded} initiatives)\n{logins}"
    with db.transaction() as store:
        first = create_first_admin(store, Actor.operator())
    return "existing data reused" + (f"\n{first_admin_text(first)}" if first else "")


def _own_the_terminal() -> int | None:
    """Make `up` the terminal's foreground process group, as a job-control shell does for
    a job, and return the group that was; None without a terminal.

    Ctrl-C then signals `up` alone, not `make` and `uv run` above it: `make` would
    otherwise die of the SIGINT itself and report it (exit 130), whatever `up` returns.
    """
    if not sys.stdin.isatty():
        return None
    fd = sys.stdin.fileno()
    try:
        before = os.tcgetpgrp(fd)
        os.setpgid(0, 0)
        _set_foreground(fd, os.getpgrp())
    except OSError:
        return None
    return before


def _set_foreground(fd: int, group: int) -> None:
    """tcsetpgrp from a background group stops the caller with SIGTTOU unless ignored."""
    previous = signal.signal(signal.SIGTTOU, signal.SIG_IGN)
    try:
        os.tcsetpgrp(fd, group)
    finally:
        signal.signal(signal.SIGTTOU, previous)


def run_up(settings: Settings) -> int:
    signal.signal(signal.SIGTERM, _interrupt)
    terminal = _own_the_terminal()
    children = Children()
    try:
        return _run(settings, children)
    except KeyboardInterrupt:
        _quiet_from_now()
        print("\nStopping ...", flush=True)
        return 0
    finally:
        _quiet_from_now()
        children.stop()
        if children.processes:
            print("Stopped.", flush=True)
        if terminal is not None:
            with contextlib.suppress(OSError):
                _set_foreground(sys.stdin.fileno(), terminal)


def _quiet_from_now() -> None:
    """A second Ctrl-C, or a warning while stopping, must not print a traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    warnings.simplefilter("ignore")


def _run(settings: Settings, children: Children) -> int:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    print(f"Database {settings.db_shown}: {prepare_database(settings)}", flush=True)
    env = _prefect_env(settings)
    if server_is_up(settings.prefect_api_url):
        print(f"Using the Prefect server already running at {settings.prefect_api_url}")
    else:
        print("Starting the Prefect server (takes 15-20 s) ...", flush=True)
        server = children.start(
            [str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1",
             "--port", str(settings.prefect_port)], env, quiet=True)
        if not wait_healthy(settings.prefect_api_url, 120, server):
            print("The Prefect server did not start; see `prefect server start`.",
                  file=sys.stderr)
            return 1
    subprocess.call([str(BIN / "failscale"), "evaluate"], env=env)
    children.start([str(BIN / "failscale"), "serve"], env)
    children.start(dashboard_command(settings, settings.dashboard_port), env)
    children.start(api_command(settings), env)
    print(
        f"\nFail or Scale is running:\n"
        f"  dashboard      http://localhost:{settings.dashboard_port}\n"
        f"  REST API       http://localhost:{settings.api_port}/api/v1/docs\n"
        f"  public results http://localhost:{settings.api_port}/public\n"
        f"  Prefect UI     http://localhost:{settings.prefect_port}\n"
        f"Press Ctrl-C to stop.",
        flush=True,
    )
    while (gone := children.stopped()) is None:
        time.sleep(1)
    print(f"A process stopped unexpectedly: {' '.join(map(str, gone.args))}", file=sys.stderr)
    return 1
