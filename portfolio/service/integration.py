"""The read use cases of the REST API (#19): what other systems may read, as whom.

Reads are open to every role, as for users (security.md). A token confined to one
organisation (`--organisation`) reads that organisation's initiatives only: the other
organisations sharing the instance are not its business, so they are refused (403) rather
than shown or silently left out of a single-item read. Each reads in the unit of work its
request opened (#16).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from portfolio.errors import NotAllowed, NotFound
from portfolio.models import Actor, Evaluation, Initiative, Kpi, Stage
from portfolio.service.access import Permission, authorize
from portfolio.service.steering import SteeringAgenda, agenda_view, group_named
from portfolio.storage import Store


@dataclass(frozen=True)
class InitiativePage:
    items: tuple[Initiative, ...]
    total: int


@dataclass(frozen=True)
class InitiativeWithKpis:
    initiative: Initiative
    kpis: tuple[Kpi, ...]
    evaluation: Evaluation | None


def _organisation_departments(store: Store, actor: Actor) -> set[str] | None:
    """The department names of `actor`'s organisation; None: every department. Names alone
    do not say whose a department is (#13): reads also compare the organisation."""
    if not actor.organisation:
        return None
    return {d.name for d in store.departments.all() if d.organisation == actor.organisation}


def _refuse_elsewhere(actor: Actor, what: str) -> NotAllowed:
    return NotAllowed(code="api.other_organisation", params={
        "user": actor.username, "organisation": actor.organisation, "what": what})


def list_initiatives(
    store: Store, actor: Actor, *, stage: Stage | None = None, department: str | None = None,
    limit: int = 100, offset: int = 0,
) -> InitiativePage:
    authorize(actor, Permission.READ)
    readable = _organisation_departments(store, actor)
    if department is not None and readable is not None and department not in readable:
        raise _refuse_elsewhere(actor, department)
    scope = [department] if department is not None else (
        sorted(readable) if readable is not None else None)
    ids, total = store.initiative_pages.page(scope, stage.value if stage else None,
                                             limit, offset,
                                             organisation=actor.organisation or None)
    return InitiativePage(tuple(store.initiatives.for_ids(ids)), total)


def _readable_initiative(store: Store, actor: Actor, initiative_id: str) -> Initiative:
    initiative = store.initiatives.get(initiative_id)
    if initiative is None:
        raise NotFound(code="initiative.not_found", params={"id": initiative_id})
    if actor.organisation and initiative.organisation != actor.organisation:
        raise _refuse_elsewhere(actor, initiative_id)
    return initiative


def initiative_with_kpis(store: Store, actor: Actor, initiative_id: str) -> InitiativeWithKpis:
    authorize(actor, Permission.READ)
    initiative = _readable_initiative(store, actor, initiative_id)
    return InitiativeWithKpis(initiative, tuple(store.kpis.for_initiative(initiative_id)),
                              store.evaluations.latest_for(initiative_id))


def evaluations_of(
    store: Store, actor: Actor, initiative_id: str, *, limit: int = 50
) -> list[Evaluation]:
    """The initiative's evaluations, newest first."""
    authorize(actor, Permission.READ)
    _readable_initiative(store, actor, initiative_id)
    return store.evaluations.history(initiative_id, limit=limit)


def steering_agenda(
    store: Store, actor: Actor, steering_group: str, today: date, *, rows: int | None = None,
    organisation: str | None = None,
) -> SteeringAgenda:
    """One steering group's agenda, as the steering page shows it; the group is
    organisation + name (#13): `organisation` says which when two have one name."""
    authorize(actor, Permission.READ)
    if actor.organisation and organisation and organisation != actor.organisation:
        raise _refuse_elsewhere(actor, steering_group)
    try:
        group = group_named(store, actor, steering_group, organisation)
    except NotFound:
        # another organisation's group: refused, not unknown
        if actor.organisation and any(g.name == steering_group
                                      for g in store.steering_groups.all()):
            raise _refuse_elsewhere(actor, steering_group) from None
        raise
    return agenda_view(store, actor, today, group, rows=rows)
