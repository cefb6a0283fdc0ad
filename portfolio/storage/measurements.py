"""Measurements: a KPI's value on a date, keyed by KPI and date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb

from portfolio.models import Measurement
from portfolio.storage.rows import fetch_dicts, fetch_value

_SELECT = (
    "SELECT k.initiative_id, k.name AS kpi, m.measured_on AS on, m.value, m.source, "
    "m.recorded_by FROM measurements m JOIN kpis k ON k.id = m.kpi_id"
)


def _measurement(row: dict[str, Any]) -> Measurement:
    return Measurement.model_validate(row)


@dataclass
class Measurements:
    con: duckdb.DuckDBPyConnection

    def get(self, kpi_id: int, on: date) -> Measurement | None:
        rows = fetch_dicts(
            self.con, f"{_SELECT} WHERE m.kpi_id = ? AND m.measured_on = ?", [kpi_id, on]
        )
        return _measurement(rows[0]) if rows else None

    def save(self, kpi_id: int, measurement: Measurement) -> None:
        self.con.execute(
            "INSERT INTO measurements (kpi_id, measured_on, value, source, recorded_by) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (kpi_id, measured_on) DO UPDATE SET "
            "value = excluded.value, source = excluded.source, "
            "recorded_by = excluded.recorded_by, recorded_at = get_current_timestamp()",
            [kpi_id, measurement.on, measurement.value, measurement.source.value,
             measurement.recorded_by],
        )

    def for_initiative(self, initiative_id: str) -> list[Measurement]:
        rows = fetch_dicts(
            self.con,
            f"{_SELECT} WHERE k.initiative_id = ? ORDER BY k.name, m.measured_on",
            [initiative_id],
        )
        return [_measurement(r) for r in rows]

    def for_initiatives(self, ids: list[str], as_of: date) -> list[Measurement]:
        rows = fetch_dicts(
            self.con,
            f"{_SELECT} JOIN unnest(?::VARCHAR[]) AS t(id) ON k.initiative_id = t.id "
            "WHERE m.measured_on <= ? ORDER BY k.initiative_id, k.name, m.measured_on",
            [ids, as_of],
        )
        return [_measurement(r) for r in rows]

    def count(self) -> int:
        return int(fetch_value(self.con, "SELECT count(*) FROM measurements") or 0)
