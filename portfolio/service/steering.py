"""The steering review: what is due for a steering group, and why.

The follow-up agenda of portfolio.service.agenda (overdue reviews, changed
recommendations, missing data, +6/+12-month follow-ups after scaling) is the base; a
meeting also needs what is coming up, so this adds reviews due soon, recommendations to
scale, pivot or close that nobody has decided on yet, and parked initiatives whose
revisit date has come.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from portfolio.models import (
    Actor,
    Decision,
    DecisionKind,
    Evaluation,
    Initiative,
    Stage,
)
from portfolio.review.agenda import AgendaItem as FollowUp
from portfolio.review.agenda import AgendaReason
from portfolio.service.access import Permission, authorize
from portfolio.service.agenda import review_agenda
from portfolio.storage import Database

DUE_WITHIN_DAYS = 30
DUE = "due"
RECOMMENDED = AgendaReason.RECOMMENDED.value
REVISIT = "revisit"


@dataclass(frozen=True)
class Why:
    """One reason an initiative is on the agenda: an AgendaReason value or one of
    DUE/RECOMMENDED/REVISIT, with the numbers it cites."""

    cause: str
    params: dict[str, Any]


@dataclass(frozen=True)
class SteeringItem:
    initiative: Initiative
    evaluation: Evaluation | None
    last_decision: Decision | None
    why: tuple[Why, ...]
    steering_group: str

    @property
    def overdue(self) -> bool:
        return any(w.cause == AgendaReason.OVERDUE for w in self.why)


def steering_groups(db: Database, actor: Actor) -> list[str]:
    authorize(actor, Permission.READ)
    with db.reading() as store:
        return sorted({d.steering_group for d in store.departments.all() if d.steering_group})


def agenda(
    db: Database, actor: Actor, today: date, steering_group: str | None = None,
    *, due_within_days: int = DUE_WITHIN_DAYS,
) -> list[SteeringItem]:
    """What a steering group (or, with None, every group) has to decide on, overdue first."""
    follow_ups = {
        item.initiative.id: item
        for group, items in review_agenda(db, actor, today).for_steering_groups().items()
        if steering_group in (None, group) for item in items
    }
    with db.reading() as store:
        groups = {d.name: d.steering_group for d in store.departments.all()}
        initiatives = store.initiatives.all()
        latest = {e.initiative_id: e for e in store.evaluations.latest()}
        last = store.decisions.latest_per_initiative()
    horizon = today + timedelta(days=due_within_days)
    items = []
    for ini in initiatives:
        group = groups.get(ini.department, "")
        if steering_group not in (None, group):
            continue
        base = follow_ups.get(ini.id)
        why = (*(_shared(base, today) if base else ()),
               *_extra(ini, latest.get(ini.id), last.get(ini.id), base, today, horizon))
        if why:
            items.append(SteeringItem(ini, latest.get(ini.id), last.get(ini.id), why, group))
    return sorted(items, key=lambda i: (not i.overdue, i.initiative.review_on or horizon,
                                        i.initiative.id))


def _shared(item: FollowUp, today: date) -> tuple[Why, ...]:
    review_on = item.initiative.review_on
    params: dict[str, Any] = {
        "review_on": review_on.isoformat() if review_on else "",
        "days": (today - review_on).days if review_on else 0,
        "on": item.follow_up_on.isoformat() if item.follow_up_on else "",
        "recommendation": item.recommendation.value if item.recommendation else "",
        "previous": (item.last_decision.recommendation.value
                     if item.last_decision and item.last_decision.recommendation else ""),
    }
    return tuple(Why(reason.value, params) for reason in item.reasons)


def _extra(
    ini: Initiative, evaluation: Evaluation | None, last: Decision | None,
    base: FollowUp | None, today: date, horizon: date,
) -> tuple[Why, ...]:
    reasons = set(base.reasons) if base else set()
    if ini.stage is Stage.CLOSED:
        parked = last is not None and last.kind is DecisionKind.PARK
        if parked and ini.review_on and ini.review_on <= horizon:
            return (Why(REVISIT, {"review_on": ini.review_on.isoformat()}),)
        return ()
    why = []
    if AgendaReason.OVERDUE not in reasons and ini.review_on and today <= ini.review_on <= horizon:
        why.append(Why(DUE, {"review_on": ini.review_on.isoformat(),
                             "days": (ini.review_on - today).days}))
    return tuple(why)
