"""Dashboard sessions of local accounts, by the SHA-256 of their token (schema 7)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import duckdb


@dataclass(frozen=True)
class SessionRow:
    username: str
    started_at: datetime
    last_seen: datetime


@dataclass
class Sessions:
    con: duckdb.DuckDBPyConnection

    def start(self, token_sha256: str, username: str, now: datetime) -> None:
        self.con.execute("INSERT INTO sessions VALUES (?, ?, ?, ?)",
                         [token_sha256, username, now, now])

    def get(self, token_sha256: str) -> SessionRow | None:
        row = self.con.execute(
            "SELECT username, started_at, last_seen FROM sessions WHERE token_sha256 = ?",
            [token_sha256],
        ).fetchone()
        return SessionRow(*row) if row else None

    def touch(self, token_sha256: str, now: datetime) -> None:
        self.con.execute("UPDATE sessions SET last_seen = ? WHERE token_sha256 = ?",
                         [now, token_sha256])

    def end(self, token_sha256: str) -> None:
        self.con.execute("DELETE FROM sessions WHERE token_sha256 = ?", [token_sha256])

    def end_all_of(self, username: str) -> int:
        # Counted, then deleted: DuckLake has no DELETE … RETURNING (#17).
        row = self.con.execute(
            "SELECT count(*) FROM sessions WHERE username = ?", [username]
        ).fetchone()
        self.con.execute("DELETE FROM sessions WHERE username = ?", [username])
        return int(row[0]) if row else 0

    def end_stale(self, started_before: datetime, seen_before: datetime) -> None:
        self.con.execute("DELETE FROM sessions WHERE started_at < ? OR last_seen < ?",
                         [started_before, seen_before])
