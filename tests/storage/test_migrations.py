"""The schema is versioned: applied once, recorded, and a newer database is refused."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from portfolio.errors import SchemaTooNew
from portfolio.storage import Database
from portfolio.storage.database import forget_migrations
from portfolio.storage.migrations import current_version, latest_version


def test_a_new_database_is_migrated_to_the_latest_version(tmp_path: Path) -> None:
    db = Database(tmp_path / "new.duckdb")
    with db.connect() as con:
        assert current_version(con) == latest_version()


def test_a_database_from_a_newer_release_is_refused_with_a_clear_message(
    tmp_path: Path,
) -> None:
    path = tmp_path / "future.duckdb"
    with Database(path).connect():
        pass
    con = duckdb.connect(str(path))
    con.execute("INSERT INTO schema_version VALUES (999, '999_future.sql', now())")
    con.close()
    forget_migrations()
    with pytest.raises(SchemaTooNew, match="newer than this release"), Database(path).connect():
        pass
