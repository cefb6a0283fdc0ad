"""The lessons & spread page's read, set-based (#7): filters in SQL, bounded lists, totals.

The model-based read built every initiative and every lesson as a pydantic model and
filtered them in Python: 4-7 s for 50 k initiatives. Here DuckDB finds and counts the
matches, and models are built only for the rows a page shows.

A search matches an initiative by its title, hypothesis, core task or tags, and a lesson
by its text or tags or by its initiative matching; case-insensitive and literal (a `%`,
`_` or quote in the text is just that character). `department` narrows both to the
department the initiative belongs to.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb
import pandas as pd

from portfolio.models import Decision, Initiative, Lesson, Stage
from portfolio.storage.rows import from_json

# The initiatives and lessons in the view; adopted departments oldest first, as
# storage.initiatives reads them.
_MATCHING = """
in_radar AS (
    -- A radar technology's initiatives (#18): those classed with it directly, and those
    -- classed with no radar technology through its class ($technology) or, when it has
    -- none, its name in their text.
    SELECT i.id FROM initiatives i
    WHERE $radar IS NOT NULL AND (
        i.radar_technology = $radar
        OR (i.radar_technology IS NULL AND CASE
            WHEN $technology IS NOT NULL THEN i.technology = $technology
            ELSE contains(lower(i.title), lower($radar))
                 OR contains(lower(i.hypothesis), lower($radar))
                 OR contains(lower(i.core_task), lower($radar))
                 OR contains(lower(array_to_string(i.tags, ' ')), lower($radar)) END))
), adopted AS (
    SELECT initiative_id,
           list(department ORDER BY adopted_on NULLS FIRST, department) AS departments
    FROM adoptions GROUP BY initiative_id
), matching AS (
    SELECT i.id, i.stage, i.title, i.department,
           len(i.planned_departments) > 0 OR a.departments IS NOT NULL AS spread,
           list_contains($spreading, i.stage) AS spreading
    FROM initiatives i
    LEFT JOIN adopted a ON a.initiative_id = i.id
    WHERE ($department IS NULL OR i.department = $department)
      AND ($radar IS NOT NULL OR $technology IS NULL OR i.technology = $technology)
      AND ($radar IS NULL OR i.id IN (SELECT id FROM in_radar))
      AND ($organisations IS NULL OR coalesce(i.organisation, '') = ''
           OR list_contains($organisations, i.organisation))
      AND ($text = '' OR contains(lower(i.title), $text)
           OR contains(lower(i.hypothesis), $text) OR contains(lower(i.core_task), $text)
           OR contains(lower(array_to_string(i.tags, ' ')), $text))
), hits AS (
    SELECT l.id, l.created_on
    FROM lessons l
    JOIN initiatives i ON i.id = l.initiative_id
    WHERE ($department IS NULL OR i.department = $department)
      AND ($radar IS NOT NULL OR $technology IS NULL OR i.technology = $technology)
      AND ($radar IS NULL OR i.id IN (SELECT id FROM in_radar))
      AND ($organisations IS NULL OR coalesce(i.organisation, '') = ''
           OR list_contains($organisations, i.organisation))
      AND ($text = '' OR contains(lower(l.text), $text)
           OR contains(lower(array_to_string(l.tags, ' ')), $text)
           OR l.initiative_id IN (SELECT id FROM matching))
), closing AS (
    SELECT d.* FROM decisions d
    WHERE d.initiative_id IN (SELECT id FROM matching WHERE stage = $closed)
    QUALIFY row_number() OVER (
        PARTITION BY d.initiative_id ORDER BY d.decided_on DESC, d.id DESC) = 1
)
"""

_TOTALS = f"""
WITH {_MATCHING}
SELECT (SELECT count(*) FROM hits), count(*) FILTER (WHERE stage = $closed),
       count(*) FILTER (WHERE spreading AND spread)
FROM matching
"""  # noqa: S608 - only the constant CTEs are formatted in

# Newest first; a lesson's initiative as a whole row (a struct), whatever matched.
_LESSONS = f"""
WITH {_MATCHING}, shown AS (
    SELECT id, created_on FROM hits ORDER BY created_on DESC, id DESC LIMIT $limit
)
SELECT l AS lesson, i AS initiative, coalesce(a.departments, []) AS adopted_departments
FROM shown s
JOIN lessons l ON l.id = s.id
JOIN initiatives i ON i.id = l.initiative_id
LEFT JOIN adopted a ON a.initiative_id = i.id
ORDER BY s.created_on DESC, s.id DESC
"""  # noqa: S608 - only the constant CTEs are formatted in

# The most recently closed (or parked), shown in id order; NULL decision: none recorded.
_SHELF = f"""
WITH {_MATCHING}, shown AS (
    SELECT m.id FROM matching m LEFT JOIN closing c ON c.initiative_id = m.id
    WHERE m.stage = $closed
    ORDER BY c.decided_on DESC NULLS LAST, m.id LIMIT $limit
)
SELECT i AS initiative, coalesce(a.departments, []) AS adopted_departments,
       CASE WHEN c.id IS NOT NULL THEN c END AS decision
FROM shown s
JOIN initiatives i ON i.id = s.id
LEFT JOIN adopted a ON a.initiative_id = i.id
LEFT JOIN closing c ON c.initiative_id = i.id
ORDER BY i.id
"""  # noqa: S608 - only the constant CTEs are formatted in

_SPREAD = f"""
WITH {_MATCHING}, shown AS (
    SELECT id FROM matching WHERE spreading AND spread ORDER BY id LIMIT $limit
)
SELECT i AS initiative, coalesce(a.departments, []) AS adopted_departments
FROM shown s
JOIN initiatives i ON i.id = s.id
LEFT JOIN adopted a ON a.initiative_id = i.id
ORDER BY i.id
"""  # noqa: S608 - only the constant CTEs are formatted in

_SCALED = f"""
WITH {_MATCHING}
SELECT id, title, department FROM matching WHERE spreading ORDER BY id
"""  # noqa: S608 - only the constant CTEs are formatted in

_INITIATIVE_FIELDS = tuple(Initiative.model_fields)


@dataclass(frozen=True)
class LessonsQuery:
    """The page's filters: `text` as typed (matched case-insensitively), `department` or
    None for all; `spreading` names the stages of a scaled initiative (service.lessons)."""

    text: str
    department: str | None
    spreading: tuple[str, ...]
    organisations: tuple[str, ...] | None = None
    """The organisations whose initiatives and lessons may be read (None: every one):
    an organisation's own and those that share their lessons (#13)."""
    technology: str | None = None
    """Only initiatives of this technology class (a radar technology's, #18), or None."""
    radar: str | None = None
    """Only the initiatives of this radar technology (the stored radar's name, #18):
    classed with it directly, or classed with none and of the class `technology` (when
    None: naming it in their text)."""


@dataclass(frozen=True)
class LessonsTotals:
    lessons: int
    shelf: int
    spread: int


@dataclass
class LessonsIndexReader:
    con: duckdb.DuckDBPyConnection

    def _params(self, query: LessonsQuery, **more: Any) -> dict[str, Any]:
        organisations = (None if query.organisations is None
                         else list(query.organisations))
        return {"text": query.text.lower(), "department": query.department,
                "technology": query.technology, "radar": query.radar,
                "organisations": organisations,
                "spreading": list(query.spreading), "closed": Stage.CLOSED.value, **more}

    def _rows(self, sql: str, query: LessonsQuery, limit: int | None) -> list[dict[str, Any]]:
        cursor = self.con.execute(sql, self._params(query, limit=limit))
        names = [d[0] for d in cursor.description or []]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def totals(self, query: LessonsQuery) -> LessonsTotals:
        row = self.con.execute(_TOTALS, self._params(query)).fetchone() or (0, 0, 0)
        return LessonsTotals(*(int(n or 0) for n in row))

    def lessons(
        self, query: LessonsQuery, limit: int | None
    ) -> list[tuple[Lesson, Initiative]]:
        """The newest `limit` (None: all) matching lessons with their initiatives."""
        return [(Lesson.model_validate(r["lesson"]), _initiative(r))
                for r in self._rows(_LESSONS, query, limit)]

    def shelf(
        self, query: LessonsQuery, limit: int | None
    ) -> list[tuple[Initiative, Decision | None]]:
        """The `limit` (None: all) most recently closed matching initiatives, by id, each
        with its latest decision."""
        return [(_initiative(r), _decision(r["decision"]))
                for r in self._rows(_SHELF, query, limit)]

    def spread(self, query: LessonsQuery, limit: int | None) -> list[Initiative]:
        """The first `limit` (None: all) matching scaled initiatives, by id, with departments
        planned or adopted."""
        return [_initiative(r) for r in self._rows(_SPREAD, query, limit)]

    def scaled(self, query: LessonsQuery) -> pd.DataFrame:
        """Every matching scaled initiative (columns id, title, department), by id."""
        return self.con.execute(_SCALED, self._params(query)).df()


def _initiative(row: dict[str, Any]) -> Initiative:
    stored = {**row["initiative"], "adopted_departments": row["adopted_departments"]}
    stored["organisation"] = stored.get("organisation") or ""
    return Initiative.model_validate({k: stored[k] for k in _INITIATIVE_FIELDS})


def _decision(row: dict[str, Any] | None) -> Decision | None:
    if row is None:
        return None
    return Decision.model_validate({**row, "evidence": from_json(row["evidence"]) or {}})
