"""Bulk storage of a run's verdicts from VerdictFrames, in one set-based statement (#7).

The row-by-row path (Evaluations.replace) dumps three JSON documents per verdict in
Python and inserts with executemany; here DuckDB builds the same documents (criteria,
reasons, KPI statistics) from the frames and inserts every row at once. Arrays and the
criterion objects are joined as text: nesting JSON values made DuckDB parse every reason
again, which cost more than everything else (see docs/performance.md). The documents
parse back to the same Evaluation models; tests/unit/test_setbased_engine.py checks it.
"""

from __future__ import annotations

from datetime import datetime

import duckdb
import pyarrow as pa

from portfolio.review.frames import CRITERIA_ORDER, PARAM_TYPES, REASON_PARAMS, VerdictFrames


def _param(name: str) -> str:
    # pydantic writes a non-finite number in a params dict (typed Any) as null; so do we.
    if pa.types.is_floating(PARAM_TYPES[name]):
        return f'CASE WHEN isfinite("{name}") THEN "{name}" END'
    return f'"{name}"'


def _params_json() -> str:
    """A JSON object per reason row holding exactly the params its code carries."""
    cases = " ".join(
        f"WHEN '{code}' THEN json_object("
        + ", ".join(f"'{name}', {_param(name)}" for name in names)
        + ")"
        for code, names in REASON_PARAMS.items()
    )
    return f"CASE code {cases} END"


def _json(column: str) -> str:
    """A scalar column as JSON text; documents are joined as text, never parsed again."""
    return f"coalesce(to_json({column})::VARCHAR, 'null')"


def _criterion_rows() -> str:
    """The verdict rows' criterion columns as one row per criterion (names are constants)."""
    return " UNION ALL ".join(
        f"SELECT initiative_id, '{name}' AS criterion, {position} AS position, "  # noqa: S608
        f"{name}_light AS light, {name}_value AS value, {name}_passed AS passed "
        "FROM verdict_rows"
        for position, name in enumerate(CRITERIA_ORDER)
    )


_INSERT = f"""
INSERT OR REPLACE INTO evaluations (initiative_id, as_of, policy_name, policy_version, run_id,
    recommendation, light, score, overdue, criteria, reasons, kpis, evaluated_at)
WITH reason AS (
    SELECT initiative_id, criterion, position, seq,
           json_object('code', code, 'params', {_params_json()})::VARCHAR AS doc
    FROM reason_rows
), per_criterion AS (
    SELECT initiative_id, criterion, string_agg(doc, ',' ORDER BY seq) AS docs
    FROM reason GROUP BY initiative_id, criterion
), reasons AS (
    SELECT initiative_id, '[' || string_agg(doc, ',' ORDER BY position, seq) || ']' AS doc
    FROM reason GROUP BY initiative_id
), criteria AS (
    SELECT c.initiative_id,
           '[' || string_agg(
               '{{"name":"' || c.criterion || '","light":' || {_json("c.light")}
               || ',"value":' || {_json("c.value")}
               || ',"passed":' || {_json("c.passed")}
               || ',"reasons":[' || coalesce(p.docs, '') || ']}}', ',' ORDER BY c.position)
           || ']' AS doc
    FROM ({_criterion_rows()}) c
    LEFT JOIN per_criterion p ON p.initiative_id = c.initiative_id AND p.criterion = c.criterion
    GROUP BY c.initiative_id
), kpis AS (
    SELECT initiative_id, '[' || string_agg(json_object(
               'name', name, 'kind', kind, 'direction', direction, 'unit', unit,
               'baseline', baseline, 'target', target, 'weight', weight, 'count', count,
               'latest_value', latest_value, 'latest_on', latest_on, 'age_days', age_days,
               'progress', progress, 'trend_per_30d', trend_per_30d,
               'sources', list_filter([
                   CASE WHEN has_system_export THEN 'system_export' END,
                   CASE WHEN has_manual THEN 'manual' END,
                   CASE WHEN has_self_reported THEN 'self_reported' END], s -> s IS NOT NULL)
           )::VARCHAR, ',' ORDER BY position) || ']' AS doc
    FROM kpi_rows GROUP BY initiative_id
)
SELECT v.initiative_id, ?, ?, ?, ?, v.recommendation, v.light, v.score, v.overdue,
       c.doc, r.doc, coalesce(k.doc, '[]'), ?
FROM verdict_rows v
JOIN criteria c ON c.initiative_id = v.initiative_id
JOIN reasons r ON r.initiative_id = v.initiative_id
LEFT JOIN kpis k ON k.initiative_id = v.initiative_id
"""  # noqa: S608 - only constants (reason codes, criterion names) are formatted in


def insert_verdict_frames(
    con: duckdb.DuckDBPyConnection, frames: VerdictFrames, *, run_id: str, policy_name: str,
    policy_version: int, evaluated_at: datetime,
) -> int:
    """Store every verdict of `frames`; a re-run for the same as-of and policy replaces."""
    tables = {"verdict_rows": frames.verdicts, "reason_rows": frames.reasons,
              "kpi_rows": frames.kpis}
    for name, table in tables.items():
        con.register(name, table)
    try:
        con.execute(
            _INSERT, [frames.as_of, policy_name, policy_version, run_id, evaluated_at]
        )
    finally:
        for name in tables:
            con.unregister(name)
    return frames.verdicts.num_rows
