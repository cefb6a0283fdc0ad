"""One run's stored verdicts as slim rows, a page of initiatives at a time (#15).

What `failscale evaluate --json` prints: each verdict's recommendation, light, score,
overdue flag and its reasons as (code, params). Building an Evaluation model per verdict
(stored_verdicts) cost 29 s of a 50 s national command for the same output; here a page
is two queries (the page's verdicts, then their reasons), and a caller never holds more
than one page in Python.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import duckdb

from portfolio.review.frames import PARAM_TYPES, REASON_PARAMS
from portfolio.storage.rows import fetch_dicts

_KEY = "initiative_id, as_of, policy_name, policy_version"

_PAGE = """
WITH page AS (
    SELECT initiative_id, as_of, policy_name, policy_version, run_id, recommendation, light,
           score, overdue, budget_light, time_light, attainment_light
    FROM evaluations WHERE run_id = $run_id AND initiative_id > $after
    ORDER BY initiative_id LIMIT $limit)
"""

# The initiative's organisation and department as they are now (#13: evaluate --json).
_VERDICTS = _PAGE + """
SELECT page.*, coalesce(i.organisation, '') AS organisation, coalesce(i.department, '') AS
       department
FROM page LEFT JOIN initiatives i ON i.id = page.initiative_id
ORDER BY page.initiative_id"""

_REASONS = _PAGE + f"""
SELECT r.initiative_id, r.code, {", ".join(f"r.{name}" for name in PARAM_TYPES)}
FROM page JOIN evaluation_reasons r USING ({_KEY})
ORDER BY r.initiative_id, r.position, r.seq
"""  # noqa: S608 - only constant column names are formatted in


@dataclass(frozen=True)
class RunVerdict:
    """A stored verdict as printed: reasons as (code, params), rendered by the caller."""

    initiative_id: str
    recommendation: str
    light: str
    score: float | None
    overdue: bool
    as_of: date
    policy_version: int
    run_id: str
    reasons: tuple[tuple[str, dict[str, Any]], ...]
    organisation: str = ""
    department: str = ""
    lights: dict[str, str | None] = field(default_factory=dict)
    """Budget, time and benefit (models.Verdict.lights)."""


@dataclass
class RunVerdictsReader:
    con: duckdb.DuckDBPyConnection

    def page(self, run_id: str, after: str, limit: int) -> list[RunVerdict]:
        """At most `limit` verdicts of the run, by initiative id, after `after`."""
        params = {"run_id": run_id, "after": after, "limit": limit}
        verdicts = fetch_dicts(self.con, _VERDICTS, params)
        if not verdicts:
            return []
        reasons: defaultdict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
        for row in fetch_dicts(self.con, _REASONS, params):
            code = row["code"]
            reasons[row["initiative_id"]].append(
                (code, {name: row[name] for name in REASON_PARAMS[code]}))
        return [
            RunVerdict(
                initiative_id=v["initiative_id"], recommendation=v["recommendation"],
                light=v["light"], score=v["score"], overdue=v["overdue"], as_of=v["as_of"],
                policy_version=v["policy_version"], run_id=v["run_id"],
                reasons=tuple(reasons[v["initiative_id"]]),
                organisation=v["organisation"], department=v["department"],
                lights={"budget": v["budget_light"], "time": v["time_light"],
                        "benefit": None if v["recommendation"] == "NEEDS_DATA"
                        else v["attainment_light"]},
            )
            for v in verdicts
        ]

    def pages(self, run_id: str, limit: int) -> Iterator[list[RunVerdict]]:
        """Every verdict of the run, a page at a time (keyset paging, no OFFSET)."""
        after = ""
        while page := self.page(run_id, after, limit):
            yield page
            after = page[-1].initiative_id
