"""The audit trail: append-only, so there is no update or delete here on purpose."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import duckdb

from portfolio.models import AuditEvent
from portfolio.storage.rows import fetch_dicts, from_json, to_json


def _event(row: dict[str, Any]) -> AuditEvent:
    row["before"] = from_json(row["before"])
    row["after"] = from_json(row["after"])
    return AuditEvent.model_validate(row)


@dataclass
class AuditLog:
    con: duckdb.DuckDBPyConnection

    def append(
        self,
        *,
        actor: str,
        action: str,
        entity: str,
        entity_id: str,
        before: dict[str, Any] | None = None,
        after: dict[str, Any] | None = None,
        at: datetime | None = None,
    ) -> None:
        self.con.execute(
            "INSERT INTO audit_events (\"at\", actor, action, entity, entity_id, before, after) "
            "VALUES (coalesce(?, current_timestamp), ?, ?, ?, ?, ?, ?)",
            [at, actor, action, entity, entity_id, to_json(before), to_json(after)],
        )

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
