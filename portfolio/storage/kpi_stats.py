"""Per-KPI statistics of the whole portfolio in one query: the set-based read.

The per-initiative read (service.evaluation before #7) turned 10 M measurements into
10 M models; this returns one row per KPI instead, with the aggregates every criterion
needs, so memory is bounded by the number of KPIs, not of measurements. Since #15 the
aggregates are mostly read as stored at write time (storage.measurement_stats), not
computed over every measurement again. The policy is applied to these frames in
portfolio.review.vectorised.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb
import pyarrow as pa

from portfolio.models import KpiStats, Stage
from portfolio.review.frames import PortfolioFrames, kpi_stats_of
from portfolio.review.vectorised import kpi_statistics
from portfolio.storage import measurement_stats

# Active initiatives, ordered by id as the per-initiative read orders them.
_INITIATIVES = """
SELECT i.id AS initiative_id, i.title, i.stage, i.review_on, i.budget_dkk, i.spent_dkk,
       d.last_decision_on
FROM initiatives i
LEFT JOIN (SELECT initiative_id, max(decided_on) AS last_decision_on
           FROM decisions GROUP BY initiative_id) d ON d.initiative_id = i.id
WHERE i.stage <> $not_stage {shard}
ORDER BY i.id
"""

# A shard of the portfolio (#17): the initiatives of some organisations, by the
# organisation of their department, which the initiative carries (schema 12, #13: two
# organisations may each have a department of the same name).
_SHARD = """AND coalesce(i.organisation, '') IN (SELECT unnest($scoped::VARCHAR[]))"""

# The initiatives of a list of ids, whatever their stage (no stage is '').
_OF_IDS = "AND i.id IN (SELECT unnest($scoped::VARCHAR[]))"
_OF_IDS_KPIS = ("AND kpi_id IN (SELECT id FROM kpis "
                "WHERE initiative_id IN (SELECT unnest($scoped::VARCHAR[])))")
_EVERY_STAGE = ""

# One row per KPI of the chosen initiatives (active ones, a shard's, or some ids), with
# the statistics of its measurements up to the run's date (storage.measurement_stats).
_KPIS = """
WITH stats AS ({stats})
SELECT k.initiative_id, k.name, k.kind, k.direction, k.unit, k.baseline, k.target, k.weight,
       coalesce(s.count, 0) AS count, s.latest_on, s.latest_value,
       ($as_of::DATE - s.latest_on) AS age_days, s.trend_per_30d,
       coalesce((s.sources & 1) > 0, false) AS has_system_export,
       coalesce((s.sources & 2) > 0, false) AS has_manual,
       coalesce((s.sources & 4) > 0, false) AS has_self_reported,
       s.first_on, s.band_min, s.band_max
FROM kpis k
JOIN initiatives i ON i.id = k.initiative_id AND i.stage <> $not_stage {shard}
LEFT JOIN stats s ON s.kpi_id = k.id
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


def _table(con: duckdb.DuckDBPyConnection, sql: str,
           params: dict[str, object] | list[object]) -> pa.Table:
    return con.execute(sql, params).to_arrow_table()


def _kpis(con: duckdb.DuckDBPyConnection, as_of: date, not_stage: str, scope: str = "",
          shard_kpis: str = "", scoped: object = None) -> pa.Table:
    """The _KPIS rows of the initiatives not in stage `not_stage` that `scope` keeps (its
    parameter `$scoped`; `shard_kpis` keeps their KPIs' statistics, with the same), in
    the order the per-initiative read gives: by initiative, then KPI id."""
    sql = _KPIS.format(shard=scope, stats=measurement_stats.as_of(shard_kpis))
    params: dict[str, object] = {"as_of": as_of, "not_stage": not_stage}
    if scope:
        params["scoped"] = scoped
    return _table(con, sql, params)


@dataclass
class KpiStatsReader:
    con: duckdb.DuckDBPyConnection

    def portfolio(self, as_of: date, organisations: list[str] | None = None) -> PortfolioFrames:
        """Every active initiative and the statistics of its KPIs as of `as_of`; with
        `organisations`, only those of their departments (one shard of a run, #17)."""
        closed = Stage.CLOSED.value
        if organisations is None:
            return PortfolioFrames(
                initiatives=_table(self.con, _INITIATIVES.format(shard=""),
                                   {"not_stage": closed}),
                kpis=_kpis(self.con, as_of, closed),
            )
        shard_kpis = ("AND kpi_id IN (SELECT k.id FROM kpis k JOIN initiatives i "  # noqa: S608 - fixed text
                      f"ON i.id = k.initiative_id WHERE true {_SHARD})")
        return PortfolioFrames(
            initiatives=_table(self.con, _INITIATIVES.format(shard=_SHARD),
                               {"not_stage": closed, "scoped": organisations}),
            kpis=_kpis(self.con, as_of, closed, _SHARD, shard_kpis, organisations),
        )

    def frames_of(self, ids: list[str], as_of: date) -> PortfolioFrames:
        """The frames of the initiatives `ids`, whatever their stage: to judge one as it
        stood on a past date (the demo's decisions keep the evidence of that date)."""
        return PortfolioFrames(
            initiatives=_table(self.con, _INITIATIVES.format(shard=_OF_IDS),
                               {"not_stage": _EVERY_STAGE, "scoped": ids}),
            kpis=_kpis(self.con, as_of, _EVERY_STAGE, _OF_IDS, _OF_IDS_KPIS, ids),
        )

    def of_initiatives(self, ids: list[str], as_of: date) -> dict[str, list[KpiStats]]:
        """The statistics of the KPIs of `ids` (closed ones too), computed by the same
        query a run uses: a report shows a KPI the last run did not judge as a run would."""
        table = _kpis(self.con, as_of, _EVERY_STAGE, _OF_IDS, _OF_IDS_KPIS, ids)
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
