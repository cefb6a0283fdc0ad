"""The board's read, set-based (#7): one slim row per initiative, no models.

The model-based read (now the reference in tests/oracles/board.py) built an Initiative
and an Evaluation per row and parsed every evaluation's criteria, reasons and KPI
documents in Python: 47 s for 50 k initiatives. Here DuckDB returns only the columns the
board shows, and the benefit realisation is summed in SQL from the verdicts' typed KPI
statistics.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb
import pandas as pd

from portfolio.models import BenefitKind, KpiKind, Stage

# The newest verdict of every initiative, as Evaluations.latest() orders them.
_LATEST = """
latest AS (
    SELECT initiative_id, recommendation, light, score, as_of, policy_name, policy_version,
           budget_light, time_light,
           CASE WHEN recommendation <> 'NEEDS_DATA' THEN attainment_light END AS benefit_light
    FROM evaluations
    QUALIFY row_number() OVER (
        PARTITION BY initiative_id ORDER BY as_of DESC, evaluated_at DESC) = 1
), decided AS (
    SELECT initiative_id, max(decided_on) AS last_decision_on
    FROM decisions GROUP BY initiative_id
), board AS (
    SELECT i.id, i.title, i.department, coalesce(i.organisation, '') AS organisation,
           i.stage, i.technology, i.focus_area,
           i.budget_dkk, i.spent_dkk, i.review_on, i.started_on,
           e.recommendation, e.light, e.score, e.as_of, e.policy_name, e.policy_version,
           e.budget_light, e.time_light, e.benefit_light,
           -- No watermelons (#18): benefits capped at yellow for self-reports alone.
           EXISTS (SELECT 1 FROM evaluation_reasons r
                   WHERE r.initiative_id = e.initiative_id AND r.as_of = e.as_of
                     AND r.policy_name = e.policy_name
                     AND r.policy_version = e.policy_version
                     AND r.code = 'attainment.self_reported_cap') AS self_reported_only,
           d.last_decision_on
    FROM initiatives i
    LEFT JOIN latest e ON e.initiative_id = i.id
    LEFT JOIN decided d ON d.initiative_id = i.id
    WHERE ($department IS NULL OR i.department = $department)
      AND ($organisation IS NULL OR i.organisation = $organisation)
      AND ($stage IS NULL OR i.stage = $stage)
      AND ($technology IS NULL OR i.technology = $technology)
      AND ($focus_area IS NULL OR i.focus_area = $focus_area)
      AND ($recommendation IS NULL OR e.recommendation = $recommendation)
)
"""

# Overdue and pilot age for *today*, as the reference board (tests/oracles/board.py) defines them.
_ROWS = f"""
WITH {_LATEST}
SELECT id, title, department, organisation, stage, technology, focus_area, budget_dkk,
       spent_dkk,
       review_on, started_on, recommendation, light, score, as_of, last_decision_on,
       budget_light, time_light, benefit_light, self_reported_only,
       coalesce(stage <> $closed AND review_on IS NOT NULL AND $today > review_on
                AND (last_decision_on IS NULL OR last_decision_on < review_on), false)
           AS overdue,
       CASE WHEN stage <> $idea AND started_on IS NOT NULL
            THEN date_diff('day', started_on, $today) END AS pilot_age_days
FROM board
ORDER BY id
"""  # noqa: S608 - only the constant CTE is formatted in

# Σ weight × progress clamped to [0, 1] over the benefit KPIs of the active initiatives'
# latest verdicts, against Σ weight, split by the KPI's cashable flag (board_metrics).
# The verdicts' KPI statistics are typed rows (migration 004): a join, no JSON.
_BENEFITS = f"""
WITH {_LATEST}
SELECT coalesce(c.cashable, false) AS cashable, count(*) AS kpis,
       sum(s.weight) AS expected,
       sum(s.weight * least(1.0, greatest(0.0, coalesce(s.progress, 0.0)))) AS realised
FROM board b
JOIN evaluation_kpis s ON s.initiative_id = b.id AND s.as_of = b.as_of
     AND s.policy_name = b.policy_name AND s.policy_version = b.policy_version
LEFT JOIN kpis c ON c.initiative_id = b.id AND c.name = s.name
WHERE b.stage <> $closed AND s.kind = $benefit
GROUP BY ALL
"""  # noqa: S608 - only the constant CTE is formatted in

# Planned against realised kroner of the matching initiatives' benefit-realisation plans
# (#18): per year, per organisation and year, per department and year. Every initiative
# counts, closed ones too: kroner planned and never taken home are what a CFO must see.
_KRONER = f"""
WITH {_LATEST}
SELECT p.year, b.organisation, b.department,
       grouping(b.organisation) = 0 AS by_organisation,
       grouping(b.department) = 0 AS by_department,
       sum(p.planned) AS planned, coalesce(sum(p.realised), 0) AS realised,
       count(*) AS lines, count(p.realised) AS recorded
FROM board b JOIN benefit_plan p ON p.initiative_id = b.id
WHERE p.kind = $cashable
GROUP BY GROUPING SETS ((p.year), (p.year, b.organisation),
                        (p.year, b.organisation, b.department))
ORDER BY p.year, by_organisation, b.organisation NULLS FIRST, by_department,
         b.department NULLS FIRST
"""  # noqa: S608 - only the constant CTE is formatted in


@dataclass(frozen=True)
class KronerRow:
    """Planned and realised kroner of one year, for the whole view (organisation and
    department ""), one organisation (department ""), or one department."""

    year: int
    level: str
    """"all", "organisation" or "department"."""
    organisation: str
    department: str
    planned: float
    realised: float
    lines: int
    recorded: int
    """Lines with a realised value recorded: a year without any is not yet accounted."""


# Cheap enough to ask on every page run: every write through the service layer is
# audited, and runs, imports and synthetic data change the counts.
_VERSION = """
SELECT (SELECT max(id) FROM audit_events), (SELECT count(*) FROM initiatives),
       (SELECT count(*) FROM kpis), (SELECT count(*) FROM evaluations),
       (SELECT count(*) FROM decisions)
"""


@dataclass(frozen=True)
class BoardQuery:
    """The board's filters as stored values (None: all)."""

    department: str | None = None
    stage: str | None = None
    technology: str | None = None
    focus_area: str | None = None
    recommendation: str | None = None
    organisation: str | None = None


@dataclass
class BoardReader:
    con: duckdb.DuckDBPyConnection

    def _params(self, query: BoardQuery) -> dict[str, Any]:
        return {"department": query.department, "stage": query.stage,
                "technology": query.technology, "focus_area": query.focus_area,
                "recommendation": query.recommendation, "organisation": query.organisation,
                "closed": Stage.CLOSED.value}

    def rows(self, query: BoardQuery, today: date) -> pd.DataFrame:
        """One row per matching initiative, ordered by id."""
        params = {**self._params(query), "today": today, "idea": Stage.IDEA.value}
        return self.con.execute(_ROWS, params).df()

    def benefits(self, query: BoardQuery) -> dict[bool, tuple[int, float, float]]:
        """(KPIs, expected, realised) of the matching active initiatives, by cashable."""
        params = {**self._params(query), "benefit": KpiKind.BENEFIT.value}
        found = self.con.execute(_BENEFITS, params).fetchall()
        return {bool(cashable): (int(n), float(expected or 0), float(realised or 0))
                for cashable, n, expected, realised in found}

    def kroner(self, query: BoardQuery) -> list[KronerRow]:
        """Planned against realised cashable kroner per year (whole view, organisation,
        department), ordered by year, then the whole view before its parts."""
        params = {k: v for k, v in self._params(query).items() if k != "closed"}
        params["cashable"] = BenefitKind.CASHABLE.value
        found = self.con.execute(_KRONER, params).fetchall()
        return [KronerRow(int(year),
                          "department" if by_dept else "organisation" if by_org else "all",
                          (organisation or "") if by_org else "",
                          (department or "") if by_dept else "", float(planned or 0),
                          float(realised or 0), int(lines), int(recorded))
                for year, organisation, department, by_org, by_dept, planned, realised, lines,
                recorded in found]

    def version(self) -> tuple[int, ...]:
        """Changes whenever anything the board shows may have changed."""
        row = self.con.execute(_VERSION).fetchone() or ()
        return tuple(int(v or 0) for v in row)
