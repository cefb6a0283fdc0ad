"""The address book: where reminders and agendas for an owner or steering group go."""

from __future__ import annotations

from portfolio.models import Actor, Person
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
        return {p.name: p for p in store.people.all()}
