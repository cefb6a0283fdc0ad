"""One way to write the audit trail from a use case."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel

from portfolio.models import Actor
from portfolio.storage import Store
from portfolio.storage.audit import NewEvent


def snapshot(model: BaseModel | None) -> dict[str, Any] | None:
    return None if model is None else model.model_dump(mode="json")


# Never written to the trail, whatever a caller passes: passwords and their hashes.
SECRET_KEYS = frozenset({"password", "password_hash", "current_password", "new_password"})


def _clean(values: dict[str, Any] | None) -> dict[str, Any] | None:
    return None if values is None else {k: v for k, v in values.items() if k not in SECRET_KEYS}


def _values(values: BaseModel | dict[str, Any] | None) -> dict[str, Any] | None:
    return _clean(values if isinstance(values, dict) or values is None else snapshot(values))


def _event(actor: Actor, action: str, entity: str, entity_id: str,
           before: BaseModel | dict[str, Any] | None,
           after: BaseModel | dict[str, Any] | None) -> NewEvent:
    return NewEvent(actor=actor.username, via=actor.via, action=action, entity=entity,
                    entity_id=entity_id, before=_values(before), after=_values(after))


def record_many(
    store: Store,
    actor: Actor,
    action: str,
    entity: str,
    changes: Sequence[tuple[str, BaseModel | None, BaseModel | None]],
) -> None:
    """`record` for each (entity id, before, after) of `changes`, in their order, written
    together (an import's rows): the same events `record` would write one by one."""
    record_events(store, actor, [(action, entity, entity_id, before, after)
                                 for entity_id, before, after in changes])


def record_events(
    store: Store,
    actor: Actor,
    events: Sequence[tuple[str, str, str, BaseModel | None, BaseModel | None]],
) -> None:
    """`record` for each (action, entity, entity id, before, after) of `events`, in their
    order, written together."""
    store.audit.append_many([_event(actor, *event) for event in events])


def record(
    store: Store,
    actor: Actor,
    action: str,
    entity: str,
    entity_id: str,
    before: BaseModel | dict[str, Any] | None = None,
    after: BaseModel | dict[str, Any] | None = None,
) -> None:
    store.audit.append(_event(actor, action, entity, entity_id, before, after))
