"""The shared store: DuckLake with its catalog in PostgreSQL and its data files under a
data path (#17). Selected by `FAILSCALE_DB=ducklake:postgres:<libpq connection string>`.

- One DuckDB instance per process, held for the process's life, with a cursor per unit of
  work: opening an instance, loading the extensions and attaching costs ~1 s, a query on
  a held one ~0.03 s (ENVIRONMENT.md). There is no lock file: many processes on many
  machines share the catalog.
- Readers never wait: each unit of work reads one DuckLake snapshot.
- Writers take turns through a PostgreSQL advisory lock in the catalog database, held by
  a transaction of its own for the whole unit of work. That is what keeps keys unique
  (DuckLake has no keys: two concurrent appends of one key would both succeed) and what
  spares a unit of work DuckLake's per-table write conflicts (a delete and an insert in
  one table by two transactions conflict even for disjoint rows). A process killed while
  writing loses its PostgreSQL connection, and with it the lock; its DuckLake
  transaction never committed, so nothing of it is seen.
- The extensions come from the pinned PyPI packages (duckdb-extension-ducklake/postgres),
  installed from the files inside them: never from the internet.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import duckdb
import pandas  # noqa: F401 - imported before any lock is taken (see database.py)

from portfolio.errors import DatabaseBusy, LakeDataPathMissing, StoreUnavailable
from portfolio.locations import PASSWORD, PREFIX, catalog_address
from portfolio.storage.atomic import atomic, rollback
from portfolio.storage.lake_sql import LakeSchema, learn, translate
from portfolio.storage.store import Store

LAKE = "lake"
CATALOG = "failscale_catalog"
_WITHOUT_CATALOG_STATISTICS = "statistics_propagation,join_order"
WRITERS_LOCK = 0x6661696C  # "fail": the one advisory-lock key the writers take turns on


def extension_file(name: str) -> Path:
    """The signed extension binary inside its PyPI package (duckdb-extension-NAME)."""
    module = __import__(f"duckdb_extension_{name}")
    found = sorted(Path(module.__file__).parent.glob(f"extensions/*/{name}.duckdb_extension"))
    if not found:
        raise RuntimeError(f"duckdb-extension-{name} holds no {name}.duckdb_extension")
    return found[-1]


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


_schema: LakeSchema | None = None


def lake_schema() -> LakeSchema:
    """What the shipped migrations declare that DuckLake cannot hold (see lake_sql)."""
    global _schema
    if _schema is None:
        from portfolio.storage.migrations import available

        _schema = learn([sql for _, _, sql in available()])
    return _schema


class LakeConnection:
    """A cursor on the held instance that says every statement the lake's way."""

    def __init__(self, cursor: duckdb.DuckDBPyConnection) -> None:
        self._cursor = cursor
        self._schema = lake_schema()

    def execute(self, query: str, parameters: Any = None) -> duckdb.DuckDBPyConnection:
        result = self._cursor
        for step in translate(query, self._schema):
            params = parameters if step.with_parameters else None
            result = self._cursor.execute(step.sql, params) if params is not None \
                else self._cursor.execute(step.sql)
        return result

    def executemany(self, query: str, parameters: Any) -> duckdb.DuckDBPyConnection:
        for row in parameters:
            self.execute(query, row)
        return self._cursor

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cursor, name)


_instances: dict[tuple[int, str, str], duckdb.DuckDBPyConnection] = {}
_guard = threading.Lock()
_migrated: set[tuple[int, str]] = set()
_turns = threading.local()


def _open_instance(location: str, data_path: str | None) -> duckdb.DuckDBPyConnection:
    libpq = location[len(PREFIX):]
    con = duckdb.connect(config={"autoinstall_known_extensions": False,
                                 "autoload_known_extensions": False})
    for name in ("postgres", "ducklake"):
        con.execute(f"INSTALL {_quote(str(extension_file(name)))}")
        con.execute(f"LOAD {name}")
    # No data inlining: with inlined rows every unit of work asks PostgreSQL's system
    # catalog about each inlined table again, 0.12-0.17 s per table read against 0.05 s
    # without (measured under load, #17). Small writes become small Parquet files
    # instead, which `ducklake_merge_adjacent_files` compacts (docs/scale-out.md).
    options = ["DATA_INLINING_ROW_LIMIT 0"]
    if data_path:
        options.append(f"DATA_PATH {_quote(data_path)}")
    # DuckLake 1.5.5 answers the optimizer's statistics questions from the catalog, two
    # PostgreSQL queries per column of every table a statement names, uncached: a SELECT *
    # of evaluations cost 254 catalog round trips and 80-170 ms. Without these two passes
    # it costs 12-20 and 7-10 ms; a write unit of work 130 round trips instead of 240-370,
    # and the national evaluation was no slower (#17, docs/scale-out.md). Set for the
    # whole instance, so every cursor has it.
    con.execute(f"SET GLOBAL disabled_optimizers = {_quote(_WITHOUT_CATALOG_STATISTICS)}")
    try:
        con.execute(f"ATTACH {_quote(location)} AS {LAKE} ({', '.join(options)})")
        con.execute(f"ATTACH {_quote(libpq)} AS {CATALOG} (TYPE postgres)")
        con.execute(f"USE {LAKE}")
    except BaseException:
        con.close()  # a catalog out of reach: the next unit of work opens a new one
        raise
    return con


def instance(location: str, data_path: str | None) -> duckdb.DuckDBPyConnection:
    """This process's one DuckDB instance on the lake at `location`."""
    key = (os.getpid(), location, data_path or "")
    with _guard:
        if key not in _instances:
            if data_path:
                Path(data_path).mkdir(parents=True, exist_ok=True)
            with answering(location):
                _instances[key] = _open_instance(location, data_path)
        return _instances[key]


# What DuckDB's postgres extension (libpq) says when the catalog's server does not answer
# (for now: down, restarting, out of reach) …
_NO_ANSWER = ("connection refused", "could not connect", "could not translate host name",
              "server closed the connection", "no connection to the server",
              "terminating connection", "connection timed out", "timeout expired",
              "the database system is starting up", "the database system is shutting down")
# … and when it answers but refuses (a wrong database, user or password: until changed).
_REFUSED = re.compile(r"FATAL:\s*([^\n]+)")


_DATA_FILE = re.compile(r'Cannot open file "([^"]+)"')


@contextmanager
def answering(location: str, data_path: str | None = None) -> Iterator[None]:
    """A catalog that does not answer, or a data file under the data path that cannot be
    opened (a shared mount gone), is StoreUnavailable, told as a busy database is, not
    DuckDB's IOException. Nothing else needs doing: a held instance reconnects by itself
    once PostgreSQL is back (measured: a restart of PostgreSQL under a held instance, then
    reads and writes succeed without reopening it), and reads a mount that is back."""
    try:
        yield
    except duckdb.Error as exc:
        # DuckDB's text may hold the whole connection string, password and all: it is not
        # chained to what is raised instead, which logs and tracebacks would show.
        text = str(exc)
        if "data_path is not set" in text:
            raise LakeDataPathMissing() from None
        if any(sign in text.lower() for sign in _NO_ANSWER):
            raise StoreUnavailable(catalog_address(location)) from None
        if "unable to connect to postgres" in text.lower():
            refused = _REFUSED.search(text)
            raise StoreUnavailable(catalog_address(location), refused=(
                refused.group(1).strip() if refused else None)) from None
        missing = _DATA_FILE.search(text)
        if isinstance(exc, duckdb.IOException) and missing and data_path \
                and missing.group(1).startswith(os.path.abspath(data_path)):
            raise StoreUnavailable(str(data_path), data_file=missing.group(1)) from exc
        if PASSWORD.search(text):
            raise type(exc)(PASSWORD.sub("password=****", text)) from None
        raise



def _is_conflict(exc: BaseException) -> bool:
    text = str(exc).lower()
    return isinstance(exc, duckdb.Error) and ("conflict" in text or "lock timeout" in text)


class LakeBackend:
    def __init__(self, location: str, data_path: str | None, lock_timeout: float) -> None:
        self.location = location
        self.data_path = data_path or os.environ.get("FAILSCALE_LAKE_DATA_PATH") or None
        self.lock_timeout = lock_timeout

    def _instance(self) -> duckdb.DuckDBPyConnection:
        return instance(self.location, self.data_path)

    @contextmanager
    def cursor(self) -> Iterator[LakeConnection]:
        cursor = self._instance().cursor()
        try:
            cursor.execute(f"USE {LAKE}")
            yield LakeConnection(cursor)
        finally:
            cursor.close()

    @contextmanager
    def plain_cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor that says statements as written, for DuckLake's own functions
        (housekeeping); units of work use `cursor`."""
        with answering(self.location, self.data_path):
            self.migrate_once()
            cursor = self._instance().cursor()
            try:
                cursor.execute(f"USE {LAKE}")
                yield cursor
            finally:
                cursor.close()

    @contextmanager
    def writers_turn(self) -> Iterator[None]:
        """The cluster-wide writer's turn: a PostgreSQL advisory lock for one transaction.

        A thread that has the turn keeps it for what it nests (as the file's RLock does):
        asking PostgreSQL again, on another connection, would wait for itself."""
        if getattr(_turns, self.location, False):
            yield
            return
        setattr(_turns, self.location, True)
        try:
            with self._advisory_lock():
                yield
        finally:
            setattr(_turns, self.location, False)

    @contextmanager
    def _advisory_lock(self) -> Iterator[None]:
        lock = self._instance().cursor()
        try:
            lock.begin()
            timeout_ms = max(int(self.lock_timeout * 1000), 1)
            try:
                lock.execute(
                    f"CALL postgres_execute('{CATALOG}', 'SET LOCAL lock_timeout = "
                    f"''{timeout_ms}ms''; SELECT pg_advisory_xact_lock({WRITERS_LOCK})')"
                )
            except duckdb.Error as exc:
                if "lock timeout" in str(exc).lower():
                    raise DatabaseBusy() from exc
                raise
            try:
                yield
            finally:
                rollback(lock)  # ends the PostgreSQL transaction: the lock goes with it
        finally:
            lock.close()

    def migrate_once(self) -> None:
        key = (os.getpid(), self.location)
        if key in _migrated:
            return
        from portfolio.storage.migrations import migrate

        with self.writers_turn(), self.cursor() as con:
            migrate(con)  # type: ignore[arg-type]
        _migrated.add(key)

    @contextmanager
    def connect(self) -> Iterator[LakeConnection]:
        with answering(self.location, self.data_path):
            self.migrate_once()
            with self.cursor() as con:
                yield con

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        with answering(self.location, self.data_path):
            self.migrate_once()
            with self.writers_turn(), self.cursor() as con, atomic(con, _is_conflict) as store:
                yield store

    @contextmanager
    def reading(self) -> Iterator[Store]:
        with answering(self.location, self.data_path):
            self.migrate_once()
            with self.cursor() as con:
                con.begin()
                try:
                    yield Store(con)  # type: ignore[arg-type]
                finally:
                    rollback(con)


def release(location: str) -> None:
    """Close this process's instance on `location` (tests drop their lake afterwards)."""
    with _guard:
        for key in [k for k in _instances if k[1] == location]:
            with suppress(duckdb.Error):
                _instances.pop(key).close()
    _migrated.discard((os.getpid(), location))
