"""Housekeeping of the store (`failscale maintain`, the maintain-store flow; #17): the
shared store's small files are merged and what no kept snapshot uses is deleted, the file
is checkpointed, and no row changes either way. Only a national administrator tidies."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from portfolio.errors import NotAllowed
from portfolio.models import Actor, Measurement, Role
from portfolio.service.evaluation import evaluate_now
from portfolio.service.housekeeping import tidy_store
from portfolio.service.initiatives import record_measurement, save_initiative
from portfolio.service.setup import initialise
from portfolio.storage import Database
from portfolio.storage.lake import PREFIX, release
from tests.factories import AS_OF, make_initiative, make_kpi
from tests.postgres import Postgres
from tests.units import in_transaction

TABLES = ("initiatives", "kpis", "measurements", "kpi_measurement_stats", "evaluations",
          "evaluation_reasons", "evaluation_runs", "decisions")


def small_writes(db: Database, operator: Actor) -> None:
    """What a day of the inbox and the dashboard leaves: many units of work, each a few
    rows, and an evaluation run twice for one date (its first verdicts deleted)."""
    in_transaction(db, save_initiative, operator, make_initiative(), [make_kpi()])
    for month in range(1, 7):
        in_transaction(db, record_measurement, operator, Measurement(
            initiative_id="INI-1", kpi="digital share", on=date(2025, month, 1),
            value=80.0 + month))
    evaluate_now(db, operator, AS_OF, "first")
    evaluate_now(db, operator, AS_OF, "again")


def rows(db: Database) -> dict[str, list[tuple[object, ...]]]:
    with db.reading() as store:
        return {table: sorted(store.con.execute(f"SELECT * FROM {table}").fetchall(),
                              key=repr) for table in TABLES}


def audited(db: Database) -> list[tuple[str, str]]:
    with db.reading() as store:
        return store.con.execute("SELECT actor, action FROM audit_events WHERE action = 'tidy'"
                                 ).fetchall()


@pytest.fixture
def lake(postgres: Postgres, tmp_path: Path) -> Database:
    data = tmp_path / "lake"
    database = Database(PREFIX + postgres.libpq(postgres.new_database()),
                        lake_data_path=str(data))
    initialise(database, Actor.operator())
    yield database
    release(database.location)


def parquet_files(folder: Path) -> int:
    return sum(1 for _ in folder.rglob("*.parquet"))


def test_the_shared_stores_small_files_are_merged_and_unused_ones_deleted_after_the_retention(
    lake: Database, operator: Actor
) -> None:
    small_writes(lake, operator)
    before = rows(lake)
    folder = Path(lake.lake.data_path)  # type: ignore[union-attr]
    on_disk = parquet_files(folder)

    kept = tidy_store(lake, operator, keep_days=7)

    assert kept.shared and kept.data_files_after < kept.data_files_before
    assert kept.files_merged > 0
    # Within the retention nothing is deleted: a long read or a backup still finds it all.
    assert (kept.snapshots_expired, kept.files_deleted) == (0, 0)
    assert parquet_files(folder) > on_disk  # the merged files beside the small ones
    assert rows(lake) == before

    tidy_store(lake, operator, keep_days=0)
    last = tidy_store(lake, operator, keep_days=0)  # what the round before scheduled

    assert parquet_files(folder) < on_disk
    assert last.bytes_after is not None and last.bytes_after < kept.bytes_before  # type: ignore[operator]
    assert rows(lake) == before
    assert evaluate_now(lake, operator, AS_OF, "after")  # the store works on
    assert audited(lake) == [("operator", "tidy")] * 3


def test_tidying_keeps_every_row_and_is_audited_on_either_store(
    db: Database, operator: Actor
) -> None:
    small_writes(db, operator)
    before = rows(db)

    done = tidy_store(db, operator, keep_days=7)

    assert rows(db) == before
    assert done.data_files_after <= done.data_files_before
    assert audited(db) == [("operator", "tidy")]
    if not done.shared:  # the file alone is the database: nothing left in a write-ahead log
        assert not db.path.with_name(db.path.name + ".wal").exists()
        assert done.bytes_after == db.path.stat().st_size


@pytest.mark.parametrize("actor", [
    Actor(username="lene", role=Role.LEADER, departments=("Borgerservice",)),
    Actor(username="org.admin", role=Role.ADMIN, organisation="Testby Kommune"),
], ids=["leader", "an organisation's administrator"])
def test_only_a_national_administrator_tidies_the_store(db: Database, actor: Actor) -> None:
    with pytest.raises(NotAllowed):
        tidy_store(db, actor, keep_days=7)
    assert audited(db) == []
