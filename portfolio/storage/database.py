"""The one way to open the database.

DuckDB allows one read-write process per file, and the dashboard and the flows are
separate processes. So every unit of work opens the file, does its work, and closes it
again; a lock held by another process is retried with jittered backoff for a bounded
time, after which the user is told the database is busy — never a raw DuckDB error.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from portfolio.errors import DatabaseBusy
from portfolio.storage.migrations import migrate
from portfolio.storage.store import Store

_LOCK_MARKERS = ("could not set lock", "conflicting lock")
_migrated: set[str] = set()
_migrate_lock = threading.Lock()


def _is_lock_error(exc: Exception) -> bool:
    text = str(exc).lower()
    return any(marker in text for marker in _LOCK_MARKERS)


def _is_conflict(exc: Exception) -> bool:
    return "conflict" in str(exc).lower() and isinstance(exc, duckdb.TransactionException)


class Database:
    def __init__(self, path: Path | str, *, lock_timeout: float = 15.0) -> None:
        self.path = Path(path)
        self.lock_timeout = lock_timeout

    def __repr__(self) -> str:
        return f"Database({str(self.path)!r})"

    def _open(self) -> duckdb.DuckDBPyConnection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + self.lock_timeout
        delay = 0.005
        while True:
            try:
                return duckdb.connect(str(self.path))
            except duckdb.IOException as exc:
                if not _is_lock_error(exc) or time.monotonic() >= deadline:
                    if _is_lock_error(exc):
                        raise DatabaseBusy() from exc
                    raise
            time.sleep(random.uniform(0, delay))
            delay = min(delay * 2, 0.25)

    @contextmanager
    def connect(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection for one unit of work, migrated to the current schema."""
        con = self._open()
        try:
            key = str(self.path.resolve())
            if key not in _migrated:
                with _migrate_lock:
                    migrate(con, self.path)
                    _migrated.add(key)
            yield con
        finally:
            con.close()

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """One atomic unit of work: all of it is stored, or none of it."""
        with self.connect() as con:
            con.begin()
            try:
                yield Store(con)
                con.commit()
            except duckdb.TransactionException as exc:
                con.rollback()
                if _is_conflict(exc):
                    raise DatabaseBusy() from exc
                raise
            except BaseException:
                con.rollback()
                raise

    @contextmanager
    def reading(self) -> Iterator[Store]:
        """A consistent read: one transaction, so a concurrent writer is never half-seen."""
        with self.connect() as con:
            con.begin()
            try:
                yield Store(con)
            finally:
                con.rollback()


def forget_migrations() -> None:
    """For tests that replace a database file at the same path."""
    _migrated.clear()
