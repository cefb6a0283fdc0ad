"""Decisions (never edited; a later one supersedes) and lessons."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb

from portfolio.models import Decision, Lesson
from portfolio.storage.rows import fetch_dicts, fetch_value, from_json, to_json


def _decision(row: dict[str, Any]) -> Decision:
    row["evidence"] = from_json(row["evidence"]) or {}
    return Decision.model_validate(row)


@dataclass
class Decisions:
    con: duckdb.DuckDBPyConnection

    def add(self, decision: Decision) -> int:
        return int(
            fetch_value(
                self.con,
                "INSERT INTO decisions (initiative_id, kind, decided_by, decided_on, rationale, "
                "recommendation, evaluation_run_id, next_review_on, reason_code, spread_to, "
                "evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                [
                    decision.initiative_id, decision.kind.value, decision.decided_by,
                    decision.decided_on, decision.rationale,
                    decision.recommendation.value if decision.recommendation else None,
                    decision.evaluation_run_id, decision.next_review_on, decision.reason_code,
                    list(decision.spread_to), to_json(decision.evidence),
                ],
            )
        )

    def for_initiative(self, initiative_id: str) -> list[Decision]:
        rows = fetch_dicts(
            self.con,
            "SELECT * FROM decisions WHERE initiative_id = ? ORDER BY decided_on DESC, id DESC",
            [initiative_id],
        )
        return [_decision(r) for r in rows]

    def for_initiatives(self, ids: Collection[str]) -> list[Decision]:
        """The decisions on `ids`, newest first (as all())."""
        rows = fetch_dicts(
            self.con,
            "SELECT * FROM decisions WHERE initiative_id IN (SELECT unnest(?::VARCHAR[])) "
            "ORDER BY decided_on DESC, id DESC",
            [sorted(ids)],
        )
        return [_decision(r) for r in rows]

    def all(self) -> list[Decision]:
        rows = fetch_dicts(self.con, "SELECT * FROM decisions ORDER BY decided_on DESC, id DESC")
        return [_decision(r) for r in rows]

    def on_date(self, day: date) -> list[Decision]:
        """The decisions of one meeting day, in the order they were recorded."""
        rows = fetch_dicts(
            self.con, "SELECT * FROM decisions WHERE decided_on = ? ORDER BY id", [day]
        )
        return [_decision(r) for r in rows]

    def latest_per_initiative(self, kind: str | None = None) -> dict[str, Decision]:
        """The newest decision of each initiative, optionally only of one kind."""
        where, params = ("WHERE kind = ? ", [kind]) if kind else ("", [])
        rows = fetch_dicts(
            self.con,
            f"SELECT * FROM decisions {where}QUALIFY row_number() OVER ("  # noqa: S608 - fixed
            "PARTITION BY initiative_id ORDER BY decided_on DESC, id DESC) = 1",
            params,
        )
        return {r["initiative_id"]: _decision(r) for r in rows}

    def last_dates(self) -> dict[str, date]:
        rows = self.con.execute(
            "SELECT initiative_id, max(decided_on) FROM decisions GROUP BY initiative_id"
        ).fetchall()
        return {r[0]: r[1] for r in rows}


@dataclass
class Lessons:
    con: duckdb.DuckDBPyConnection

    def add(self, lesson: Lesson) -> int:
        return int(
            fetch_value(
                self.con,
                "INSERT INTO lessons (initiative_id, text, author, created_on, tags) "
                "VALUES (?, ?, ?, ?, ?) RETURNING id",
                [lesson.initiative_id, lesson.text, lesson.author, lesson.created_on,
                 list(lesson.tags)],
            )
        )

    def for_initiative(self, initiative_id: str) -> list[Lesson]:
        rows = fetch_dicts(
            self.con, "SELECT * FROM lessons WHERE initiative_id = ? ORDER BY created_on DESC",
            [initiative_id],
        )
        return [Lesson.model_validate(r) for r in rows]

    def for_initiatives(self, ids: Collection[str]) -> list[Lesson]:
        """The lessons of `ids`, newest first (as search())."""
        rows = fetch_dicts(
            self.con,
            "SELECT * FROM lessons WHERE initiative_id IN (SELECT unnest(?::VARCHAR[])) "
            "ORDER BY created_on DESC",
            [sorted(ids)],
        )
        return [Lesson.model_validate(r) for r in rows]

    def search(self, text: str = "") -> list[Lesson]:
        pattern = f"%{text.lower()}%"
        rows = fetch_dicts(
            self.con,
            "SELECT * FROM lessons WHERE lower(text) LIKE ? "
            "OR lower(array_to_string(tags, ' ')) LIKE ? ORDER BY created_on DESC",
            [pattern, pattern],
        )
        return [Lesson.model_validate(r) for r in rows]
