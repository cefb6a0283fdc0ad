"""`failscale import organisation FILE`: departments, their steering groups, the groups'
addresses and chairs, set up from one spreadsheet (#13).

Each row names a department of an organisation and the steering group it belongs to.
Rows are judged one by one, with the rules of the Organisation page
(service/organisation.py: `check_person`, `check_group`, `check_department`), against one
read of what is stored, kept current as rows are applied; a row that breaks a rule is
quarantined with the reason, the others are written together at the end, with their
audit events in the order they happened. Importing the same file again changes nothing.
Row by row, on the shared store, 300 departments took 70 s; now 0.2 s (#17).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from portfolio.errors import PortfolioError
from portfolio.importing.problems import Problem
from portfolio.importing.rejection import Rejection
from portfolio.importing.rows import AcceptedRow, OrganisationRow
from portfolio.models import Actor, Department, Organisation, Person, SteeringGroup
from portfolio.service import audit
from portfolio.service.access import within
from portfolio.service.organisation import (
    check_department,
    check_group,
    check_person,
    department_id,
    group_id,
    person_id,
    seat_members,
)
from portfolio.storage import Store

Key = tuple[str, str]
"""Organisation + name: the identity of a person, a steering group and a department."""


@dataclass
class OrganisationTally:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[Rejection] = field(default_factory=list)


@dataclass
class _Setup:
    """What the store holds of organisations, the address book, steering groups and
    departments, with the import's changes applied; what to write, and the events."""

    organisations: dict[str, Organisation]
    people: dict[Key, Person]
    groups: dict[Key, SteeringGroup]
    departments: dict[Key, Department]
    changed: dict[str, dict[Any, None]] = field(default_factory=lambda: {
        "organisation": {}, "person": {}, "steering_group": {}, "department": {}})
    """The keys of what changed, by entity, in order (the maps above hold the values)."""
    events: list[tuple[str, str, str, BaseModel | None, BaseModel]] = field(
        default_factory=list)
    seated: dict[Key, PortfolioError | None] = field(default_factory=dict)

    @classmethod
    def read(cls, store: Store) -> _Setup:
        return cls(
            organisations={o.name: o for o in store.organisations.all()},
            people={(p.organisation, p.name): p for p in store.people.all()},
            groups={(g.organisation, g.name): g for g in store.steering_groups.all()},
            departments={(d.organisation, d.name): d for d in store.departments.all()},
        )

    def _put(self, entity: str, key: Any, entity_id: str, before: BaseModel | None,
             after: BaseModel) -> bool:
        if before == after:
            return False
        self.changed[entity][key] = None
        self.events.append(("create" if before is None else "update", entity, entity_id,
                            before, after))
        return True

    def apply(self, store: Store, actor: Actor, record: OrganisationRow) -> bool:
        """One row; a refusal is raised before its step changes anything (the steps
        before it stand, as each is idempotent). True when anything changed."""
        organisation = record.organisation
        changed = False
        if organisation not in self.organisations:
            created = self.organisations[organisation] = Organisation(name=organisation)
            changed |= self._put("organisation", organisation, organisation, None, created)
        if record.chair:
            known = self.people.get((organisation, record.chair))
            person = Person(name=record.chair, email=record.chair_email,
                            organisation=organisation,
                            language=known.language if known else "da",
                            username=known.username if known else "")
            check_person(actor, person)
            changed |= self._put("person", (organisation, person.name), person_id(person),
                                 known, person)
            self.people[(organisation, person.name)] = person
        key = (organisation, record.steering_group)
        before = self.groups.get(key)
        emails = tuple(before.emails) if before else ()
        if record.steering_group_email and record.steering_group_email not in emails:
            emails += (record.steering_group_email,)
        group = (before or SteeringGroup(organisation=organisation,
                                         name=record.steering_group)).model_copy(
            update={"emails": emails, **({"chair": record.chair} if record.chair else {})})
        check_group(group, not group.chair or (organisation, group.chair) in self.people)
        self._seat(store, actor, key, group, before)
        changed |= self._put("steering_group", key, group_id(group), before, group)
        self.groups[key] = group
        department = Department(name=record.department, organisation=organisation,
                                steering_group=record.steering_group)
        check_department(department, key in self.groups)
        where = (organisation, department.name)
        changed |= self._put("department", where, department_id(department),
                             self.departments.get(where), department)
        self.departments[where] = department
        return changed

    def _seat(self, store: Store, actor: Actor, key: Key, group: SteeringGroup,
              before: SteeringGroup | None) -> None:
        """The members' seats, as the Organisation page keeps them (service.organisation
        .seat_members), once a group: a file names no members, so they are the stored
        ones, and only a seat out of step with them is written."""
        if not group.members:
            return
        if key not in self.seated:
            try:
                seat_members(store, actor, group, before)
                self.seated[key] = None
            except PortfolioError as exc:
                self.seated[key] = exc
        refusal = self.seated[key]
        if refusal is not None:
            raise refusal

    def write(self, store: Store, actor: Actor) -> None:
        """Everything changed, a statement a table, and the events in their order."""
        store.organisations.save_many([self.organisations[k]
                                       for k in self.changed["organisation"]])
        store.people.save_many([self.people[k] for k in self.changed["person"]])
        store.steering_groups.save_many([self.groups[k]
                                         for k in self.changed["steering_group"]])
        store.departments.save_many([self.departments[k]
                                     for k in self.changed["department"]])
        audit.record_events(store, actor, self.events)


def apply_organisation_rows(
    store: Store, actor: Actor, accepted: tuple[AcceptedRow, ...]
) -> OrganisationTally:
    """Store every accepted row the actor may set up; refuse the others with a reason."""
    tally = OrganisationTally()
    setup = _Setup.read(store)
    for row in accepted:
        record = row.record
        assert isinstance(record, OrganisationRow)
        refusal = _outside(actor, setup, record)
        if refusal is not None:
            tally.rejected.append(Rejection.of_fields(row.row, refusal, record.model_dump()))
            continue
        new = (record.organisation, record.department) not in setup.departments
        try:
            changed = setup.apply(store, actor, record)
        except PortfolioError as exc:
            problem = Problem(code=exc.code or "import.invalid", params=dict(exc.params))
            tally.rejected.append(Rejection.of_fields(row.row, problem, record.model_dump()))
            continue
        if new:
            tally.added += 1
        elif changed:
            tally.updated += 1
        else:
            tally.unchanged += 1
    setup.write(store, actor)
    return tally


def _outside(actor: Actor, setup: _Setup, record: OrganisationRow) -> Problem | None:
    """An organisation's administrator sets up their own organisation only, and only a
    national administrator creates one."""
    if not within(actor, record.organisation) or (
            actor.organisation and record.organisation not in setup.organisations):
        return Problem(code="import.other_organisation", params={
            "organisation": record.organisation, "user": actor.username})
    return None
