"""Measurements: a KPI's value on a date, keyed by KPI and date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb
import pyarrow as pa

from portfolio.models import Measurement
from portfolio.storage.measurement_columns import ColumnsResult, upsert_columns
from portfolio.storage.rows import fetch_dicts, fetch_value

_SELECT = (
    "SELECT k.initiative_id, k.name AS kpi, m.measured_on AS on, m.value, m.source, "
    "m.provenance, m.recorded_by FROM measurements m JOIN kpis k ON k.id = m.kpi_id"
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
            "INSERT INTO measurements (kpi_id, measured_on, value, source, provenance, "
            "recorded_by) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (kpi_id, measured_on) DO "
            "UPDATE SET value = excluded.value, source = excluded.source, "
            "provenance = excluded.provenance, "
            "recorded_by = excluded.recorded_by, recorded_at = get_current_timestamp()",
            [kpi_id, measurement.on, measurement.value, measurement.source,
             measurement.provenance.value, measurement.recorded_by],
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

    def upsert_many(self, rows: list[Measurement]) -> BulkResult:
        return upsert_many(self.con, rows)

    def upsert_columns(
        self, rows: pa.Table, *, recorded_by: str, departments: list[str] | None,
        change_log: str | None = None, organisation: str = "",
    ) -> ColumnsResult:
        """As upsert_many, for a whole imported file given as columns (see #7); with
        `change_log`, overwritten values are kept under that import id (#14)."""
        return upsert_columns(self.con, rows, recorded_by=recorded_by, departments=departments,
                              change_log=change_log, organisation=organisation)

    def changes_digest(self, import_id: str) -> tuple[int, str]:
        """How many values an import overwrote, and a SHA-256 over them (in its audit
        event, so the kept values are in the audit trail's hash chain)."""
        row = self.con.execute(
            "SELECT count(*), coalesce(sha256(string_agg(concat_ws('|', kpi_id, measured_on, "
            "old_value, new_value, old_source, new_source, old_provenance, new_provenance), "
            "chr(10) ORDER BY kpi_id, measured_on)), '') FROM measurement_changes "
            "WHERE import_id = ?", [import_id]).fetchone()
        return (int(row[0]), str(row[1])) if row else (0, "")


@dataclass(frozen=True)
class BulkResult:
    added: int
    updated: int
    unchanged: int
    unknown_kpi: tuple[int, ...]
    """Positions of incoming rows whose initiative/KPI does not exist: not stored."""


def upsert_many(con: duckdb.DuckDBPyConnection, rows: list[Measurement]) -> BulkResult:
    """Store many measurements set-based: one pass, whatever the number of rows.

    A row for an existing KPI and date with the same value, source and provenance changes
    nothing,
    so importing the same file twice adds nothing.
    """
    if not rows:
        return BulkResult(0, 0, 0, ())
    import pandas as pd  # local: only bulk imports need it

    frame = pd.DataFrame(
        {
            "pos": range(len(rows)),
            "initiative_id": [m.initiative_id for m in rows],
            "kpi": [m.kpi for m in rows],
            "measured_on": [m.on for m in rows],
            "value": [m.value for m in rows],
            "source": [m.source for m in rows],
            "provenance": [m.provenance.value for m in rows],
            "recorded_by": [m.recorded_by for m in rows],
        }
    )
    con.register("incoming_measurements", frame)
    try:
        con.execute(
            "CREATE OR REPLACE TEMP TABLE classified AS "
            "SELECT i.pos, k.id AS kpi_id, i.measured_on::DATE AS measured_on, i.value, "
            "i.source, i.provenance, i.recorded_by, "
            "CASE WHEN k.id IS NULL THEN 'unknown' WHEN m.kpi_id IS NULL THEN 'added' "
            "WHEN m.value = i.value AND m.source = i.source AND m.provenance = i.provenance "
            "THEN 'unchanged' "
            "ELSE 'updated' END AS status "
            "FROM incoming_measurements i "
            "LEFT JOIN kpis k ON k.initiative_id = i.initiative_id AND k.name = i.kpi "
            "LEFT JOIN measurements m ON m.kpi_id = k.id AND m.measured_on = i.measured_on::DATE"
        )
        con.execute(
            "INSERT INTO measurements (kpi_id, measured_on, value, source, provenance, "
            "recorded_by) SELECT kpi_id, measured_on, value, source, provenance, recorded_by "
            "FROM classified "
            "WHERE status IN ('added', 'updated') "
            "ON CONFLICT (kpi_id, measured_on) DO UPDATE SET value = excluded.value, "
            "source = excluded.source, provenance = excluded.provenance, "
            "recorded_by = excluded.recorded_by, "
            "recorded_at = get_current_timestamp()"
        )
        counts = dict(
            con.execute("SELECT status, count(*) FROM classified GROUP BY status").fetchall()
        )
        unknown = [r[0] for r in con.execute(
            "SELECT pos FROM classified WHERE status = 'unknown' ORDER BY pos"
        ).fetchall()]
        con.execute("DROP TABLE classified")
    finally:
        con.unregister("incoming_measurements")
    return BulkResult(
        added=counts.get("added", 0),
        updated=counts.get("updated", 0),
        unchanged=counts.get("unchanged", 0),
        unknown_kpi=tuple(unknown),
    )
