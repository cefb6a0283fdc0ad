"""Realised benefits of the whole portfolio at several dates, computed set-based (#7).

The portfolio report used to read every measurement as a model (10 M at national scale,
~19 GB) to find each benefit KPI's newest value. Here DuckDB finds it with one ASOF join
per date and returns only grouped means and the cashable KPIs, so the report costs what
its figures cost. Progress and clamping follow the engine (review.columns.KpiColumns)
and portfolio.reports.figures (the oracle test keeps them equal).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import duckdb

from portfolio.models import DecisionKind, Direction, KpiKind, Stage

RUNNING = (Stage.EXPERIMENT, Stage.SCALING, Stage.OPERATION)
CLOSING = (DecisionKind.CLOSE, DecisionKind.PARK)

# Point 0 is "now": the running initiatives. Every other point is a quarter's end: the
# initiatives whose newest close or park decision (if any) came after it. (kpi_id,
# measured_on) is the primary key of measurements, so the ASOF join's latest is unique.
_SHARES = """
WITH points AS (
    SELECT unnest(?::DATE[]) AS as_of, unnest(range(len(?::DATE[]))) AS point
),
closing AS (
    SELECT initiative_id, max(decided_on) AS closed_on
    FROM decisions WHERE list_contains(?::VARCHAR[], kind) GROUP BY initiative_id
),
benefit AS (
    SELECT k.id AS kpi_id, k.initiative_id, k.name, k.baseline, k.target,
           k.direction = ? AS higher, k.cashable, i.department,
           coalesce(nullif(i.technology, ''), 'other') AS technology,
           list_contains(?::VARCHAR[], i.stage) AS running, c.closed_on
    FROM kpis k
    JOIN initiatives i ON i.id = k.initiative_id
    LEFT JOIN closing c ON c.initiative_id = k.initiative_id
    WHERE k.kind = ?
      AND (? = '' OR coalesce(i.organisation, '') IN ('', ?))
),
grid AS (
    SELECT p.point, p.as_of, b.*
    FROM points p JOIN benefit b
      ON CASE WHEN p.point = 0 THEN b.running
              ELSE b.closed_on IS NULL OR b.closed_on > p.as_of END
),
latest AS (
    SELECT g.*, m.value AS latest
    FROM grid g ASOF JOIN measurements m
      ON m.kpi_id = g.kpi_id AND g.as_of >= m.measured_on
),
shares AS (
    SELECT *, greatest(0.0, least(1.0, CASE
        WHEN target = baseline THEN
            CASE WHEN (higher AND latest >= target) OR (NOT higher AND latest <= target)
                 THEN 1.0 ELSE 0.0 END
        ELSE (latest - baseline) / (target - baseline) END)) AS share
    FROM latest
)
"""

_GROUPED = _SHARES + """
SELECT point, department, technology, grouping(department) = 0 AS by_department,
       grouping(technology) = 0 AS by_technology, count(*) AS kpis,
       avg(share) FILTER (WHERE cashable) AS cashable,
       avg(share) FILTER (WHERE NOT cashable) AS non_cashable,
       avg(share) AS overall
FROM shares
GROUP BY GROUPING SETS ((point), (point, department), (point, technology))
HAVING point = 0 OR (grouping(department) = 1 AND grouping(technology) = 1)
"""

_CASHABLE = _SHARES + """
SELECT initiative_id, name, latest, share, count(*) OVER () AS total
FROM shares WHERE point = 0 AND cashable
ORDER BY initiative_id, kpi_id
LIMIT ?
"""

_DECISIONS = """
SELECT year(d.decided_on) AS year, quarter(d.decided_on) AS number, d.kind, count(*) AS n
FROM decisions d JOIN initiatives i ON i.id = d.initiative_id
WHERE d.decided_on BETWEEN ? AND ?
  AND (? = '' OR coalesce(i.organisation, '') IN ('', ?))
GROUP BY ALL
"""


@dataclass(frozen=True)
class RealisedGroup:
    """Mean share realised over one group of benefit KPIs at one date."""

    point: int
    """0: now (running initiatives); 1..n: the as-of dates after it, in the order given."""
    dimension: str
    """"all", "department" or "technology"."""
    label: str
    kpis: int
    cashable: float | None
    non_cashable: float | None
    overall: float | None


@dataclass(frozen=True)
class CashableShare:
    initiative_id: str
    kpi: str
    latest: float
    share: float


@dataclass
class RealisedReader:
    con: duckdb.DuckDBPyConnection

    def _params(self, dates: Sequence[date], organisation: str) -> list[object]:
        return [list(dates), list(dates), [k.value for k in CLOSING], Direction.HIGHER.value,
                [s.value for s in RUNNING], KpiKind.BENEFIT.value, organisation, organisation]

    def groups(self, now: date, quarter_ends: Sequence[date], organisation: str = ""
               ) -> list[RealisedGroup]:
        """Overall, per-department and per-technology means now; overall ones per quarter
        end (point i is quarter_ends[i - 1]). `organisation`: only its initiatives (and
        those of no known organisation, as Scope has it); "": every one."""
        rows = self.con.execute(
            _GROUPED, self._params([now, *quarter_ends], organisation)).fetchall()
        found = []
        for point, department, technology, by_department, by_technology, *means in rows:
            dimension, label = (
                ("department", department) if by_department
                else ("technology", technology) if by_technology else ("all", "")
            )
            found.append(RealisedGroup(point, dimension, label, *means))
        return found

    def cashable(self, now: date, limit: int | None, organisation: str = ""
                 ) -> tuple[list[CashableShare], int]:
        """The first `limit` (None: all) cashable benefit KPIs of running initiatives, by
        initiative then KPI, and how many there are (of `organisation`, as in groups)."""
        rows = self.con.execute(
            _CASHABLE, [*self._params([now], organisation), limit]).fetchall()
        total = rows[0][-1] if rows else 0
        return [CashableShare(*row[:-1]) for row in rows], total

    def decisions_by_quarter(
        self, first: date, last: date, organisation: str = ""
    ) -> dict[tuple[int, int], dict[DecisionKind, int]]:
        """Decisions taken between two days (inclusive), counted per quarter and kind
        (on `organisation`'s initiatives, as in groups)."""
        counts: dict[tuple[int, int], dict[DecisionKind, int]] = {}
        params = [first, last, organisation, organisation]
        for year, number, kind, n in self.con.execute(_DECISIONS, params).fetchall():
            counts.setdefault((year, number), {})[DecisionKind(kind)] = n
        return counts
