"""One value per KPI per date: the measurement key survives the upgrade and every bulk load."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from portfolio.models import Actor, Measurement, Source
from portfolio.storage import Database, measurement_key
from portfolio.storage.database import forget_migrations
from portfolio.storage.migrations import migrate
from portfolio.synth import SynthSpec, generate_portfolio
from tests.factories import make_initiative, make_kpi

ANCHOR = date(2025, 6, 30)


def insert_duplicate(con: duckdb.DuckDBPyConnection, kpi_id: int, on: date) -> None:
    con.execute("INSERT INTO measurements (kpi_id, measured_on, value, source) "
                "VALUES (?, ?, 1, 'manual')", [kpi_id, on])


def first_measurement(db: Database) -> tuple[int, date, float]:
    with db.connect() as con:
        row = con.execute("SELECT kpi_id, measured_on, value FROM measurements "
                          "ORDER BY kpi_id, measured_on LIMIT 1").fetchone()
    assert row is not None
    return row


def test_a_version_5_database_keeps_its_measurements_and_their_key(tmp_path: Path) -> None:
    path = tmp_path / "portfolio.duckdb"
    con = duckdb.connect(str(path))
    try:
        migrate(con, path, target=5)
        con.execute(
            "INSERT INTO measurements (kpi_id, measured_on, value, source, recorded_by, "
            "recorded_at) VALUES (1, DATE '2025-01-31', 40, 'manual', 'ane', "
            "TIMESTAMP '2025-02-01 08:00'), (1, DATE '2025-02-28', 45, 'system_export', '', "
            "TIMESTAMP '2025-03-01 08:00'), (2, DATE '2025-01-31', 3, 'self_reported', 'bo', "
            "TIMESTAMP '2025-02-02 09:30')"
        )
        before = con.execute("FROM measurements ORDER BY ALL").fetchall()
    finally:
        con.close()
    db = Database(path)

    with db.connect() as con:
        # schema 8 (#13): the provenance word moved to its own column, the source is empty
        assert con.execute("SELECT kpi_id, measured_on, value, provenance, recorded_by, "
                           "recorded_at FROM measurements ORDER BY ALL").fetchall() == before
        assert con.execute("SELECT DISTINCT source FROM measurements").fetchall() == [("",)]
        assert measurement_key.exists(con)
        with pytest.raises(duckdb.ConstraintException, match="measured_on"):
            insert_duplicate(con, 1, date(2025, 1, 31))
    with db.transaction() as store:  # imports upsert on the key
        store.initiatives.save(make_initiative(id="I-1"))
        store.kpis.save(make_kpi("x", initiative_id="I-1"))
        assert store.kpis.id_of("I-1", "x") == 1
        store.measurements.upsert_many([Measurement(
            initiative_id="I-1", kpi="x", on=date(2025, 1, 31), value=41, source=Source.MANUAL)])
    with db.connect() as con:
        assert con.execute("SELECT value FROM measurements WHERE kpi_id = 1 "
                           "ORDER BY measured_on").fetchall() == [(41.0,), (45.0,)]


def test_after_a_synthetic_bulk_load_the_key_refuses_a_second_value_for_a_date(
    tmp_path: Path, operator: Actor
) -> None:
    db = Database(tmp_path / "synth.duckdb")
    generate_portfolio(db, operator, SynthSpec(60, 3_000, 5, ANCHOR))
    kpi_id, on, _ = first_measurement(db)

    with db.connect() as con:
        assert measurement_key.exists(con)
        with pytest.raises(duckdb.ConstraintException, match="measured_on"):
            insert_duplicate(con, kpi_id, on)


def test_a_bulk_load_that_fails_stores_nothing_and_leaves_the_key_in_place(
    tmp_path: Path, operator: Actor
) -> None:
    db = Database(tmp_path / "synth.duckdb")

    with pytest.raises(RuntimeError, match="half-way"), db.loading_measurements() as store:
        store.synthetic.generate(initiatives=60, measurements=3_000, seed=5, anchor=ANCHOR)
        raise RuntimeError("the load died half-way")

    with db.connect() as con:
        assert con.execute("SELECT count(*) FROM measurements").fetchone() == (0,)
        assert measurement_key.exists(con)
    generate_portfolio(db, operator, SynthSpec(60, 3_000, 5, ANCHOR))  # and it can load again


def test_with_measurements_stored_a_bulk_load_keeps_the_key_throughout(
    tmp_path: Path, operator: Actor
) -> None:
    db = Database(tmp_path / "synth.duckdb")
    generate_portfolio(db, operator, SynthSpec(60, 3_000, 5, ANCHOR))
    kpi_id, on, value = first_measurement(db)

    with pytest.raises(duckdb.ConstraintException), db.loading_measurements() as store:
        assert measurement_key.exists(store.con)
        insert_duplicate(store.con, kpi_id, on)

    assert first_measurement(db) == (kpi_id, on, value)


def test_a_key_lost_when_a_process_died_mid_load_is_built_again_at_the_next_open(
    tmp_path: Path, operator: Actor
) -> None:
    db = Database(tmp_path / "synth.duckdb")
    generate_portfolio(db, operator, SynthSpec(60, 3_000, 5, ANCHOR))
    with db.connect() as con:
        measurement_key.drop(con)  # what a crash between load and rebuild leaves behind
    forget_migrations()  # a new process

    with db.connect() as con:
        assert measurement_key.exists(con)
