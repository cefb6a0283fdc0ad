""""Has anyone tried this?": lessons, closed and parked initiatives, and how far scaled ones
have spread — across every department; those allowed record which departments adopted one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from dashboard import data
from dashboard.adoption_form import adoption_section
from dashboard.context import current_actor, database, language, settings
from dashboard.labels import enum_label, radar_ring, t
from dashboard.lessons_tables import basis_label, lessons_table, shelf_table, spread_table
from dashboard.localised import localised
from dashboard.safe_text import md
from dashboard.tables import count, to_csv
from dashboard.widgets import url_select
from portfolio import formats
from portfolio.service.lessons import LessonsView, search_lessons
from portfolio.service.radar import radar_technologies

lang = language()
actor = current_actor()
db_path = str(settings().db)
st.title(t("lessons_title", lang))

left, middle, right = st.columns([2, 1, 1])
query = left.text_input(t("search", lang), value=st.query_params.get("q", ""), key="q",
                        placeholder=t("search_placeholder", lang))
if query:
    st.query_params["q"] = query
else:
    st.query_params.pop("q", None)
with right:
    department = url_select("department", t("word.department", lang),
                            [d.name for d in data.departments(db_path, actor)], str,
                            empty=t("all", lang))
with middle:
    # "Has anyone tried this?" per technology on KL's Teknologiradar (#18): its class
    # narrows the search; one without a class is searched by its name.
    with database().reading() as store:
        _, radar = radar_technologies(store, actor)
    picked = url_select("radar", t("radar_technology", lang), list(radar),
                        lambda r: f"{r.name} ({radar_ring(r.ring, lang)})",
                        value_of=lambda r: r.name, empty=t("all", lang))
# A radar technology's initiatives: those classed with it directly, and those classed
# with none through its class (one without a class: naming it); each says which (#18).
technology = picked.technology.value if picked and picked.technology else None
radar_name = picked.name if picked else None
if picked:
    st.caption(t("radar_basis_explained", lang, name=md(picked.name),
                 technology=enum_label(picked.technology, lang)) if picked.technology
               else t("radar_basis_explained_by_name", lang, name=md(picked.name)))
# Bounded lists (#7): a nation has thousands of lessons and closures; exports hold all.
cards, rows = settings().lesson_cards, settings().lessons_table_rows
view = data.lessons_search(db_path, actor, query, department, cards=cards, rows=rows,
                           technology=technology, radar=radar_name)


def capped(key: str, shown: int, total: int) -> None:
    if shown < total:
        st.caption(t(key, lang, shown=count(shown, lang), total=count(total, lang)))


def export(key: str, build: Callable[[], pd.DataFrame], file_name: str) -> None:
    """A CSV of the whole result, read and built only when clicked."""
    st.download_button(t(key, lang), lambda: to_csv(build()), file_name=file_name,
                       mime="text/csv", key=key, icon=":material/download:")


def everything(part: str) -> LessonsView:
    """The whole result for one list's export (the others left empty)."""
    limits = {"lessons": 0, "shelf": 0, "spread": 0} | {part: None}
    with database().reading() as store:
        return search_lessons(store, actor, query, department, technology=technology,
                              radar=radar_name, **limits)


def widths(lang: str, pixels: dict[str, int]) -> dict[str, Any]:
    """Column widths (px) that keep a table within a 1400 px screen without scrolling
    sideways (#13); long texts wrap into their cell's tooltip, not across the page."""
    return {t(key, lang): st.column_config.Column(width=px) for key, px in pixels.items()}


# With a radar technology picked, each table has a basis column too (#18): the others
# narrow so the table still fits a 1400 px screen (measured: 938 px of grid). Keyed by the
# columns' text keys (lessons_tables.py).
shelf_widths = ({"id": 70, "title": 150, "word.department": 100, "word.technology": 80,
                 "status": 70, "word.reason_for_closing": 100, "word.date": 90,
                 "word.rationale": 90, "radar_technology": 140}
                if picked else {"id": 70, "title": 180, "word.department": 120,
                                "word.technology": 100, "status": 70,
                                "word.reason_for_closing": 110, "word.date": 90,
                                "word.rationale": 150})
spread_widths = ({"id": 70, "title": 160, "word.department": 110, "adopted": 130,
                  "planned": 130, "word.still_to_adopt": 120, "kpi_kind.adoption": 70,
                  "radar_technology": 140}
                 if picked else {"id": 70, "title": 180, "word.department": 120, "adopted": 160,
                                 "planned": 160, "word.still_to_adopt": 150,
                                 "kpi_kind.adoption": 80})

st.subheader(f"{t('lessons', lang)} ({count(view.lessons_total, lang)})")
capped("lessons_capped", len(view.lessons), view.lessons_total)
for hit in view.lessons:
    with st.container(border=True):
        st.markdown(f"**{md(hit.initiative.title)}** · {md(hit.initiative.department)} · "
                    f"{enum_label(hit.initiative.stage, lang)}")
        st.markdown(f"> {md(hit.lesson.text)}")
        st.caption(f"— {md(hit.lesson.author)}, {formats.day(hit.lesson.created_on, lang)}"
                   + (f" · {md(', '.join(hit.lesson.tags))}" if hit.lesson.tags else "")
                   + (f" · {md(basis_label(hit.initiative, picked, lang))}" if picked
                      else ""))
if view.lessons:
    export("export_lessons", lambda: lessons_table(everything("lessons").lessons, lang),
           "lessons.csv")
else:
    st.caption(t("nothing_found", lang))

st.subheader(f"{t('shelf', lang)} ({count(view.shelf_total, lang)})")
if view.shelf:
    capped("shelf_capped", len(view.shelf), view.shelf_total)
    st.dataframe(localised(shelf_table(view.shelf, lang, radar=picked), lang),
                 hide_index=True, placeholder="", width="stretch", column_config={
                     **widths(lang, shelf_widths),
                     t("open", lang): st.column_config.LinkColumn(display_text="→", width=40)})
    export("export_shelf", lambda: shelf_table(everything("shelf").shelf, lang, links=False,
                                               radar=picked), "closed-and-parked.csv")
else:
    st.caption(t("nothing_found", lang))

st.subheader(f"{t('spread', lang)} ({count(view.spread_total, lang)})")
if view.spread:
    capped("spread_capped", len(view.spread), view.spread_total)
    st.dataframe(localised(spread_table(view.spread, lang, picked), lang,
                           shares=[t("kpi_kind.adoption", lang)]), hide_index=True,
                 placeholder="", width="stretch",
                 column_config=widths(lang, spread_widths))
    export("export_spread", lambda: spread_table(everything("spread").spread, lang, picked),
           "spread.csv")
else:
    st.caption(t("nothing_found", lang))

adoption_section(db_path, actor, view.scaled,
                 [d.name for d in data.departments(db_path, actor)], lang)
