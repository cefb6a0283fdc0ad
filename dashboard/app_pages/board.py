"""The fail-or-scale board: what to scale, what to close, what is overdue."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from dashboard import data
from dashboard.context import language, settings
from dashboard.labels import LIGHT_ICONS, recommendation, stage, t
from dashboard.status import status_line
from portfolio.models import Recommendation, Stage

lang = language()
db_path = str(settings().db)
st.title(f"🧭 {t('board', lang)}")
status_line(lang)

everything = data.board(db_path, None)
options = ["", *everything.departments]
chosen = st.query_params.get("department", "")
department = st.selectbox(
    t("department", lang), options, index=options.index(chosen) if chosen in options else 0,
    format_func=lambda d: d or t("all_departments", lang), key="department_filter",
)
if department:
    st.query_params["department"] = department
elif "department" in st.query_params:
    del st.query_params["department"]

view = data.board(db_path, department or None)
if not view.rows:
    st.info(t("empty", lang))
    st.stop()

by_rec = view.count_by_recommendation()
active = [r for r in view.rows if r.initiative.stage is not Stage.CLOSED]
cols = st.columns(5)
cols[0].metric(t("active", lang), len(active))
cols[1].metric(t("to_scale", lang), by_rec[Recommendation.SCALE])
cols[2].metric(t("to_close", lang), by_rec[Recommendation.CLOSE])
cols[3].metric(t("needs_data", lang), by_rec[Recommendation.NEEDS_DATA])
cols[4].metric(t("overdue", lang), sum(1 for r in active if r.evaluation and r.evaluation.overdue))

left, right = st.columns(2)
rec_frame = pd.DataFrame(
    [{"key": recommendation(r, lang), "n": n} for r, n in by_rec.items()]
)
stage_frame = pd.DataFrame(
    [{"key": stage(s, lang), "n": n} for s, n in view.count_by_stage().items()]
)
for column, frame, title in (
    (left, rec_frame, t("by_recommendation", lang)),
    (right, stage_frame, t("by_stage", lang)),
):
    chart = (
        alt.Chart(frame, title=title)
        .mark_bar()
        .encode(
            x=alt.X("n:Q", title=t("count", lang)),
            y=alt.Y("key:N", sort=None, title=None),
        )
        .properties(height=180)
    )
    column.altair_chart(chart, width="stretch")

table = pd.DataFrame(
    [
        {
            "id": r.initiative.id,
            t("title", lang): r.initiative.title,
            t("department", lang): r.initiative.department,
            t("stage", lang): stage(r.initiative.stage, lang),
            t("light", lang): LIGHT_ICONS[r.evaluation.light] if r.evaluation else "⚪",
            t("recommendation", lang): recommendation(r.recommendation, lang),
            t("score", lang): r.evaluation.score if r.evaluation else None,
            t("review_on", lang): r.initiative.review_on,
            t("open", lang): f"/initiative?id={r.initiative.id}",
        }
        for r in view.rows
    ]
)
st.dataframe(
    table,
    hide_index=True,
    width="stretch",
    column_config={
        t("score", lang): st.column_config.ProgressColumn(
            t("score", lang), min_value=0.0, max_value=1.0, format="percent"
        ),
        t("open", lang): st.column_config.LinkColumn(t("open", lang), display_text="→"),
    },
)
