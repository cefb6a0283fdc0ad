"""Each KPI's statistics are kept at write time (#15): whatever writes measurements, the
stored rows stay equal to the aggregate over them, and a run as of an earlier date than
a KPI's newest measurement still counts only what was measured by then."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import duckdb

from portfolio.models import Actor, Measurement, Source
from portfolio.storage import Database, measurement_stats
from portfolio.synth import SynthSpec, generate_portfolio
from tests.factories import AS_OF, make_initiative, make_kpi
from tests.storage.old_schema import at_version

KPIS = ("digital share", "waiting days")


def _stored_and_recomputed(con: duckdb.DuckDBPyConnection) -> tuple[list[tuple], list[tuple]]:
    table = measurement_stats.TABLE
    stored = con.execute(f"SELECT * EXCLUDE (trend_per_30d), round(trend_per_30d, 9) "
                         f"FROM {table} ORDER BY kpi_id").fetchall()
    again = con.execute(f"SELECT * EXCLUDE (trend_per_30d), round(trend_per_30d, 9) FROM "
                        f"({measurement_stats.aggregate('true')}) ORDER BY kpi_id").fetchall()
    return stored, again


def _assert_kept(db: Database) -> list[tuple]:
    with db.reading() as store:
        stored, again = _stored_and_recomputed(store.con)
    assert stored == again
    return stored


def _measured(db: Database, *points: tuple[str, int, float, Source]) -> None:
    with db.transaction() as store:
        store.measurements.upsert_many([
            Measurement(initiative_id="INI-1", kpi=kpi, on=AS_OF - timedelta(days=age),
                        value=value, provenance=source)
            for kpi, age, value, source in points])


def _with_kpis(db: Database) -> Database:
    with db.transaction() as store:
        store.initiatives.save(make_initiative())
        for name in KPIS:
            store.kpis.save(make_kpi(name))
    return db


def _latest(db: Database, as_of: date) -> dict[str, tuple]:
    with db.reading() as store:
        rows = store.kpi_stats.portfolio(as_of).kpis.to_pylist()
    return {r["name"]: (r["count"], r["latest_value"], r["band_min"], r["band_max"],
                        r["has_manual"], r["has_system_export"]) for r in rows}


def test_new_corrected_and_unchanged_measurements_keep_the_stored_statistics(
    db: Database,
) -> None:
    _with_kpis(db)
    _measured(db, ("digital share", 60, 10, Source.SYSTEM_EXPORT),
              ("digital share", 30, 20, Source.SYSTEM_EXPORT),
              ("waiting days", 30, 9, Source.MANUAL))
    assert len(_assert_kept(db)) == 2

    _measured(db, ("digital share", 30, 25, Source.MANUAL),  # a correction
              ("digital share", 60, 10, Source.SYSTEM_EXPORT),  # the same again
              ("digital share", 0, 40, Source.SYSTEM_EXPORT))  # new
    _assert_kept(db)

    assert _latest(db, AS_OF) == {
        "digital share": (3, 40.0, 10.0, 40.0, True, True),
        "waiting days": (1, 9.0, 9.0, 9.0, True, False),
    }


def test_a_run_as_of_an_earlier_date_counts_only_what_was_measured_by_then(
    db: Database,
) -> None:
    _with_kpis(db)
    _measured(db, ("digital share", 60, 10, Source.SYSTEM_EXPORT),
              ("digital share", 30, 20, Source.MANUAL),
              ("digital share", 0, 40, Source.SYSTEM_EXPORT),
              ("waiting days", 45, 9, Source.MANUAL))

    assert _latest(db, AS_OF - timedelta(days=40)) == {
        "digital share": (1, 10.0, 10.0, 10.0, False, True),
        "waiting days": (1, 9.0, 9.0, 9.0, True, False),
    }
    assert _latest(db, AS_OF - timedelta(days=50)) == {
        "digital share": (1, 10.0, 10.0, 10.0, False, True),
        "waiting days": (0, None, None, None, False, False),
    }
    assert _latest(db, AS_OF - timedelta(days=30)) == {
        "digital share": (2, 20.0, 10.0, 20.0, True, True),
        "waiting days": (1, 9.0, 9.0, 9.0, True, False),
    }


def test_a_row_stored_with_another_band_width_is_not_believed(db: Database) -> None:
    """A release that changes review.columns.BAND_POINTS needs no migration: rows of the
    old width are aggregated again at read time (and the next write stores them anew)."""
    _with_kpis(db)
    _measured(db, ("digital share", 30, 20, Source.MANUAL),
              ("digital share", 0, 40, Source.MANUAL))
    with db.transaction() as store:
        store.con.execute(f"UPDATE {measurement_stats.TABLE} SET band_points = 99, "
                          "latest_value = -1, band_min = -1")

    assert _latest(db, AS_OF)["digital share"] == (2, 40.0, 20.0, 40.0, True, False)


def test_a_synthetic_portfolio_has_its_statistics_stored(db: Database) -> None:
    generate_portfolio(db, Actor.operator(), SynthSpec(40, 3_000, 7, AS_OF, 2))

    assert len(_assert_kept(db)) > 40


def test_an_upgraded_database_has_the_statistics_of_its_measurements(
    tmp_path: Path,
) -> None:
    path = tmp_path / "portfolio.duckdb"
    with at_version(path, 17) as con:
        con.execute("INSERT INTO initiatives (id, title, department, stage) VALUES "
                    "('OLD-1', 'Selvbetjening', 'Borgerservice', 'experiment')")
        con.execute("INSERT INTO kpis (initiative_id, name, direction, baseline, target, kind) "
                    "VALUES ('OLD-1', 'digital andel', 'higher', 10, 80, 'benefit')")
        con.execute("INSERT INTO measurements (kpi_id, measured_on, value, provenance) VALUES "
                    "(1, DATE '2025-04-30', 20, 'self_reported'), "
                    "(1, DATE '2025-05-31', 30, 'manual')")

    stored = _assert_kept(Database(path))

    assert [(kpi_id, count, latest_on) for kpi_id, count, latest_on, *_ in stored] == [
        (1, 2, date(2025, 5, 31))]
