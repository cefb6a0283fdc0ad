"""Organisations and their steering groups (schema 12, issue #13)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import duckdb

from portfolio.models import Organisation, SteeringGroup
from portfolio.storage.rows import fetch_dicts, insert_values

_GROUP_COLUMNS = ("organisation, name, chair, members, emails, meeting_dates, cadence_weeks")


def _group(row: dict[str, Any]) -> SteeringGroup:
    return SteeringGroup.model_validate({
        **row, "members": tuple(row["members"] or ()), "emails": tuple(row["emails"] or ()),
        "meeting_dates": tuple(row["meeting_dates"] or ())})


@dataclass
class Organisations:
    con: duckdb.DuckDBPyConnection

    def all(self) -> list[Organisation]:
        rows = fetch_dicts(self.con, "SELECT name, kind, cvr, shares_lessons FROM organisations "
                                     "ORDER BY name")
        return [Organisation.model_validate(r) for r in rows]

    def get(self, name: str) -> Organisation | None:
        rows = fetch_dicts(self.con, "SELECT name, kind, cvr, shares_lessons FROM organisations "
                                     "WHERE name = ?", [name])
        return Organisation.model_validate(rows[0]) if rows else None

    def save(self, organisation: Organisation) -> None:
        self.save_many([organisation])

    def save_many(self, organisations: Sequence[Organisation]) -> None:
        """Upsert organisations of distinct names, a thousand a statement (an import's)."""
        insert_values(
            self.con, "INSERT INTO organisations (name, kind, cvr, shares_lessons)",
            "(?, ?, ?, ?)",
            [[o.name, o.kind.value, o.cvr, o.shares_lessons] for o in organisations],
            tail="ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, cvr = excluded.cvr, "
            "shares_lessons = excluded.shares_lessons")

    def sharing(self) -> list[str]:
        """The organisations whose lessons others may read."""
        return [r["name"] for r in fetch_dicts(
            self.con, "SELECT name FROM organisations WHERE shares_lessons ORDER BY name")]


@dataclass
class SteeringGroups:
    con: duckdb.DuckDBPyConnection

    def all(self, organisation: str | None = None) -> list[SteeringGroup]:
        rows = fetch_dicts(
            self.con, f"SELECT {_GROUP_COLUMNS} FROM steering_groups "  # noqa: S608 - constant
            "WHERE ?::VARCHAR IS NULL OR organisation = ? ORDER BY organisation, name",
            [organisation, organisation])
        return [_group(r) for r in rows]

    def get(self, organisation: str, name: str) -> SteeringGroup | None:
        rows = fetch_dicts(
            self.con, f"SELECT {_GROUP_COLUMNS} FROM steering_groups "  # noqa: S608 - constant
            "WHERE organisation = ? AND name = ?", [organisation, name])
        return _group(rows[0]) if rows else None

    def named(self, name: str) -> list[SteeringGroup]:
        """Every steering group called `name` (at most one: names are unique per instance,
        because agendas and mail are addressed by the group's name)."""
        rows = fetch_dicts(
            self.con, f"SELECT {_GROUP_COLUMNS} FROM steering_groups "  # noqa: S608 - constant
            "WHERE name = ? ORDER BY organisation", [name])
        return [_group(r) for r in rows]

    def save(self, group: SteeringGroup) -> None:
        self.save_many([group])

    def save_many(self, groups: Sequence[SteeringGroup]) -> None:
        """Upsert groups of distinct keys, a thousand a statement (an import's)."""
        insert_values(
            self.con, "INSERT INTO steering_groups (organisation, name, chair, members, emails, "
            "meeting_dates, cadence_weeks)", "(?, ?, ?, ?, ?, ?, ?)",
            [[g.organisation, g.name, g.chair, list(g.members), list(g.emails),
              list(g.meeting_dates), g.cadence_weeks] for g in groups],
            tail="ON CONFLICT (organisation, name) DO UPDATE SET chair = excluded.chair, "
            "members = excluded.members, emails = excluded.emails, "
            "meeting_dates = excluded.meeting_dates, cadence_weeks = excluded.cadence_weeks")
