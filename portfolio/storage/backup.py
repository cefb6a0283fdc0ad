"""Backing the database up while the product runs, and putting a backup back.

A backup is a consistent single-file copy (see consistent_copy). A restore validates the
backup, stages it beside the live file, and swaps it in with one atomic rename while it
holds the database's lock, so no other process has the old file open — and so writes
into it, or into its write-ahead log — at the moment of the swap. The restored file is
a new inode, so every process checks its schema again on its next open and upgrades it
like any older database.
"""

from __future__ import annotations

import os
import re
import shutil
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from portfolio.errors import BackupRefused, SchemaTooNew
from portfolio.storage.consistent_copy import copy_database
from portfolio.storage.database import Database
from portfolio.storage.migrations import current_version, latest_version

_SCHEDULED = re.compile(r"^portfolio-\d{8}T\d{6}\d*Z\.duckdb$")


@dataclass(frozen=True)
class BackupFile:
    path: Path
    schema_version: int
    size_bytes: int


def scheduled_name(at: datetime | None = None) -> str:
    """Backups in the backup folder are named by time, so name order is age order."""
    return f"portfolio-{(at or datetime.now(UTC)).strftime('%Y%m%dT%H%M%S%fZ')}.duckdb"


def back_up(db: Database, target: Path) -> BackupFile:
    """Copy the live database into the new file `target` (never overwritten)."""
    # The refusal names what to do instead (#17). A DuckDB copy of the lake would have none
    # of the keys and sequences the file's schema declares (lake_sql leaves them out), so it
    # could not be restored as a file store; the catalog and its data files are consistent
    # only when the operator's own tools take them together.
    if db.lake is not None:
        raise BackupRefused(code="backup.lake")
    if target.exists():
        raise BackupRefused(code="backup.exists", params={"target": str(target)})
    with db.connect() as con:
        copy_database(con, target)
    return inspect(target)


def inspect(path: Path) -> BackupFile:
    """What a backup file holds; BackupRefused when it is no Fail or Scale database."""
    if not path.is_file():
        raise BackupRefused(code="backup.missing", params={"path": str(path)})
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as exc:
        raise BackupRefused(code="backup.unreadable",
                            params={"path": str(path), "kind": type(exc).__name__}) from None
    try:
        version = current_version(con)
    finally:
        con.close()
    if version == 0:
        raise BackupRefused(code="backup.no_schema", params={"path": str(path)})
    return BackupFile(path, version, path.stat().st_size)


def prune(folder: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` timed backups in `folder`; returns what went."""
    timed = sorted(p for p in folder.glob("portfolio-*.duckdb") if _SCHEDULED.match(p.name))
    doomed = timed[:-keep] if keep > 0 else timed
    for path in doomed:
        path.unlink(missing_ok=True)
    return doomed


@dataclass(frozen=True)
class RestoreDone:
    """What a restore did: the safety copy of the database it replaced (None when there
    was none) and when it took hold of the database. Every write acknowledged before that
    moment is in the safety copy; none was acknowledged while it held the database."""

    safety: BackupFile | None
    held_from: datetime


def restore(db: Database, source: Path, *, force: bool, safety_dir: Path) -> RestoreDone:
    """Put the backup `source` in place of the live database.

    Refuses to replace an existing database without `force`; with it, the live database
    is first copied to `safety_dir`, so a restore can itself be undone. The restore holds
    the database from before the safety copy until the swap (#14): a writer either
    finished before it (its rows are in the safety copy) or waits, and is told "database
    busy; not saved" if the restore outlasts its patience, or writes into the restored
    database after it. Nothing is acknowledged and then discarded.
    """
    if db.lake is not None:  # there is no file to swap (#17)
        raise BackupRefused(code="restore.lake")
    backup = inspect(source)
    if backup.schema_version > latest_version():
        raise SchemaTooNew(
            f"{source} has schema version {backup.schema_version}, newer than this release "
            f"understands ({latest_version()}). Upgrade Fail or Scale first."
        )
    if db.path.exists() and not force:
        raise BackupRefused(code="restore.exists", params={"path": str(db.path)})
    staged = db.path.with_name(f".{db.path.name}.{uuid.uuid4().hex[:8]}.restoring")
    try:
        if not db.path.exists():
            _stage(source, staged)
            os.replace(staged, db.path)
            return RestoreDone(None, datetime.now(UTC))
        deadline = time.monotonic() + db.lock_timeout
        with db.writer_turn(deadline), db.held(deadline) as con:
            held_from = datetime.now(UTC)
            safety = safety_dir / f"before-restore-{scheduled_name()}"
            copy_database(con, safety)
            _stage(source, staged)
            con.execute("CHECKPOINT")  # nothing of the old file left in its write-ahead log
            os.replace(staged, db.path)
        return RestoreDone(inspect(safety), held_from)
    finally:
        staged.unlink(missing_ok=True)


def _stage(source: Path, staged: Path) -> None:
    """A durable copy of the backup beside the live file, ready for one atomic rename."""
    shutil.copyfile(source, staged)
    with open(staged, "rb") as handle:
        os.fsync(handle.fileno())
