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



def test_a_migration_that_lands_after_a_higher_numbered_one_is_still_applied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Migration numbers are reserved per issue and may land out of order (#19's 011
    before 009): a database that has the higher one still gets the lower one."""
    import duckdb

    from portfolio.storage import migrations

    first = [(1, "001_a.sql", "CREATE TABLE a (x INTEGER)"),
             (3, "003_c.sql", "CREATE TABLE c (x INTEGER)")]
    monkeypatch.setattr(migrations, "available", lambda: first)
    con = duckdb.connect(str(tmp_path / "gap.duckdb"))
    assert migrations.migrate(con) == 3
    monkeypatch.setattr(migrations, "available",
                        lambda: sorted([*first, (2, "002_b.sql", "CREATE TABLE b (x INTEGER)")]))
    migrations.migrate(con)
    assert con.execute("SELECT count(*) FROM b").fetchone() == (0,)
    assert [r[0] for r in con.execute(
        "SELECT version FROM schema_version ORDER BY version").fetchall()] == [1, 2, 3]
