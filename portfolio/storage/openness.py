"""API tokens (by the SHA-256 of their secret), steering groups' webhooks and the public
marks of initiatives (schema 11, #19)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import duckdb

from portfolio.models import GroupKey
from portfolio.openness import ApiToken, PublicMark, Webhook
from portfolio.storage.rows import fetch_dicts

_TOKEN = ("SELECT name, role, organisation, departments, created_by, created_at, revoked_at "
          "FROM api_tokens")
_HOOK = ("SELECT organisation, steering_group, url, format, set_by, set_at FROM webhooks")


def _token(row: dict[str, Any]) -> ApiToken:
    row["departments"] = tuple(row["departments"] or ())
    return ApiToken.model_validate(row)


@dataclass
class ApiTokens:
    con: duckdb.DuckDBPyConnection

    def add(self, token: ApiToken, token_sha256: str) -> None:
        self.con.execute(
            "INSERT INTO api_tokens (name, token_sha256, role, organisation, departments, "
            "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [token.name, token_sha256, token.role.value, token.organisation,
             list(token.departments), token.created_by, token.created_at],
        )

    def get(self, name: str) -> ApiToken | None:
        rows = fetch_dicts(self.con, f"{_TOKEN} WHERE name = ?", [name])
        return _token(rows[0]) if rows else None

    def by_digest(self, token_sha256: str) -> ApiToken | None:
        rows = fetch_dicts(self.con, f"{_TOKEN} WHERE token_sha256 = ?", [token_sha256])
        return _token(rows[0]) if rows else None

    def all(self) -> list[ApiToken]:
        return [_token(r) for r in fetch_dicts(self.con, f"{_TOKEN} ORDER BY name")]

    def revoke(self, name: str, at: datetime) -> None:
        self.con.execute("UPDATE api_tokens SET revoked_at = ? WHERE name = ?", [at, name])


@dataclass
class Webhooks:
    """A steering group's webhook, by the group's organisation + name (#13, schema 17)."""

    con: duckdb.DuckDBPyConnection

    def save(self, hook: Webhook) -> None:
        self.remove(hook.key)
        self.con.execute(
            "INSERT INTO webhooks (organisation, steering_group, url, format, set_by, set_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [hook.organisation, hook.steering_group, hook.url, hook.format.value, hook.set_by,
             hook.set_at],
        )

    def remove(self, group: GroupKey) -> None:
        self.con.execute("DELETE FROM webhooks WHERE organisation = ? AND steering_group = ?",
                         [group.organisation, group.name])

    def get(self, group: GroupKey) -> Webhook | None:
        rows = fetch_dicts(self.con, f"{_HOOK} WHERE organisation = ? AND steering_group = ?",
                           [group.organisation, group.name])
        return Webhook.model_validate(rows[0]) if rows else None

    def all(self) -> list[Webhook]:
        rows = fetch_dicts(self.con, f"{_HOOK} ORDER BY organisation, steering_group")
        return [Webhook.model_validate(r) for r in rows]


@dataclass
class PublicMarks:
    con: duckdb.DuckDBPyConnection

    def save(self, mark: PublicMark) -> None:
        self.con.execute("DELETE FROM public_initiatives WHERE initiative_id = ?",
                         [mark.initiative_id])
        self.con.execute(
            "INSERT INTO public_initiatives VALUES (?, ?, ?, ?)",
            [mark.initiative_id, mark.show_budget, mark.marked_by, mark.marked_at],
        )

    def remove(self, initiative_id: str) -> None:
        self.con.execute("DELETE FROM public_initiatives WHERE initiative_id = ?",
                         [initiative_id])

    def get(self, initiative_id: str) -> PublicMark | None:
        rows = fetch_dicts(self.con, "SELECT * FROM public_initiatives WHERE initiative_id = ?",
                           [initiative_id])
        return PublicMark.model_validate(rows[0]) if rows else None

    def all(self) -> list[PublicMark]:
        rows = fetch_dicts(self.con, "SELECT * FROM public_initiatives ORDER BY initiative_id")
        return [PublicMark.model_validate(r) for r in rows]


_PAGE_COUNT = """
SELECT count(*) AS n FROM initiatives
WHERE (?::VARCHAR[] IS NULL OR list_contains(?::VARCHAR[], department))
  AND (?::VARCHAR IS NULL OR stage = ?) AND (?::VARCHAR IS NULL OR organisation = ?)
"""
_PAGE_IDS = """
SELECT id FROM initiatives
WHERE (?::VARCHAR[] IS NULL OR list_contains(?::VARCHAR[], department))
  AND (?::VARCHAR IS NULL OR stage = ?) AND (?::VARCHAR IS NULL OR organisation = ?)
ORDER BY id LIMIT ? OFFSET ?
"""


@dataclass
class InitiativePages:
    """The API's listing (#19): one page of initiative ids and the total, chosen in SQL, so
    paging through a nation's 50 k initiatives never builds them all."""

    con: duckdb.DuckDBPyConnection

    def page(self, departments: list[str] | None, stage: str | None, limit: int,
             offset: int, *, organisation: str | None = None) -> tuple[list[str], int]:
        """Department names mean those of `organisation` when it is given: two
        organisations may both have a "Børn og Unge" (#13)."""
        params: list[Any] = [departments, departments, stage, stage, organisation, organisation]
        total = fetch_dicts(self.con, _PAGE_COUNT, params)[0]["n"]
        rows = fetch_dicts(self.con, _PAGE_IDS, [*params, limit, offset])
        return [r["id"] for r in rows], int(total)
