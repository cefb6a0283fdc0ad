"""Errors a user can act on become friendly messages here, in one place, never tracebacks.

The message is the core's, in the reader's language (portfolio/error_texts.py). A
ValidationFailed names the field it is about; when the page passed a slot for that field,
the message appears next to the field instead of at the top.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TypeVar

import streamlit as st

from dashboard.labels import t
from dashboard.safe_text import defused
from portfolio.errors import DatabaseBusy, PortfolioError, ValidationFailed

LOG = logging.getLogger(__name__)

T = TypeVar("T")


def message(exc: PortfolioError, lang: str) -> str:
    """The core's actionable message in `lang`; its English text when it has no code."""
    return exc.in_language(lang)


def attempt(
    action: Callable[[], T], lang: str, slots: Mapping[str, Any] | None = None
) -> T | None:
    """Run a use case; on a PortfolioError show why (next to its field) and return None."""
    try:
        return action()
    except ValidationFailed as exc:
        slot = (slots or {}).get(exc.field or "")
        (slot if slot is not None else st).error(defused(message(exc, lang)),
                                                 icon=":material/error:")
    except PortfolioError as exc:
        st.error(f"{t('not_done', lang)} {defused(message(exc, lang))}", icon=":material/error:")
    return None


def succeeded(
    action: Callable[[], object], lang: str, slots: Mapping[str, Any] | None = None
) -> bool:
    """Like attempt, for use cases that return nothing: True when it worked."""
    return attempt(lambda: action() or True, lang, slots) is not None


def flash(text: str, *, emptied: Mapping[str, object] | None = None) -> None:
    """Show `text` after a rerun: writes rerun the page so it shows fresh data. The fields
    `emptied` (widget key: its empty value; a form that adds one more of something) start
    empty on that run, for the next entry."""
    st.session_state["flash"] = text
    empty_on_next_run(emptied or {})
    st.rerun()


def empty_on_next_run(emptied: Mapping[str, object]) -> None:
    """The fields `emptied` (widget key: its empty value) start empty on the next run, set
    by `show_flash` before any page draws them (a page with a message of its own after a
    write, such as a one-time password, asks for this without a flash)."""
    st.session_state["flash_emptied"] = dict(emptied)


def show_flash() -> None:
    """The text of the write before, and its emptied fields, before any page draws them:
    set once a widget is drawn, or popped, the value the browser still holds comes back."""
    for key, empty in st.session_state.pop("flash_emptied", {}).items():
        st.session_state[key] = empty
    if text := st.session_state.pop("flash", None):
        st.success(text, icon=":material/check_circle:")


@contextmanager
def told_on_the_page(lang: str) -> Iterator[None]:
    """A page run whose reads meet a busy database, or any other PortfolioError outside a
    use case's `attempt`, says so in the reader's language instead of Streamlit's traceback
    (hostile conditions are normal ones: a backup or a national evaluation holds the file
    longer than the lock timeout). What the page showed before stays; a busy database
    offers to try again. Streamlit's own stop and rerun (no PortfolioErrors) pass through."""
    try:
        yield
    except DatabaseBusy as exc:
        LOG.warning("a page run gave up waiting for the database", exc_info=True)
        # The plain "busy" was worded for a change not saved: a page that only read says
        # why it may be busy instead. A busy of its own kind (the shared store out of reach)
        # says its own words.
        st.warning(t("database_busy", lang) if exc.code == "database.busy"
                   else defused(message(exc, lang)), icon=":material/hourglass_top:")
        st.button(t("try_again", lang), key="busy_try_again")  # its click reruns the page
    except PortfolioError as exc:
        LOG.warning("a page run ended with %s", type(exc).__name__, exc_info=True)
        st.error(f"{t('not_shown', lang)} {defused(message(exc, lang))}",
                 icon=":material/error:")
