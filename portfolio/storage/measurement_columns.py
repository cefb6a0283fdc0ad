"""Store an imported measurement file given as columns, in one set-based pass (#7).

Every row is classified in SQL: its initiative does not exist, lies outside the departments
the importer may change, has no such KPI, or is added, updated or unchanged. Only added
and updated rows are written; the caller turns the refused ones into quarantine reasons.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pyarrow as pa

from portfolio.storage.rows import fetch_dicts

_CLASSIFY = """
CREATE OR REPLACE TEMP TABLE classified_measurements AS
SELECT i.row, i.initiative_id, i.kpi, i.measured_on, i.value, i.source, ini.department,
       k.id AS kpi_id,
       CASE WHEN ini.id IS NULL THEN 'no_initiative'
            WHEN ?::VARCHAR[] IS NOT NULL AND NOT list_contains(?::VARCHAR[], ini.department)
                THEN 'not_allowed'
            WHEN k.id IS NULL THEN 'unknown_kpi'
            WHEN m.kpi_id IS NULL THEN 'added'
            WHEN m.value = i.value AND m.source = i.source THEN 'unchanged'
            ELSE 'updated' END AS status
FROM incoming_measurement_columns i
LEFT JOIN initiatives ini ON ini.id = i.initiative_id
LEFT JOIN kpis k ON k.initiative_id = i.initiative_id AND k.name = i.kpi
LEFT JOIN measurements m ON m.kpi_id = k.id AND m.measured_on = i.measured_on
"""

# Added and updated rows are written apart: the classification already knows which key
# exists (one writer at a time, same transaction), and a plain sorted INSERT costs ~40 %
# less than INSERT … ON CONFLICT DO UPDATE, which probes the primary key per row.
_ADD = """
INSERT INTO measurements (kpi_id, measured_on, value, source, recorded_by)
SELECT kpi_id, measured_on, value, source, ? FROM classified_measurements
WHERE status = 'added'
ORDER BY kpi_id, measured_on
"""

_UPDATE = """
UPDATE measurements m SET value = c.value, source = c.source, recorded_by = ?,
    recorded_at = get_current_timestamp()
FROM classified_measurements c
WHERE c.status = 'updated' AND m.kpi_id = c.kpi_id AND m.measured_on = c.measured_on
"""

REFUSED = ("no_initiative", "not_allowed", "unknown_kpi")


@dataclass(frozen=True)
class ColumnsResult:
    added: int
    updated: int
    unchanged: int
    refused: tuple[dict[str, object], ...]
    """Rows not stored: row, initiative_id, kpi, measured_on, value, source, department,
    status (one of REFUSED); in row order."""


def upsert_columns(
    con: duckdb.DuckDBPyConnection, rows: pa.Table, *, recorded_by: str,
    departments: list[str] | None,
) -> ColumnsResult:
    """`rows`: row, initiative_id, kpi, measured_on, value, source. `departments`: those the
    importer may change (None: all). The same rows stored twice change nothing."""
    con.execute("SET enable_progress_bar = false")  # no bars in CLI output
    con.register("incoming_measurement_columns", rows)
    try:
        con.execute(_CLASSIFY, [departments, departments])
        con.execute(_ADD, [recorded_by])
        con.execute(_UPDATE, [recorded_by])
        counts = dict(con.execute(
            "SELECT status, count(*) FROM classified_measurements GROUP BY status"
        ).fetchall())
        refused = fetch_dicts(
            con,
            "SELECT row, initiative_id, kpi, measured_on, value, source, department, status "
            "FROM classified_measurements WHERE status IN (?, ?, ?) ORDER BY row",
            list(REFUSED),
        )
        con.execute("DROP TABLE classified_measurements")
    finally:
        con.unregister("incoming_measurement_columns")
    return ColumnsResult(counts.get("added", 0), counts.get("updated", 0),
                         counts.get("unchanged", 0), tuple(refused))
