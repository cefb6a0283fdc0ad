"""Versioned SQL migrations, applied in order at first open; the version is recorded.

A database of an earlier version is copied to `backups/` beside it before it is upgraded in
place, so an upgrade that goes wrong (or a release rolled back) loses nothing.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

import duckdb

from portfolio.errors import SchemaTooNew
from portfolio.storage import measurement_stats
from portfolio.storage.consistent_copy import copy_database

_NAME = re.compile(r"^(\d{3})_[a-z0-9_]+\.sql$")

# What a migration computes in Python after its SQL, in the same transaction: schema 18's
# statistics are filled by the aggregate storage.measurement_stats keeps, not a copy of it.
_FILLS = {18: measurement_stats.refresh}


def available() -> list[tuple[int, str, str]]:
    """(version, file name, SQL) of every migration shipped, in order."""
    found = []
    for entry in resources.files(__name__).iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text("utf-8")))
    return sorted(found)


def latest_version() -> int:
    return available()[-1][0]


def current_version(con: duckdb.DuckDBPyConnection) -> int:
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
    ).fetchone()
    if not exists or not exists[0]:
        return 0
    row = con.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0] or 0) if row else 0


def upgrade_backup_path(path: Path, version: int) -> Path:
    """Where the copy made before upgrading a database of schema `version` goes."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    return path.parent / "backups" / f"{path.stem}-schema-v{version}-{stamp}.duckdb"


def _applied(con: duckdb.DuckDBPyConnection) -> set[int]:
    if not current_version(con):
        return set()
    return {int(row[0]) for row in con.execute("SELECT version FROM schema_version").fetchall()}


def migrate(
    con: duckdb.DuckDBPyConnection, path: Path | None = None, *, target: int | None = None,
    organisation: str | None = None,
) -> int:
    """Bring the schema to the latest version (or `target`, for building old fixtures);
    refuse a database from a newer release. Returns the version reached.

    Every shipped migration not yet recorded is applied, in order, even one numbered below
    the database's version: migrations are written on parallel branches and may land out
    of order. `organisation`: where existing departments go (schema 12); by default the
    one FAILSCALE_ORGANISATION names."""
    version = current_version(con)
    latest = latest_version()
    if version > latest:
        raise SchemaTooNew(
            f"The database {path or ''} has schema version {version}, newer than this "
            f"release understands ({latest}). Upgrade Fail or Scale, or restore a backup "
            "made by this release."
        )
    goal = latest if target is None else target
    # Every migration not yet applied, not only those above the highest applied: numbers
    # are reserved per issue and may land out of order (011 before 009), and a database
    # that met 011 first must still get 009 when it arrives.
    applied = _applied(con)
    pending = [m for m in available() if m[0] not in applied and m[0] <= goal]
    if pending:
        con.execute("SET enable_progress_bar = false")  # an upgrade prints no bars
    if version > 0 and pending and path is not None:
        copy_database(con, upgrade_backup_path(path, version))
    if pending:  # schema 12 puts existing departments in FAILSCALE_ORGANISATION's
        con.execute("SET VARIABLE default_organisation = ?",
                    [organisation if organisation is not None else _default_organisation()])
    for number, name, sql in pending:
        con.begin()
        try:
            con.execute(
                "CREATE TABLE IF NOT EXISTS schema_version "
                "(version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)"
            )
            con.execute(sql)
            if number in _FILLS:
                _FILLS[number](con)
            con.execute(
                "INSERT INTO schema_version VALUES (?, ?, current_timestamp)", [number, name]
            )
            con.commit()
        except BaseException:
            con.rollback()
            raise
    return max(version, goal)


def _default_organisation() -> str:
    """FAILSCALE_ORGANISATION, read when a migration needs it (never at import time)."""
    from portfolio.settings import load_settings  # local: storage needs settings only here

    return load_settings().organisation
