"""One value per KPI per date (schema 19): kept by the one write path of measurements, on
the file as on the lake, not by an index. A stored date is updated, never added again; an
upgraded database keeps its measurements and loses only the index."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from portfolio.models import Actor, Measurement, Source
from portfolio.service.imports import import_file
from portfolio.storage import Database
from portfolio.synth import SynthSpec, generate_portfolio
from tests.factories import make_initiative, make_kpi
from tests.storage.old_schema import at_version

ANCHOR = date(2025, 6, 30)


def values_on(db: Database, kpi_id: int, on: date) -> list[float]:
    with db.reading() as store:
        return [v for (v,) in store.con.execute(
            "SELECT value FROM measurements WHERE kpi_id = ? AND measured_on = ?",
            [kpi_id, on]).fetchall()]


def test_a_version_5_database_keeps_its_measurements_and_one_value_a_date(
    tmp_path: Path
) -> None:
    path = tmp_path / "portfolio.duckdb"
    with at_version(path, 5) as con:
        con.execute(
            "INSERT INTO measurements (kpi_id, measured_on, value, source, recorded_by, "
            "recorded_at) VALUES (1, DATE '2025-01-31', 40, 'manual', 'ane', "
            "TIMESTAMP '2025-02-01 08:00'), (1, DATE '2025-02-28', 45, 'system_export', '', "
            "TIMESTAMP '2025-03-01 08:00'), (2, DATE '2025-01-31', 3, 'self_reported', 'bo', "
            "TIMESTAMP '2025-02-02 09:30')"
        )
        before = con.execute("FROM measurements ORDER BY ALL").fetchall()
    db = Database(path)

    with db.connect() as con:
        # schema 8 (#13): the provenance word moved to its own column, the source is empty
        assert con.execute("SELECT kpi_id, measured_on, value, provenance, recorded_by, "
                           "recorded_at FROM measurements ORDER BY ALL").fetchall() == before
        assert con.execute("SELECT DISTINCT source FROM measurements").fetchall() == [("",)]
        assert con.execute("SELECT count(*) FROM duckdb_indexes() "
                           "WHERE table_name = 'measurements'").fetchone() == (0,)
    with db.transaction() as store:
        store.initiatives.save(make_initiative(id="I-1"))
        store.kpis.save(make_kpi("x", initiative_id="I-1"))
        assert store.kpis.id_of("I-1", "x") == 1
        store.measurements.upsert_many([Measurement(
            initiative_id="I-1", kpi="x", on=date(2025, 1, 31), value=41, source=Source.MANUAL)])
    assert values_on(db, 1, date(2025, 1, 31)) == [41.0]
    assert values_on(db, 1, date(2025, 2, 28)) == [45.0]


def test_after_a_synthetic_bulk_load_an_import_of_a_stored_date_updates_it(
    tmp_path: Path, operator: Actor
) -> None:
    db = Database(tmp_path / "synth.duckdb")
    generate_portfolio(db, operator, SynthSpec(60, 3_000, 5, ANCHOR))
    with db.reading() as store:
        kpi_id, on, initiative, kpi = store.con.execute(
            "SELECT m.kpi_id, m.measured_on, k.initiative_id, k.name FROM measurements m "
            "JOIN kpis k ON k.id = m.kpi_id ORDER BY m.kpi_id, m.measured_on LIMIT 1"
        ).fetchone()
    csv = tmp_path / "again.csv"
    csv.write_text(f"initiative_id,kpi,date,value\n{initiative},{kpi},{on},12345\n")

    report = import_file(db, operator, csv, "measurements")

    assert (report.added, report.updated) == (0, 1)
    assert values_on(db, kpi_id, on) == [12345.0]


def test_a_date_recorded_twice_in_one_batch_keeps_the_later_value(db: Database) -> None:
    day = date(2025, 3, 31)
    with db.transaction() as store:
        store.initiatives.save(make_initiative(id="I-1"))
        store.kpis.save(make_kpi("x", initiative_id="I-1"))
        kpi_id = store.kpis.id_of("I-1", "x")
        result = store.measurements.upsert_many([
            Measurement(initiative_id="I-1", kpi="x", on=day, value=v, source=Source.MANUAL)
            for v in (1.0, 2.0, 3.0)])
    assert result.added == 1
    assert values_on(db, kpi_id, day) == [3.0]
    with db.transaction() as store:  # and again: an update, not a second row
        store.measurements.upsert_many([
            Measurement(initiative_id="I-1", kpi="x", on=day, value=4.0, source=Source.MANUAL)])
    assert values_on(db, kpi_id, day) == [4.0]
