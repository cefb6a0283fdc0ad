"""Organisations, departments, steering groups and the address book: set up and read (#13).

Every write is authorised here and audited. An organisation's administrator sets up only
that organisation; a national administrator (an administrator without an organisation)
every one, and only a national administrator creates organisations. The identity of a
department, a steering group and an address-book entry is organisation + name: two
municipalities may both have a "Styregruppe for digitalisering" and an "Anne Jensen".
"""

from __future__ import annotations

from dataclasses import dataclass

from portfolio.errors import NotAllowed, NotFound, ValidationFailed
from portfolio.models import (
    Actor,
    Department,
    Organisation,
    Person,
    Role,
    SteeringGroup,
)
from portfolio.service import audit
from portfolio.service.access import Permission, authorize, within
from portfolio.storage import Store


@dataclass(frozen=True)
class SetupProblem:
    """Something that keeps an organisation from working, and how to fix it."""

    code: str
    organisation: str
    subject: str

    def params(self) -> dict[str, str]:
        return {"organisation": self.organisation, "subject": self.subject}


@dataclass(frozen=True)
class OrganisationView:
    """What the Organisation page and `failscale org list` show."""

    organisations: tuple[Organisation, ...]
    departments: tuple[Department, ...]
    steering_groups: tuple[SteeringGroup, ...]
    people: tuple[Person, ...]
    problems: tuple[SetupProblem, ...]


def home_of(store: Store, actor: Actor, default: str = "") -> str:
    """The organisation a row that names none belongs to: the actor's own; else the only
    organisation there is; else `default` (FAILSCALE_ORGANISATION, passed by the edge)."""
    if actor.organisation:
        return actor.organisation
    names = [o.name for o in store.organisations.all()]
    if len(names) == 1:
        return names[0]
    return default


def ensure_department(store: Store, actor: Actor, name: str, organisation: str) -> Department:
    """The department `name` of `organisation`, created (with its organisation) if new."""
    found = store.departments.get(name, organisation)
    if found is not None:
        return found
    if organisation and store.organisations.get(organisation) is None:
        created = Organisation(name=organisation)
        store.organisations.save(created)
        audit.record(store, actor, "create", "organisation", organisation, after=created)
    department = Department(name=name, organisation=organisation)
    store.departments.save(department)
    audit.record(store, actor, "create", "department", f"{organisation}/{name}",
                 after=department)
    return department


def problems_of(store: Store, organisation: str | None = None) -> list[SetupProblem]:
    """A department without a steering group (its escalations reach nobody) and a group
    without an address (its agenda reaches nobody), with the fix in the texts."""
    found = [SetupProblem("organisation.department_without_group", d.organisation, d.name)
             for d in store.departments.all(organisation) if not d.steering_group]
    found += [SetupProblem("organisation.group_without_address", g.organisation, g.name)
              for g in store.steering_groups.all(organisation) if not g.emails]
    return found


def _admin_of(actor: Actor, organisation: str) -> None:
    authorize(actor, Permission.ADMIN_ORGANISATION)
    if not within(actor, organisation) or (actor.organisation and not organisation):
        raise NotAllowed(code="access.other_organisation",
                         params={"user": actor.username, "organisation": organisation})


def view_organisation(store: Store, actor: Actor,
                      organisation: str | None = None) -> OrganisationView:
    """Organisations with their departments, steering groups, people and problems; an
    organisation's administrator sees only theirs, the address book only for admins."""
    authorize(actor, Permission.READ)
    scope = actor.organisation or organisation
    organisations = [o for o in store.organisations.all() if not scope or o.name == scope]
    people = store.people.all(scope) if actor.role is Role.ADMIN else []
    return OrganisationView(
        organisations=tuple(organisations),
        departments=tuple(store.departments.all(scope)),
        steering_groups=tuple(store.steering_groups.all(scope)),
        people=tuple(people),
        problems=tuple(problems_of(store, scope)),
    )


def save_organisation(store: Store, actor: Actor, organisation: Organisation) -> Organisation:
    """Create an organisation (national administrators) or change one (its own admins)."""
    _admin_of(actor, organisation.name)
    before = store.organisations.get(organisation.name)
    if before is None and actor.organisation:
        raise NotAllowed(code="access.other_organisation",
                         params={"user": actor.username, "organisation": organisation.name})
    if before != organisation:
        store.organisations.save(organisation)
        audit.record(store, actor, "create" if before is None else "update",
                     "organisation", organisation.name, before, organisation)
    return organisation


def _known_organisation(store: Store, name: str) -> None:
    if store.organisations.get(name) is None:
        raise ValidationFailed(field="organisation", code="organisation.unknown",
                               params={"organisation": name})


def save_department(store: Store, actor: Actor, department: Department) -> Department:
    """Add a department to an organisation or move it to another steering group of it."""
    _admin_of(actor, department.organisation)
    _known_organisation(store, department.organisation)
    put_department(store, actor, department)
    return department


def put_department(store: Store, actor: Actor, department: Department) -> bool:
    """Store a department within a unit of work (its group must exist); True if changed."""
    group = department.steering_group
    check_department(department, not group or store.steering_groups.get(
        department.organisation, group) is not None)
    before = store.departments.get(department.name, department.organisation)
    if before == department:
        return False
    store.departments.save(department)
    audit.record(store, actor, "create" if before is None else "update", "department",
                 department_id(department), before, department)
    return True


def check_department(department: Department, group_known: bool) -> None:
    """A department's steering group must exist (`group_known`: it does, or none is named)."""
    if not group_known:
        raise ValidationFailed(field="steering_group", code="organisation.unknown_group",
                               params={"group": department.steering_group,
                                       "organisation": department.organisation})


def department_id(department: Department) -> str:
    """How the audit trail names a department: 'Odder Kommune/Ældre'."""
    return f"{department.organisation}/{department.name}"


def save_steering_group(store: Store, actor: Actor, group: SteeringGroup) -> SteeringGroup:
    """Create or change a steering group: its chair (from the address book), members
    (steering-member accounts of the organisation, who then act for its departments),
    addresses and meeting dates."""
    _admin_of(actor, group.organisation)
    _known_organisation(store, group.organisation)
    put_group(store, actor, group)
    return group


def put_group(store: Store, actor: Actor, group: SteeringGroup) -> bool:
    """Store a steering group within a unit of work, by the rules; True if changed."""
    check_group(group, not group.chair or store.people.get(
        group.chair, group.organisation) is not None)
    before = store.steering_groups.get(group.organisation, group.name)
    seat_members(store, actor, group, before)
    if before == group:
        return False
    store.steering_groups.save(group)
    audit.record(store, actor, "create" if before is None else "update", "steering_group",
                 group_id(group), before, group)
    return True


def check_group(group: SteeringGroup, chair_known: bool) -> None:
    """A steering group's chair must be in the address book (`chair_known`: is, or none)."""
    if not chair_known:
        raise ValidationFailed(field="chair", code="organisation.unknown_person",
                               params={"name": group.chair})


def group_id(group: SteeringGroup) -> str:
    """How the audit trail names a steering group: 'Odder Kommune/Velfærd'."""
    return f"{group.organisation}/{group.name}"


def seat_members(store: Store, actor: Actor, group: SteeringGroup,
                  before: SteeringGroup | None) -> None:
    """Members are steering-member accounts of the organisation; each acts for the group's
    departments (User.steering_group), and one who leaves the group no longer does."""
    for username in group.members:
        user = store.users.get(username)
        if user is None or user.role is not Role.STEERING_MEMBER or (
                user.organisation and user.organisation != group.organisation):
            raise ValidationFailed(field="members", code="organisation.not_a_member",
                                   params={"username": username,
                                           "organisation": group.organisation})
    left = set(before.members if before else ()) - set(group.members)
    for username in (*group.members, *sorted(left)):
        user = store.users.get(username)
        if user is None:
            continue
        seat = group.name if username in group.members else ""
        was_here = user.steering_group == group.name and user.organisation in (
            "", group.organisation)
        if (user.steering_group, user.organisation) != (seat, group.organisation) and (
                seat or was_here):
            after = user.model_copy(update={"steering_group": seat,
                                            "organisation": group.organisation})
            store.users.save(after)
            audit.record(store, actor, "update", "user", username, user, after)


def save_address(store: Store, actor: Actor, person: Person) -> Person:
    """Add or change a person in an organisation's address book (administrators: it
    routes mail)."""
    authorize(actor, Permission.ADMIN_ORGANISATION)
    put_person(store, actor, person)
    return person


def put_person(store: Store, actor: Actor, person: Person) -> bool:
    """Store an address-book entry (organisation + name, #13) within a unit of work;
    True if changed. An organisation's administrator writes only their own's."""
    check_person(actor, person)
    before = store.people.get(person.name, person.organisation)
    if before == person:
        return False
    store.people.save(person)
    audit.record(store, actor, "create" if before is None else "update", "person",
                 person_id(person), before, person)
    return True


def check_person(actor: Actor, person: Person) -> None:
    """An organisation's administrator writes only their own organisation's entries."""
    if not within(actor, person.organisation) or (actor.organisation and not person.organisation):
        raise NotAllowed(code="access.other_organisation",
                         params={"user": actor.username, "organisation": person.organisation})


def person_id(person: Person) -> str:
    """How the audit trail names an address-book entry (its organisation's, or national)."""
    return f"{person.organisation}/{person.name}" if person.organisation else person.name


def steering_group_of(store: Store, actor: Actor, organisation: str, name: str) -> SteeringGroup:
    authorize(actor, Permission.READ)
    group = store.steering_groups.get(organisation, name)
    if group is None:
        raise NotFound(code="organisation.unknown_group",
                       params={"group": name, "organisation": organisation})
    return group


def share_lessons(store: Store, actor: Actor, organisation: str, shared: bool) -> Organisation:
    """Whether `organisation`'s lessons answer "has anyone tried this?" elsewhere."""
    _admin_of(actor, organisation)
    before = store.organisations.get(organisation)
    if before is None:
        raise NotFound(code="organisation.unknown", params={"organisation": organisation})
    after = before.model_copy(update={"shares_lessons": shared})
    if after != before:
        store.organisations.save(after)
        audit.record(store, actor, "update", "organisation", organisation, before, after)
    return after
