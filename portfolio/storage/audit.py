"""The audit trail: append-only, so there is no update or delete here on purpose."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import duckdb

from portfolio.models import AuditEvent
from portfolio.storage.audit_chain import GENESIS, ChainReport, event_hash, walk
from portfolio.storage.rows import fetch_dicts, from_json, insert_values, to_json


@dataclass(frozen=True)
class NewEvent:
    """One event to append, as `AuditLog.append` takes it."""

    actor: str
    action: str
    entity: str
    entity_id: str
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    at: datetime = field(default_factory=lambda: datetime.now(UTC).replace(tzinfo=None))
    via: str | None = None


def _event(row: dict[str, Any]) -> AuditEvent:
    row.pop("prev_hash", None)
    row.pop("hash", None)
    row["before"] = from_json(row["before"])
    row["after"] = from_json(row["after"])
    return AuditEvent.model_validate(row)


@dataclass
class AuditLog:
    con: duckdb.DuckDBPyConnection

    def append(self, event: NewEvent) -> None:
        """Append one event, chained to the newest (writers take turns, so the newest is
        read and extended in one unit of work)."""
        self.append_many([event])

    def append_many(self, events: Sequence[NewEvent]) -> None:
        """Append `events` in their order, each chained to the one before: one draw of
        their ids, one read of the newest hash, and an INSERT per thousand (an import's
        rows: three statements a row made a 100-KPI import take ~50 s on the lake)."""
        if not events:
            return
        ids = sorted(int(row[0]) for row in self.con.execute(
            "SELECT nextval('audit_id_seq') FROM range(?)", [len(events)]).fetchall())
        last = self._last_hash(ids[0])
        prev = last[0] if last else GENESIS
        rows: list[list[Any]] = []
        for event_id, event in zip(ids, events, strict=True):
            before_text, after_text = to_json(event.before), to_json(event.after)
            digest = event_hash(prev, event_id, event.at, event.actor, event.via, event.action,
                                event.entity, event.entity_id, before_text, after_text)
            rows.append([event_id, event.at, event.actor, event.via, event.action, event.entity,
                         event.entity_id, before_text, after_text, prev, digest])
            prev = digest
        insert_values(self.con, "INSERT INTO audit_events (id, \"at\", actor, via, action, "
                      "entity, entity_id, before, after, prev_hash, hash)",
                      "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)

    def _last_hash(self, event_id: int) -> tuple[str] | None:
        """The newest chained event's hash. Ids are drawn in order, so it is almost always
        the event just below `event_id` (a unit of work that failed skips a few): looked up
        by key, a point read, where ORDER BY id DESC LIMIT 1 scanned the whole trail (16-23
        ms an event at 500 k events, measured under load). Beyond a few, the whole trail."""
        for back in range(1, 9):
            row = self.con.execute("SELECT hash FROM audit_events WHERE id = ?",
                                   [event_id - back]).fetchone()
            if row is not None:
                if row[0] is not None:
                    return (row[0],)
                break
        return self.con.execute(
            "SELECT hash FROM audit_events WHERE hash IS NOT NULL ORDER BY id DESC LIMIT 1"
        ).fetchone()

    def verify_chain(self, page: int = 10_000) -> ChainReport:
        """Walk the whole trail in id order and report the first break (audit_chain)."""
        def rows() -> Iterator[dict[str, Any]]:
            after_id = -1
            while True:
                batch = fetch_dicts(
                    self.con,
                    "SELECT id, \"at\", actor, via, action, entity, entity_id, "
                    "before::VARCHAR AS before, after::VARCHAR AS after, prev_hash, hash "
                    "FROM audit_events WHERE id > ? ORDER BY id LIMIT ?", [after_id, page])
                if not batch:
                    return
                yield from batch
                after_id = batch[-1]["id"]

        return walk(rows())

    def measurement_changes(self, initiative_id: str, kpi: str) -> list[dict[str, Any]]:
        """Every value an import overwrote for one KPI: old and new, by whom, when."""
        return fetch_dicts(
            self.con,
            "SELECT c.measured_on, c.old_value, c.new_value, c.old_source, c.new_source, "
            "c.old_provenance, c.new_provenance, c.changed_by, c.changed_at, c.import_id "
            "FROM measurement_changes c JOIN kpis k ON k.id = c.kpi_id "
            "WHERE k.initiative_id = ? AND k.name = ? ORDER BY c.measured_on, c.changed_at",
            [initiative_id, kpi])

    def for_entity(self, entity: str, entity_id: str) -> list[AuditEvent]:
        rows = fetch_dicts(
            self.con,
            "SELECT * FROM audit_events WHERE entity = ? AND entity_id = ? ORDER BY id DESC",
            [entity, entity_id],
        )
        return [_event(r) for r in rows]

    def for_initiative(self, initiative_id: str, limit: int = 200) -> list[AuditEvent]:
        """Changes to an initiative, to its KPIs, measurements and adoptions ("ID/…") and its
        lessons, newest first."""
        rows = fetch_dicts(
            self.con,
            "SELECT * FROM audit_events WHERE (entity IN ('initiative', 'kpi', 'measurement', "
            "'adoption') "
            "AND (entity_id = ? OR starts_with(entity_id, ?))) OR (entity = 'lesson' "
            "AND json_extract_string(after, '$.initiative_id') = ?) ORDER BY id DESC LIMIT ?",
            [initiative_id, f"{initiative_id}/", initiative_id, limit],
        )
        return [_event(r) for r in rows]

    def recent(self, limit: int = 1000) -> list[AuditEvent]:
        rows = fetch_dicts(
            self.con, "SELECT * FROM audit_events ORDER BY id DESC LIMIT ?", [limit]
        )
        return [_event(r) for r in rows]

    def page(self, after_id: int, limit: int) -> list[AuditEvent]:
        """Events after `after_id`, oldest first: the export reads the log in pages."""
        rows = fetch_dicts(
            self.con, "SELECT * FROM audit_events WHERE id > ? ORDER BY id LIMIT ?",
            [after_id, limit],
        )
        return [_event(r) for r in rows]
