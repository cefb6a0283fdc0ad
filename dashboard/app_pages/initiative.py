"""One initiative: hypothesis, KPIs against baseline and target, the verdict and its reasons."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import data
from dashboard.charts import kpi_chart
from dashboard.context import language, settings
from dashboard.labels import LIGHT_ICONS, recommendation, stage, t
from portfolio.errors import PortfolioError

lang = language()
db_path = str(settings().db)
board = data.board(db_path, None)
ids = [r.initiative.id for r in board.rows]
titles = {r.initiative.id: r.initiative.title for r in board.rows}
if not ids:
    st.info(t("empty", lang))
    st.stop()

wanted = st.query_params.get("id", ids[0])
chosen = st.selectbox(
    t("choose_initiative", lang), ids, index=ids.index(wanted) if wanted in ids else 0,
    format_func=lambda i: f"{i} — {titles[i]}", key="initiative_choice",
)
st.query_params["id"] = chosen

try:
    detail = data.initiative(db_path, chosen)
except PortfolioError as exc:
    st.error(str(exc))
    st.stop()

ini = detail.initiative
st.title(ini.title)
st.caption(f"{ini.id} · {ini.department} · {stage(ini.stage, lang)} · {t('owner', lang)}: "
           f"{ini.owner or '—'}")
if ini.hypothesis:
    st.markdown(f"**{t('hypothesis', lang)}:** {ini.hypothesis}")
if ini.core_task:
    st.markdown(f"**{t('core_task', lang)}:** {ini.core_task}")
cols = st.columns(3)
cols[0].metric(t("budget", lang), f"{ini.budget_dkk:,.0f}")
cols[1].metric(t("spent", lang), f"{ini.spent_dkk:,.0f}")
cols[2].metric(t("review_on", lang), ini.review_on.isoformat() if ini.review_on else "—")

st.subheader(t("evaluation", lang))
evaluation = detail.evaluation
if evaluation is None:
    st.info(t("no_evaluation", lang))
else:
    st.markdown(
        f"### {LIGHT_ICONS[evaluation.light]} {recommendation(evaluation.recommendation, lang)}"
    )
    st.caption(f"{evaluation.as_of.isoformat()} · policy {evaluation.policy_name} "
               f"v{evaluation.policy_version} · run {evaluation.run_id}")
    st.markdown("\n".join(f"- {reason.render(lang)}" for reason in evaluation.reasons))

st.subheader(t("kpis", lang))
for kpi in detail.kpis:
    own = [m for m in detail.measurements if m.kpi == kpi.name]
    if own:
        st.altair_chart(kpi_chart(kpi, own, lang), width="stretch")
    else:
        st.caption(f"{kpi.name}: {t('no_measurements', lang)}")

if detail.decisions:
    st.subheader(t("decisions", lang))
    st.dataframe(
        pd.DataFrame(
            [{"date": d.decided_on, "decision": d.kind.value, "by": d.decided_by,
              "rationale": d.rationale} for d in detail.decisions]
        ),
        hide_index=True,
    )
if detail.lessons:
    st.subheader(t("lessons", lang))
    for lesson in detail.lessons:
        st.markdown(f"> {lesson.text}  \n— {lesson.author}, {lesson.created_on.isoformat()}")
