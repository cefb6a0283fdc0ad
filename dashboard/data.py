"""Cached reads for the pages: the only module that uses st.cache_data.

Results are cached, never connections (a cached connection would hold the DuckDB file
lock for the server's life). Every function takes the database path and the actor, so a
cache entry never crosses databases or users; writes call `clear()` so the next read is
fresh. st.cache_data hands each page run a copy (unpickled); the steering agenda, frozen
models only, is shared as it is instead (st.cache_resource): its copy cost 0.25-0.5 s of
every run of the page at municipal scale, paid by each of ten people at once (#15).
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from datetime import date

import streamlit as st

from dashboard.context import settings
from portfolio.models import Actor, Adoption, BenefitLine, Department, GroupKey, Organisation
from portfolio.service import (
    adoption,
    benefits,
    board_metrics,
    lessons,
    organisation,
    policy_admin,
    queries,
    steering,
)
from portfolio.service.board import PortfolioBoard, board_version, portfolio_board
from portfolio.service.evaluation import last_run
from portfolio.storage import Database, Store
from portfolio.storage.evaluations import RunRecord


def _db(db_path: str) -> Database:
    return Database(db_path, lock_timeout=settings().lock_timeout_seconds)


def _reading(db_path: str) -> AbstractContextManager[Store]:
    """One consistent read for one cached function: opened and closed inside the page
    run, never held across a rerun (#16: the page opens the unit of work, the use case
    reads in it)."""
    return _db(db_path).reading()


def _version(db_path: str, actor: Actor) -> tuple[int, ...]:
    """The data version a cached read is keyed by (#7): read fresh at every page run."""
    with _reading(db_path) as store:
        return board_version(store, actor)


def kroner(
    db_path: str, actor: Actor, today: date, filters: board_metrics.BoardFilters
) -> benefits.KronerView:
    """Planned against realised kroner of the board's view (#18), cached as the board is."""
    return _kroner(db_path, actor, today, filters, _version(db_path, actor))


@st.cache_data(ttl=3600, max_entries=32, show_spinner=False)
def _kroner(
    db_path: str, actor: Actor, today: date, filters: board_metrics.BoardFilters,
    version: tuple[int, ...],  # only part of the cache key
) -> benefits.KronerView:
    with _reading(db_path) as store:
        return benefits.kroner_view(store, actor, today, filters)


@st.cache_data(ttl=3600, show_spinner=False)
def benefit_plan(db_path: str, actor: Actor, initiative_id: str) -> tuple[BenefitLine, ...]:
    with _reading(db_path) as store:
        return benefits.benefit_plan_of(store, actor, initiative_id)


def portfolio(
    db_path: str, actor: Actor, today: date, filters: board_metrics.BoardFilters
) -> PortfolioBoard:
    """The board at any scale: cached until a write changes the data version (#7), so a
    flow's run in another process shows up at the next page run, not after a TTL."""
    return _portfolio(db_path, actor, today, filters, _version(db_path, actor))


@st.cache_data(ttl=3600, max_entries=32, show_spinner=False)
def _portfolio(
    db_path: str, actor: Actor, today: date, filters: board_metrics.BoardFilters,
    version: tuple[int, ...],  # only part of the cache key
) -> PortfolioBoard:
    with _reading(db_path) as store:
        return portfolio_board(store, actor, today, filters)


def initiative_index(db_path: str, actor: Actor) -> queries.InitiativeIndex:
    """What the pages' pickers search: cached until a write changes the data version."""
    return _initiative_index(db_path, actor, _version(db_path, actor))


@st.cache_data(ttl=3600, max_entries=8, show_spinner=False)
def _initiative_index(
    db_path: str, actor: Actor, version: tuple[int, ...],  # only part of the cache key
) -> queries.InitiativeIndex:
    with _reading(db_path) as store:
        return queries.initiative_index(store, actor)


@st.cache_data(ttl=30, show_spinner=False)
def initiative(db_path: str, actor: Actor, initiative_id: str) -> queries.InitiativeDetail:
    with _reading(db_path) as store:
        return queries.initiative_detail(store, actor, initiative_id)


@st.cache_data(ttl=30, show_spinner=False)
def departments(db_path: str, actor: Actor) -> list[Department]:
    with _reading(db_path) as store:
        return queries.departments(store, actor)


@st.cache_data(ttl=30, show_spinner=False)
def organisations(db_path: str, actor: Actor) -> list[Organisation]:
    """The organisations `actor` reads (#13): every one for a national reader."""
    with _reading(db_path) as store:
        return list(organisation.view_organisation(store, actor).organisations)


@st.cache_data(ttl=30, show_spinner=False)
def steering_groups(db_path: str, actor: Actor) -> list[GroupKey]:
    with _reading(db_path) as store:
        return steering.steering_groups(store, actor)


def agenda(
    db_path: str, actor: Actor, today: date, group: GroupKey | None, *, rows: int
) -> steering.SteeringAgenda:
    """The steering agenda, its first `rows` items as models: cached until a write changes
    the data version (#7), so a decision or a flow's run shows at the next page run."""
    return _agenda(db_path, actor, today, group, rows, _version(db_path, actor))


@st.cache_resource(ttl=3600, max_entries=32, show_spinner=False)
def _agenda(
    db_path: str, actor: Actor, today: date, group: GroupKey | None, rows: int,
    version: tuple[int, ...],  # only part of the cache key
) -> steering.SteeringAgenda:
    with _reading(db_path) as store:
        return steering.agenda_view(store, actor, today, group, rows=rows)


def lessons_search(
    db_path: str, actor: Actor, text: str, department: str | None, *, cards: int, rows: int,
    technology: str | None = None, radar: str | None = None,
) -> lessons.LessonsView:
    """The lessons page's bounded lists: cached until a write changes the data version (#7),
    like the board (lessons, closures and adoptions are all audited writes); `technology`
    narrows to one technology class, `radar` to one radar technology's initiatives (#18)."""
    return _lessons_search(db_path, actor, text, department, cards, rows,
                           _version(db_path, actor), technology, radar)


@st.cache_data(ttl=3600, max_entries=32, show_spinner=False)
def _lessons_search(
    db_path: str, actor: Actor, text: str, department: str | None, cards: int, rows: int,
    version: tuple[int, ...],  # only part of the cache key
    technology: str | None = None, radar: str | None = None,
) -> lessons.LessonsView:
    with _reading(db_path) as store:
        return lessons.search_lessons(store, actor, text, department, lessons=cards,
                                      shelf=rows, spread=rows, technology=technology,
                                      radar=radar)


@st.cache_data(ttl=30, show_spinner=False)
def adoptions(db_path: str, actor: Actor, initiative_id: str) -> tuple[Adoption, ...]:
    with _reading(db_path) as store:
        return adoption.adoptions_of(store, actor, initiative_id)


@st.cache_data(ttl=30, show_spinner=False)
def policies(db_path: str, actor: Actor) -> policy_admin.PolicyOverview:
    with _reading(db_path) as store:
        return policy_admin.policy_overview(store, actor)


@st.cache_data(ttl=10, show_spinner=False)
def status(db_path: str, actor: Actor) -> RunRecord | None:
    return last_run(_db(db_path), actor)


def clear() -> None:
    st.cache_data.clear()
    _agenda.clear()
