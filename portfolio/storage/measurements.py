"""Measurements: a KPI's value on a date, keyed by KPI and date."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb
import pyarrow as pa

from portfolio.models import Measurement
from portfolio.scope import Scope
from portfolio.storage.measurement_columns import ColumnsResult, upsert_columns
from portfolio.storage.rows import fetch_dicts, fetch_value

_SELECT = (
    "SELECT k.initiative_id, k.name AS kpi, m.measured_on AS on, m.value, m.source, "
    "m.provenance, m.recorded_by FROM measurements m JOIN kpis k ON k.id = m.kpi_id"
)


_COLUMNS = pa.schema([
    ("row", pa.int64()), ("initiative_id", pa.string()), ("kpi", pa.string()),
    ("measured_on", pa.date32()), ("value", pa.float64()), ("source", pa.string()),
    ("provenance", pa.string()), ("recorded_by", pa.string()),
])


def columns_of(rows: Sequence[Measurement]) -> pa.Table:
    """Measurements as the columns upsert_columns takes, numbered by position."""
    return pa.Table.from_pylist(
        [{"row": i, "initiative_id": m.initiative_id, "kpi": m.kpi, "measured_on": m.on,
          "value": m.value, "source": m.source, "provenance": m.provenance.value,
          "recorded_by": m.recorded_by} for i, m in enumerate(rows)],
        schema=_COLUMNS)


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

    def upsert_many(self, rows: Sequence[Measurement]) -> ColumnsResult:
        """Measurements given as models (a value recorded by hand, the demo's history),
        stored by the one upsert imports use; each keeps its own recorded_by."""
        return upsert_columns(self.con, columns_of(rows), recorded_by="")

    def upsert_columns(
        self, rows: pa.Table, *, recorded_by: str, scope: Scope | None = None,
        change_log: str | None = None,
    ) -> ColumnsResult:
        """A whole imported file given as columns (see #7); with `change_log`,
        overwritten values are kept under that import id (#14)."""
        return upsert_columns(self.con, rows, recorded_by=recorded_by, scope=scope,
                              change_log=change_log)

    def changes_digest(self, import_id: str) -> tuple[int, str]:
        """How many values an import overwrote, and a SHA-256 over them (in its audit
        event, so the kept values are in the audit trail's hash chain)."""
        row = self.con.execute(
            "SELECT count(*), coalesce(sha256(string_agg(concat_ws('|', kpi_id, measured_on, "
            "old_value, new_value, old_source, new_source, old_provenance, new_provenance), "
            "chr(10) ORDER BY kpi_id, measured_on)), '') FROM measurement_changes "
            "WHERE import_id = ?", [import_id]).fetchone()
        return (int(row[0]), str(row[1])) if row else (0, "")
