"""The agenda's facts, set-based (#7): one slim row per active initiative, no models.

Building the agenda from Initiative, Evaluation and Decision models parsed every latest
evaluation's JSON documents (22 s of 28 s at 50 k initiatives); the agenda needs only the
latest recommendation and its date, the last decision, the last SCALE decision and each
KPI's newest measurement date, which DuckDB gives in one query.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb
import pyarrow as pa

from portfolio.models import DecisionKind, KpiKind, Stage
from portfolio.review.agenda_rules import FACTS
from portfolio.storage import measurement_stats

# The newest measurement of each KPI up to the agenda's date: what the owner has recorded
# counts, also since the last evaluation (kept at write time, storage.measurement_stats).
# Latest verdicts and decisions are ordered as Evaluations.latest() and Decisions order
# them. Narrowed (`{chosen}` etc. filled by _NARROWED) only the initiatives of
# `$departments` are read, and every part of the query is narrowed to them: one steering
# group's agenda costs what its own rows cost. Whole (_WHOLE), the filters are left out of
# the text: as `$every OR …` parameters DuckDB still ran them, a semi-join of 10 M
# measurements among others (#15). A department is organisation + name (#13):
# `$departments` holds [organisation, name] pairs, so Aarhus's "Børn og Unge" never brings
# Odense's along; an initiative stored without an organisation matches by name, as the
# departments join below does.
_FACTS_TEMPLATE = """
WITH chosen AS (
    SELECT * FROM initiatives WHERE stage <> $closed {chosen}
), latest AS (
    SELECT initiative_id, recommendation, as_of, policy_name, policy_version,
           budget_light, time_light,
           CASE WHEN recommendation <> 'NEEDS_DATA' THEN attainment_light END AS benefit_light
    FROM evaluations
    WHERE true {of_chosen}
    QUALIFY row_number() OVER (
        PARTITION BY initiative_id ORDER BY as_of DESC, evaluated_at DESC) = 1
), last_decision AS (
    SELECT initiative_id, decided_on, kind, recommendation
    FROM decisions
    WHERE true {of_chosen}
    QUALIFY row_number() OVER (
        PARTITION BY initiative_id ORDER BY decided_on DESC, id DESC) = 1
), scaled AS (
    SELECT initiative_id, max(decided_on) AS scaled_on
    FROM decisions
    WHERE kind = $scale {of_chosen}
    GROUP BY initiative_id
), chosen_kpis AS (
    SELECT k.id, k.initiative_id, k.name FROM kpis k JOIN chosen i ON i.id = k.initiative_id
), newest AS (
    SELECT kpi_id, latest_on FROM ({newest})
), forecasts AS (
    -- Benefit KPIs of the latest verdict that reach their target only after the review
    -- date at their trend, or not at all (#18): put on the agenda before the date.
    -- A date before the verdict's as-of with the target not reached is late too: at its
    -- trend the target should already have been reached.
    SELECT f.initiative_id, max(f.forecast_on) AS forecast_on,
           bool_or(f.forecast_on < e.as_of) AS passed,
           bool_or(f.forecast_on IS NULL AND f.progress < 1 AND f.trend_per_30d IS NOT NULL)
               AS never
    FROM latest e
    JOIN evaluation_kpis f USING (initiative_id, as_of, policy_name, policy_version)
    WHERE f.kind = $benefit
    GROUP BY f.initiative_id
), kpi_dates AS (
    -- One list sorted once (structs compare by their first field, the id): two lists
    -- each with its own ORDER BY sorted every initiative's KPIs twice, 0.38 s (#15).
    SELECT initiative_id, list_transform(kpis, k -> k.name) AS names,
           list_transform(kpis, k -> k.latest_on) AS dates
    FROM (SELECT k.initiative_id,
                 list_sort(list({{'id': k.id, 'name': k.name, 'latest_on': n.latest_on}}))
                     AS kpis
          FROM chosen_kpis k
          LEFT JOIN newest n ON n.kpi_id = k.id
          GROUP BY k.initiative_id)
), groups AS (
    -- The department's steering group: by organisation + name, or by name alone for an
    -- initiative of no organisation. Joined by name first, so DuckDB hashes instead of
    -- comparing every initiative with every department (0.09 s at national scale, #15).
    SELECT c.id, d.steering_group, d.organisation
    FROM chosen c
    JOIN departments d ON d.name = c.department
    WHERE coalesce(c.organisation, '') = '' OR d.organisation = c.organisation
)
SELECT i.id, i.title, i.department, i.owner, i.stage, i.review_on,
       coalesce(g.steering_group, '') AS steering_group,
       coalesce(nullif(i.organisation, ''), g.organisation, '') AS organisation,
       e.recommendation, e.as_of AS evaluated_on, d.decided_on, d.kind AS decided_kind,
       d.recommendation AS decided_recommendation,
       s.scaled_on, k.names AS kpi_names, k.dates AS kpi_latest_on,
       e.budget_light, e.time_light, e.benefit_light,
       coalesce(i.review_on IS NOT NULL
                AND (f.never OR f.passed OR f.forecast_on > i.review_on), false)
           AS forecast_late
FROM chosen i
LEFT JOIN groups g ON g.id = i.id
LEFT JOIN latest e ON e.initiative_id = i.id
LEFT JOIN last_decision d ON d.initiative_id = i.id
LEFT JOIN scaled s ON s.initiative_id = i.id
LEFT JOIN kpi_dates k ON k.initiative_id = i.id
LEFT JOIN forecasts f ON f.initiative_id = i.id
ORDER BY {order}
"""

_NARROWED = {
    "chosen": """AND (
        list_contains($departments::VARCHAR[][], [coalesce(organisation, ''), department])
        OR (coalesce(organisation, '') = '' AND list_contains($names::VARCHAR[], department)))""",
    "of_chosen": "AND initiative_id IN (SELECT id FROM chosen)",
    "kpis_of_chosen": "AND kpi_id IN (SELECT id FROM chosen_kpis)",
}
_WHOLE = dict.fromkeys(_NARROWED, "")

_FACTS = _FACTS_TEMPLATE.format(**_NARROWED, order="i.id",
                                newest=measurement_stats.as_of(_NARROWED["kpis_of_chosen"]))
_FACTS_WHOLE = _FACTS_TEMPLATE.format(**_WHOLE, order="i.id", newest=measurement_stats.as_of())

# What a steering meeting adds to the follow-ups (reviews due soon, parked initiatives to
# revisit) depends on these columns of every initiative, closed ones included.
_SCHEDULED_TEMPLATE = """
WITH chosen AS (
    SELECT id, department, coalesce(organisation, '') AS organisation, stage, review_on
    FROM initiatives
    WHERE true {chosen}
)
SELECT i.id, i.organisation, i.department, i.stage, i.review_on, d.kind
FROM chosen i
LEFT JOIN (
    SELECT initiative_id, kind FROM decisions
    WHERE true {of_chosen}
    QUALIFY row_number() OVER (
        PARTITION BY initiative_id ORDER BY decided_on DESC, id DESC) = 1
) d ON d.initiative_id = i.id
ORDER BY i.id
"""
_SCHEDULED = _SCHEDULED_TEMPLATE.format(**_NARROWED)
_SCHEDULED_WHOLE = _SCHEDULED_TEMPLATE.format(**_WHOLE)

DepartmentKey = tuple[str, str]
"""A department's identity: (organisation, name) (#13)."""


def _narrowed(whole: str, narrowed: str, departments: Collection[DepartmentKey] | None
              ) -> tuple[str, dict[str, Any]]:
    """The query and its parameters for `departments` (None: every one, `whole`)."""
    if departments is None:
        return whole, {}
    keys = sorted({(organisation, name) for organisation, name in departments})
    return narrowed, {"departments": [list(k) for k in keys],
                      "names": sorted({name for _, name in keys})}


@dataclass(frozen=True)
class Scheduled:
    """An initiative's review date and stage, and the kind of its last decision."""

    id: str
    organisation: str
    department: str
    stage: Stage
    review_on: date | None
    last_kind: DecisionKind | None


@dataclass
class AgendaFactsReader:
    con: duckdb.DuckDBPyConnection

    def active(
        self, as_of: date, departments: Collection[DepartmentKey] | None = None
    ) -> pa.Table:
        """The facts (review.agenda_rules.FACTS) of every initiative that is not closed
        (of `departments` only, when given: (organisation, name) pairs), ordered by id:
        columns, so the rules judge them at once without a Python object per row (#15)."""
        sql, chosen = _narrowed(_FACTS_WHOLE, _FACTS, departments)
        return self.con.execute(sql, {
            "as_of": as_of, "closed": Stage.CLOSED.value, "scale": DecisionKind.SCALE.value,
            "benefit": KpiKind.BENEFIT.value, **chosen,
        }).to_arrow_table().cast(FACTS)

    def scheduled(
        self, departments: Collection[DepartmentKey] | None = None
    ) -> list[Scheduled]:
        """Every initiative (of `departments` only, when given: (organisation, name)
        pairs), closed ones too, by id."""
        rows = self.con.execute(*_narrowed(_SCHEDULED_WHOLE, _SCHEDULED, departments)
                                ).fetchall()
        return [Scheduled(i, organisation, department, Stage(stage), review_on,
                          DecisionKind(kind) if kind else None)
                for i, organisation, department, stage, review_on, kind in rows]
