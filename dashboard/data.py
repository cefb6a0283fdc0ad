"""Cached reads for the pages: the only module that uses st.cache_data.

Results are cached, never connections (a cached connection would hold the DuckDB file
lock for the server's life). Every function takes the database path and the actor, so a
cache entry never crosses databases or users; every cached read is keyed by the data
version too (the newest audit event and a few counts: every write is audited), read once
per page run, so a write by any other process (another dashboard behind the same proxy, the
flows, the API, the command line) shows at the next run, not after a TTL (#17). Writes of
this process call `clear()` so the next read is fresh. st.cache_data hands each page run
a copy (unpickled); the steering agenda, frozen models only, is shared as it is instead
(st.cache_resource): its copy cost 0.25-0.5 s of every run of the page at municipal scale,
paid by each of ten people at once (#15).
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


_RUN_VERSION = "data_version_of_run"


def new_page_run() -> None:
    """Forget the data version of the run before: a page run reads it once, at its first
    cached read (a unit of work of its own), however many cached reads it makes."""
    st.session_state.pop(_RUN_VERSION, None)


def _version(db_path: str, actor: Actor) -> tuple[int, ...]:
    """The data version cached reads are keyed by (#7), read once per page run."""
    known = st.session_state.get(_RUN_VERSION)
    if known is not None and known[0] == (db_path, actor):
        return known[1]
    with _reading(db_path) as store:
        version = board_version(store, actor)
    st.session_state[_RUN_VERSION] = ((db_path, actor), version)
    return version


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


def benefit_plan(db_path: str, actor: Actor, initiative_id: str) -> tuple[BenefitLine, ...]:
    return _benefit_plan(db_path, actor, initiative_id, _version(db_path, actor))


@st.cache_data(ttl=3600, max_entries=64, show_spinner=False)
def _benefit_plan(
    db_path: str, actor: Actor, initiative_id: str,
    version: tuple[int, ...],  # only part of the cache key
) -> tuple[BenefitLine, ...]:
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


def initiative(db_path: str, actor: Actor, initiative_id: str) -> queries.InitiativeDetail:
    return _initiative(db_path, actor, initiative_id, _version(db_path, actor))


@st.cache_data(ttl=3600, max_entries=64, show_spinner=False)
def _initiative(
    db_path: str, actor: Actor, initiative_id: str,
    version: tuple[int, ...],  # only part of the cache key
) -> queries.InitiativeDetail:
    with _reading(db_path) as store:
        return queries.initiative_detail(store, actor, initiative_id)


def departments(db_path: str, actor: Actor) -> list[Department]:
    return _departments(db_path, actor, _version(db_path, actor))


@st.cache_data(ttl=3600, max_entries=16, show_spinner=False)
def _departments(
    db_path: str, actor: Actor, version: tuple[int, ...],  # only part of the cache key
) -> list[Department]:
    with _reading(db_path) as store:
        return queries.departments(store, actor)


def organisations(db_path: str, actor: Actor) -> list[Organisation]:
    """The organisations `actor` reads (#13): every one for a national reader."""
    return _organisations(db_path, actor, _version(db_path, actor))


@st.cache_data(ttl=3600, max_entries=16, show_spinner=False)
def _organisations(
    db_path: str, actor: Actor, version: tuple[int, ...],  # only part of the cache key
) -> list[Organisation]:
    with _reading(db_path) as store:
        return list(organisation.view_organisation(store, actor).organisations)


def steering_groups(db_path: str, actor: Actor) -> list[GroupKey]:
    return _steering_groups(db_path, actor, _version(db_path, actor))


@st.cache_data(ttl=3600, max_entries=16, show_spinner=False)
def _steering_groups(
    db_path: str, actor: Actor, version: tuple[int, ...],  # only part of the cache key
) -> list[GroupKey]:
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


def adoptions(db_path: str, actor: Actor, initiative_id: str) -> tuple[Adoption, ...]:
    return _adoptions(db_path, actor, initiative_id, _version(db_path, actor))


@st.cache_data(ttl=3600, max_entries=64, show_spinner=False)
def _adoptions(
    db_path: str, actor: Actor, initiative_id: str,
    version: tuple[int, ...],  # only part of the cache key
) -> tuple[Adoption, ...]:
    with _reading(db_path) as store:
        return adoption.adoptions_of(store, actor, initiative_id)


def policies(db_path: str, actor: Actor) -> policy_admin.PolicyOverview:
    return _policies(db_path, actor, _version(db_path, actor))


@st.cache_data(ttl=3600, max_entries=8, show_spinner=False)
def _policies(
    db_path: str, actor: Actor, version: tuple[int, ...],  # only part of the cache key
) -> policy_admin.PolicyOverview:
    with _reading(db_path) as store:
        return policy_admin.policy_overview(store, actor)


@st.cache_data(ttl=10, show_spinner=False)
def status(db_path: str, actor: Actor) -> RunRecord | None:
    return last_run(_db(db_path), actor)


def clear() -> None:
    """After a write of this process: its next reads (in this run too) are fresh."""
    st.cache_data.clear()
    _agenda.clear()
    st.session_state.pop(_RUN_VERSION, None)
