"""Organisation (administrators): the organisation, its departments, steering groups (chair,
members, addresses, meeting dates) and the address book (#13). Reads widgets, calls one use
case of portfolio/service/organisation.py, renders; the core authorises and audits."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

import pandas as pd
import streamlit as st
from pydantic import BaseModel, ValidationError

from dashboard.context import current_actor, database, language
from dashboard.feedback import attempt, flash, message
from dashboard.labels import t
from dashboard.safe_text import md
from portfolio import formats, texts
from portfolio.error_messages import render_error
from portfolio.input_errors import input_refusals
from portfolio.models import (
    Department,
    Organisation,
    OrganisationKind,
    Person,
    Role,
    SteeringGroup,
    User,
)
from portfolio.service.access import Permission, can
from portfolio.service.organisation import (
    OrganisationView,
    save_address,
    save_department,
    save_organisation,
    save_steering_group,
    view_organisation,
)
from portfolio.service.users import list_users
from portfolio.storage import Store

lang = language()
actor = current_actor()
st.title(t("word.organisation", lang))
if not can(actor, Permission.ADMIN_ORGANISATION):
    st.info(t("org_admin_only", lang))
    st.stop()



def _accounts() -> list[User]:
    with database().reading() as store:
        return list_users(store, actor)


def organisations() -> OrganisationView:
    with database().reading() as store:
        return view_organisation(store, actor)


view = attempt(organisations, lang)
if view is None:
    st.stop()


def built(model: type[BaseModel], slots: dict[str, Any], **fields: Any) -> Any:
    """The model, or None with each refusal shown next to its field."""
    try:
        return model(**fields)
    except ValidationError as exc:
        for refusal in input_refusals(exc):
            slot = slots.get((refusal.field or "").split(".")[0])
            (slot if slot is not None else st).error(md(message(refusal, lang)),
                                                     icon=":material/error:")
        return None


def saved(action: Callable[[Store], object], slots: dict[str, Any], done: str,
          *, emptied: Mapping[str, object] | None = None) -> None:
    """One save of this page, in a unit of work of its own (#16). Once saved, the fields
    `emptied` (key: its empty value; a form that adds a department, a new group or a
    person) start empty on the next run, for the next one; a refused save keeps what was
    typed."""

    def write() -> object:
        with database().transaction() as store:
            return action(store)

    if attempt(write, lang, slots) is not None:
        flash(done, emptied=emptied)


def dates_of(text: str, slot: Any) -> tuple[date, ...] | None:
    """Meeting dates typed as YYYY-MM-DD or DD-MM-YYYY, separated by commas or lines."""
    found = []
    for part in (p.strip() for p in text.replace("\n", ",").split(",")):
        if not part:
            continue
        try:
            found.append(date.fromisoformat(part) if part[4:5] == "-"
                         else date(int(part[6:10]), int(part[3:5]), int(part[0:2])))
        except ValueError:
            slot.error(t("org_bad_date", lang, value=md(part)), icon=":material/error:")
            return None
    return tuple(sorted(found))


for problem in view.problems:
    st.warning(md(render_error(problem.code, problem.params(), lang) or problem.code),
               icon=":material/warning:")

names = [o.name for o in view.organisations]
if not names and actor.organisation:
    st.info(t("org_none_yet", lang))
elif not names:  # a new instance: where a set-up begins
    st.info(t("org_start_here", lang), icon=":material/flag:")
chosen = (st.selectbox(t("word.organisation", lang), names, key="org_chosen",
                       placeholder=t("choose_option", lang)) if names else None)
groups = [g for g in view.steering_groups if g.organisation == chosen]
departments = [d for d in view.departments if d.organisation == chosen]
today = date.today()

org_tab, dep_tab, group_tab, people_tab = st.tabs([
    t("word.organisation", lang), t("word.departments", lang), t("org_groups", lang),
    t("org_people", lang)], key="org_tab", on_change="rerun")
# key + on_change: the chosen tab survives a rerun; without them every selectbox choice or
# save jumped back to the first tab, in the middle of setting up a steering group.

with org_tab:
    current = next((o for o in view.organisations if o.name == chosen), None)
    new = not actor.organisation and st.checkbox(t("org_new", lang), key="org_new")
    if current is not None or new:
        with st.form("org_form"):
            name = st.text_input(t("word.name", lang), value="" if new else current.name,
                                 disabled=not new, key="org_name")
            name_slot = st.empty()
            kinds = list(OrganisationKind)
            kind = st.selectbox(t("word.kind", lang), kinds,
                                index=0 if new else kinds.index(current.kind),
                                format_func=lambda k: t(f"org_kind_{k.value}", lang))
            cvr = st.text_input(t("org_cvr", lang), value="" if new else current.cvr,
                                help=t("org_cvr_help", lang), key="org_cvr")
            cvr_slot = st.empty()
            shares = st.checkbox(t("org_shares", lang), help=t("org_shares_help", lang),
                                 value=False if new else current.shares_lessons)
            if st.form_submit_button(t("org_save", lang), type="primary"):
                slots = {"name": name_slot, "cvr": cvr_slot}
                org = built(Organisation, slots, name=name, kind=kind, cvr=cvr.strip(),
                            shares_lessons=shares)
                if org is not None:
                    saved(lambda store: save_organisation(store, actor, org), slots,
                          t("org_saved", lang, name=md(org.name)))

with dep_tab:
    st.dataframe(pd.DataFrame([
        {t("word.department", lang): d.name,
         t("steering_group", lang): d.steering_group or t("org_no_group", lang)}
        for d in departments]), hide_index=True, placeholder="", width="stretch")
    if chosen:
        with st.form("department_form"):
            dep_name = st.text_input(t("word.department", lang), key="dep_name")
            dep_slot = st.empty()
            group_names = [g.name for g in groups]
            group = st.selectbox(t("steering_group", lang), group_names, key="dep_group",
                                 help=t("org_department_help", lang),
                                 placeholder=t("choose_option", lang))
            group_slot = st.empty()
            if st.form_submit_button(t("org_save_department", lang), type="primary"):
                slots = {"name": dep_slot, "steering_group": group_slot}
                dep = built(Department, slots, name=dep_name.strip(), organisation=chosen,
                            steering_group=group or "")
                if dep is not None:
                    saved(lambda store: save_department(store, actor, dep), slots,
                          t("org_department_saved", lang, name=md(dep.name)),
                          emptied={"dep_name": ""})

with group_tab:
    st.dataframe(pd.DataFrame([
        {t("steering_group", lang): g.name, t("org_chair", lang): g.chair,
         t("org_members", lang): ", ".join(g.members),
         t("org_addresses", lang): ", ".join(g.emails),
         t("org_next_meeting", lang): (formats.day(g.next_meeting(today), lang)
                                       if g.next_meeting(today) else "")}
        for g in groups]), hide_index=True, placeholder="", width="stretch")
    if chosen:
        existing = {g.name: g for g in groups}
        pick = st.selectbox(t("org_edit_group", lang), ["", *existing], key="group_pick",
                            format_func=lambda n: n or t("org_new_group", lang))
        before = existing.get(pick)
        accounts = attempt(_accounts, lang) or []
        members = sorted(u.username for u in accounts if u.role is Role.STEERING_MEMBER
                         and u.organisation in ("", chosen))
        people = [p.name for p in view.people if p.organisation == chosen]
        with st.form(f"group_form_{pick}"):
            group_name = st.text_input(t("steering_group", lang), key=f"group_name_{pick}",
                                       value=before.name if before else "",
                                       disabled=before is not None)
            name_slot = st.empty()
            chair = st.selectbox(t("org_chair", lang), ["", *people], key=f"chair_{pick}",
                                 index=(["", *people].index(before.chair)
                                        if before and before.chair in people else 0),
                                 placeholder=t("choose_option", lang))
            chair_slot = st.empty()
            seated = st.multiselect(t("org_members", lang), members, key=f"members_{pick}",
                                    default=[m for m in (before.members if before else ())
                                             if m in members],
                                    placeholder=t("choose_options", lang))
            members_slot = st.empty()
            emails = st.text_area(t("org_addresses", lang), key=f"emails_{pick}",
                                  value="\n".join(before.emails) if before else "",
                                  help=t("org_addresses_help", lang))
            emails_slot = st.empty()
            meetings = st.text_input(
                t("org_meetings", lang), key=f"meetings_{pick}", help=t("org_meetings_help", lang),
                value=", ".join(d.isoformat() for d in before.meeting_dates) if before else "")
            meetings_slot = st.empty()
            cadence = st.number_input(t("org_cadence", lang), min_value=0, max_value=52,
                                      value=(before.cadence_weeks or 0) if before else 0,
                                      key=f"cadence_{pick}")
            if st.form_submit_button(t("org_save_group", lang), type="primary"):
                slots = {"name": name_slot, "chair": chair_slot, "members": members_slot,
                         "emails": emails_slot, "meeting_dates": meetings_slot}
                dates = dates_of(meetings, meetings_slot)
                group_model = None if dates is None else built(
                    SteeringGroup, slots, organisation=chosen,
                    name=(before.name if before else group_name.strip()), chair=chair,
                    members=tuple(seated), meeting_dates=dates,
                    emails=tuple(e.strip() for e in emails.replace(",", "\n").splitlines()),
                    cadence_weeks=int(cadence) or None)
                if group_model is not None:
                    saved(lambda store: save_steering_group(store, actor, group_model), slots,
                          t("org_group_saved", lang, name=md(group_model.name)),
                          emptied=None if before else {
                              f"group_name_{pick}": "", f"chair_{pick}": "",
                              f"members_{pick}": [], f"emails_{pick}": "",
                              f"meetings_{pick}": "", f"cadence_{pick}": 0})

with people_tab:
    st.dataframe(pd.DataFrame([
        {t("word.name", lang): p.name, t("org_email", lang): p.email,
         t("word.language", lang): texts.text(f"language.{p.language}", lang),
         t("username", lang): p.username}
        for p in view.people if p.organisation in ("", chosen)]),
        hide_index=True, placeholder="", width="stretch")
    with st.form("person_form"):
        person_name = st.text_input(t("word.name", lang), key="person_name")
        person_slot = st.empty()
        email = st.text_input(t("org_email", lang), key="person_email")
        email_slot = st.empty()
        person_lang = st.selectbox(t("word.language", lang), ["da", "en"], key="person_lang",
                                   format_func=lambda code: texts.text(f"language.{code}", lang))
        account = st.text_input(t("username", lang), key="person_account",
                                help=t("org_person_account_help", lang))
        if st.form_submit_button(t("org_save_person", lang), type="primary"):
            slots = {"name": person_slot, "email": email_slot}
            # an entry is a person of this organisation (organisation + name, #13)
            person = built(Person, slots, name=person_name.strip(), email=email.strip(),
                           language=person_lang, username=account.strip(),
                           organisation=chosen or "")
            if person is not None:
                saved(lambda store: save_address(store, actor, person), slots,
                      t("org_person_saved", lang, name=md(person.name)),
                      emptied={"person_name": "", "person_email": "", "person_account": ""})
