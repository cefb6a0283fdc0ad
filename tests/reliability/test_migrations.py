"""A database of the first schema version is backed up, then upgraded in place."""

from __future__ import annotations

from pathlib import Path

import pytest

from portfolio.models import Actor
from portfolio.service.queries import initiative_detail
from portfolio.storage import Database
from portfolio.storage.backup import inspect
from portfolio.storage.migrations import current_version, latest_version
from tests.storage.old_schema import at_version
from tests.units import in_reading

pytestmark = pytest.mark.reliability


def first_version_database(path: Path) -> None:
    """What release 1 left behind: migration 001 only, with one initiative in it."""
    with at_version(path, 1) as con:
        con.execute("INSERT INTO initiatives (id, title, department, stage) "
                    "VALUES ('OLD-1', 'Robotic invoice matching', 'Finance', 'experiment')")


def test_a_first_version_database_is_upgraded_in_place_after_a_backup(
    tmp_path: Path, operator: Actor
) -> None:
    path = tmp_path / "portfolio.duckdb"
    first_version_database(path)

    db = Database(path)
    with db.connect() as con:
        assert current_version(con) == latest_version()

    backups = list((tmp_path / "backups").glob("portfolio-schema-v1-*.duckdb"))
    assert [inspect(b).schema_version for b in backups] == [1]
    with Database(backups[0]).held() as con:
        assert con.execute("SELECT id FROM initiatives").fetchall() == [("OLD-1",)]
    assert path.exists() and in_reading(db, initiative_detail, operator, "OLD-1") is not None
