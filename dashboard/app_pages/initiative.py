"""One initiative: hypothesis, evidence over time with provenance and age, the verdict and
its reasons, history, lessons, audit trail; record or upload measurements."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard import data
from dashboard.benefit_views import plan_tab
from dashboard.charts import kpi_chart
from dashboard.context import current_actor, database, language, settings
from dashboard.feedback import attempt, flash, succeeded
from dashboard.labels import (
    enum_label,
    light_badge,
    light_text,
    reason_code,
    recommendation,
    source,
    t,
    three_lights,
)
from dashboard.localised import localised
from dashboard.number_field import number_field
from dashboard.public_toggle import public_section
from dashboard.safe_text import md
from dashboard.tables import (
    changed_fields,
    kpi_frame,
    spread_text,
    style_lights,
    then_now_frame,
)
from dashboard.widgets import date_format, initiative_picker
from portfolio import formats
from portfolio.i18n import policy_text
from portfolio.importing import ImportKind
from portfolio.models import MAX_SOURCE_LENGTH, AuditEvent, Measurement, Provenance
from portfolio.review.followup import then_and_now
from portfolio.service.access import Permission, can
from portfolio.service.imports import ImportReport, import_file
from portfolio.service.initiatives import record_measurement

lang = language()
actor = current_actor()
db_path = str(settings().db)
today = date.today()

index = data.initiative_index(db_path, actor)
if not len(index):
    st.info(t("empty", lang))
    st.stop()
chosen = initiative_picker(index, t("choose_initiative", lang), lang,
                           departments=[d.name for d in data.departments(db_path, actor)])
if chosen is None:
    st.stop()
detail = attempt(lambda: data.initiative(db_path, actor, chosen), lang)
if detail is None:
    st.stop()

ini = detail.initiative
st.title(md(ini.title))
# Only what is known: an empty field is left out, not shown as "(not given)" (#19).
st.caption(" · ".join([md(ini.id), md(ini.department), enum_label(ini.stage, lang),
                       *([f"{t('word.owner', lang)}: {md(ini.owner)}"] if ini.owner else []),
                       *(enum_label(v, lang) for v in (ini.technology, ini.focus_area) if v),
                       *([f"{t('radar_technology', lang)}: {md(ini.radar_technology)}"]
                         if ini.radar_technology else [])]))
if ini.hypothesis:
    st.markdown(f"**{t('word.hypothesis', lang)}:** {md(ini.hypothesis)}")
if ini.core_task:
    st.markdown(f"**{t('word.core_task', lang)}:** {md(ini.core_task)}")
cols = st.columns(4)
# The labels say "(kr.)", so the amounts are plain numbers in the reader's format.
cols[0].metric(t("budget", lang), formats.count(round(ini.budget_dkk), lang))
cols[1].metric(t("spent", lang), formats.count(round(ini.spent_dkk), lang))
cols[2].metric(t("started_on", lang), formats.short_day(ini.started_on, lang))
cols[3].metric(t("word.review_date", lang), formats.short_day(ini.review_on, lang))
public_section(actor, ini.id, lang)

evaluation = detail.evaluation
st.subheader(t("evaluation", lang))
if evaluation is None:
    st.info(t("word.not_evaluated", lang))
else:
    st.markdown(f"### {recommendation(evaluation.recommendation, lang)} · "
                f"{light_badge(evaluation.light, lang)}")
    st.markdown(three_lights(evaluation.lights, lang))
    st.caption(t("evaluated_as_of", lang, as_of=formats.day(evaluation.as_of, lang),
                 policy=policy_text(evaluation.policy_name, lang),
                 version=evaluation.policy_version, run=evaluation.run_id))
    st.markdown("\n".join(f"- {reason.render(lang, md)}" for reason in evaluation.reasons))

# The open tab is kept across reruns (a saved measurement, an upload): #19.
evidence, history, lessons, audit, measure, gains = st.tabs(
    [t("word.evidence", lang), t("history", lang), t("lessons", lang), t("audit", lang),
     t("word.measurements", lang), t("benefits_tab", lang)], key=f"initiative_tab_{lang}",
    on_change="rerun")

with evidence:
    if evaluation is not None and evaluation.kpis:
        st.dataframe(localised(kpi_frame(evaluation.kpis, lang), lang,
                               shares=[t("word.progress", lang)]), hide_index=True,
                               placeholder="", width="stretch")
        for k in evaluation.kpis:
            if k.self_reported_only or (k.age_days or 0) > 90:
                why = t("only_self_reported", lang) if k.self_reported_only else t(
                    "stale", lang, age=k.age_days)
                st.warning(t("stale_or_self", lang, kpi=md(k.name), why=why),
                           icon=":material/warning:")
    charts = st.columns(2)
    judged = {k.name: k for k in evaluation.kpis} if evaluation else {}
    for n, kpi in enumerate(detail.kpis):
        own = [m for m in detail.measurements if m.kpi == kpi.name]
        with charts[n % 2]:
            if own:
                st.altair_chart(kpi_chart(kpi, own, lang, today, judged.get(kpi.name)),
                                width="stretch")
            else:
                st.caption(f"{md(kpi.name)}: {t('word.no_measurements', lang)}")
    if any(k.band_min is not None or k.forecast_on is not None for k in judged.values()):
        # The band and the forecast are drawn without a legend entry of their own (#18).
        st.caption(t("kpi_layers_key", lang))

with history:
    scaled = then_and_now(ini, detail.decisions, evaluation)
    if scaled is not None:
        st.markdown(f"**{t('word.then_and_now', lang)}**")
        st.dataframe(localised(then_now_frame(scaled, lang), lang), hide_index=True,
                     width="stretch")
        st.caption(md(spread_text(scaled, lang)))
    st.markdown(f"**{t('word.decisions', lang)}**")
    if detail.decisions:
        st.dataframe(localised(pd.DataFrame([
            {t("word.date", lang): d.decided_on, t("word.decision", lang): enum_label(d.kind, lang),
             t("word.recommendation", lang): recommendation(d.recommendation, lang),
             t("who", lang): d.decided_by, t("word.rationale", lang): d.rationale,
             t("word.reason_for_closing", lang):
                 reason_code(d.reason_code, lang) if d.reason_code else "",
             t("next_review_on", lang): d.next_review_on,
             t("spread_to", lang): ", ".join(d.spread_to)}
            for d in detail.decisions]), lang), hide_index=True, placeholder="", width="stretch")
    else:
        st.caption(t("no_decisions", lang))
    st.markdown(f"**{t('evaluations', lang)}**")
    st.dataframe(style_lights(localised(pd.DataFrame([
        {t("word.date", lang): e.as_of, t("light", lang): light_text(e.light, lang),
         t("word.recommendation", lang): recommendation(e.recommendation, lang),
         t("word.benefit_attainment", lang): e.score,
         t("policy_name", lang): f"v{e.policy_version}",
         t("word.why", lang): e.reasons[0].render(lang) if e.reasons else ""}
        for e in detail.history]), lang, shares=[t("word.benefit_attainment", lang)]), lang),
        hide_index=True,
        placeholder="",
        width="stretch")

with lessons:
    for lesson in detail.lessons:
        st.markdown(f"> {md(lesson.text)}\n\n— {md(lesson.author)}, "
                    f"{formats.day(lesson.created_on, lang)}")
    if not detail.lessons:
        st.caption(t("no_lessons", lang))

def who(event: AuditEvent) -> str:
    """The actor, and who acted for them from the command line ("operator root as …")."""
    return t("acting_via", lang, via=event.via, actor=event.actor) if event.via else event.actor


with audit:
    st.dataframe(localised(pd.DataFrame([
        {t("at", lang): e.at, t("who", lang): who(e), t("action", lang): e.action,
         t("what", lang): f"{e.entity} {e.entity_id}", t("change", lang): changed_fields(e)}
        for e in detail.audit]), lang), hide_index=True, placeholder="", width="stretch")


def show_report(report: ImportReport) -> None:
    summary = t("import_report", lang, file=md(report.source_name), read=report.rows_read,
                accepted=report.accepted, added=report.added, updated=report.updated,
                unchanged=report.unchanged, rejected=report.rejected)
    (st.warning if report.errors else st.success)(summary)
    if report.errors:
        st.dataframe(pd.DataFrame([{t("row", lang): e.row,
                                    t("word.reason", lang): e.in_language(lang)}
                                   for e in report.errors]), hide_index=True,
                                   placeholder="", width="stretch")
        st.caption(t("quarantine_note", lang))


with measure:
    if not can(actor, Permission.RECORD_MEASUREMENT, ini.department,
               contributors=detail.contributors):
        st.info(t("cannot_record", lang))
    elif detail.kpis:
        left, right = st.columns(2)
        with left, st.form("record_measurement", clear_on_submit=False):
            st.markdown(f"**{t('record_measurement', lang)}**")
            kpi_name = st.selectbox(t("word.kpi", lang), [k.name for k in detail.kpis])
            on = st.date_input(t("word.date", lang), value=today, max_value=today,
                               format=date_format(lang))
            typed = number_field(st, t("value", lang), None, lang, key="measurement_value",
                                 decimals=6)
            origin = st.selectbox(t("word.provenance", lang), list(Provenance),
                                  index=list(Provenance).index(Provenance.MANUAL),
                                  format_func=lambda s: source(s, lang))
            said = st.text_input(t("source", lang), max_chars=MAX_SOURCE_LENGTH,
                                 help=t("source_help", lang))
            slot = st.empty()
            if st.form_submit_button(t("record", lang), type="primary"):
                value = typed.value
                if typed.problem:
                    slot.error(typed.problem)
                elif value is None:
                    slot.error(t("error.input.missing", lang))
                else:
                    m = Measurement(initiative_id=ini.id, kpi=kpi_name, on=on, value=value,
                                    source=said.strip(), provenance=origin)

                    def record(m: Measurement = m) -> None:
                        with database().transaction() as store:
                            record_measurement(store, actor, m)

                    if succeeded(record, lang, {"kpi": slot}):
                        data.clear()
                        flash(t("recorded", lang, kpi=md(kpi_name),
                                value=formats.number(value, lang, decimals=6),
                                on=formats.day(on, lang)))
        with right:
            st.markdown(f"**{t('upload', lang)}**")
            # The file is imported as soon as it is chosen (#19); a file is imported once per
            # choice, and its report stays until another file is chosen.
            upload = st.file_uploader(t("upload", lang), type=["csv", "xlsx"],
                                      help=t("upload_help", lang), label_visibility="collapsed",
                                      key=f"upload_{ini.id}")
            done = st.session_state.get("upload_report")
            if upload is not None and (done is None or done[0] != upload.file_id):
                with tempfile.TemporaryDirectory() as folder:
                    # A name of our own: the browser's file name is only shown (#14).
                    path = Path(folder) / f"upload{Path(upload.name).suffix.lower()}"
                    path.write_bytes(upload.getvalue())
                    report = attempt(lambda: import_file(
                        database(), actor, path, ImportKind.MEASUREMENTS,
                        source_name=upload.name), lang)
                if report is not None:
                    data.clear()
                    st.session_state["upload_report"] = (upload.file_id, report)
                    st.rerun()  # the page's evidence and charts show the new measurements
            if upload is not None and done is not None and done[0] == upload.file_id:
                show_report(done[1])

with gains:  # the benefit-realisation plan in kroner (#18)
    plan_tab(actor, ini, data.benefit_plan(db_path, actor, ini.id), detail.contributors,
             lang, today)
