"""Processes take turns on a database file through a lock file beside it.

DuckDB's own lock cannot be waited on: a refused open costs ~15 ms of CPU, so waiters
must sleep between attempts, and while they sleep the file often stands free (measured
in #6: p95 waits of 1-3 s behind 60 ms units of work). `flock` on a sidecar file can be
tried in microseconds, so waiters poll it every few milliseconds and the next process
opens the database as soon as the previous one has closed it.

Within one process the threads share one DuckDB instance, as they share this turn: the
first unit of work in takes it, the last one out gives it back.
"""

from __future__ import annotations

import fcntl
import os
import random
import threading
import time
from pathlib import Path

from portfolio.errors import DatabaseBusy

_POLL_CEILING = 0.008


class FileTurn:
    def __init__(self, lock_path: Path) -> None:
        self.lock_path = lock_path
        self._mutex = threading.Lock()
        self._users = 0
        self._fd: int | None = None

    def enter(self, deadline: float) -> None:
        if not self._mutex.acquire(timeout=max(deadline - time.monotonic(), 0)):
            raise DatabaseBusy()
        try:
            if self._users == 0:
                self._fd = _acquire(self.lock_path, deadline)
            self._users += 1
        finally:
            self._mutex.release()

    def leave(self) -> None:
        with self._mutex:
            self._users -= 1
            if self._users == 0 and self._fd is not None:
                os.close(self._fd)  # closing the descriptor releases the flock
                self._fd = None


def _acquire(lock_path: Path, deadline: float) -> int:
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    ceiling = 0.001
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return fd
        except BlockingIOError:
            if time.monotonic() >= deadline:
                os.close(fd)
                raise DatabaseBusy() from None
        time.sleep(random.uniform(0, ceiling))
        ceiling = min(ceiling * 2, _POLL_CEILING)


_turns: dict[str, FileTurn] = {}
_guard = threading.Lock()


def turn_for(database: Path) -> FileTurn:
    """The one FileTurn of this process for `database`."""
    lock_path = database.resolve().with_name(database.name + ".lock")
    with _guard:
        return _turns.setdefault(str(lock_path), FileTurn(lock_path))
