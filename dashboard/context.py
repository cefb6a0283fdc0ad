"""Where a page gets its database, its user and its language: one place for all pages.

Settings are read when called, never at import: AppTest keeps modules between tests.
"""

from __future__ import annotations

import streamlit as st

from portfolio.models import Actor
from portfolio.settings import Settings, load_settings
from portfolio.storage import Database


def settings() -> Settings:
    return load_settings()


def database() -> Database:
    s = settings()
    return Database(s.db, lock_timeout=s.lock_timeout_seconds)


def current_actor() -> Actor:
    """The signed-in user. Until sign-in exists, a read-and-write local user."""
    actor = st.session_state.get("actor")
    if isinstance(actor, Actor):
        return actor
    return Actor.operator().model_copy(update={"username": "dashboard"})


def language() -> str:
    lang = st.session_state.get("lang")
    if lang in ("en", "da"):
        return lang
    return settings().language if settings().language in ("en", "da") else "en"
