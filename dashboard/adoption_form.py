"""Record that a department adopted a scaled initiative; withdraw a mistaken entry.

Its own module so that the initiative page can show the same form for a scaled
initiative (`adoptions_form`). Only what the actor may do is offered; the core
(portfolio/service/adoption.py) checks again.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pandas as pd
import streamlit as st

from dashboard import data
from dashboard.context import database, settings
from dashboard.feedback import flash, succeeded
from dashboard.labels import t
from dashboard.safe_text import md
from dashboard.tables import count
from dashboard.widgets import date_format
from portfolio import formats
from portfolio.models import Actor, Adoption, Initiative
from portfolio.service.access import Permission, can
from portfolio.service.adoption import (
    may_record,
    may_record_any,
    open_departments,
    record_adoption,
    withdraw_adoption,
)


def adoption_section(
    db_path: str, actor: Actor, scaled: pd.DataFrame, departments: Sequence[str], lang: str,
) -> None:
    """Pick one of the `scaled` initiatives (rows of id, title, department), then its
    adoptions and the form; nothing at all for a role that may not record adoptions.

    A nation has tens of thousands of scaled initiatives: at most FAILSCALE_PICKER_OPTIONS
    are offered (the first by id), and the page's search and department narrow them."""
    if not can(actor, Permission.RECORD_ADOPTION):
        return
    st.subheader(t("record_adoption", lang))
    st.caption(t("record_adoption_intro", lang))
    offered = _adoptable(actor, scaled)
    if offered.empty:
        st.caption(t("nothing_to_adopt", lang))
        return
    shown = offered.head(settings().picker_options)
    titles = dict(zip(shown["id"], shown["title"], strict=True))
    chosen = st.selectbox(t("adopting_initiative", lang), list(titles), key="adopt_initiative",
                          format_func=lambda i: f"{i} — {titles[i]}")
    if len(shown) < len(offered):
        st.caption(t("picker_showing", lang, shown=count(len(shown), lang),
                     total=count(len(offered), lang)))
    adoptions_form(db_path, actor, data.initiative(db_path, actor, chosen).initiative,
                   departments, lang)


def _adoptable(actor: Actor, scaled: pd.DataFrame) -> pd.DataFrame:
    """The rows whose adoption `actor` may record for some department. The right depends
    on the initiative's department only, so it is asked once per department."""
    allowed = {d for d in scaled["department"].unique()
               if may_record_any(actor, Initiative.model_construct(department=d))}
    return scaled[scaled["department"].isin(allowed)]


def adoptions_form(
    db_path: str, actor: Actor, initiative: Initiative, departments: Sequence[str], lang: str
) -> None:
    """The recorded adoptions of one scaled initiative (withdrawable where allowed) and a
    form to record another."""
    recorded = data.adoptions(db_path, actor, initiative.id)
    for adoption in recorded:
        _recorded_row(actor, initiative, adoption, lang)
    if not recorded:
        st.caption(t("no_adoptions", lang))
    _record_form(actor, initiative, departments, lang)


def _recorded_row(actor: Actor, initiative: Initiative, adoption: Adoption, lang: str) -> None:
    when = (formats.day(adoption.adopted_on, lang) if adoption.adopted_on
            else t("date_unknown", lang))
    text, button = st.columns([5, 1], vertical_alignment="center")
    text.markdown(f"**{md(adoption.department)}** · {when} · {md(adoption.recorded_by)}"
                  + (f" · {md(adoption.note)}" if adoption.note else ""))
    if may_record(actor, initiative, adoption.department) and button.button(
        t("withdraw", lang), key=f"withdraw_{initiative.id}_{adoption.department}",
        icon=":material/undo:",
    ) and succeeded(lambda: _withdraw(actor, initiative.id, adoption.department), lang):
        data.clear()
        flash(t("adoption_withdrawn", lang, id=initiative.id, department=adoption.department))


def _withdraw(actor: Actor, initiative_id: str, department: str) -> None:
    with database().transaction() as store:
        withdraw_adoption(store, actor, initiative_id, department)


def _record(actor: Actor, initiative_id: str, department: str, on: date, note: str) -> None:
    with database().transaction() as store:
        record_adoption(store, actor, initiative_id, department, on, note)


def _record_form(
    actor: Actor, initiative: Initiative, departments: Sequence[str], lang: str
) -> None:
    choices = open_departments(actor, initiative, departments)
    if not choices:
        st.caption(t("no_open_departments", lang))
        return
    left, middle = st.columns(2)
    department = left.selectbox(t("adopting_department", lang), choices,
                                key=f"adopt_department_{initiative.id}",
                                placeholder=t("choose_option", lang))
    on = middle.date_input(t("adopted_on", lang), value=date.today(), max_value=date.today(),
                           format=date_format(lang),
                           key=f"adopt_on_{initiative.id}")
    slots = {"adopted_on": middle.empty(), "department": left.empty()}
    note = st.text_input(t("adoption_note", lang), key=f"adopt_note_{initiative.id}")
    if st.button(t("record_adoption", lang), type="primary", icon=":material/add_task:",
                 key=f"adopt_record_{initiative.id}") and succeeded(
        lambda: _record(actor, initiative.id, department, on, note), lang, slots,
    ):
        data.clear()
        flash(t("adoption_recorded", lang, department=department, id=initiative.id,
                on=formats.day(on, lang)))
