"""Benefit-realisation plans (#18, item 2): one row per initiative, year, kind and benefit.

Saving a line is an upsert on its key (on the lake a MERGE, see lake_sql.py); a line read
back is a BenefitLine. The kroner summed per year, department and organisation for the
board and the portfolio report are read in storage.board, under the board's filters.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

import duckdb

from portfolio.models import BenefitLine
from portfolio.storage.rows import fetch_dicts, insert_values

_SELECT = (
    "SELECT initiative_id, year, kind, benefit, budget_line, unit, planned, realised, note, "
    "updated_by, updated_at FROM benefit_plan "
)
_KEY = "initiative_id = ? AND year = ? AND kind = ? AND benefit = ?"


@dataclass
class BenefitPlans:
    con: duckdb.DuckDBPyConnection

    def for_initiative(self, initiative_id: str) -> list[BenefitLine]:
        """By year, cashable before non-cashable, then by benefit."""
        rows = fetch_dicts(self.con, _SELECT + "WHERE initiative_id = ? "
                           "ORDER BY year, kind, benefit", [initiative_id])
        return [BenefitLine.model_validate(r) for r in rows]

    def for_initiatives(self, ids: Collection[str]) -> list[BenefitLine]:
        """The lines of `ids`, as for_initiative orders them within each initiative."""
        rows = fetch_dicts(self.con, _SELECT + "WHERE initiative_id IN "
                           "(SELECT unnest(?::VARCHAR[])) ORDER BY initiative_id, year, kind, "
                           "benefit", [sorted(ids)])
        return [BenefitLine.model_validate(r) for r in rows]

    def get(self, key: tuple[str, int, str, str]) -> BenefitLine | None:
        rows = fetch_dicts(self.con, _SELECT + "WHERE " + _KEY, list(key))
        return BenefitLine.model_validate(rows[0]) if rows else None

    def save(self, line: BenefitLine, updated_by: str) -> BenefitLine:
        """Store the line (new, or replacing the one of its key); returns it as stored."""
        self.save_many([line], updated_by)
        stored = self.get(line.key)
        assert stored is not None  # just written, in this transaction
        return stored

    def save_many(self, lines: Sequence[BenefitLine], updated_by: str | None = None) -> None:
        """Store each line, new or replacing the one of its key, a thousand a statement (an
        import's lines, the demo's; a statement a line cost catalog round trips each on the
        lake, #17), saved by `updated_by` (None: each line's own). The keys must differ:
        one statement may not change a row twice."""
        insert_values(
            self.con, "INSERT INTO benefit_plan (initiative_id, year, kind, benefit, "
            "budget_line, unit, planned, realised, note, updated_by, updated_at)",
            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, get_current_timestamp())",
            [[line.initiative_id, line.year, line.kind.value, line.benefit, line.budget_line,
              line.unit, line.planned, line.realised, line.note,
              line.updated_by if updated_by is None else updated_by]
             for line in lines],
            tail="ON CONFLICT (initiative_id, year, kind, benefit) DO UPDATE SET "
            "budget_line = excluded.budget_line, unit = excluded.unit, "
            "planned = excluded.planned, realised = excluded.realised, note = excluded.note, "
            "updated_by = excluded.updated_by, updated_at = excluded.updated_at")

    def remove(self, key: tuple[str, int, str, str]) -> None:
        self.con.execute("DELETE FROM benefit_plan WHERE " + _KEY, list(key))  # noqa: S608 - constant
