"""Housekeeping of the store: what many small writes leave behind (#17).

On the shared store every unit of work that writes a table adds a Parquet file and a
snapshot, and DuckLake deletes nothing by itself: an inbox imported every 15 minutes
leaves thousands of small files a month, and every file a statement reads costs catalog
rows and a file open. DuckLake's own maintenance functions are the cure, in the order its
`CHECKPOINT` runs them: merge adjacent small files, rewrite files that are mostly deleted
rows (an evaluation run again for a date deletes the earlier verdicts), expire snapshots
older than the retention, then delete from the data path what was scheduled for deletion
longer ago than it and what no snapshot knows (orphans of writers killed mid-write).

The retention is the window in which a long read or a backup (`pg_dump` of the catalog,
then a copy of the data path; docs/scale-out.md) still finds every file it refers to: a
file is deleted only once no snapshot kept within it has referred to it for that long.
It runs in the writers' turn, so no unit of work is half-way through writing a file.

On the embedded file there are no small files: DuckDB reuses freed blocks itself. A
`CHECKPOINT` writes what the write-ahead log holds into the file, so the file alone is
the database (and may shrink, when freed blocks lie at its end).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb

from portfolio.storage.database import Database
from portfolio.storage.lake import CATALOG, LAKE, LakeBackend


@dataclass(frozen=True)
class Tidied:
    """What one round of housekeeping did; every count is of this round."""

    shared: bool
    """The shared store (DuckLake); False: the embedded file."""
    keep_days: int
    data_files_before: int
    """Data files the current snapshot reads (the file: 1)."""
    data_files_after: int
    files_merged: int
    """Small files merged into larger ones, and files rewritten without deleted rows."""
    snapshots_expired: int
    files_deleted: int
    """Files removed from the data path: unused for longer than `keep_days`, or orphaned."""
    bytes_before: int | None
    """Bytes on disk: the data path's files, or the database file with its write-ahead
    log; None where the data path is not a local directory (an S3-compatible path)."""
    bytes_after: int | None


def tidy(db: Database, keep_days: int, now: datetime | None = None) -> Tidied:
    """One round of housekeeping of `db`, keeping `keep_days` of snapshots and files."""
    if keep_days < 0:
        raise ValueError("keep_days cannot be negative")
    if db.lake is not None:
        return _tidy_lake(db.lake, keep_days, now or datetime.now(UTC))
    return _tidy_file(db, keep_days)


def _tidy_lake(lake: LakeBackend, keep_days: int, now: datetime) -> Tidied:
    cutoff = f"TIMESTAMPTZ '{(now - timedelta(days=keep_days)).isoformat()}'"
    folder = Path(lake.data_path) if lake.data_path else None
    with lake.writers_turn(), lake.plain_cursor() as con:
        files_before, bytes_before = _live_files(con), _bytes(folder)
        merged = sum(row[2] for row in con.execute(
            f"CALL ducklake_merge_adjacent_files('{LAKE}')").fetchall())
        merged += sum(row[2] for row in con.execute(
            f"CALL ducklake_rewrite_data_files('{LAKE}')").fetchall())
        expired = len(con.execute(
            f"CALL ducklake_expire_snapshots('{LAKE}', older_than => {cutoff})").fetchall())
        deleted = len(con.execute(
            f"CALL ducklake_cleanup_old_files('{LAKE}', older_than => {cutoff})").fetchall())
        deleted += len(con.execute(
            f"CALL ducklake_delete_orphaned_files('{LAKE}', older_than => {cutoff})").fetchall())
        files_after = _live_files(con)
    return Tidied(True, keep_days, files_before, files_after, merged, expired, deleted,
                  bytes_before, _bytes(folder))


_LIVE_FILES = f"SELECT count(*) FROM {CATALOG}.ducklake_data_file WHERE end_snapshot IS NULL"  # noqa: S608 - a constant


def _live_files(con: duckdb.DuckDBPyConnection) -> int:
    (count,) = con.execute(_LIVE_FILES).fetchone()  # type: ignore[misc]
    return int(count)


def _bytes(folder: Path | None) -> int | None:
    if folder is None or not folder.is_dir():
        return None
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def _tidy_file(db: Database, keep_days: int) -> Tidied:
    deadline = time.monotonic() + db.lock_timeout
    wal = db.path.with_name(db.path.name + ".wal")
    with db.writer_turn(deadline), db.connect(deadline) as con:
        before = _size(db.path) + _size(wal)
        con.execute("CHECKPOINT")
        after = _size(db.path) + _size(wal)
    return Tidied(False, keep_days, 1, 1, 0, 0, 0, before, after)


def _size(path: Path) -> int:
    return path.stat().st_size if path.exists() else 0
