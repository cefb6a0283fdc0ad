"""The follow-up agenda from stored data: one slim read, then the pure portfolio.review.agenda.

Both use cases read in the unit of work their caller opened (#16): a flow's task, a page
run or another use case (the steering agenda reads its follow-ups in its own read)."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date

from portfolio.models import Actor
from portfolio.review.agenda import Agenda
from portfolio.review.agenda_rules import agenda_of
from portfolio.service.access import Permission, authorize
from portfolio.service.evaluation import active_policy
from portfolio.storage import Store
from portfolio.storage.agenda_facts import DepartmentKey


def review_agenda(
    store: Store, actor: Actor, as_of: date, *, stale_after_days: int = 60,
    departments: Collection[DepartmentKey] | None = None,
) -> Agenda:
    """What every steering group and owner must follow up as of a date, from the latest
    stored evaluations, the decision history and the newest measurements; with
    `departments` ((organisation, name) pairs: equal names of two organisations are two
    departments, #13), only their initiatives' (one steering group's, read as cheaply)."""
    authorize(actor, Permission.READ)
    facts = store.agenda_facts.active(as_of, departments)
    months = active_policy(store).followup.months_after_scaling
    return agenda_of(facts, as_of, stale_after_days=stale_after_days, follow_up_months=months)


def agendas_by_steering_group(
    store: Store, actor: Actor, as_of: date, *, stale_after_days: int = 60
) -> Iterable[Agenda]:
    """The agenda of `review_agenda`, one steering group's part at a time (each part's
    items all have its steering group; together they are the whole agenda): what a run
    escalates and publishes per group. One read of the whole portfolio's facts, as
    columns: the items are built only where a group's message or artifact shows them
    (#15)."""
    return review_agenda(store, actor, as_of, stale_after_days=stale_after_days
                         ).by_steering_group().values()
