"""The steering review: what is due for a steering group, and why.

The follow-up agenda of portfolio.service.agenda (overdue reviews, changed
recommendations, missing data, +6/+12-month follow-ups after scaling) is the base; a
meeting also needs what is coming up, so this adds reviews due soon, recommendations to
scale, pivot or close that nobody has decided on yet, and parked initiatives whose
revisit date has come.

At national scale (#7) one group's agenda reads only its departments' rows, and every
group's agenda is listed from slim rows: models are built only for the items shown.
The use cases read in the unit of work their page, request or caller opened (#16), so an
agenda is one consistent read, its follow-ups included (it took three before).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from portfolio.errors import NotFound, ValidationFailed
from portfolio.models import (
    Actor,
    Decision,
    DecisionKind,
    Evaluation,
    GroupKey,
    Initiative,
    Role,
    Stage,
)
from portfolio.review.agenda import AgendaItem as FollowUp
from portfolio.review.agenda import AgendaReason
from portfolio.service.access import Permission, authorize, within
from portfolio.service.agenda import review_agenda
from portfolio.storage import Store
from portfolio.storage.agenda_facts import DepartmentKey, Scheduled

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
    """Its group's name; `group` is the group's identity (organisation + name, #13)."""

    @property
    def group(self) -> GroupKey:
        return GroupKey(self.initiative.organisation, self.steering_group)

    @property
    def overdue(self) -> bool:
        return any(w.cause == AgendaReason.OVERDUE for w in self.why)


def steering_groups(store: Store, actor: Actor) -> list[GroupKey]:
    """The steering groups whose agenda `actor` may open, each organisation + name (#13):
    a steering member their own, an actor of one organisation that organisation's, a
    national actor every one (two municipalities' groups of one name are two)."""
    authorize(actor, Permission.READ)
    groups = _visible(actor, {(d.organisation, d.name): d.steering_group
                              for d in store.departments.all()})
    return sorted({GroupKey(organisation, group)
                   for (organisation, _), group in groups.items() if group})


def group_named(store: Store, actor: Actor, name: str,
                organisation: str | None = None) -> GroupKey:
    """The steering group a command line, link or API call names (#13): by organisation +
    name; a name alone is enough when the actor's organisation, or the only organisation
    with a group of that name, says which. Two organisations' groups of one name are never
    picked between silently: the caller is told to name the organisation. Read in the
    caller's unit of work (#16), so the group found is the one its use case then uses."""
    authorize(actor, Permission.READ)
    known = {d.group for d in store.departments.all() if d.group} | {
        g.key for g in store.steering_groups.all()}
    home = organisation or actor.organisation
    found = sorted(k for k in known if k.name == name and (not home or k.organisation == home))
    if len(found) == 1:
        return found[0]
    if found:
        raise ValidationFailed(field="organisation", code="steering.group_in_several_organisations",
                               params={"group": name,
                                       "organisations": tuple(k.organisation for k in found)})
    labels = sorted(k.label() for k in known if not home or k.organisation == home)
    raise NotFound(code="steering.unknown_group" if labels else "steering.no_groups",
                   params={"group": name, **({"known": tuple(labels)} if labels else {})})


def _visible(actor: Actor, groups: dict[DepartmentKey, str]) -> dict[DepartmentKey, str]:
    """The departments (and their groups) on whose agenda `actor` sits (#13): those of
    their organisation, and for a steering member only their own group's departments
    (resolved at sign-in into Actor.departments): Vesterå's welfare group does not read
    the digitalisation group's agenda, nor Nabo Kommune's group of the same name."""
    return {(organisation, name): group for (organisation, name), group in groups.items()
            if within(actor, organisation)
            and (actor.role is not Role.STEERING_MEMBER or name in actor.departments)}


@dataclass(frozen=True)
class SteeringAgenda:
    items: tuple[SteeringItem, ...]
    """The most urgent first; at most the `rows` asked for."""
    total: int
    """How many items the whole agenda has."""
    group: GroupKey | None = None
    """The group asked for (None: every group the actor may read)."""


def agenda(
    store: Store, actor: Actor, today: date, steering_group: GroupKey | None = None,
    *, due_within_days: int = DUE_WITHIN_DAYS,
) -> list[SteeringItem]:
    """What a steering group (or, with None, every group) has to decide on, overdue first."""
    return list(agenda_view(store, actor, today, steering_group,
                            due_within_days=due_within_days).items)


def agenda_view(
    store: Store, actor: Actor, today: date, steering_group: GroupKey | None = None,
    *, due_within_days: int = DUE_WITHIN_DAYS, rows: int | None = None,
) -> SteeringAgenda:
    """The agenda of `agenda`, its first `rows` items built as models (all with None).
    A group is organisation + name (#13): Aarhus's "Styregruppe for digitalisering" reads
    Aarhus's departments only, never Odense's group of the same name."""
    authorize(actor, Permission.READ)
    every = {(d.organisation, d.name): d.steering_group for d in store.departments.all()}
    # a department is organisation + name (#13): Aarhus's "Børn og Unge" is not Odense's;
    # the groups asked for are narrowed in the core to those the actor sits on (#13)
    groups = _visible(actor, every)
    departments = (None if steering_group is None and groups == every else {
        key for key, group in groups.items()
        if steering_group is None or GroupKey(key[0], group) == steering_group})
    follow_ups = {
        item.initiative.id: item
        for items in review_agenda(store, actor, today, departments=departments)
        .for_steering_groups().values() for item in items
    }
    horizon = today + timedelta(days=due_within_days)
    listed = []
    for row in store.agenda_facts.scheduled(departments):
        base = follow_ups.get(row.id)
        why = (*(_shared(base, today) if base else ()), *_extra(row, base, today, horizon))
        if why:
            listed.append((row, why))
    listed.sort(key=lambda item: (
        not any(w.cause == AgendaReason.OVERDUE for w in item[1]),
        item[0].review_on or horizon, item[0].id))
    shown = listed[:rows]
    ids = [row.id for row, _ in shown]
    initiatives = {i.id: i for i in store.initiatives.for_ids(ids)}
    latest = {e.initiative_id: e for e in store.evaluations.latest_for_ids(ids)}
    last: dict[str, Decision] = {}
    for decision in store.decisions.for_initiatives(ids):  # newest first
        last.setdefault(decision.initiative_id, decision)
    items = tuple(
        SteeringItem(initiatives[row.id], latest.get(row.id), last.get(row.id), why,
                     group_of(every, row.organisation, row.department))
        for row, why in shown
    )
    return SteeringAgenda(items, len(listed), steering_group)


def group_of(groups: dict[DepartmentKey, str], organisation: str, department: str) -> str:
    """The steering group of an organisation's department ('' when it has none); an
    initiative stored without an organisation falls back to a department of that name, as
    the agenda's read does."""
    if organisation:
        return groups.get((organisation, department), "")
    return next((group for (_, name), group in sorted(groups.items()) if name == department),
                "")


def _shared(item: FollowUp, today: date) -> tuple[Why, ...]:
    review_on = item.initiative.review_on
    params: dict[str, Any] = {
        "review_on": review_on.isoformat() if review_on else "",
        "days": (today - review_on).days if review_on else 0,
        "on": item.follow_up_on.isoformat() if item.follow_up_on else "",
        "months": item.follow_up_months or "",
        "recommendation": item.recommendation.value if item.recommendation else "",
        "previous": (item.last_decision.recommendation.value
                     if item.last_decision and item.last_decision.recommendation else ""),
    }
    return tuple(Why(reason.value, params) for reason in item.reasons)


def _extra(
    ini: Scheduled, base: FollowUp | None, today: date, horizon: date,
) -> tuple[Why, ...]:
    reasons = set(base.reasons) if base else set()
    if ini.stage is Stage.CLOSED:
        if ini.last_kind is DecisionKind.PARK and ini.review_on and ini.review_on <= horizon:
            return (Why(REVISIT, {"review_on": ini.review_on.isoformat()}),)
        return ()
    why = []
    if AgendaReason.OVERDUE not in reasons and ini.review_on and today <= ini.review_on <= horizon:
        why.append(Why(DUE, {"review_on": ini.review_on.isoformat(),
                             "days": (ini.review_on - today).days}))
    return tuple(why)
