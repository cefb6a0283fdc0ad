"""One use case in a unit of work of its own, as an entry point with one thing to do (#16).

Use cases take the unit of work (`Store`) their entry point opened; a test that calls one
use case on its own opens it here: `in_transaction(db, save_initiative, actor, …)` is
`with db.transaction() as store: save_initiative(store, actor, …)`. A test of a
composition opens the unit of work itself (tests/service/test_units_of_work.py).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from portfolio.models import Actor
from portfolio.review.agenda import Agenda
from portfolio.service.agenda import agendas_by_steering_group
from portfolio.storage import Database, Store

T = TypeVar("T")


def in_transaction(db: Database, use_case: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """The use case in one write unit of work: all of it is stored, or none."""
    with db.transaction() as store:
        return use_case(store, *args, **kwargs)


def in_reading(db: Database, use_case: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """The use case in one consistent read."""
    with db.reading() as store:
        return use_case(store, *args, **kwargs)


def by_group(store: Store, actor: Actor, as_of: date, **kwargs: Any) -> list[Agenda]:
    """The agenda a steering group at a time, every part read within the caller's unit of
    work (the use case is a generator: consumed after the read closes, it reads nothing)."""
    return list(agendas_by_steering_group(store, actor, as_of, **kwargs))
