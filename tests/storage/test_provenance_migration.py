"""Schema 8 (#13): `source` is free text and provenance a column of its own; a schema-7
database keeps every measurement's meaning through the upgrade."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from portfolio.models import Measurement, Provenance
from portfolio.storage import Database
from tests.storage.old_schema import at_version

AS_OF = date(2025, 6, 30)


def schema_7_database(path: Path) -> None:
    """What release 7 left behind: the provenance word in `source`."""
    with at_version(path, 7) as con:
        con.execute("INSERT INTO initiatives (id, title, department, stage) VALUES "
                    "('OLD-1', 'Selvbetjening', 'Borgerservice', 'experiment')")
        con.execute("INSERT INTO kpis (initiative_id, name, direction, baseline, target, kind) "
                    "VALUES ('OLD-1', 'digital andel', 'higher', 10, 80, 'benefit'), "
                    "('OLD-1', 'klager', 'lower', 5, 5, 'guardrail')")
        con.execute("INSERT INTO measurements (kpi_id, measured_on, value, source, recorded_by) "
                    "VALUES (1, DATE '2025-04-30', 20, 'self_reported', 'ane'), "
                    "(1, DATE '2025-05-31', 30, 'self_reported', 'ane'), "
                    "(1, DATE '2025-06-15', 40, 'self_reported', 'ane'), "
                    "(2, DATE '2025-06-15', 4, 'system_export', '')")


def test_a_schema_7_measurement_keeps_its_provenance_and_gets_an_empty_source(
    tmp_path: Path,
) -> None:
    path = tmp_path / "portfolio.duckdb"
    schema_7_database(path)
    db = Database(path)

    with db.reading() as store:
        stored = store.measurements.for_initiative("OLD-1")
        frames = store.kpi_stats.portfolio(AS_OF)
    assert [(m.kpi, m.value, m.source, m.provenance) for m in stored] == [
        ("digital andel", 20.0, "", Provenance.SELF_REPORTED),
        ("digital andel", 30.0, "", Provenance.SELF_REPORTED),
        ("digital andel", 40.0, "", Provenance.SELF_REPORTED),
        ("klager", 4.0, "", Provenance.SYSTEM_EXPORT),
    ]
    kpis = frames.kpis.to_pylist()
    assert [(k["name"], k["has_self_reported"], k["has_system_export"]) for k in kpis] == [
        ("digital andel", True, False), ("klager", False, True)]


def test_a_source_system_is_stored_as_given_beside_its_provenance(tmp_path: Path) -> None:
    path = tmp_path / "portfolio.duckdb"
    schema_7_database(path)
    db = Database(path)
    text = "KMD Nexus; ældre-/sundhedsområdet \"udtræk\" 'v2'"
    with db.transaction() as store:
        store.measurements.upsert_many([Measurement(
            initiative_id="OLD-1", kpi="klager", on=date(2025, 6, 30), value=3, source=text,
            provenance=Provenance.SYSTEM_EXPORT)])
    with db.reading() as store:
        newest = store.measurements.for_initiative("OLD-1")[-1]
    assert (newest.source, newest.provenance) == (text, Provenance.SYSTEM_EXPORT)
