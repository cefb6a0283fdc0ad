""""Has anyone tried this?": lessons, closed and parked initiatives, and how far scaled ones
have spread — across every department."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import data
from dashboard.context import current_actor, language, settings
from dashboard.labels import enum_label, reason_code, t
from dashboard.safe_text import md
from dashboard.widgets import url_select

lang = language()
actor = current_actor()
db_path = str(settings().db)
st.title(t("lessons_title", lang))

left, right = st.columns([2, 1])
query = left.text_input(t("search", lang), value=st.query_params.get("q", ""), key="q",
                        placeholder=t("search_placeholder", lang))
if query:
    st.query_params["q"] = query
else:
    st.query_params.pop("q", None)
with right:
    department = url_select("department", t("department", lang),
                            [d.name for d in data.departments(db_path, actor)], str,
                            empty=t("all", lang))
view = data.lessons_search(db_path, actor, query, department)

st.subheader(f"{t('lessons', lang)} ({len(view.lessons)})")
for hit in view.lessons:
    with st.container(border=True):
        st.markdown(f"**{md(hit.initiative.title)}** · {md(hit.initiative.department)} · "
                    f"{enum_label(hit.initiative.stage, lang)}")
        st.markdown(f"> {md(hit.lesson.text)}")
        st.caption(f"— {md(hit.lesson.author)}, {hit.lesson.created_on.isoformat()}"
                   + (f" · {md(', '.join(hit.lesson.tags))}" if hit.lesson.tags else ""))
if not view.lessons:
    st.caption(t("nothing_found", lang))

st.subheader(f"{t('shelf', lang)} ({len(view.shelf)})")
if view.shelf:
    st.dataframe(pd.DataFrame([
        {t("id", lang): s.initiative.id, t("title", lang): s.initiative.title,
         t("department", lang): s.initiative.department,
         t("technology", lang): enum_label(s.initiative.technology, lang),
         t("status", lang): t("parked" if s.parked else "closed", lang),
         t("reason_code", lang): reason_code(s.decision.reason_code, lang) if s.decision else "",
         t("date", lang): s.decision.decided_on if s.decision else None,
         t("rationale", lang): s.decision.rationale if s.decision else "",
         t("open", lang): f"initiative?id={s.initiative.id}"}
        for s in view.shelf]), hide_index=True, width="stretch",
        column_config={t("open", lang): st.column_config.LinkColumn(display_text="→")})
else:
    st.caption(t("nothing_found", lang))

st.subheader(f"{t('spread', lang)} ({len(view.spread)})")
if view.spread:
    st.dataframe(pd.DataFrame([
        {t("id", lang): s.initiative.id, t("title", lang): s.initiative.title,
         t("department", lang): s.initiative.department,
         t("adopted", lang): ", ".join(s.adopted), t("planned", lang): ", ".join(s.planned),
         t("still_to_adopt", lang): ", ".join(s.still_to_adopt),
         t("adoption", lang): s.share}
        for s in view.spread]), hide_index=True, width="stretch",
        column_config={t("adoption", lang): st.column_config.ProgressColumn(
            min_value=0.0, max_value=1.0, format="percent")})
else:
    st.caption(t("nothing_found", lang))
