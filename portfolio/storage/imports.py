"""Import records and the quarantine of rejected rows (nothing is lost)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa

from portfolio.importing.rejection import Rejection
from portfolio.storage.rows import fetch_dicts, to_json


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

    def quarantine(self, import_id: str, kind: str, source_name: str,
                   rejections: Sequence[Rejection]) -> None:
        """Store an import's rejected rows as they were rejected, in one insert when it can
        (executemany costs ~1 ms a row; #7)."""
        if not rejections:
            return
        # A block of ids from the sequence (drawn in parallel, so in no order), handed out by
        # position: ids keep the rows' order. Should another writer have drawn meanwhile, the
        # block has gaps, and each row takes its own id in turn.
        first, last = self.con.execute(
            "SELECT min(id), max(id) FROM (SELECT nextval('quarantine_id_seq') AS id "
            "FROM range(?))", [len(rejections)],
        ).fetchone() or (0, 0)
        values = [[import_id, kind, source_name, r.row, r.reason, to_json(r.raw)]
                  for r in rejections]
        if last - first + 1 != len(rejections):
            self.con.executemany(
                "INSERT INTO quarantine (import_id, kind, source_name, row_number, reason, raw) "
                "VALUES (?, ?, ?, ?, ?, ?)", values,
            )
            return
        names = ["import_id", "kind", "source_name", "row_number", "reason", "raw"]
        incoming = pa.table({"id": pa.array(range(first, last + 1), pa.int32()),
                             **{n: [v[i] for v in values] for i, n in enumerate(names)}})
        self.con.register("incoming_quarantine", incoming)
        try:
            self.con.execute(
                "INSERT INTO quarantine (id, import_id, kind, source_name, row_number, reason, "
                "raw) SELECT id, import_id, kind, source_name, row_number, reason, raw "
                "FROM incoming_quarantine"
            )
        finally:
            self.con.unregister("incoming_quarantine")

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
