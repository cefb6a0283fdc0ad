"""Versioned SQL migrations, applied in order at first open; the version is recorded."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import duckdb

from portfolio.errors import SchemaTooNew

_NAME = re.compile(r"^(\d{3})_[a-z0-9_]+\.sql$")


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


def migrate(con: duckdb.DuckDBPyConnection, path: Path | None = None) -> int:
    """Bring the schema to the latest version; refuse a database from a newer release."""
    version = current_version(con)
    newest = latest_version()
    if version > newest:
        raise SchemaTooNew(
            f"The database {path or ''} has schema version {version}, newer than this "
            f"release understands ({newest}). Upgrade Fail or Scale, or restore a backup."
        )
    for number, name, sql in available():
        if number <= version:
            continue
        con.begin()
        try:
            con.execute(
                "CREATE TABLE IF NOT EXISTS schema_version "
                "(version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)"
            )
            con.execute(sql)
            con.execute(
                "INSERT INTO schema_version VALUES (?, ?, current_timestamp)", [number, name]
            )
            con.commit()
        except BaseException:
            con.rollback()
            raise
    return newest
