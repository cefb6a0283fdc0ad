"""Small helpers shared by the repositories: rows as dicts, JSON in and out."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

import duckdb


def fetch_dicts(
    con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None
) -> list[dict[str, Any]]:
    cursor = con.execute(sql, params or [])
    names = [d[0] for d in cursor.description or []]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def fetch_value(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> Any:
    row = con.execute(sql, params or []).fetchone()
    return row[0] if row else None


ROWS_PER_INSERT = 1_000


def insert_values(con: duckdb.DuckDBPyConnection, head: str, marks: str,
                  rows: Sequence[Sequence[Any]], tail: str = "") -> None:
    """`head` (an `INSERT INTO t (columns)` of fixed names) with `rows` as one VALUES list
    of `marks` each, a thousand rows a statement: a bulk write. On the lake every
    statement costs catalog round trips (a row a statement made a 100-KPI import take
    ~50 s there, #17); translated there like any INSERT (lake_sql). `tail` follows the
    VALUES: an `ON CONFLICT` clause makes the statement an upsert."""
    for start in range(0, len(rows), ROWS_PER_INSERT):
        chunk = rows[start:start + ROWS_PER_INSERT]
        con.execute(f"{head} VALUES {', '.join([marks] * len(chunk))} {tail}",
                    [value for row in chunk for value in row])


def _default(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    return str(value)


def to_json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, default=_default, ensure_ascii=False)


def from_json(value: Any) -> Any:
    if value is None or not isinstance(value, str):
        return value
    return json.loads(value)
