"""The follow-up agenda from stored data: one read, then the pure portfolio.review.agenda."""

from __future__ import annotations

from datetime import date

from portfolio.models import Actor
from portfolio.review.agenda import Agenda, build_agenda
from portfolio.service.access import Permission, authorize
from portfolio.storage import Database


def review_agenda(
    db: Database, actor: Actor, as_of: date, *, stale_after_days: int = 60
) -> Agenda:
    """What every steering group and owner must follow up as of a date, from the latest
    stored evaluations and the decision history."""
    authorize(actor, Permission.READ)
    with db.reading() as store:
        initiatives = store.initiatives.all(active_only=True)
        latest = {e.initiative_id: e for e in store.evaluations.latest()}
        decisions = store.decisions.all()
        departments = store.departments.all()
    return build_agenda(initiatives, latest, decisions, departments, as_of,
                        stale_after_days=stale_after_days)
