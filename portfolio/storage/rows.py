"""Small helpers shared by the repositories: rows as dicts, JSON in and out."""

from __future__ import annotations

import json
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
