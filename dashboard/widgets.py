"""Small widget helpers shared by pages: choices kept in the URL so views can be shared."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

import streamlit as st

T = TypeVar("T")


def url_select(
    name: str,
    label: str,
    options: Sequence[T],
    format_func: Callable[[T], str],
    *,
    value_of: Callable[[T], str] = str,
    empty: str | None = None,
) -> T | None:
    """A selectbox whose choice is kept in st.query_params[name].

    With `empty`, a first option "everything" (None) is offered and clears the parameter.
    """
    choices: list[T | None] = [None, *options] if empty is not None else list(options)
    current = st.query_params.get(name)
    index = next(
        (i for i, o in enumerate(choices) if o is not None and value_of(o) == current), 0
    )
    # The label is part of the key: after a language switch the options read differently,
    # and a fresh widget starts from the URL instead of a value the browser no longer shows.
    chosen = st.selectbox(
        label, choices, index=index, key=f"url_{name}_{label}",
        format_func=lambda o: (empty or "") if o is None else format_func(o),
    )
    if chosen is None:
        st.query_params.pop(name, None)
    else:
        st.query_params[name] = value_of(chosen)
    return chosen
