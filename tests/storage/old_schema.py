"""A database file as an earlier release left it, for the migration tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from portfolio.storage.migrations import migrate


@contextmanager
def at_version(path: Path, version: int, **options: Any) -> Iterator[duckdb.DuckDBPyConnection]:
    """The file at `path` migrated only up to schema `version` (`options` as `migrate`
    takes them); the block writes what that release would have stored, then it is closed."""
    con = duckdb.connect(str(path))
    try:
        migrate(con, path, target=version, **options)
        yield con
    finally:
        con.close()
