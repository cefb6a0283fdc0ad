"""Adoptions: which department took a scaled initiative into use, when, and who said so.

One row per initiative and department; withdrawing a mistaken entry deletes its row (the
audit trail keeps what it said). Initiatives read `adopted_departments` from here.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from portfolio.models import Adoption
from portfolio.storage.rows import fetch_dicts

_COLUMNS = "initiative_id, department, adopted_on, note, recorded_by, recorded_at"
_SELECT = (
    "SELECT initiative_id, department, adopted_on, note, recorded_by, recorded_at "
    "FROM adoptions "
)


@dataclass
class Adoptions:
    con: duckdb.DuckDBPyConnection

    def for_initiative(self, initiative_id: str) -> list[Adoption]:
        """Oldest first; rows moved without a date come before every dated one."""
        rows = fetch_dicts(
            self.con,
            _SELECT + "WHERE initiative_id = ? ORDER BY adopted_on NULLS FIRST, department",
            [initiative_id],
        )
        return [Adoption.model_validate(r) for r in rows]

    def get(self, initiative_id: str, department: str) -> Adoption | None:
        rows = fetch_dicts(
            self.con,
            _SELECT + "WHERE initiative_id = ? AND department = ?",
            [initiative_id, department],
        )
        return Adoption.model_validate(rows[0]) if rows else None

    def add(self, adoption: Adoption) -> Adoption:
        """Store a new adoption; returns it as stored (with its recorded_at).

        Read back by its key rather than with RETURNING, which DuckLake lacks (#17)."""
        self.con.execute(
            "INSERT INTO adoptions (initiative_id, department, adopted_on, note, recorded_by) "
            "VALUES (?, ?, ?, ?, ?)",
            [adoption.initiative_id, adoption.department, adoption.adopted_on, adoption.note,
             adoption.recorded_by],
        )
        stored = self.get(adoption.initiative_id, adoption.department)
        assert stored is not None  # just inserted, in this transaction
        return stored

    def remove(self, initiative_id: str, department: str) -> None:
        self.con.execute(
            "DELETE FROM adoptions WHERE initiative_id = ? AND department = ?",
            [initiative_id, department],
        )
