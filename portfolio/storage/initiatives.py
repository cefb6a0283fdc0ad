"""Departments, initiatives and KPIs."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

import duckdb

from portfolio.models import Department, Initiative, Kpi, Stage
from portfolio.storage.rows import fetch_dicts, fetch_value, insert_values

_INITIATIVE_COLUMNS = [f for f in Initiative.model_fields]
# Derived from the adoptions table (migration 005), not a column: saving leaves it alone.
_STORED_COLUMNS = [f for f in _INITIATIVE_COLUMNS if f != "adopted_departments"]
# Every read of initiatives, with the departments that adopted each, oldest first.
_SELECT_INITIATIVES = """
SELECT i.*, coalesce(a.departments, []) AS adopted_departments
FROM initiatives i
LEFT JOIN (SELECT initiative_id,
                  list(department ORDER BY adopted_on NULLS FIRST, department) AS departments
           FROM adoptions GROUP BY initiative_id) a ON a.initiative_id = i.id
"""
_KPI_COLUMNS = [f for f in Kpi.model_fields]


def _marks(columns: list[str]) -> str:
    return "(" + ", ".join("?" for _ in columns) + ")"


def _stored(initiative: Initiative) -> dict[str, Any]:
    data = initiative.model_dump(mode="json")
    data["tags"] = list(initiative.tags)
    data["planned_departments"] = list(initiative.planned_departments)
    return data


def _initiative(row: dict[str, Any]) -> Initiative:
    return Initiative.model_validate({k: row[k] for k in _INITIATIVE_COLUMNS
                                      if row.get(k) is not None or k != "organisation"})


def _kpi(row: dict[str, Any]) -> Kpi:
    return Kpi.model_validate({k: row[k] for k in _KPI_COLUMNS})


@dataclass
class Departments:
    con: duckdb.DuckDBPyConnection

    def all(self, organisation: str | None = None) -> list[Department]:
        """Every department (of `organisation` only, when given), by name."""
        rows = fetch_dicts(
            self.con, "SELECT name, organisation, steering_group FROM departments "
            "WHERE ?::VARCHAR IS NULL OR organisation = ? ORDER BY name, organisation",
            [organisation, organisation])
        return [Department.model_validate(r) for r in rows]

    def get(self, name: str, organisation: str | None = None) -> Department | None:
        """The department `name` of `organisation` (identity is organisation + name);
        without an organisation, the first of that name (a single-organisation caller)."""
        rows = fetch_dicts(
            self.con, "SELECT name, organisation, steering_group FROM departments "
            "WHERE name = ? AND (?::VARCHAR IS NULL OR organisation = ?) "
            "ORDER BY organisation LIMIT 1", [name, organisation, organisation])
        return Department.model_validate(rows[0]) if rows else None

    def save(self, department: Department) -> None:
        self.save_many([department])

    def save_many(self, departments: Sequence[Department]) -> None:
        """Upsert departments of distinct keys, a thousand a statement (an import's)."""
        insert_values(
            self.con, "INSERT INTO departments (name, organisation, steering_group)",
            "(?, ?, ?)",
            [[d.name, d.organisation, d.steering_group] for d in departments],
            tail="ON CONFLICT (organisation, name) DO UPDATE SET "
            "steering_group = excluded.steering_group")


@dataclass
class Initiatives:
    con: duckdb.DuckDBPyConnection

    def get(self, initiative_id: str) -> Initiative | None:
        rows = fetch_dicts(self.con, _SELECT_INITIATIVES + "WHERE i.id = ?", [initiative_id])
        return _initiative(rows[0]) if rows else None

    def all(self, *, active_only: bool = False) -> list[Initiative]:
        sql = _SELECT_INITIATIVES
        params: list[Any] = []
        if active_only:
            sql += "WHERE i.stage <> ?"
            params.append(Stage.CLOSED.value)
        rows = fetch_dicts(self.con, sql + " ORDER BY i.id", params)
        return [_initiative(r) for r in rows]

    def for_ids(self, ids: Collection[str]) -> list[Initiative]:
        """The initiatives of `ids` (those that exist), ordered by id."""
        rows = fetch_dicts(
            self.con,
            _SELECT_INITIATIVES + "WHERE i.id IN (SELECT unnest(?::VARCHAR[])) ORDER BY i.id",
            [sorted(ids)],
        )
        return [_initiative(r) for r in rows]

    def for_departments(
        self, departments: Collection[str], *, active_only: bool = False
    ) -> list[Initiative]:
        """As all(), of `departments` only: one steering group's, not the nation's."""
        rows = fetch_dicts(
            self.con,
            _SELECT_INITIATIVES + "WHERE list_contains(?, i.department) "
            "AND (NOT ? OR i.stage <> ?) ORDER BY i.id",
            [sorted(departments), active_only, Stage.CLOSED.value],
        )
        return [_initiative(r) for r in rows]

    def count(self) -> int:
        return int(fetch_value(self.con, "SELECT count(*) FROM initiatives") or 0)

    def save(self, initiative: Initiative) -> None:
        self.save_many([initiative])

    def save_many(self, initiatives: Sequence[Initiative]) -> None:
        """Upsert initiatives (new, or replacing the one of their id), a thousand a
        statement: an import's rows, the demo's (#17: a statement a row cost catalog round
        trips each on the lake). The ids must differ: one statement may not change a row
        twice."""
        rows = [[data[c] for c in _STORED_COLUMNS] for data in map(_stored, initiatives)]
        updates = ", ".join(f"{c} = excluded.{c}" for c in _STORED_COLUMNS if c != "id")
        insert_values(self.con, f"INSERT INTO initiatives ({', '.join(_STORED_COLUMNS)})",
                      _marks(_STORED_COLUMNS), rows,
                      tail=f"ON CONFLICT (id) DO UPDATE SET {updates}, "
                      "updated_at = get_current_timestamp()")

    def search(self, text: str) -> list[Initiative]:
        pattern = f"%{text.lower()}%"
        rows = fetch_dicts(
            self.con,
            _SELECT_INITIATIVES + "WHERE lower(i.title) LIKE ? OR lower(i.hypothesis) LIKE ? "
            "OR lower(i.core_task) LIKE ? OR lower(array_to_string(i.tags, ' ')) LIKE ? "
            "ORDER BY i.id",
            [pattern] * 4,
        )
        return [_initiative(r) for r in rows]


@dataclass
class Kpis:
    con: duckdb.DuckDBPyConnection

    def for_initiative(self, initiative_id: str) -> list[Kpi]:
        rows = fetch_dicts(
            self.con, "SELECT * FROM kpis WHERE initiative_id = ? ORDER BY id", [initiative_id]
        )
        return [_kpi(r) for r in rows]

    def for_initiatives(self, ids: list[str]) -> list[Kpi]:
        rows = fetch_dicts(
            self.con,
            "SELECT k.* FROM kpis k JOIN unnest(?::VARCHAR[]) AS t(id) ON k.initiative_id = t.id "
            "ORDER BY k.initiative_id, k.id",
            [ids],
        )
        return [_kpi(r) for r in rows]

    def all(self) -> list[Kpi]:
        return [_kpi(r) for r in fetch_dicts(self.con, "SELECT * FROM kpis ORDER BY id")]

    def get(self, initiative_id: str, name: str) -> Kpi | None:
        rows = fetch_dicts(
            self.con, "SELECT * FROM kpis WHERE initiative_id = ? AND name = ?",
            [initiative_id, name],
        )
        return _kpi(rows[0]) if rows else None

    def id_of(self, initiative_id: str, name: str) -> int | None:
        return fetch_value(
            self.con, "SELECT id FROM kpis WHERE initiative_id = ? AND name = ?",
            [initiative_id, name],
        )

    def save(self, kpi: Kpi) -> None:
        self.save_many([kpi])

    def save_many(self, kpis: Sequence[Kpi]) -> None:
        """Upsert KPIs (new, or replacing the one of their initiative and name), a thousand
        a statement: an import's rows, the demo's (#17). The keys must differ."""
        rows = [[data[c] for c in _KPI_COLUMNS] for data in
                (k.model_dump(mode="json") for k in kpis)]
        keys = {"initiative_id", "name"}
        updates = ", ".join(f"{c} = excluded.{c}" for c in _KPI_COLUMNS if c not in keys)
        insert_values(self.con, f"INSERT INTO kpis ({', '.join(_KPI_COLUMNS)})",
                      _marks(_KPI_COLUMNS), rows,
                      tail=f"ON CONFLICT (initiative_id, name) DO UPDATE SET {updates}")
