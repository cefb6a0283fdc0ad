"""A consistent single-file copy of an open database, for backups and pre-upgrade copies.

`COPY FROM DATABASE` reads one transaction's snapshot, so writers in the same process may
carry on, and it keeps sequences at their current values and recreates indexes and keys:
the copy restores to exactly the same data. It is written beside the target and renamed
into place, so a crash mid-copy never leaves a half-written file under a backup's name.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import duckdb


def copy_database(con: duckdb.DuckDBPyConnection, target: Path) -> Path:
    """Copy the database `con` is connected to into the new file `target`."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.partial")
    alias = f"copy_{uuid.uuid4().hex[:8]}"
    row = con.execute("SELECT current_database()").fetchone()
    source = (row[0] if row else "main").replace('"', '""')
    try:
        con.execute(f"ATTACH '{_quoted(partial)}' AS {alias}")
        try:
            con.execute(f'COPY FROM DATABASE "{source}" TO {alias}')
        finally:
            con.execute(f"DETACH {alias}")
        _fsync(partial)
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target


def _quoted(path: Path) -> str:
    """ATTACH takes no parameters; the path is ours, but quote it as a literal anyway."""
    return str(path).replace("'", "''")


def _fsync(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())
