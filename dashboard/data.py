"""Cached reads for the pages: the only module that uses st.cache_data.

Results are cached, never connections (a cached connection would hold the DuckDB file
lock for the server's life). Every function takes the database path and the actor, so a
cache entry never crosses databases or users; writes call `clear()` so the next read is
fresh.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from dashboard.context import settings
from portfolio.models import Actor, Department
from portfolio.service import board_metrics, lessons, policy_admin, queries, steering
from portfolio.service.board import PortfolioBoard, board_version, portfolio_board
from portfolio.service.evaluation import last_run
from portfolio.storage import Database
from portfolio.storage.evaluations import RunRecord


def _db(db_path: str) -> Database:
    return Database(db_path, lock_timeout=settings().lock_timeout_seconds)


@st.cache_data(ttl=30, show_spinner=False)
def board(
    db_path: str, actor: Actor, today: date, filters: board_metrics.BoardFilters
) -> board_metrics.BoardView:
    return board_metrics.board_view(_db(db_path), actor, today, filters)


def portfolio(
    db_path: str, actor: Actor, today: date, filters: board_metrics.BoardFilters
) -> PortfolioBoard:
    """The board at any scale: cached until a write changes the data version (#7), so a
    flow's run in another process shows up at the next page run, not after a TTL."""
    return _portfolio(db_path, actor, today, filters, board_version(_db(db_path), actor))


@st.cache_data(ttl=3600, max_entries=32, show_spinner=False)
def _portfolio(
    db_path: str, actor: Actor, today: date, filters: board_metrics.BoardFilters,
    version: tuple[int, ...],  # only part of the cache key
) -> PortfolioBoard:
    return portfolio_board(_db(db_path), actor, today, filters)


@st.cache_data(ttl=30, show_spinner=False)
def initiative(db_path: str, actor: Actor, initiative_id: str) -> queries.InitiativeDetail:
    return queries.initiative_detail(_db(db_path), actor, initiative_id)


@st.cache_data(ttl=30, show_spinner=False)
def departments(db_path: str, actor: Actor) -> list[Department]:
    return queries.departments(_db(db_path), actor)


@st.cache_data(ttl=30, show_spinner=False)
def steering_groups(db_path: str, actor: Actor) -> list[str]:
    return steering.steering_groups(_db(db_path), actor)


@st.cache_data(ttl=30, show_spinner=False)
def agenda(
    db_path: str, actor: Actor, today: date, group: str | None
) -> list[steering.SteeringItem]:
    return steering.agenda(_db(db_path), actor, today, group)


@st.cache_data(ttl=30, show_spinner=False)
def lessons_search(
    db_path: str, actor: Actor, text: str, department: str | None
) -> lessons.LessonsView:
    return lessons.search_lessons(_db(db_path), actor, text, department)


@st.cache_data(ttl=30, show_spinner=False)
def policies(db_path: str, actor: Actor) -> policy_admin.PolicyOverview:
    return policy_admin.policy_overview(_db(db_path), actor)


@st.cache_data(ttl=10, show_spinner=False)
def status(db_path: str) -> RunRecord | None:
    return last_run(_db(db_path))


def clear() -> None:
    st.cache_data.clear()
