"""Every page starts in Danish and reads Danish throughout (issue #13, item 6).

Each page is rendered with FAILSCALE_LANGUAGE unset (the product's default) and every text
a user reads is collected: titles, captions, Markdown, cards, notices, widget labels and
options, tab names, table headers and table cells as Streamlit shows them (a Styler's
display values; a table of raw numbers would be formatted by the browser, in English).
The test fails on an English-formatted number (1,200,000 · 0.80 · 57.76% · 2026-06-01),
on a label of the English catalogue, and on a raw identifier as a column header.
Charts are drawn by Vega in the browser: their specs must carry the Danish locale.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date, timedelta

import pandas as pd
import pytest
from streamlit import dataframe_util
from streamlit.testing.v1 import AppTest

from portfolio import formats
from portfolio.models import Actor
from portfolio.service.organisation import save_steering_group, view_organisation
from portfolio.texts import table
from tests.dashboard.conftest import APP

NEXT_MEETING = date.today() + timedelta(days=40)

PAGES = {
    "board": {},
    "register": {},
    "register?id=SB-01": {"id": "SB-01"},
    "initiative": {"id": "SB-01"},
    "steering": {},
    "lessons": {},
    "policy": {},
    "users": {},
    "organisation": {},
}

ENGLISH_NUMBERS = (
    re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,])"),  # 1,200,000
    re.compile(r"(?<![\d.,])\d+\.\d{1,2}(?![\d.])"),  # 0.80, 57.76
    re.compile(r"\d%"),  # 57%: Danish writes 57 %
    re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),  # an ISO date
)
DANISH_TIME = re.compile(r"\b\d{4} \d{1,2}\.\d{2}\b")  # "6. sep. 2026 14.05"
IDENTIFIER = re.compile(r"^[a-z]+(?:[_.][a-z]+)*$")
# English texts of the pages (their own and the words they share) that are not also Danish
# ("ID", "RPA" read the same in both).
LABELS = {**table("page"), **table("word")}
ENGLISH_LABELS = {v["en"] for v in LABELS.values() if v.get("en") and v["en"] != v.get("da")
                  and "{" not in v["en"] and len(v["en"]) > 3}
RAW_CODES = {"da", "en"}  # a language shown as its code, not as "Dansk" / "English"


def english_numbers(text: str) -> list[str]:
    text = DANISH_TIME.sub("", text)
    return [m.group(0) for pattern in ENGLISH_NUMBERS for m in pattern.finditer(text)]


def shown_cells(element) -> pd.DataFrame | None:
    """The table as shown: the Styler's display values, or None when it has none."""
    styler = element.proto.arrow_data.styler
    if not styler.display_values:
        return None
    return dataframe_util.convert_arrow_bytes_to_pandas_df(styler.display_values)


def texts(at: AppTest) -> Iterator[tuple[str, str]]:
    """(where, text) for everything a reader sees on the page."""
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning",
                 "success", "error"):
        for element in getattr(at, kind):
            yield kind, str(element.value)
    for metric in at.metric:
        yield "metric", f"{metric.label}: {metric.value}"
    for kind in ("button", "text_input", "number_input", "date_input", "selectbox",
                 "multiselect", "radio", "checkbox", "text_area", "toggle"):
        for widget in getattr(at, kind):
            yield kind, str(widget.label)
            for option in getattr(widget, "options", []) or []:
                yield f"{kind} option", str(option)
    for kind in ("selectbox", "multiselect"):
        for widget in getattr(at, kind):
            # With nothing chosen (or nothing to choose) the box shows its placeholder;
            # none given, the browser shows Streamlit's English "Choose an option".
            # (A filter's "Alle" is its choice of nothing, not a placeholder.)
            nothing = (widget.value is None and not widget.proto.HasField("default")
                       and widget.options[:1] != [LABELS["all"]["da"]]
                       if kind == "selectbox" else not widget.value)
            # An option that reads as nothing ("") is drawn as the placeholder too.
            if nothing or not widget.options or "" in widget.options:
                yield f"{kind} placeholder", (widget.proto.placeholder
                                              or f"Streamlit's English placeholder "
                                                 f"({widget.label!r})")
    for tab in at.tabs:
        yield "tab", str(tab.label)
    for expander in at.expander:
        yield "expander", str(expander.label)


def danish_app(page: str, params: dict[str, str]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page != "board":
        at.switch_page(f"app_pages/{page.split('?')[0]}.py").run()
    assert not at.exception, at.exception
    return at


@pytest.fixture
def danish_default(demo_db, monkeypatch):
    monkeypatch.delenv("FAILSCALE_LANGUAGE", raising=False)
    # A steering group with a meeting ahead, so the Organisation page shows a date.
    with demo_db.transaction() as store:
        group = view_organisation(store, Actor.operator()).steering_groups[0]
        save_steering_group(store, Actor.operator(), group.model_copy(
            update={"meeting_dates": (NEXT_MEETING,)}))
    return demo_db


@pytest.mark.parametrize("page", sorted(PAGES))
def test_every_page_reads_danish_with_danish_numbers_and_dates(danish_default, page):
    at = danish_app(page, PAGES[page])
    problems = []
    for where, text in texts(at):
        problems += [f"{where}: English number {n!r} in {text!r}" for n in english_numbers(text)]
        if text.strip() in ENGLISH_LABELS or text.startswith("Streamlit's English"):
            problems.append(f"{where}: untranslated {text!r}")
        if where.endswith("option") and text in RAW_CODES:
            problems.append(f"{where}: a code, not a name: {text!r}")
    for n, element in enumerate([*at.dataframe, *at.table]):
        value = element.value
        for column in value.columns:
            if str(column) in ENGLISH_LABELS or IDENTIFIER.match(str(column)):
                problems.append(f"table {n}: untranslated header {column!r}")
        shown = shown_cells(element)
        typed = [c for c in value.columns
                 if value[c].dropna().map(lambda v: isinstance(v, int | float) and not
                                          isinstance(v, bool)).any()
                 or pd.api.types.is_datetime64_any_dtype(value[c])
                 or value[c].dropna().map(lambda v: hasattr(v, "isoformat")).any()]
        if typed and shown is None:
            problems.append(f"table {n}: numbers or dates {typed} shown without formats")
            continue
        for column in typed:
            for cell in shown.iloc[:, list(value.columns).index(column)]:
                problems += [f"table {n} {column!r}: English {x!r}"
                             for x in english_numbers(str(cell))]
    assert not problems, "\n".join(problems)
    if page == "organisation":  # the next meeting as a Dane writes it: "1. juni 2026"
        meetings = [str(cell) for element in at.dataframe for column in element.value.columns
                    if str(column) == "Næste møde" for cell in element.value[column]]
        assert formats.day(NEXT_MEETING, "da") in meetings


@pytest.mark.parametrize("page", ["board", "initiative"])
def test_every_chart_carries_the_danish_number_and_time_locale(danish_default, page):
    at = danish_app(page, PAGES[page])
    charts = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]
    assert charts
    for spec in charts:
        assert spec["config"]["locale"] == json.loads(json.dumps(formats.vega_locale("da")))


def test_a_user_who_chooses_english_reads_english_numbers(danish_default):
    at = danish_app("board", {})
    at.sidebar.radio[0].set_value("en").run()
    assert at.title[0].value == "Portfolio board"
    cards = {m.label: m.value for m in at.metric}
    decided = cards["Started with a decision"]
    assert decided.endswith("%") and "\u00a0" not in decided



def test_the_sign_in_page_starts_in_danish(danish_default, monkeypatch):
    monkeypatch.setenv("FAILSCALE_AUTH_MODE", "local")
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert at.title[0].value == "Log ind i Fail or Scale"
    assert not [text for _, text in texts(at) if text.strip() in ENGLISH_LABELS]
