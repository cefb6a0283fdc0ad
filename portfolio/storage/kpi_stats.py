"""Per-KPI statistics of the whole portfolio in one grouped pass: the set-based read.

The per-initiative read (service.evaluation before #7) turned 10 M measurements into
10 M models; this returns one row per KPI instead, with the aggregates every criterion
needs, so memory is bounded by the number of KPIs, not of measurements. The policy is
applied to these frames in portfolio.review.vectorised.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb
import pyarrow as pa

from portfolio.models import KpiStats, Source, Stage
from portfolio.review.columns import BAND_POINTS
from portfolio.review.frames import PortfolioFrames, kpi_stats_of
from portfolio.review.vectorised import kpi_statistics

# Active initiatives, ordered by id as the per-initiative read orders them.
_INITIATIVES = """
SELECT i.id AS initiative_id, i.title, i.stage, i.review_on, i.budget_dkk, i.spent_dkk,
       d.last_decision_on
FROM initiatives i
LEFT JOIN (SELECT initiative_id, max(decided_on) AS last_decision_on
           FROM decisions GROUP BY initiative_id) d ON d.initiative_id = i.id
WHERE i.stage <> ? {shard}
ORDER BY i.id
"""

# A shard of the portfolio (#17): the initiatives of some organisations, by the
# organisation of their department, which the initiative carries (schema 12, #13: two
# organisations may each have a department of the same name).
_SHARD = """AND coalesce(i.organisation, '') IN (SELECT unnest(?::VARCHAR[]))"""

# The initiatives of a list of ids, whatever their stage (no stage is '').
_OF_IDS = "AND i.id IN (SELECT unnest(?::VARCHAR[]))"
_OF_IDS_KPIS = ("AND kpi_id IN (SELECT id FROM kpis "
                "WHERE initiative_id IN (SELECT unnest(?::VARCHAR[])))")
_EVERY_STAGE = ""

# One row per KPI of the chosen initiatives (active ones, a shard's, or some ids).
# (kpi_id, measured_on) is the primary key of measurements, so arg_max has no ties to
# break. The trend is the least-squares slope per 30 days, as the reference
# (tests/oracles/stats.py), up to floating-point summation order. The provenances seen
# are one bit each (one bit_or costs less than three bool_or). The newest BAND_POINTS
# values (#18), newest first, are the band and, first of them, the latest value: one
# top-N aggregate instead of it and an arg_max (#15).
_KPIS = """
WITH stats AS (
    SELECT kpi_id,
           count(*) AS count,
           max(measured_on) AS latest_on,
           CASE WHEN count(*) >= 2
                THEN regr_slope(value, (measured_on - DATE '2000-01-01')::DOUBLE) * 30
           END AS trend_per_30d,
           bit_or(CASE provenance WHEN ? THEN 1 WHEN ? THEN 2 WHEN ? THEN 4 ELSE 0 END)
               AS sources,
           min(measured_on) AS first_on,
           arg_max(value, measured_on, {band}) AS recent
    FROM measurements
    WHERE measured_on <= ? {shard_kpis}
    GROUP BY kpi_id
),
flat AS (  -- the lists end here: the join below carries three numbers, not a list
    SELECT * EXCLUDE (recent), recent[1] AS latest_value, list_min(recent) AS band_min,
           list_max(recent) AS band_max
    FROM stats
)
SELECT k.initiative_id, k.name, k.kind, k.direction, k.unit, k.baseline, k.target, k.weight,
       coalesce(s.count, 0) AS count, s.latest_on, s.latest_value,
       (?::DATE - s.latest_on) AS age_days, s.trend_per_30d,
       coalesce((s.sources & 1) > 0, false) AS has_system_export,
       coalesce((s.sources & 2) > 0, false) AS has_manual,
       coalesce((s.sources & 4) > 0, false) AS has_self_reported,
       s.first_on, s.band_min, s.band_max
FROM kpis k
JOIN initiatives i ON i.id = k.initiative_id AND i.stage <> ? {shard}
LEFT JOIN flat s ON s.kpi_id = k.id
ORDER BY k.initiative_id, k.id
"""

# The floor the engine is compared with (bench ratio_vs_scan): one grouped pass that
# returns each KPI's count, newest date and latest value. Fetched in full: wrapped in
# count(*), DuckDB prunes the unused aggregates and times a bare GROUP BY instead.
_SCAN = """
SELECT kpi_id, count(*) AS count, max(measured_on) AS latest_on,
       arg_max(value, measured_on) AS latest_value
FROM measurements GROUP BY kpi_id
"""


def _table(con: duckdb.DuckDBPyConnection, sql: str, params: list[object]) -> pa.Table:
    return con.execute(sql, params).to_arrow_table()


def _kpis(con: duckdb.DuckDBPyConnection, as_of: date, not_stage: str, scope: str = "",
          shard_kpis: str = "", scoped: tuple[object, ...] = ()) -> pa.Table:
    """The _KPIS rows of the initiatives not in stage `not_stage` that `scope` keeps (its
    params `scoped`; `shard_kpis` keeps their measurements, with the same params), in
    the order the per-initiative read gives: by initiative, then KPI id."""
    sources = [Source.SYSTEM_EXPORT.value, Source.MANUAL.value, Source.SELF_REPORTED.value]
    sql = _KPIS.format(shard=scope, shard_kpis=shard_kpis, band=BAND_POINTS)
    return _table(con, sql, [*sources, as_of, *scoped, as_of, not_stage, *scoped])


@dataclass
class KpiStatsReader:
    con: duckdb.DuckDBPyConnection

    def portfolio(self, as_of: date, organisations: list[str] | None = None) -> PortfolioFrames:
        """Every active initiative and the statistics of its KPIs as of `as_of`; with
        `organisations`, only those of their departments (one shard of a run, #17)."""
        closed = Stage.CLOSED.value
        if organisations is None:
            return PortfolioFrames(
                initiatives=_table(self.con, _INITIATIVES.format(shard=""), [closed]),
                kpis=_kpis(self.con, as_of, closed),
            )
        shard_kpis = ("AND kpi_id IN (SELECT k.id FROM kpis k JOIN initiatives i "  # noqa: S608 - fixed text
                      f"ON i.id = k.initiative_id WHERE true {_SHARD})")
        return PortfolioFrames(
            initiatives=_table(self.con, _INITIATIVES.format(shard=_SHARD),
                               [closed, organisations]),
            kpis=_kpis(self.con, as_of, closed, _SHARD, shard_kpis, (organisations,)),
        )

    def frames_of(self, ids: list[str], as_of: date) -> PortfolioFrames:
        """The frames of the initiatives `ids`, whatever their stage: to judge one as it
        stood on a past date (the demo's decisions keep the evidence of that date)."""
        return PortfolioFrames(
            initiatives=_table(self.con, _INITIATIVES.format(shard=_OF_IDS),
                               [_EVERY_STAGE, ids]),
            kpis=_kpis(self.con, as_of, _EVERY_STAGE, _OF_IDS, _OF_IDS_KPIS, (ids,)),
        )

    def of_initiatives(self, ids: list[str], as_of: date) -> dict[str, list[KpiStats]]:
        """The statistics of the KPIs of `ids` (closed ones too), computed by the same
        query a run uses: a report shows a KPI the last run did not judge as a run would."""
        table = _kpis(self.con, as_of, _EVERY_STAGE, _OF_IDS, _OF_IDS_KPIS, (ids,))
        found: dict[str, list[KpiStats]] = {}
        for row in kpi_statistics(table).to_pylist():
            found.setdefault(row["initiative_id"], []).append(kpi_stats_of(row))
        return found

    def organisations(self) -> list[str]:
        """Every organisation with an initiative ('' for initiatives of none)."""
        rows = self.con.execute(
            "SELECT DISTINCT coalesce(i.organisation, '') FROM initiatives i "
            "ORDER BY 1").fetchall()
        return [r[0] for r in rows]

    def scan_floor(self) -> int:
        """Run the floor pass, fetching every row as Arrow (as the engine's read does);
        returns the number of KPIs with measurements."""
        return _table(self.con, _SCAN, []).num_rows
