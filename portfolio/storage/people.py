"""The address book: which e-mail address and language a person's mail goes to.

A person's identity is organisation + name (#13, schema 17): Aarhus's "Anne Jensen" and
Odense's are two entries, and an owner's reminders go to the one of the initiative's
organisation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import duckdb

from portfolio.models import Person
from portfolio.storage.rows import fetch_dicts, insert_values

_SELECT = ("SELECT name, email, language, coalesce(username, '') AS username, "
           "coalesce(organisation, '') AS organisation FROM people")


@dataclass
class People:
    con: duckdb.DuckDBPyConnection

    def all(self, organisation: str | None = None) -> list[Person]:
        """Every entry, or one organisation's (None: every organisation's)."""
        rows = fetch_dicts(
            self.con, _SELECT + " WHERE ? IS NULL OR organisation = ? ORDER BY organisation, name",
            [organisation, organisation])
        return [Person.model_validate(r) for r in rows]

    def get(self, name: str, organisation: str = "") -> Person | None:
        """The entry of `name` in `organisation`."""
        rows = fetch_dicts(
            self.con, _SELECT + " WHERE name = ? AND organisation = ?", [name, organisation]
        )
        return Person.model_validate(rows[0]) if rows else None

    def save(self, person: Person) -> None:
        self.save_many([person])

    def save_many(self, people: Sequence[Person]) -> None:
        """Upsert entries of distinct keys, a thousand a statement (an import's)."""
        insert_values(
            self.con, "INSERT INTO people (organisation, name, email, language, username)",
            "(?, ?, ?, ?, ?)",
            [[p.organisation, p.name, p.email, p.language, p.username] for p in people],
            tail="ON CONFLICT (organisation, name) DO UPDATE SET email = excluded.email, "
            "language = excluded.language, username = excluded.username")
