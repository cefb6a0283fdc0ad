"""Spread after scaling: "department X adopted initiative Y on date D".

PRODUCT.md tracks how far a scaled initiative has spread: departments adopted against
planned. An adoption is a dated fact with an author; a mistaken one is withdrawn, and the
audit trail keeps both. The spread figures (lessons page, portfolio report) read them
through `Initiative.adopted_departments`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from portfolio.errors import NotFound, ValidationFailed
from portfolio.models import Actor, Adoption, Initiative, Role
from portfolio.service import audit
from portfolio.service.access import Permission, authorize, can
from portfolio.service.lessons import SPREADING
from portfolio.storage import Store


def scope_of(actor: Actor, initiative: Initiative, department: str) -> str:
    """The department the actor's right is checked in: a leader speaks for the department
    that adopts; a steering member for the initiatives of their group; an admin anywhere."""
    return department if actor.role is Role.LEADER else initiative.department


def may_record(actor: Actor, initiative: Initiative, department: str) -> bool:
    """Whether `actor` may record (or withdraw) `department`'s adoption of `initiative`."""
    return can(actor, Permission.RECORD_ADOPTION, scope_of(actor, initiative, department),
               organisation=initiative.organisation)


def may_record_any(actor: Actor, initiative: Initiative) -> bool:
    """Whether `actor` may record some department's adoption of `initiative` (cheap: no
    walk over every department, which a national portfolio has hundreds of)."""
    if actor.role is Role.LEADER:
        return any(d != initiative.department and may_record(actor, initiative, d)
                   for d in actor.departments)
    return may_record(actor, initiative, initiative.department)


def open_departments(
    actor: Actor, initiative: Initiative, departments: Sequence[str]
) -> list[str]:
    """Of `departments`, those that may still adopt `initiative` and whose adoption `actor`
    may record: not the owner, not one that adopted it already."""
    adopted = set(initiative.adopted_departments) | {initiative.department}
    return [d for d in departments if d not in adopted and may_record(actor, initiative, d)]


def _initiative(store: Store, initiative_id: str) -> Initiative:
    initiative = store.initiatives.get(initiative_id)
    if initiative is None:
        raise NotFound(code="initiative.not_found", params={"id": initiative_id})
    return initiative


def _check(store: Store, initiative: Initiative, department: str, on: date) -> None:
    if initiative.stage not in SPREADING:
        raise ValidationFailed(field="initiative_id", code="adoption.not_scaled",
                               params={"id": initiative.id, "stage": initiative.stage})
    if department == initiative.department:
        raise ValidationFailed(field="department", code="adoption.owner",
                               params={"department": department, "id": initiative.id})
    if store.departments.get(department) is None:
        raise ValidationFailed(field="department", code="adoption.unknown_department",
                               params={"department": department})
    if (earlier := store.adoptions.get(initiative.id, department)) is not None:
        raise ValidationFailed(
            field="department",
            code="adoption.already" if earlier.adopted_on else "adoption.already_undated",
            params={"department": department, "id": initiative.id,
                    **({"on": earlier.adopted_on.isoformat()} if earlier.adopted_on else {})},
        )
    if on > date.today():
        raise ValidationFailed(field="adopted_on", code="adoption.future",
                               params={"on": on.isoformat()})


def record_adoption(
    store: Store, actor: Actor, initiative_id: str, department: str, on: date, note: str = ""
) -> Adoption:
    """Record that `department` adopted the scaled initiative on `on`."""
    department = department.strip()
    initiative = _initiative(store, initiative_id)
    authorize(actor, Permission.RECORD_ADOPTION, scope_of(actor, initiative, department),
              organisation=initiative.organisation)
    _check(store, initiative, department, on)
    stored = store.adoptions.add(Adoption(
        initiative_id=initiative.id, department=department, adopted_on=on,
        note=note.strip(), recorded_by=actor.username,
    ))
    audit.record(store, actor, "adopt", "adoption", f"{initiative.id}/{department}",
                 after=stored)
    return stored


def withdraw_adoption(
    store: Store, actor: Actor, initiative_id: str, department: str
) -> Adoption:
    """Withdraw a mistaken adoption; returns what was withdrawn (the audit trail keeps it)."""
    department = department.strip()
    initiative = _initiative(store, initiative_id)
    authorize(actor, Permission.RECORD_ADOPTION, scope_of(actor, initiative, department),
              organisation=initiative.organisation)
    adoption = store.adoptions.get(initiative.id, department)
    if adoption is None:
        raise NotFound(code="adoption.none_to_withdraw",
                       params={"department": department, "id": initiative.id})
    store.adoptions.remove(initiative.id, department)
    audit.record(store, actor, "withdraw", "adoption", f"{initiative.id}/{department}",
                 before=adoption)
    return adoption


def adoptions_of(store: Store, actor: Actor, initiative_id: str) -> tuple[Adoption, ...]:
    """The recorded adoptions of one initiative, oldest first."""
    authorize(actor, Permission.READ)
    _initiative(store, initiative_id)
    return tuple(store.adoptions.for_initiative(initiative_id))
