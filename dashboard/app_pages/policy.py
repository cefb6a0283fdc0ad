"""Review policy (admin): the active version, a new version with edited thresholds, and a
what-if preview of the recommendations it would change, before anything is saved."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from dashboard import data
from dashboard.context import current_actor, database, language, settings
from dashboard.feedback import attempt, flash
from dashboard.labels import recommendation, t
from dashboard.localised import localised
from dashboard.safe_text import md
from dashboard.tables import policy_frame
from portfolio import formats
from portfolio.i18n import policy_text
from portfolio.review.policy import ReviewPolicy, shipped_versions
from portfolio.service.access import Permission, can
from portfolio.service.policy_admin import WhatIf, activate_policy, candidate_policy, what_if

lang = language()
actor = current_actor()
db_path = str(settings().db)
today = date.today()
st.title(t("policy", lang))

overview = data.policies(db_path, actor)
active = overview.active
heading = t("active_policy", lang, name=md(policy_text(active.name, lang)),
            version=active.version)
st.markdown(f"**{heading}** — {md(policy_text(active.description, lang))}")
with st.expander(t("versions", lang)):
    versions, shares = policy_frame(overview.versions, lang)
    st.dataframe(localised(versions, lang, shares=shares), hide_index=True,
                 placeholder="", width="stretch")
if not can(actor, Permission.ADMIN_POLICY):
    st.info(t("admin_only", lang))
    st.stop()


def show_changes(preview_changes: tuple) -> None:
    st.dataframe(pd.DataFrame([
        {t("id", lang): c.initiative.id, t("title", lang): c.initiative.title,
         t("word.department", lang): c.initiative.department,
         t("word.now", lang): recommendation(c.before, lang),
         t("after", lang): recommendation(c.after, lang)}
        for c in preview_changes]), hide_index=True, placeholder="", width="stretch")


# Versions side by side (#18): the shipped version 1 and 2 of `default` and every stored
# version, each judged on today's data by the same engine.
known: dict[tuple[str, int], ReviewPolicy] = {
    (p.name, p.version): p for p in (*shipped_versions(), *overview.versions)}
with st.expander(t("compare_versions", lang)):
    keys = sorted(known)
    label = {key: f"{policy_text(key[0], lang)} v{key[1]}" for key in keys}
    left_v, right_v = st.columns(2)
    before_key = left_v.selectbox(t("compare_from", lang), keys, index=0,
                                  format_func=label.__getitem__, key="compare_from")
    after_key = right_v.selectbox(t("compare_to", lang), keys, index=len(keys) - 1,
                                  format_func=label.__getitem__, key="compare_to")

    def compare() -> WhatIf:
        with database().reading() as store:
            return what_if(store, actor, known[after_key], today, against=known[before_key])

    compared = attempt(compare, lang)
    if compared is not None:
        st.markdown(t("what_if_summary", lang, changed=len(compared.changes),
                      n=compared.evaluated, as_of=formats.day(compared.as_of, lang)))
        if compared.changes:
            show_changes(compared.changes)


def percent_input(key: str, share: float, low: int, high: int) -> float:
    """A share as whole percent ("80 %"): no decimal mark to get wrong in either language."""
    value = st.number_input(f"{t(key, lang)} (%)", min_value=low, max_value=high,
                            value=round(share * 100), step=1, format="%d", key=f"pct_{key}")
    return value / 100


st.subheader(t("new_version", lang))
left, middle, right = st.columns(3)
with left:
    min_measurements = st.number_input(t("evidence_min", lang), min_value=1, max_value=1000,
                                       value=active.evidence.min_measurements, step=1)
    max_age = st.number_input(t("evidence_age", lang), min_value=1, max_value=3650,
                              value=active.evidence.max_age_days, step=1)
    worsening = percent_input("guardrail_worse", active.guardrail.max_worsening, 0, 1000)
with middle:
    green = percent_input("attainment_green", active.attainment.green, 1, 100)
    yellow = percent_input("attainment_yellow", active.attainment.yellow, 0, 100)
    scale_min = st.number_input(t("scale_min", lang), min_value=1, max_value=1000,
                                value=active.scale.min_measurements, step=1)
    scale_span = st.number_input(t("scale_span", lang), min_value=0, max_value=3650,
                                 value=active.scale.min_span_days, step=1)
with right:
    budget_green = percent_input("budget_green", active.budget.green_overrun, 0, 10_000)
    budget_yellow = percent_input("budget_yellow", active.budget.yellow_overrun, 0, 10_000)
    time_red = st.number_input(t("time_red", lang), min_value=0, max_value=3650,
                               value=active.time.red_after_days, step=1)
description = st.text_input(t("description", lang), key="policy_description")

changes = {
    "evidence": {"min_measurements": int(min_measurements), "max_age_days": int(max_age)},
    "guardrail": {"max_worsening": worsening},
    "attainment": {"green": green, "yellow": yellow},
    "budget": {"green_overrun": budget_green, "yellow_overrun": budget_yellow},
    "time": {"red_after_days": int(time_red)},
    "scale": {"min_measurements": int(scale_min), "min_span_days": int(scale_span)},
    "description": description or active.description,
}
candidate = attempt(lambda: candidate_policy(active, changes), lang)
if candidate is None:
    st.stop()
if candidate.thresholds() == active.thresholds():
    st.caption(t("unchanged_policy", lang))
    st.stop()

st.subheader(t("what_if", lang))


def preview_candidate() -> WhatIf:
    with database().reading() as store:
        return what_if(store, actor, candidate, today)


preview = attempt(preview_candidate, lang)
if preview is None:
    st.stop()
st.markdown(t("what_if_summary", lang, changed=len(preview.changes), n=preview.evaluated,
              as_of=formats.day(preview.as_of, lang)))
if preview.changes:
    show_changes(preview.changes)
newest = max(p.version for p in overview.versions) if overview.versions else active.version
if st.button(t("activate", lang, version=newest + 1), type="primary", key="activate"):


    def activate() -> ReviewPolicy:
        with database().transaction() as store:
            return activate_policy(store, actor, candidate)

    stored = attempt(activate, lang)
    if stored is not None:
        data.clear()
        flash(t("activated", lang, version=stored.version))
