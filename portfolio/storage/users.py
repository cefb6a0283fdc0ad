"""Accounts, their password hashes, and who contributes to which initiative.

The hash is read and written only through `password_hash` and `set_password`, never as
part of a User, so nothing that dumps models can leak it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import duckdb

from portfolio.models import User
from portfolio.storage.rows import fetch_dicts, fetch_value

_SELECT = ("SELECT username, display_name, role, departments, steering_group, language, "
           "coalesce(organisation, '') AS organisation, active, must_change_password "
           "FROM users")

SIGN_IN_FAILED = "sign_in_failed"
# Events after which earlier failures no longer count towards a lock-out.
SIGN_IN_RESETS = ("sign_in", "reset_password", "change_password")


def _user(row: dict[str, Any]) -> User:
    row["departments"] = tuple(row["departments"] or ())
    return User.model_validate(row)


@dataclass
class Users:
    con: duckdb.DuckDBPyConnection

    def get(self, username: str) -> User | None:
        rows = fetch_dicts(self.con, f"{_SELECT} WHERE username = ?",
                           [username])
        return _user(rows[0]) if rows else None

    def all(self) -> list[User]:
        rows = fetch_dicts(self.con, f"{_SELECT} ORDER BY username")
        return [_user(r) for r in rows]

    def count(self) -> int:
        return int(fetch_value(self.con, "SELECT count(*) FROM users") or 0)

    def save(self, user: User) -> None:
        """Create or change an account; its password hash is left as it is."""
        self.con.execute(
            "INSERT INTO users (username, display_name, role, departments, steering_group, "
            "language, organisation, active, must_change_password) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (username) DO UPDATE SET display_name = excluded.display_name, "
            "role = excluded.role, departments = excluded.departments, "
            "steering_group = excluded.steering_group, language = excluded.language, "
            "organisation = excluded.organisation, "
            "active = excluded.active, must_change_password = excluded.must_change_password",
            [user.username, user.display_name, user.role.value, list(user.departments),
             user.steering_group, user.language, user.organisation, user.active,
             user.must_change_password],
        )

    def password_hash(self, username: str) -> str | None:
        return fetch_value(self.con, "SELECT password_hash FROM users WHERE username = ?",
                           [username])

    def set_password(self, username: str, password_hash: str, *, must_change: bool) -> None:
        self.con.execute(
            "UPDATE users SET password_hash = ?, must_change_password = ? WHERE username = ?",
            [password_hash, must_change, username],
        )

    def failures_since(self, username: str, since: datetime) -> list[datetime]:
        """Times of failed sign-ins for `username` after `since` and after its last
        successful sign-in or password change, oldest first (read from the audit trail)."""
        rows = self.con.execute(
            "SELECT \"at\" FROM audit_events WHERE action = ? AND entity = 'user' "
            "AND entity_id = ? AND \"at\" >= ? AND id > coalesce((SELECT max(id) "
            "FROM audit_events WHERE entity = 'user' AND entity_id = ? "
            "AND action IN (SELECT unnest(?::VARCHAR[]))), 0) ORDER BY \"at\"",
            [SIGN_IN_FAILED, username, since, username, list(SIGN_IN_RESETS)],
        ).fetchall()
        return [r[0] for r in rows]


@dataclass
class Contributors:
    """Which users contribute to (record measurements on) which initiative."""

    con: duckdb.DuckDBPyConnection

    def for_initiative(self, initiative_id: str) -> tuple[str, ...]:
        rows = self.con.execute(
            "SELECT username FROM initiative_contributors WHERE initiative_id = ? "
            "ORDER BY username", [initiative_id]
        ).fetchall()
        return tuple(r[0] for r in rows)

    def initiatives_of(self, username: str) -> tuple[str, ...]:
        rows = self.con.execute(
            "SELECT initiative_id FROM initiative_contributors WHERE username = ? "
            "ORDER BY initiative_id", [username]
        ).fetchall()
        return tuple(r[0] for r in rows)

    def assign(self, initiative_id: str, username: str) -> bool:
        """True when the assignment is new."""
        if username in self.for_initiative(initiative_id):
            return False
        self.con.execute("INSERT INTO initiative_contributors VALUES (?, ?)",
                         [initiative_id, username])
        return True

    def unassign(self, initiative_id: str, username: str) -> bool:
        """True when there was such an assignment."""
        if username not in self.for_initiative(initiative_id):
            return False
        self.con.execute(
            "DELETE FROM initiative_contributors WHERE initiative_id = ? AND username = ?",
            [initiative_id, username],
        )
        return True
