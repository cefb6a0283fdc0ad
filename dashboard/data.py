"""Cached reads for the pages: the only module that uses st.cache_data.

Results are cached, never connections (a cached connection would hold the DuckDB file
lock for the server's life). Writes call `clear()` so the next read is fresh.
"""

from __future__ import annotations

import streamlit as st

from dashboard.context import current_actor, database
from portfolio.service import queries
from portfolio.service.evaluation import last_run
from portfolio.storage.evaluations import RunRecord


@st.cache_data(ttl=30, show_spinner=False)
def board(db_path: str, department: str | None) -> queries.Board:
    return queries.board(database(), current_actor(), department=department)


@st.cache_data(ttl=30, show_spinner=False)
def initiative(db_path: str, initiative_id: str) -> queries.InitiativeDetail:
    return queries.initiative_detail(database(), current_actor(), initiative_id)


@st.cache_data(ttl=10, show_spinner=False)
def status(db_path: str) -> RunRecord | None:
    return last_run(database())


def clear() -> None:
    st.cache_data.clear()
