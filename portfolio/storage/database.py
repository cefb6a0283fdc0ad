"""The one way to open the database.

DuckDB allows one read-write process per file, and the dashboard and the flows are
separate processes. So every unit of work opens the file, does its work, and closes it
again; a lock held by another process is retried with jittered backoff for a bounded
time, after which the user is told the database is busy — never a raw DuckDB error.

That is the embedded store, a file. `FAILSCALE_DB=ducklake:postgres:…` selects the shared
store instead (lake.py): the same units of work — transaction and reading — on a held
instance, with writers taking turns in PostgreSQL.

Inside one process (the dashboard serves many sessions from threads) DuckDB would let two
writers run at once and fail one of them on commit ("Conflict on update"), or let two
concurrent imports each add the same KPI's value for a date: the one write path of
measurements keeps one value per KPI per date by matching what is stored (schema 19).
Writers therefore take turns per file, so a unit of work never has to be re-run and always
sees every earlier write; readers do not wait for writers (MVCC). See docs/architecture.md.
"""

from __future__ import annotations

import os
import random
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

# DuckDB and pyarrow import pandas lazily, on a process's first conversion of a frame —
# which happens inside a unit of work, so the 0.5-3 s import would hold the file lock
# and keep every other process out (measured in #6). Import it before any lock is taken.
import pandas  # noqa: F401

from portfolio.errors import DatabaseBusy, NotADatabase
from portfolio.locations import is_lake
from portfolio.storage.atomic import atomic, rollback
from portfolio.storage.file_turn import turn_for
from portfolio.storage.lake import LakeBackend
from portfolio.storage.migrations import migrate
from portfolio.storage.store import Store

# Another process holds the file, or (same process) the shared instance is being closed
# by one thread while another opens it: both pass once the holder lets go.
_BUSY_ON_OPEN = ("could not set lock", "conflicting lock", "unique file handle conflict")
_MAX_PAUSE = 0.25

_migrated: set[tuple[str, int]] = set()
_guard = threading.Lock()
_writer_turns: dict[str, threading.RLock] = {}


def _busy_on_open(exc: Exception) -> bool:
    text = str(exc).lower()
    return any(marker in text for marker in _BUSY_ON_OPEN)


def _is_conflict(exc: BaseException) -> bool:
    return isinstance(exc, duckdb.TransactionException) and "conflict" in str(exc).lower()


_MAGIC = b"DUCK"  # a DuckDB file's bytes 8-12
_BEING_MADE_SECONDS = 5.0


def _not_yet_readable(path: Path) -> bool:
    """Whether `path` may be opened as the store now. A folder, or a file that is not a
    DuckDB database, is NotADatabase: DuckDB would open a CSV or Parquet file as an empty
    database in memory and lose every write at exit. A path that does not exist yet is a
    new database. A file shorter than DuckDB's first header, made in the last seconds, may be
    one another process is creating this instant: not yet (True), to be waited for like a
    busy one; an older one is an empty or broken copy."""
    if path.is_dir():
        raise NotADatabase(str(path))
    try:
        with path.open("rb") as file:
            head = file.read(12)
    except FileNotFoundError:
        return False
    if len(head) < 12:
        if time.time() - path.stat().st_mtime < _BEING_MADE_SECONDS:
            return True
        raise NotADatabase(str(path))
    if head[8:12] != _MAGIC:
        raise NotADatabase(str(path))
    return False


def _writer_turn(path: Path) -> threading.RLock:
    key = str(path.resolve())
    with _guard:
        return _writer_turns.setdefault(key, threading.RLock())


class Database:
    def __init__(
        self, path: Path | str, *, lock_timeout: float = 15.0, lake_data_path: str | None = None
    ) -> None:
        self.location = str(path)
        self.path = Path(path)
        self.lock_timeout = lock_timeout
        self.lake = (LakeBackend(self.location, lake_data_path, lock_timeout)
                     if is_lake(self.location) else None)

    def __repr__(self) -> str:
        return f"Database({self.location!r})"

    def open_locked(self, deadline: float | None = None) -> duckdb.DuckDBPyConnection:
        """Open the file, retrying while someone else holds it, until `deadline`.

        Our own processes queue on the file turn first (see file_turn); this retry is for
        anything else holding the file, and for the moment a thread of this process
        closes the shared instance while another opens it. Unmigrated on purpose: backup
        and restore must also handle a file of another schema version.
        """
        self.path.parent.mkdir(parents=True, exist_ok=True)
        deadline = deadline or time.monotonic() + self.lock_timeout
        ceiling = 0.005
        while True:
            try:
                if not _not_yet_readable(self.path):
                    return duckdb.connect(str(self.path))
                if time.monotonic() >= deadline:  # still cut short: an empty or broken copy
                    raise NotADatabase(str(self.path))
            except (duckdb.IOException, duckdb.BinderException) as exc:
                if not _busy_on_open(exc):
                    raise
                if time.monotonic() >= deadline:
                    raise DatabaseBusy() from exc
            time.sleep(random.uniform(0, ceiling))  # full jitter: waiters do not march in step
            ceiling = min(ceiling * 2, _MAX_PAUSE)

    @contextmanager
    def held(self, deadline: float | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
        """This process's turn on the file and an open, unmigrated connection to it."""
        deadline = deadline or time.monotonic() + self.lock_timeout
        turn = turn_for(self.path)
        turn.enter(deadline)
        try:
            con = self.open_locked(deadline)
            try:
                yield con
            finally:
                con.close()  # before the turn passes on: DuckDB's lock must be free by then
        finally:
            turn.leave()

    @contextmanager
    def connect(self, deadline: float | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection for one unit of work, migrated to the current schema."""
        if self.lake is not None:
            with self.lake.connect() as lake_con:
                yield lake_con  # type: ignore[misc]
            return
        with self.held(deadline) as con:
            self._migrate_once(con)
            yield con

    def _migrate_once(self, con: duckdb.DuckDBPyConnection) -> None:
        # Keyed by inode too: a restore swaps the file, and the new one is checked again.
        key = (str(self.path.resolve()), os.stat(self.path).st_ino)
        if key in _migrated:
            return
        with _writer_turn(self.path):
            if key not in _migrated:
                migrate(con, self.path)
                _migrated.add(key)

    @contextmanager
    def writer_turn(self, deadline: float) -> Iterator[None]:
        """This process's turn to write the file; DatabaseBusy when it does not come in time."""
        turn = _writer_turn(self.path)
        if not turn.acquire(timeout=max(deadline - time.monotonic(), 0)):
            raise DatabaseBusy()
        try:
            yield
        finally:
            turn.release()

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """One atomic unit of work: all of it is stored, or none of it."""
        if self.lake is not None:
            with self.lake.transaction() as lake_store:
                yield lake_store
            return
        deadline = time.monotonic() + self.lock_timeout
        with (self.writer_turn(deadline), self.connect(deadline) as con,
              atomic(con, _is_conflict) as store):
            yield store

    @contextmanager
    def reading(self) -> Iterator[Store]:
        """A consistent read: one transaction, so a concurrent writer is never half-seen."""
        if self.lake is not None:
            with self.lake.reading() as lake_store:
                yield lake_store
            return
        with self.connect() as con:
            con.begin()
            try:
                yield Store(con)
            finally:
                rollback(con)


def forget_migrations() -> None:
    """For tests that change a database file's schema behind the cache's back."""
    _migrated.clear()
