"""Ctrl-C on `make up` stops every process quietly and exits 0 (#19).

A real terminal (a pty) runs `make up` (a Makefile whose `up` runs `failscale up`, as the
project's does through uv) under bash, and the test types Ctrl-C into it. Before #19 this
printed the children's own "Stopping..." and warnings, "A process stopped unexpectedly",
and `make: *** Error 1`, or make died of the SIGINT itself (exit 130). Real Prefect server,
flows, dashboard and API on free ports.
"""

from __future__ import annotations

import os
import pty
import select
import signal
import socket
import sys
import time
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def listening(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


class Terminal:
    """bash in a pseudo-terminal: what it printed, and keys typed into it."""

    def __init__(self, command: str, cwd: Path, env: dict[str, str]) -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: bash in the new terminal
            # A shell in a terminal hears Ctrl-C. A test run started in the background
            # (`make test &`, nohup) ignores SIGINT, and every child would inherit that.
            for signum in (signal.SIGINT, signal.SIGQUIT):
                signal.signal(signum, signal.SIG_DFL)
            os.chdir(cwd)
            os.execvpe("bash", ["bash", "-c", command], env)
        self.output = b""

    def read_until(self, text: str, seconds: float) -> bool:
        deadline = time.monotonic() + seconds
        while text.encode() not in self.output and time.monotonic() < deadline:
            ready, _, _ = select.select([self.fd], [], [], 0.2)
            if ready:
                try:
                    self.output += os.read(self.fd, 65536)
                except OSError:  # the terminal closed: bash has exited
                    break
        return text.encode() in self.output

    def type(self, keys: bytes) -> None:
        os.write(self.fd, keys)

    def text(self) -> str:
        return self.output.decode(errors="replace").replace("\r\n", "\n")


@pytest.mark.e2e
def test_ctrl_c_on_make_up_stops_every_process_quietly_with_exit_0(tmp_path: Path):
    ports = {"PREFECT": free_port(), "DASHBOARD": free_port(), "API": free_port()}
    # A user types `make up` in a shell, not inside another make (as `make test` runs this):
    # without the outer make's variables the inner one prints no "Entering directory".
    outer = {"MAKELEVEL", "MAKEFLAGS", "MFLAGS", "MAKEOVERRIDES"}
    shell = {k: v for k, v in os.environ.items() if k not in outer}
    env = dict(shell, FAILSCALE_DB=str(tmp_path / "portfolio.duckdb"),
               FAILSCALE_DATA_DIR=str(tmp_path / "data"),
               FAILSCALE_PREFECT_PORT=str(ports["PREFECT"]),
               FAILSCALE_PREFECT_API_URL=f"http://127.0.0.1:{ports['PREFECT']}/api",
               FAILSCALE_DASHBOARD_PORT=str(ports["DASHBOARD"]),
               FAILSCALE_API_PORT=str(ports["API"]), PYTHONUNBUFFERED="1")
    (tmp_path / "Makefile").write_text(f"up:\n\t{BIN / 'failscale'} up\n")
    terminal = Terminal("make up; echo EXIT=$?", tmp_path, env)
    try:
        assert terminal.read_until("Press Ctrl-C", 180), terminal.text()
        deadline = time.monotonic() + 60
        while not listening(ports["DASHBOARD"]) and time.monotonic() < deadline:
            time.sleep(0.5)
        terminal.read_until("\x00", 5)  # the children's start-up lines
        before = len(terminal.text())
        terminal.type(b"\x03")  # Ctrl-C
        assert terminal.read_until("EXIT=", 60), terminal.text()
    finally:
        os.waitpid(terminal.pid, 0) if terminal.read_until("EXIT=", 1) else os.kill(
            terminal.pid, 9)
    after = terminal.text()[before:].replace("^C", "")
    # Nothing but the supervisor's two lines: no child's "Stopping...", no warning, no
    # traceback, no "A process stopped unexpectedly", no make error; and make exits 0.
    assert [line.strip() for line in after.splitlines() if line.strip()] == [
        "Stopping ...", "Stopped.", "EXIT=0"], terminal.text()
    assert not [name for name, port in ports.items() if listening(port)]
