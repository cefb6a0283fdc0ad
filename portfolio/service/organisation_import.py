"""`failscale import organisation FILE`: departments, their steering groups, the groups'
addresses and chairs, set up from one spreadsheet (#13).

Each row names a department of an organisation and the steering group it belongs to.
Rows are applied one by one with the same rules as the Organisation page
(service/organisation.py); a row that breaks one is quarantined with the reason, the
others are stored. Importing the same file again changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from portfolio.errors import PortfolioError
from portfolio.importing.problems import Problem
from portfolio.importing.rejection import Rejection
from portfolio.importing.rows import AcceptedRow, OrganisationRow
from portfolio.models import Actor, Department, Organisation, Person, SteeringGroup
from portfolio.service import audit
from portfolio.service.access import within
from portfolio.service.organisation import put_department, put_group, put_person
from portfolio.storage import Store


@dataclass
class OrganisationTally:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[Rejection] = field(default_factory=list)


def apply_organisation_rows(
    store: Store, actor: Actor, accepted: tuple[AcceptedRow, ...]
) -> OrganisationTally:
    """Store every accepted row the actor may set up; refuse the others with a reason."""
    tally = OrganisationTally()
    for row in accepted:
        record = row.record
        assert isinstance(record, OrganisationRow)
        refusal = _outside(actor, store, record)
        if refusal is not None:
            tally.rejected.append(Rejection.of_fields(row.row, refusal, record.model_dump()))
            continue
        new = store.departments.get(record.department, record.organisation) is None
        try:
            changed = _apply(store, actor, record)
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
    return tally


def _outside(actor: Actor, store: Store, record: OrganisationRow) -> Problem | None:
    """An organisation's administrator sets up their own organisation only, and only a
    national administrator creates one."""
    if not within(actor, record.organisation) or (
            actor.organisation and store.organisations.get(record.organisation) is None):
        return Problem(code="import.other_organisation", params={
            "organisation": record.organisation, "user": actor.username})
    return None


def _apply(store: Store, actor: Actor, record: OrganisationRow) -> bool:
    """One row, all or nothing is not needed: each step is idempotent, and a refusal is
    raised before its step writes. True when anything changed."""
    changed = False
    if store.organisations.get(record.organisation) is None:
        created = Organisation(name=record.organisation)
        store.organisations.save(created)
        audit.record(store, actor, "create", "organisation", created.name, after=created)
        changed = True
    if record.chair:
        known = store.people.get(record.chair, record.organisation)
        person = Person(name=record.chair, email=record.chair_email,
                        organisation=record.organisation,
                        language=known.language if known else "da",
                        username=known.username if known else "")
        changed |= put_person(store, actor, person)
    before = store.steering_groups.get(record.organisation, record.steering_group)
    emails = tuple(before.emails) if before else ()
    if record.steering_group_email and record.steering_group_email not in emails:
        emails += (record.steering_group_email,)
    group = (before or SteeringGroup(organisation=record.organisation,
                                     name=record.steering_group)).model_copy(
        update={"emails": emails, **({"chair": record.chair} if record.chair else {})})
    changed |= put_group(store, actor, group)
    changed |= put_department(store, actor, Department(
        name=record.department, organisation=record.organisation,
        steering_group=record.steering_group))
    return changed


