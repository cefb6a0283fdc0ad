"""Small widget helpers shared by pages: choices kept in the URL so views can be shared,
and a picker that finds one initiative among thousands."""

from __future__ import annotations

import zlib
from collections.abc import Callable, Collection, Sequence
from typing import TypeVar

import streamlit as st

from dashboard.context import settings
from dashboard.labels import t
from dashboard.tables import count
from portfolio.service.queries import InitiativeIndex

T = TypeVar("T")


def date_format(lang: str) -> str:
    """How a date field shows its date: 01.06.2026 in Danish, 01/06/2026 in English."""
    return "DD.MM.YYYY" if lang == "da" else "DD/MM/YYYY"


def url_select(
    name: str,
    label: str,
    options: Sequence[T],
    format_func: Callable[[T], str],
    *,
    value_of: Callable[[T], str] = str,
    empty: str | None = None,
    key: str = "",
) -> T | None:
    """A selectbox whose choice is kept in st.query_params[name].

    With `empty`, a first option "everything" (None) is offered and clears the parameter.
    A `key` is added to the widget's own, for callers whose options change.
    """
    choices: list[T | None] = [None, *options] if empty is not None else list(options)
    current = st.query_params.get(name)
    index = next(
        (i for i, o in enumerate(choices) if o is not None and value_of(o) == current), 0
    )
    # The label is part of the key: after a language switch the options read differently,
    # and a fresh widget starts from the URL instead of a value the browser no longer shows.
    chosen = st.selectbox(
        label, choices, index=index, key=f"url_{name}_{label}{key}",
        format_func=lambda o: (empty or "") if o is None else format_func(o),
    )
    if chosen is None:
        st.query_params.pop(name, None)
    else:
        st.query_params[name] = value_of(chosen)
    return chosen


def initiative_picker(
    index: InitiativeIndex,
    label: str,
    lang: str,
    *,
    departments: Sequence[str],
    within: Collection[str] | None = None,
    empty: str | None = None,
    name: str = "id",
) -> str | None:
    """Choose one initiative of thousands (#7): a search (ID or words of the title) and a
    department narrow the index to at most FAILSCALE_PICKER_OPTIONS choices, kept in
    st.query_params[name]. Only initiatives in `within` (None: all) are offered.

    A link's initiative (?id=…) is offered even beyond those choices, until the user
    searches; with `empty`, a first option (None) stands for "none of them".
    """
    search, department = st.columns([2, 1])
    text = search.text_input(t("search_initiatives", lang), key=f"{name}_search_{label}")
    picked = department.selectbox(
        t("picker_department", lang), [None, *departments], key=f"{name}_department_{label}",
        format_func=lambda d: t("all", lang) if d is None else d)
    allowed = within if picked is None else {picked}  # departments lie within `within`
    matches = index.search(text, allowed, limit=settings().picker_options)
    linked = st.query_params.get(name)
    ids = list(matches.ids)
    if (linked in index and linked not in ids and not text.strip() and picked is None
            and (within is None or index.department(linked) in within)):
        ids.insert(0, linked)
    if not ids and empty is None:
        st.info(t("picker_no_match", lang))
        return None
    # The options are part of the key: a search offers a fresh widget, which starts from
    # the URL's choice when it is still offered, else from the first match.
    chosen = url_select(name, label, ids, lambda i: f"{i} — {index.title(i)}", empty=empty,
                        key=f"{zlib.crc32(' '.join(ids).encode())}")
    if matches.total > len(matches.ids):
        st.caption(t("picker_showing", lang, shown=count(len(matches.ids), lang),
                     total=count(matches.total, lang)))
    return chosen
