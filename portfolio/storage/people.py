"""The address book: which e-mail address and language a name's mail goes to."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from portfolio.models import Person
from portfolio.storage.rows import fetch_dicts

_SELECT = "SELECT name, email, language, coalesce(username, '') AS username FROM people"


@dataclass
class People:
    con: duckdb.DuckDBPyConnection

    def all(self) -> list[Person]:
        rows = fetch_dicts(self.con, _SELECT + " ORDER BY name")
        return [Person.model_validate(r) for r in rows]

    def get(self, name: str) -> Person | None:
        rows = fetch_dicts(
            self.con, _SELECT + " WHERE name = ?", [name]
        )
        return Person.model_validate(rows[0]) if rows else None

    def save(self, person: Person) -> None:
        self.con.execute(
            "INSERT INTO people (name, email, language, username) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (name) DO UPDATE SET email = excluded.email, "
            "language = excluded.language, username = excluded.username",
            [person.name, person.email, person.language, person.username],
        )
