"""KL's Teknologiradar as stored (schema 14, #18): one edition at a time."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from portfolio.models import Technology
from portfolio.radar.parse import RadarTechnology, Ring
from portfolio.storage.rows import fetch_dicts


@dataclass
class Radar:
    con: duckdb.DuckDBPyConnection

    def all(self) -> list[RadarTechnology]:
        rows = fetch_dicts(self.con, "SELECT name, ring, technology, position "
                                     "FROM radar_technologies ORDER BY position")
        return [RadarTechnology(r["name"], Ring(r["ring"]),
                                Technology(r["technology"]) if r["technology"] else None,
                                r["position"]) for r in rows]

    def edition(self) -> str | None:
        row = self.con.execute("SELECT any_value(edition) FROM radar_technologies").fetchone()
        return row[0] if row else None

    def replace(self, technologies: tuple[RadarTechnology, ...], edition: str) -> None:
        self.con.execute("DELETE FROM radar_technologies")
        if technologies:
            self.con.executemany(
                "INSERT INTO radar_technologies (name, ring, technology, position, edition) "
                "VALUES (?, ?, ?, ?, ?)",
                [[t.name, t.ring.value, t.technology.value if t.technology else None,
                  t.position, edition] for t in technologies])
