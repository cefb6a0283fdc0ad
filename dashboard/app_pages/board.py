"""The fail-or-scale board: headline numbers, the portfolio chart, breakdowns, the table.

Filters live in the URL (st.query_params), so a view can be shared as a link.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

import streamlit as st

from dashboard import data
from dashboard.benefit_views import kroner_section
from dashboard.charts import breakdown_chart, portfolio_chart
from dashboard.context import current_actor, language, settings
from dashboard.labels import dimension_name, enum_label, recommendation, t
from dashboard.localised import localised, tinted
from dashboard.safe_text import md
from dashboard.tables import XLSX_MAX_ROWS, board_table, count, style_lights, to_csv, to_xlsx
from dashboard.widgets import url_select
from portfolio import formats
from portfolio.error_messages import render_error
from portfolio.models import FocusArea, Recommendation, Stage, Technology
from portfolio.service.board_metrics import DIMENSIONS, BoardFilters

lang = language()
actor = current_actor()
db_path = str(settings().db)
today = date.today()
BOARD_ROWS_VISIBLE = 25
AXES = {"spend": "axis_spend", "time": "word.time"}  # the chart's x axis: its label's key
st.title(t("board", lang))


def label_of(option: StrEnum) -> str:
    if isinstance(option, Recommendation):
        return recommendation(option, lang)
    return enum_label(option, lang)


def value_of(option: StrEnum) -> str:
    return option.value


departments = [d.name for d in data.departments(db_path, actor)]
filtered = bool(set(st.query_params) - {"x"})
with st.expander(t("filters", lang), expanded=filtered, icon=":material/filter_list:"):
    columns = st.columns(5)
    with columns[0]:
        department = url_select("department", t("word.department", lang), departments, str,
                                empty=t("all", lang))
    with columns[1]:
        stage = url_select("stage", t("word.stage", lang), list(Stage), label_of,
                           value_of=value_of, empty=t("all", lang))
    with columns[2]:
        technology = url_select("technology", t("word.technology", lang), list(Technology),
                                label_of, value_of=value_of, empty=t("all", lang))
    with columns[3]:
        focus = url_select("focus", t("focus_area", lang), list(FocusArea), label_of,
                           value_of=value_of, empty=t("all", lang))
    with columns[4]:
        rec = url_select("recommendation", t("word.recommendation", lang), list(Recommendation),
                         label_of, value_of=value_of, empty=t("all", lang))

organisations = [o.name for o in data.organisations(db_path, actor)]
organisation = None
if not actor.organisation and len(organisations) > 1:  # a national reader's filter (#13)
    organisation = url_select("organisation", t("word.organisation", lang), organisations, str,
                              empty=t("all", lang))
filters = BoardFilters(department, stage, technology, focus, rec, organisation)
view = data.portfolio(db_path, actor, today, filters)
for problem in view.problems:
    st.warning(md(render_error(problem.code, problem.params(), lang) or problem.code),
               icon=":material/warning:")
if view.rows.empty:
    st.info(t("empty", lang))
    st.stop()

m = view.metrics
# Cards across the full width (#19), wrapping to a new row when they get narrow.
cards = (
    ("word.active_initiatives", formats.count(m.active, lang), None),
    ("to_scale", formats.count(m.to_scale, lang), None),
    ("to_close", formats.count(m.to_close, lang), None),
    ("overdue", formats.count(m.overdue, lang), None),
    ("zombies", formats.count(m.zombies, lang), t("zombies_help", lang)),
    ("self_reported_only", formats.count(m.self_reported_only, lang),
     t("self_reported_only_help", lang)),
    ("pilot_age", t("pilot_age_value", lang,
                    median=formats.count(m.pilot_age_median_days, lang))
     if m.pilot_age_median_days is not None else "—",
     t("pilot_age_help", lang, max=formats.count(m.pilot_age_max_days or 0, lang))),
    ("decided_share", formats.share(m.decided_share, lang)
     if m.decided_share is not None else "—",
     t("decided_share_help", lang, decided=m.decided, started=m.started)),
    ("realised_non_cashable", formats.share(m.non_cashable.share, lang)
     if m.non_cashable.share is not None else "—",
     t("realised_help", lang, realised=formats.number(m.non_cashable.realised, lang),
       expected=formats.number(m.non_cashable.expected, lang), n=m.non_cashable.kpis)),
)
# Realised benefit in kroner (#18), the share of cashable KPI targets as its second figure.
kroner = data.kroner(db_path, actor, today, filters)
targets = formats.share(m.cashable.share, lang) if m.cashable.share is not None else "—"
with st.container(horizontal=True, gap="small"):
    for label, value, help_text in cards:
        st.metric(t(label, lang), value, help=help_text, border=True, width="stretch")
    st.metric(
        t("realised_kroner", lang),
        formats.money(kroner.realised, lang) if kroner.rows else "—",
        delta=t("realised_kroner_targets", lang, share=targets), delta_color="off",
        delta_arrow="off", border=True, width="stretch",
        help=t("realised_kroner_help", lang, realised=formats.money(kroner.realised, lang),
               planned=formats.money(kroner.planned_to_date, lang), year=kroner.year,
               total=formats.money(kroner.planned_total, lang),
               targets=formats.number(m.cashable.realised, lang),
               expected=formats.number(m.cashable.expected, lang), n=m.cashable.kpis),
    )

axis = st.radio(
    t("x_axis", lang), ["spend", "time"], horizontal=True, key=f"x_axis_{lang}",
    index=1 if st.query_params.get("x") == "time" else 0,
    format_func=lambda a: t(AXES[a], lang),
)
st.query_params["x"] = axis
st.altair_chart(portfolio_chart(view.rows, axis, lang), width="stretch")
st.subheader(t("breakdowns", lang))
# One breakdown at a time, chosen like the axis above and kept in the link: tabs drew all
# four charts on every run, in the server and in each reader's browser (#15: ten people
# opening the board at once on two cores).
by = st.radio(
    t("breakdown_by", lang), DIMENSIONS, horizontal=True, key=f"breakdown_by_{lang}",
    index=DIMENSIONS.index(st.query_params["by"])
    if st.query_params.get("by") in DIMENSIONS else 0,
    format_func=lambda d: dimension_name(d, lang),
)
st.query_params["by"] = by
st.altair_chart(breakdown_chart(view.breakdown(by), by, lang), width="stretch")

st.subheader(t("word.initiatives", lang))
# A bounded, most-urgent-first table (#7): styling 50 k rows is over Streamlit's limit.
shown = view.most_urgent(settings().board_table_rows)
if len(shown) < len(view.rows):
    st.caption(t("table_capped", lang, shown=count(len(shown), lang),
                 total=count(len(view.rows), lang)))
table = board_table(shown, lang)
# Readable at 1400 px without scrolling sideways (#19): the view's columns only; stage,
# technology, focus area, budget and spend are filters, the chart's axis and the export's
# columns (tests/e2e/test_lights_band_forecast.py measures the grid's width).
# The state IT council's three lights beside the overall one (#18): in the view, not
# only in the table behind it.
visible = ["light", "word.budget", "word.time", "word.benefit", "id", "title",
           "word.department", "word.recommendation", "word.benefit_attainment",
           "word.review_date", "open"]
# Only the shown columns are styled and sent: the Styler formats every cell it is given.
table = table[[t(c, lang) for c in visible]]
score = t("word.benefit_attainment", lang)
styled = tinted(style_lights(localised(table, lang, shares=[score]), lang), score, shown["light"])
overdue = list(shown["overdue"].astype(bool))
styled = styled.apply(lambda _c: ["color: #b71c1c; font-weight: 600" if late else ""
                                  for late in overdue], subset=[t("word.review_date", lang)])
st.dataframe(
    styled,
    hide_index=True, placeholder="",
    width="stretch",
    height=BOARD_ROWS_VISIBLE * 35 + 38 if len(table) > BOARD_ROWS_VISIBLE else "auto",
    column_order=[t(c, lang) for c in visible],
    column_config={
        t("light", lang): st.column_config.Column(width=58),
        **{t(f"word.{name}", lang): st.column_config.Column(width=58)
           for name in ("budget", "time", "benefit")},
        t("id", lang): st.column_config.Column(width=60),
        t("title", lang): st.column_config.Column(width=165),
        t("word.department", lang): st.column_config.Column(width=120),
        t("word.recommendation", lang): st.column_config.Column(width=110),
        score: st.column_config.Column(width=110, help=t("score_help", lang)),
        t("word.review_date", lang): st.column_config.Column(width=95,
                                                      help=t("review_on_help", lang)),
        t("open", lang): st.column_config.LinkColumn(t("open", lang), display_text="→",
                                                     width=45),
    },
)
# Exports hold every row of the view and are built only when clicked.
rows, sheet = view.rows, t("board", lang)
too_many = len(rows) > XLSX_MAX_ROWS
with st.container(horizontal=True):
    st.download_button(t("export_csv", lang),
                       lambda: to_csv(board_table(rows, lang, links=False)),
                       file_name="portfolio.csv", mime="text/csv", key="export_csv",
                       icon=":material/download:")
    st.download_button(
        t("export_xlsx", lang), lambda: to_xlsx(board_table(rows, lang, links=False), sheet),
        file_name="portfolio.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="export_xlsx", icon=":material/download:", disabled=too_many,
        help=t("export_xlsx_too_many", lang, limit=count(XLSX_MAX_ROWS, lang))
        if too_many else None,
    )
kroner_section(kroner, lang)  # planned against realised kroner (#18)
