"""A write unit of work on either store: everything the block did is committed, or all of
it is rolled back, and a write conflict is "database busy; not saved". The file and the
shared store differ only in what DuckDB calls a conflict on each (`conflict`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import Any

import duckdb

from portfolio.errors import DatabaseBusy
from portfolio.storage.store import Store


def rollback(con: Any) -> None:
    """Roll back if a transaction is still open (a failed commit has already ended it)."""
    with suppress(duckdb.Error):
        con.rollback()


@contextmanager
def atomic(con: Any, conflict: Callable[[BaseException], bool]) -> Iterator[Store]:
    """Commit what the block did, or roll all of it back; a write conflict is "busy"."""
    con.begin()
    try:
        yield Store(con)
        con.commit()
    except BaseException as exc:
        rollback(con)
        if conflict(exc):
            raise DatabaseBusy() from exc
        raise
