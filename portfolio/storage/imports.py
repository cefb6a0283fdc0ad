"""Import records and the quarantine of rejected rows (nothing is lost)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb

from portfolio.storage.rows import fetch_dicts, to_json


@dataclass(frozen=True)
class QuarantinedRow:
    import_id: str
    kind: str
    source_name: str
    row_number: int
    reason: str
    raw: dict[str, Any]


@dataclass
class Imports:
    con: duckdb.DuckDBPyConnection

    def record(
        self, *, import_id: str, kind: str, source_name: str, content_hash: str,
        rows_read: int, accepted: int, rejected: int, added: int, updated: int, actor: str,
    ) -> None:
        self.con.execute(
            "INSERT INTO imports (id, kind, source_name, content_hash, rows_read, accepted, "
            "rejected, added, updated, actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [import_id, kind, source_name, content_hash, rows_read, accepted, rejected, added,
             updated, actor],
        )

    def quarantine(self, rows: list[QuarantinedRow]) -> None:
        if rows:
            self.con.executemany(
                "INSERT INTO quarantine (import_id, kind, source_name, row_number, reason, raw) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [[r.import_id, r.kind, r.source_name, r.row_number, r.reason, to_json(r.raw)]
                 for r in rows],
            )

    def quarantined(self, import_id: str | None = None) -> list[dict[str, Any]]:
        sql = "SELECT * FROM quarantine"
        params: list[Any] = []
        if import_id:
            sql += " WHERE import_id = ?"
            params.append(import_id)
        return fetch_dicts(self.con, sql + " ORDER BY id", params)

    def seen_hash(self, content_hash: str) -> bool:
        return bool(
            fetch_dicts(self.con, "SELECT 1 FROM imports WHERE content_hash = ? LIMIT 1",
                        [content_hash])
        )
