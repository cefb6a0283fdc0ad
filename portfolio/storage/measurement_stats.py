"""Each KPI's measurement statistics, kept at write time (#15).

An evaluation needs, per KPI, a handful of aggregates over its measurements (count,
first and newest date, the newest values, the trend, the provenances seen). Computed at
read time they cost one grouped pass over every measurement (the national read took
0.75-0.79 s at 10 M measurements). Kept here, in `kpi_measurement_stats` (schema 18), a
run reads one row per KPI instead (the same read: 0.29 s).

The aggregate is written once, below, and used both ways:
- at write time, over all of a KPI's measurements: `refresh` recomputes the rows of the
  KPIs a write touched, in the writer's transaction (the one way measurements are
  stored, storage.measurement_columns, the synthetic portfolio, and the migration that
  adds the table), so the stored rows are never older than the measurements;
- at read time (`as_of`: a run's statistics in kpi_stats, the agenda's newest dates in
  agenda_facts), for a date before a KPI's newest measurement: a stored row counts
  everything, so such a KPI is aggregated again over the measurements up to that date.
  The same happens to a row stored with another band width than
  review.columns.BAND_POINTS, so changing it needs no migration.
"""

from __future__ import annotations

import duckdb

from portfolio.models import Source
from portfolio.review.columns import BAND_POINTS

TABLE = "kpi_measurement_stats"

SOURCE_BITS = (Source.SYSTEM_EXPORT, Source.MANUAL, Source.SELF_REPORTED)
"""The provenance of bit 1, 2 and 4 of a row's `sources`."""

# One row per KPI of the measurements the caller's WHERE clause keeps. (kpi_id,
# measured_on) is the key of measurements, so arg_max has no ties to break. The trend is
# the least-squares slope per 30 days, as the reference (tests/oracles/stats.py), up to
# floating-point summation order. The provenances seen are one bit each (one bit_or costs
# less than three bool_or). The newest BAND_POINTS values (#18), newest first, are the
# band and, first of them, the latest value: one top-N aggregate instead of it and an
# arg_max.
_AGGREGATE = """
SELECT * EXCLUDE (recent), recent[1] AS latest_value, list_min(recent) AS band_min,
       list_max(recent) AS band_max, {band} AS band_points
FROM (
    SELECT kpi_id,
           count(*) AS count,
           max(measured_on) AS latest_on,
           CASE WHEN count(*) >= 2
                THEN regr_slope(value, (measured_on - DATE '2000-01-01')::DOUBLE) * 30
           END AS trend_per_30d,
           bit_or(CASE provenance {source_bits} ELSE 0 END) AS sources,
           min(measured_on) AS first_on,
           arg_max(value, measured_on, {band}) AS recent
    FROM measurements
    WHERE {where}
    GROUP BY kpi_id
)
"""

# Every KPI is either answered by its stored row or aggregated again, never both: the
# stored rows are complete (every KPI with a measurement has one, see `refresh`).
_AS_OF = """
SELECT * FROM kpi_measurement_stats
WHERE latest_on <= $as_of AND band_points = {band} {kpis}
UNION ALL BY NAME
{again}
"""

# The KPIs whose stored row does not answer for the date.
_AGAIN = """measured_on <= $as_of AND kpi_id IN (
    SELECT kpi_id FROM kpi_measurement_stats WHERE latest_on > $as_of OR band_points <> {band})
    {kpis}"""


def aggregate(where: str) -> str:
    """The aggregate over the measurements `where` keeps (its parameters are those of
    `where`)."""
    bits = " ".join(f"WHEN '{source.value}' THEN {1 << n}" for n, source in
                    enumerate(SOURCE_BITS))
    return _AGGREGATE.format(band=BAND_POINTS, where=where, source_bits=bits)


def as_of(kpis: str = "") -> str:
    """A query of each KPI's statistics up to the date `$as_of` (a KPI with nothing
    measured by then has no row): the stored row where it counts nothing newer and has
    the policy's band width, else the aggregate again over what was measured by then.
    `kpis`: an `AND kpi_id IN (…)` clause that keeps only some KPIs."""
    again = aggregate(_AGAIN.format(band=BAND_POINTS, kpis=kpis))
    return _AS_OF.format(band=BAND_POINTS, kpis=kpis, again=again)


def refresh(con: duckdb.DuckDBPyConnection, kpis: str | None = None) -> None:
    """Store again the rows of the KPIs whose ids the query `kpis` gives (None: of every
    KPI), from all their measurements; within the caller's transaction."""
    only = "true" if kpis is None else f"kpi_id IN ({kpis})"
    con.execute(f"DELETE FROM {TABLE} WHERE {only}")  # noqa: S608 - fixed text
    con.execute(f"INSERT INTO {TABLE} BY NAME {aggregate(only)}")
