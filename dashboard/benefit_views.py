"""The benefit-realisation plan in kroner (#18) on the board and the initiative page.

Tables are built here from the service's values; the page decides where they go. Amounts
are formatted for the reader (formats.money: "1.200.000 kr."); user text (benefit and
budget-line names) is shown in dataframes, which render no Markdown, or through md().
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from dashboard import data
from dashboard.context import database
from dashboard.feedback import flash, succeeded
from dashboard.labels import t
from dashboard.number_field import number_field
from dashboard.safe_text import md
from portfolio import formats
from portfolio.models import Actor, BenefitKind, BenefitLine, Initiative
from portfolio.service.benefits import (
    KronerView,
    may_plan,
    may_record_realised,
    record_realised,
    remove_benefit_line,
    save_benefit_line,
)


def kroner_frame(view: KronerView, lang: str) -> pd.DataFrame:
    """One row per year and level: the whole view, each organisation, each department."""
    rows = []
    for r in view.rows:
        rows.append({
            t("word.year", lang): str(r.year),
            t("word.organisation", lang): r.organisation if r.level != "all"
            else t("all_organisations", lang),
            t("word.department", lang): r.department,
            t("word.planned_kr", lang): formats.money(r.planned, lang),
            t("word.realised_kr", lang): formats.money(r.realised, lang) if r.recorded else "—",
            t("word.realised_share", lang): formats.share(r.realised / r.planned, lang)
            if r.recorded and r.planned else "—",
            t("lines_recorded", lang): f"{r.recorded}/{r.lines}",
        })
    return pd.DataFrame(rows)


def kroner_section(view: KronerView, lang: str) -> None:
    """The board's table of planned against realised kroner."""
    st.subheader(t("word.kroner_heading", lang))
    if not view.rows:
        st.caption(t("kroner_none", lang))
        return
    st.caption(t("kroner_caption", lang))
    st.dataframe(kroner_frame(view, lang), hide_index=True, width="stretch",
                 key="kroner_table")


def amount(line: BenefitLine, value: float | None, lang: str) -> str:
    if value is None:
        return "—"
    if line.kind is BenefitKind.CASHABLE:
        return formats.money(value, lang)
    return f"{formats.number(value, lang)} {line.unit}"


def plan_frame(lines: tuple[BenefitLine, ...], lang: str) -> pd.DataFrame:
    return pd.DataFrame([{
        t("word.year", lang): str(x.year),
        t("benefit_kind", lang): t(f"benefit_{x.kind.value}", lang),
        t("word.benefit", lang): x.benefit,
        t("budget_line", lang): x.budget_line,
        t("planned", lang): amount(x, x.planned, lang),
        t("word.realised", lang): amount(x, x.realised, lang),
        t("word.realised_share", lang): formats.share(x.realised / x.planned, lang)
        if x.realised is not None and x.planned else "—",
    } for x in lines])


def line_label(line: BenefitLine, lang: str) -> str:
    where = f" ({line.budget_line})" if line.budget_line else f" ({line.unit})"
    return f"{line.year} · {line.benefit}{where}"


def _record_realised(actor: Actor, key: tuple[str, int, str, str], value: float) -> None:
    with database().transaction() as store:
        record_realised(store, actor, key, value)


def _remove(actor: Actor, key: tuple[str, int, str, str]) -> None:
    with database().transaction() as store:
        remove_benefit_line(store, actor, key)


def _save(actor: Actor, line: BenefitLine) -> None:
    with database().transaction() as store:
        save_benefit_line(store, actor, line)


def plan_tab(actor: Actor, initiative: Initiative, lines: tuple[BenefitLine, ...],
             contributors: tuple[str, ...], lang: str, today: date) -> None:
    """The plan, a form recording a realised value, and (for a planner) a line form."""
    st.markdown(f"**{t('benefit_plan', lang)}**")
    if lines:
        st.dataframe(plan_frame(lines, lang), hide_index=True, width="stretch")
    else:
        st.caption(t("benefit_none", lang))
    left, right = st.columns(2)
    due = [x for x in lines if x.year <= today.year]
    if may_record_realised(actor, initiative, contributors) and lines:
        with left, st.form("record_realised"):
            st.markdown(f"**{t('record_realised', lang)}**")
            if not due:
                st.caption(t("benefit_no_due_line", lang))
            chosen = st.selectbox(t("benefit_line", lang), due,
                                  format_func=lambda x: line_label(x, lang))
            typed = number_field(st, t("word.realised", lang), None, lang, key="realised_value")
            slot = st.empty()
            if st.form_submit_button(t("record", lang), type="primary") and chosen:
                if typed.problem:
                    slot.error(typed.problem)
                elif typed.value is None:
                    slot.error(t("error.input.missing", lang))
                elif succeeded(lambda: _record_realised(actor, chosen.key, typed.value),
                               lang, {"realised": slot}):
                    data.clear()
                    flash(t("realised_recorded", lang, benefit=md(chosen.benefit),
                            year=chosen.year, value=amount(chosen, typed.value, lang)))
    if may_plan(actor, initiative):
        with right, st.form("benefit_line"):
            line_form(actor, initiative, lang, today)
        if lines:
            with right, st.form("remove_benefit_line"):
                remove_form(actor, lines, lang)


def remove_form(actor: Actor, lines: tuple[BenefitLine, ...], lang: str) -> None:
    """Take a mistaken line out of the plan (the audit trail keeps what it said)."""
    st.markdown(f"**{t('benefit_remove', lang)}**")
    chosen = st.selectbox(t("benefit_line", lang), lines, key="remove_line",
                          format_func=lambda x: line_label(x, lang))
    if st.form_submit_button(t("word.remove", lang)) and chosen and succeeded(
            lambda: _remove(actor, chosen.key), lang):
        data.clear()
        flash(t("benefit_removed", lang, benefit=md(chosen.benefit), year=chosen.year))


def line_form(actor: Actor, initiative: Initiative, lang: str, today: date) -> None:
    st.markdown(f"**{t('benefit_add', lang)}**")
    year = st.number_input(t("word.year", lang), min_value=2000, max_value=2100,
                           value=today.year, step=1)
    kind = st.selectbox(t("benefit_kind", lang), list(BenefitKind),
                        format_func=lambda k: t(f"benefit_{k.value}", lang))
    benefit = st.text_input(t("word.benefit", lang), max_chars=200)
    budget_line = st.text_input(t("budget_line", lang), max_chars=200,
                                help=t("benefit_budget_help", lang))
    unit = st.text_input(t("unit", lang), max_chars=50)
    planned = number_field(st, t("planned", lang), None, lang, key="planned_value",
                           min_value=0)
    realised = number_field(st, t("realised_known", lang), None, lang, key="planned_realised")
    slot = st.empty()
    if not st.form_submit_button(t("save", lang)):
        return
    problem = planned.problem or realised.problem or (
        t("error.input.missing", lang) if planned.value is None or not benefit.strip() else None)
    if problem:
        slot.error(problem)
        return
    try:
        line = BenefitLine(initiative_id=initiative.id, year=int(year), kind=kind,
                           benefit=benefit.strip(), budget_line=budget_line.strip(),
                           unit=unit.strip(), planned=planned.value,
                           realised=realised.value)
    except ValueError as exc:  # no budget line / no unit: the model says which
        slot.error(md(str(exc).splitlines()[-1] if "\n" in str(exc) else str(exc)))
        return
    if succeeded(lambda: _save(actor, line), lang, {"realised": slot}):
        data.clear()
        flash(t("benefit_saved", lang, benefit=md(line.benefit), year=line.year))
