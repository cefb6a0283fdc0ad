"""The address book: where reminders and agendas for an owner or steering group go."""

from __future__ import annotations

from portfolio.models import Actor, GroupAddress, Person
from portfolio.service import audit
from portfolio.service.access import Permission, authorize
from portfolio.storage import Database


def save_person(db: Database, actor: Actor, person: Person) -> Person:
    """Add or change where a name's mail goes (admins only: it routes portfolio data)."""
    authorize(actor, Permission.ADMIN_USERS)
    with db.transaction() as store:
        before = store.people.get(person.name)
        if before != person:
            store.people.save(person)
            action = "create" if before is None else "update"
            audit.record(store, actor, action, "person", person.name, before, person)
    return person


def address_book(db: Database, actor: Actor) -> dict[str, Person]:
    """Every known name and its address, keyed by the name used on initiatives and groups.

    Admins only (the flows read it as the operator): e-mail addresses are personal data,
    and reading the portfolio does not need them."""
    authorize(actor, Permission.ADMIN_USERS)
    with db.reading() as store:
        book = {p.name: p for p in store.people.all()}
        # A steering group's own address (Organisation page, import organisation: #13)
        # routes its agenda and escalations, to every address it has.
        for group in store.steering_groups.all():
            if group.emails:
                book[group.name] = GroupAddress(name=group.name, email=group.emails[0],
                                                also=tuple(group.emails[1:]))
        return book
