"""A real Prefect server for the flow benchmarks, started early in its own process.

`prefect server start` (SQLite in a temporary PREFECT_HOME, no UI) as `make up` starts it.
Its start-up (importing the server, migrating a new database: 10-20 s) needs no result from
this process, so the bench starts it while it measures something that carries no target,
and only waits for it when the flows run: one core starts the server while the other
renders the meeting pack (full scale) or the pages (quick).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from failscale.processes import wait_healthy

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PrefectServer:
    def __init__(self, home: Path) -> None:
        self.home = home
        self.port = free_port()
        self.api_url = f"http://127.0.0.1:{self.port}/api"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        """Start the server process and return at once (again: nothing happens)."""
        if self.process is not None:
            return
        self.home.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "PREFECT_HOME": str(self.home), "PREFECT_API_URL": self.api_url,
               "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_UI_ENABLED": "false"}
        self.process = subprocess.Popen(
            [str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1",
             "--port", str(self.port)],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
        )

    @contextmanager
    def serving(self) -> Iterator[str]:
        """Flows in this block run against the server (started now if it was not)."""
        from prefect.settings import PREFECT_API_URL, temporary_settings

        self.start()
        try:
            if not wait_healthy(self.api_url, 120, self.process):
                raise RuntimeError(f"The Prefect server in {self.home} did not start.")
            with temporary_settings({PREFECT_API_URL: self.api_url}):
                yield self.api_url
        finally:
            self.stop()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.process = None
