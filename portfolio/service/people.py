"""The address book: where reminders and agendas for an owner or steering group go.

An entry is a person of one organisation (organisation + name, #13): an owner's reminders
go to the person of that name in the initiative's organisation, a steering group's mail to
the group of that name in its organisation, so two municipalities' namesakes never share
mail. Both use cases work in the unit of work their caller opened (#16).
"""

from __future__ import annotations

from portfolio.models import Actor, GroupAddress, Person
from portfolio.notify.compose import AddressBook
from portfolio.service.access import Permission, authorize
from portfolio.service.organisation import home_of, put_person
from portfolio.storage import Store


def save_person(store: Store, actor: Actor, person: Person) -> Person:
    """Add or change where a person's mail goes (admins only: it routes portfolio data).
    An entry that names no organisation is one of the actor's (else the only one there
    is); an organisation's administrator keeps only their own organisation's entries."""
    authorize(actor, Permission.ADMIN_USERS)
    if not person.organisation:
        person = person.model_copy(update={"organisation": home_of(store, actor)})
    put_person(store, actor, person)
    return person


def address_book(store: Store, actor: Actor) -> AddressBook:
    """Every person and steering group with an address, each by organisation + name.

    Admins only (the flows read it as the operator): e-mail addresses are personal data,
    and reading the portfolio does not need them."""
    authorize(actor, Permission.ADMIN_USERS)
    people = {p.key: p for p in store.people.all()}
    # A steering group's own addresses (Organisation page, import organisation: #13)
    # route its agenda and escalations, to every address it has.
    groups = {g.key: GroupAddress(name=g.name, organisation=g.organisation,
                                  email=g.emails[0], also=tuple(g.emails[1:]))
              for g in store.steering_groups.all() if g.emails}
    return AddressBook(people, groups)

