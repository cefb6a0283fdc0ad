"""Where a page gets its database, its user and its language: one place for all pages.

Settings are read when called, never at import: AppTest keeps modules between tests.
"""

from __future__ import annotations

import streamlit as st

from portfolio.errors import NotAllowed
from portfolio.models import Actor
from portfolio.settings import Settings, load_settings
from portfolio.storage import Database

LANGUAGES = ("en", "da")
ACTOR = "actor"


def settings() -> Settings:
    return load_settings()


def database() -> Database:
    s = settings()
    return Database(s.db, lock_timeout=s.lock_timeout_seconds)


def current_actor() -> Actor:
    """The signed-in user: the one place every page asks.

    dashboard.auth (the sign-in gate, run by app.py before any page) puts the Actor in
    st.session_state[ACTOR]; AppTests put one there to act as someone. A page never runs
    without one, and if it somehow did, it would be refused rather than run as anybody.
    """
    actor = st.session_state.get(ACTOR)
    if isinstance(actor, Actor):
        return actor
    raise NotAllowed(code="session.signed_out")


def language() -> str:
    """The user's language for this session: chosen in the sidebar, else the default."""
    lang = st.session_state.get("lang")
    if lang in LANGUAGES:
        return lang
    default = settings().language
    return default if default in LANGUAGES else "en"
