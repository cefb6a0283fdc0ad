"""Users (admin): accounts, roles and scope, one-time passwords, key employees on
initiatives, and the audit log as CSV. Offered only to administrators; the core refuses
everyone else whatever this page shows."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from dashboard import data
from dashboard.context import current_actor, database, language, settings
from dashboard.feedback import attempt, empty_on_next_run, flash, message
from dashboard.labels import enum_label, field_label, t
from dashboard.safe_text import md
from dashboard.widgets import initiative_picker
from portfolio import texts
from portfolio.input_errors import input_refusals
from portfolio.models import Role, User
from portfolio.service.access import Permission, can
from portfolio.service.audit_log import audit_csv
from portfolio.service.users import (
    Issued,
    add_user,
    assign_contributor,
    list_users,
    reset_password,
    update_user,
)

ISSUED = "users_issued"
lang = language()
actor = current_actor()
db_path = str(settings().db)
st.title(t("users_title", lang))
if not can(actor, Permission.ADMIN_USERS):
    st.info(t("users_admin_only", lang))
    st.stop()

if issued := st.session_state.pop(ISSUED, None):
    st.success(t("one_time_password", lang, user=md(issued[0])), icon=":material/key:")
    st.code(issued[1], language=None)


T = TypeVar("T")


def accounts() -> list[User]:
    with database().reading() as store:
        return list_users(store, actor)


def written(use_case: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
    """One change of this page, in a unit of work of its own (#16); refused: why."""

    def write() -> T:
        with database().transaction() as store:
            return use_case(store, actor, *args, **kwargs)

    return attempt(write, lang)


users = attempt(accounts, lang) or []
departments = [d.name for d in data.departments(db_path, actor)]
# An account's group is named within the account's organisation (#13).
groups = sorted({g.name for g in data.steering_groups(db_path, actor)})
st.dataframe(pd.DataFrame([
    {t("username", lang): u.username, t("word.name", lang): u.display_name,
     t("role", lang): enum_label(u.role, lang),
     t("word.departments", lang): ", ".join(u.departments),
     t("steering_group", lang): u.steering_group,
     t("account_active", lang): u.active, t("must_change", lang): u.must_change_password}
    for u in users]), hide_index=True, placeholder="", width="stretch")


def show_once(result: Issued | None, *, emptied: dict[str, object] | None = None) -> None:
    """The one-time password of `result` on the next run, and only then; the fields
    `emptied` start empty on it (the form that added the account)."""
    if result is not None:
        st.session_state[ISSUED] = (result.user.username, result.password)
        empty_on_next_run(emptied or {})
        st.rerun()


def account_fields(before: User | None, key: str) -> dict[str, object]:
    """The fields of an account, prefilled from `before`."""
    roles = list(Role)
    return {
        "display_name": st.text_input(t("word.name", lang), key=f"{key}_name",
                                      value=before.display_name if before else ""),
        "role": st.selectbox(t("role", lang), roles, key=f"{key}_role",
                             index=roles.index(before.role) if before else 0,
                             format_func=lambda r: enum_label(r, lang)),
        "departments": tuple(st.multiselect(
            t("word.departments", lang), departments, key=f"{key}_departments",
            # None, not []: a new account's fields may be emptied through session state
            default=[d for d in before.departments if d in departments] if before else None,
            placeholder=t("choose_options", lang))),
        "steering_group": st.selectbox(
            t("steering_group_of", lang), ["", *groups], key=f"{key}_group",
            index=(["", *groups].index(before.steering_group)
                   if before and before.steering_group in groups else 0),
            format_func=lambda g: g or t("no_steering_group", lang)),
        "language": st.selectbox(t("word.language", lang), ["da", "en"], key=f"{key}_language",
                                 index=1 if before and before.language == "en" else 0,
                                 format_func=lambda code: texts.text(f"language.{code}", lang)),
    }


add_tab, edit_tab, assign_tab, audit_tab = st.tabs(
    [t("add_user", lang), t("edit_user", lang), t("assign_title", lang), t("audit_log", lang)])

with add_tab, st.form("add_user"):
    username = st.text_input(t("username", lang), key="new_username")
    fields = account_fields(None, "new")
    if st.form_submit_button(t("add", lang), type="primary"):
        try:
            new_user = User.model_validate({"username": username.strip(), **fields})
        except ValidationError as exc:
            new_user = None
            refusal = input_refusals(exc)[0]
            st.error(md(f"{field_label(refusal.field, lang)}: {message(refusal, lang)}"),
                     icon=":material/error:")
        if new_user is not None:
            show_once(written(add_user, new_user), emptied={
                "new_username": "", "new_name": "", "new_role": Role.VIEWER,
                "new_departments": [], "new_group": "", "new_language": "da"})

with edit_tab:
    by_name = {u.username: u for u in users}
    chosen = st.selectbox(t("choose_user", lang), list(by_name), key="edit_user",
                          placeholder=t("choose_option", lang))
    if chosen:
        before = by_name[chosen]
        with st.form(f"edit_{chosen}"):
            fields = account_fields(before, f"edit_{chosen}")
            active = st.checkbox(t("account_active", lang), value=before.active,
                                 key=f"active_{chosen}")
            if st.form_submit_button(t("save_user", lang), type="primary"):
                changed = before.model_copy(update={**fields, "active": active})
                if written(update_user, changed):
                    flash(t("user_saved", lang, user=md(chosen)))
        if st.button(t("reset_password", lang), key=f"reset_{chosen}", icon=":material/key:"):
            show_once(written(reset_password, chosen))

with assign_tab:
    key_employees = [u.username for u in users if u.role is Role.KEY_EMPLOYEE and u.active]
    what = initiative_picker(data.initiative_index(db_path, actor), t("word.initiative", lang),
                             lang, departments=departments, name="initiative")
    with st.form("assign"):
        who = st.selectbox(t("choose_user", lang), key_employees, key="assign_user",
                           placeholder=t("choose_option", lang))
        left, right = st.columns(2)
        add = left.form_submit_button(t("assign", lang), type="primary")
        remove = right.form_submit_button(t("word.remove", lang))
    if (add or remove) and who and what:
        changed = written(assign_contributor, what, who, assigned=add)
        if changed is not None:
            data.clear()
            flash(t("saved", lang))

with audit_tab:
    if can(actor, Permission.AUDIT) and st.button(t("prepare_export", lang), key="audit_prep"):
        text = attempt(lambda: audit_csv(database(), actor), lang)
        if text is not None:
            st.download_button(t("audit_export", lang), text.encode("utf-8-sig"),
                               file_name=f"audit-{date.today().isoformat()}.csv",
                               mime="text/csv", key="audit_download",
                               icon=":material/download:")
