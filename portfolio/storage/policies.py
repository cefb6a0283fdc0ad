"""Stored review-policy versions; exactly one version of a name is active."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from portfolio.review.policy import ReviewPolicy, parse_policy
from portfolio.storage.rows import fetch_dicts, from_json, to_json


@dataclass
class Policies:
    con: duckdb.DuckDBPyConnection

    def active(self) -> ReviewPolicy | None:
        rows = fetch_dicts(
            self.con, "SELECT document FROM policies WHERE active ORDER BY created_at DESC LIMIT 1"
        )
        return parse_policy(from_json(rows[0]["document"])) if rows else None

    def versions(self) -> list[ReviewPolicy]:
        rows = fetch_dicts(self.con, "SELECT document FROM policies ORDER BY name, version")
        return [parse_policy(from_json(r["document"])) for r in rows]

    def save_active(self, policy: ReviewPolicy, created_by: str) -> None:
        self.con.execute("UPDATE policies SET active = false WHERE active")
        self.con.execute(
            "INSERT INTO policies (name, version, document, active, created_by) "
            "VALUES (?, ?, ?, true, ?) ON CONFLICT (name, version) DO UPDATE SET active = true",
            [policy.name, policy.version, to_json(policy.model_dump(mode="json")), created_by],
        )
