"""The administrator's control for the public results page (#19): show an initiative there
or not, with or without its budget. Marking is the core's audited use case
(portfolio/service/public.py); only administrators see the control."""

from __future__ import annotations

import streamlit as st

from dashboard.context import database
from dashboard.feedback import flash, succeeded
from dashboard.labels import t
from dashboard.safe_text import md
from portfolio.models import Actor
from portfolio.service.access import Permission, can
from portfolio.service.public import mark_public, public_mark, unmark_public


def _mark(actor: Actor, initiative_id: str, budget: bool) -> None:
    with database().transaction() as store:
        mark_public(store, actor, initiative_id, show_budget=budget)


def _unmark(actor: Actor, initiative_id: str) -> None:
    with database().transaction() as store:
        unmark_public(store, actor, initiative_id)


def public_section(actor: Actor, initiative_id: str, lang: str) -> None:
    if not can(actor, Permission.PUBLISH):
        return
    with database().reading() as store:
        mark = public_mark(store, actor, initiative_id)
    with st.expander(t("public_page", lang), icon=":material/public:"):
        st.caption(t("public_help", lang))
        shown = st.toggle(t("public_show", lang), value=mark is not None,
                          key=f"public_{initiative_id}")
        budget = st.checkbox(t("public_budget", lang), disabled=not shown,
                             value=bool(mark and mark.show_budget),
                             key=f"public_budget_{initiative_id}")
        if not st.button(t("save", lang), key=f"public_save_{initiative_id}"):
            return
        if shown:
            if succeeded(lambda: _mark(actor, initiative_id, budget), lang):
                flash(t("public_on", lang, id=md(initiative_id)))
        elif mark is not None and succeeded(
                lambda: _unmark(actor, initiative_id), lang):
            flash(t("public_off", lang, id=md(initiative_id)))
