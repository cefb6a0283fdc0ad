"""The follow-up agenda from stored data: one slim read, then the pure portfolio.review.agenda."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from portfolio.models import Actor
from portfolio.review.agenda import Agenda, agenda_of
from portfolio.service.access import Permission, authorize
from portfolio.storage import Database


def review_agenda(
    db: Database, actor: Actor, as_of: date, *, stale_after_days: int = 60,
    departments: Collection[str] | None = None,
) -> Agenda:
    """What every steering group and owner must follow up as of a date, from the latest
    stored evaluations, the decision history and the newest measurements; with
    `departments`, only their initiatives' (one steering group's, read as cheaply)."""
    authorize(actor, Permission.READ)
    with db.reading() as store:
        facts = store.agenda_facts.active(as_of, departments)
    return agenda_of(facts, as_of, stale_after_days=stale_after_days)
