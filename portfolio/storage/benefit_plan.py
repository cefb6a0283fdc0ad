"""Benefit-realisation plans (#18, item 2): one row per initiative, year, kind and benefit.

Saving a line is an upsert on its key (on the lake a MERGE, see lake_sql.py); a line read
back is a BenefitLine. The kroner summed per year, department and organisation for the
board and the portfolio report are read in storage.board, under the board's filters.
"""

from __future__ import annotations

from collections.abc import Sequence
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

    def get(self, key: tuple[str, int, str, str]) -> BenefitLine | None:
        rows = fetch_dicts(self.con, _SELECT + "WHERE " + _KEY, list(key))
        return BenefitLine.model_validate(rows[0]) if rows else None

    def add_many(self, lines: Sequence[BenefitLine]) -> None:
        """Insert lines none of whose keys is stored yet, each with its own `updated_by`
        (the demo's plans), a thousand a statement; `save` is an upsert and a read a line."""
        insert_values(
            self.con, "INSERT INTO benefit_plan (initiative_id, year, kind, benefit, "
            "budget_line, unit, planned, realised, note, updated_by, updated_at)",
            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, get_current_timestamp())",
            [[line.initiative_id, line.year, line.kind.value, line.benefit, line.budget_line,
              line.unit, line.planned, line.realised, line.note, line.updated_by]
             for line in lines])

    def save(self, line: BenefitLine, updated_by: str) -> BenefitLine:
        """Store the line (new, or replacing the one of its key); returns it as stored."""
        self.con.execute(
            "INSERT INTO benefit_plan (initiative_id, year, kind, benefit, budget_line, unit, "
            "planned, realised, note, updated_by, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, get_current_timestamp()) "
            "ON CONFLICT (initiative_id, year, kind, benefit) DO UPDATE SET "
            "budget_line = excluded.budget_line, unit = excluded.unit, "
            "planned = excluded.planned, realised = excluded.realised, note = excluded.note, "
            "updated_by = excluded.updated_by, updated_at = excluded.updated_at",
            [line.initiative_id, line.year, line.kind.value, line.benefit, line.budget_line,
             line.unit, line.planned, line.realised, line.note, updated_by],
        )
        stored = self.get(line.key)
        assert stored is not None  # just written, in this transaction
        return stored

    def remove(self, key: tuple[str, int, str, str]) -> None:
        self.con.execute("DELETE FROM benefit_plan WHERE " + _KEY, list(key))  # noqa: S608 - constant
