"""The portfolio report's headline counts and the rows of its long tables, chosen in SQL (#15).

The report used to read all 50 k initiatives and 30 k decisions of a national portfolio as
models (5-12 s) to count them and pick 200 rows per table. Here DuckDB counts and orders;
only the ids of the rows a table lists come back, and the service reads those as models.
The definitions are those of the model-based computation kept as the oracle in
tests/oracles/portfolio_tables.py (tests/reports/test_portfolio_tables.py holds them equal):

- scaled: stage scaling or operation, or any SCALE decision; scaled on the first SCALE
  decision's day; newest first, never-decided last, then by id;
- closed: stage closed; newest closing (CLOSE/PARK) decision first, none last, then by id;
- spread: the owning department and the planned (adopted) ones, each counted once;
- decided share: started initiatives (not ideas) with at least one decision.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from portfolio.models import DecisionKind, Stage

# One row per initiative in scope, with what the counts and orders need. Parameters:
# organisation twice ("" is every one; an initiative of no known organisation is in every
# one, as Scope has it), the SCALE kind, the closing kinds, the scaled stages.
_FACTS = """
WITH scope AS (
    SELECT id, stage, department, planned_departments
    FROM initiatives
    WHERE ? = '' OR coalesce(organisation, '') IN ('', ?)
),
decided AS (
    SELECT initiative_id, count(*) AS decisions,
           min(decided_on) FILTER (WHERE kind = ?) AS scaled_on,
           max(decided_on) FILTER (WHERE list_contains(?::VARCHAR[], kind)) AS closed_on
    FROM decisions
    WHERE initiative_id IN (SELECT id FROM scope)
    GROUP BY initiative_id
),
adopted AS (
    SELECT initiative_id, list(department) AS departments
    FROM adoptions GROUP BY initiative_id
),
facts AS (
    SELECT s.id, s.stage, coalesce(d.decisions, 0) AS decisions, d.scaled_on, d.closed_on,
           list_contains(?::VARCHAR[], s.stage) OR d.scaled_on IS NOT NULL AS was_scaled,
           len(list_distinct(list_prepend(s.department, s.planned_departments))) AS planned,
           len(list_distinct(list_prepend(s.department, coalesce(a.departments, []))))
               AS adopted
    FROM scope s
    LEFT JOIN decided d ON d.initiative_id = s.id
    LEFT JOIN adopted a ON a.initiative_id = s.id
)
"""

_COUNTS = _FACTS + """
SELECT count(*),
       count(*) FILTER (WHERE stage <> ?),
       count(*) FILTER (WHERE stage <> ?),
       count(*) FILTER (WHERE stage <> ? AND decisions > 0),
       count(*) FILTER (WHERE was_scaled),
       coalesce(sum(adopted) FILTER (WHERE was_scaled), 0),
       coalesce(sum(planned) FILTER (WHERE was_scaled), 0),
       count(*) FILTER (WHERE stage = ?)
FROM facts
"""

_SCALED = _FACTS + """
SELECT id FROM facts WHERE was_scaled
ORDER BY scaled_on IS NULL, scaled_on DESC, id
LIMIT ?
"""

_CLOSED = _FACTS + """
SELECT id FROM facts WHERE stage = ?
ORDER BY closed_on IS NULL, closed_on DESC, id
LIMIT ?
"""


@dataclass(frozen=True)
class PortfolioCounts:
    """The report's headline numbers over every initiative in scope."""

    total: int
    active: int
    """Not closed."""
    started: int
    """Not ideas."""
    decided: int
    """Started, with at least one decision."""
    scaled: int
    adopted: int
    """Summed over the scaled initiatives, the owner included."""
    planned: int
    """Likewise."""
    closed: int


@dataclass
class PortfolioTablesReader:
    con: duckdb.DuckDBPyConnection

    def _params(self, organisation: str) -> list[object]:
        return [organisation, organisation, DecisionKind.SCALE.value,
                [DecisionKind.CLOSE.value, DecisionKind.PARK.value],
                [Stage.SCALING.value, Stage.OPERATION.value]]

    def counts(self, organisation: str = "") -> PortfolioCounts:
        """`organisation`: only its initiatives (and those of none); "": every one."""
        row = self.con.execute(_COUNTS, [
            *self._params(organisation), Stage.CLOSED.value, Stage.IDEA.value,
            Stage.IDEA.value, Stage.CLOSED.value]).fetchone()
        assert row is not None  # an aggregate without GROUP BY returns one row
        return PortfolioCounts(*(int(n) for n in row))

    def scaled_ids(self, limit: int | None, organisation: str = "") -> list[str]:
        """The first `limit` (None: all) scaled initiatives, most recently scaled first."""
        rows = self.con.execute(_SCALED, [*self._params(organisation), limit]).fetchall()
        return [r[0] for r in rows]

    def closed_ids(self, limit: int | None, organisation: str = "") -> list[str]:
        """The first `limit` (None: all) closed initiatives, most recently closed first."""
        rows = self.con.execute(
            _CLOSED, [*self._params(organisation), Stage.CLOSED.value, limit]).fetchall()
        return [r[0] for r in rows]
