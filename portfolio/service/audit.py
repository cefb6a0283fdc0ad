"""One way to write the audit trail from a use case."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel

from portfolio.models import Actor
from portfolio.storage import Store


def snapshot(model: BaseModel | None) -> dict[str, Any] | None:
    return None if model is None else model.model_dump(mode="json")


def record(
    store: Store,
    actor: Actor,
    action: str,
    entity: str,
    entity_id: str,
    before: BaseModel | dict[str, Any] | None = None,
    after: BaseModel | dict[str, Any] | None = None,
) -> None:
    store.audit.append(
        actor=actor.username,
        action=action,
        entity=entity,
        entity_id=entity_id,
        before=before if isinstance(before, dict) or before is None else snapshot(before),
        after=after if isinstance(after, dict) or after is None else snapshot(after),
        at=datetime.now(UTC).replace(tzinfo=None),
    )
