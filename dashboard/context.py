"""Where a page gets its database, its user and its language: one place for all pages.

Settings are read when called, never at import: AppTest keeps modules between tests.
"""

from __future__ import annotations

import streamlit as st

from portfolio.models import Actor
from portfolio.settings import Settings, load_settings
from portfolio.storage import Database

LANGUAGES = ("en", "da")


def settings() -> Settings:
    return load_settings()


def database() -> Database:
    s = settings()
    return Database(s.db, lock_timeout=s.lock_timeout_seconds)


def current_actor() -> Actor:
    """The signed-in user: the one place every page asks.

    Sign-in (#5) plugs in here. Until then a local read-and-write user; tests set
    st.session_state["actor"] to act as someone else.
    """
    actor = st.session_state.get("actor")
    if isinstance(actor, Actor):
        return actor
    return Actor.operator().model_copy(update={"username": "dashboard"})


def language() -> str:
    """The user's language for this session: chosen in the sidebar, else the default."""
    lang = st.session_state.get("lang")
    if lang in LANGUAGES:
        return lang
    default = settings().language
    return default if default in LANGUAGES else "en"
