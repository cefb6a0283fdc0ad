"""The steering review: the agenda (what is due and why), evidence side by side, decisions.

A decision stores a snapshot of the evidence and moves the stage (record_decision); an
override of the recommendation needs a rationale, closing and parking need a reason and
a lesson, and scaling names the departments it spreads to.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, timedelta

import pandas as pd
import streamlit as st

from dashboard import data
from dashboard.announce import announce
from dashboard.context import current_actor, database, language, settings
from dashboard.feedback import attempt, flash
from dashboard.labels import (
    agenda_cause,
    enum_label,
    light_badge,
    light_text,
    reason_code,
    recommendation,
    t,
    three_lights,
)
from dashboard.localised import localised
from dashboard.safe_text import md
from dashboard.tables import (
    LIGHT_NAMES,
    count,
    kpi_frame,
    spread_text,
    style_lights,
    then_now_frame,
)
from dashboard.widgets import date_format, url_select
from portfolio import formats, texts
from portfolio.models import Decision, DecisionKind, GroupKey
from portfolio.review.followup import then_and_now
from portfolio.service.access import Permission, can
from portfolio.service.decisions import REASON_CODES, record_decision
from portfolio.service.steering import SteeringItem

lang = language()
actor = current_actor()
db_path = str(settings().db)
today = date.today()
st.title(t("steering", lang))

groups = data.steering_groups(db_path, actor)
# A group is organisation + name (#13). The link keeps the name alone while it says which
# group; two visible groups of one name are told apart by their organisation.
shared_names = {g.name for g in groups if sum(h.name == g.name for h in groups) > 1}


def group_value(key: GroupKey) -> str:
    return key.path() if key.name in shared_names else key.name


def group_label(key: GroupKey) -> str:
    return key.label() if key.name in shared_names or len(
        {g.organisation for g in groups}) > 1 else key.name


asked = st.query_params.get("group")
# A link may name a group as "organisation/name" (the flows' artifacts do): that says which.
full = {g.path(): g for g in groups}
if asked in full:
    asked = st.query_params["group"] = group_value(full[asked])
group = url_select("group", t("steering_group", lang), groups, group_label,
                   value_of=group_value, empty=t("all_groups", lang))
# Bounded (#7): every group's agenda is tens of thousands of items at national scale.
view = data.agenda(db_path, actor, today, group, rows=settings().steering_agenda_rows)
items = view.items
if asked and asked not in {group_value(g) for g in groups}:
    # A steering member reads only their own group's agenda (#13), checked in the core; a
    # link to another group's says so rather than silently showing another agenda.
    st.info(t("not_your_group_agenda", lang, group=md(asked)))


def safe_name(name: str) -> str:
    """A group's name as a file name: letters, digits and dashes."""
    return re.sub(r"[^\w-]+", "-", name).strip("-") or "group"


def file_name(key: GroupKey) -> str:
    """A pack's name: the group's, with its organisation when a name is shared."""
    return f"{key.organisation}-{key.name}" if key.name in shared_names else key.name


# The pack of the group chosen, or of the only group she may see (a steering member's own):
# one PDF, not a ZIP holding one.
packed = group or (groups[0] if len(groups) == 1 else None)


def meeting_pack() -> bytes:
    """Rendered only when clicked: WeasyPrint and the charts take a few seconds."""
    from portfolio.reports.documents import agenda_pdf

    return agenda_pdf(database(), actor, packed, lang) if packed else b""


def every_pack() -> bytes:
    """One PDF per steering group in a ZIP, for a secretariat that serves them all (#19)."""
    from portfolio.reports.documents import agenda_pdf

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for key in groups:
            archive.writestr(f"agenda-{safe_name(file_name(key))}-{today.isoformat()}.pdf",
                             agenda_pdf(database(), actor, key, lang))
    return buffer.getvalue()


if packed:
    st.download_button(
        t("download_pack", lang),
        data=meeting_pack,
        file_name=f"agenda-{safe_name(file_name(packed))}-{today.isoformat()}.pdf",
        mime="application/pdf",
        icon=":material/picture_as_pdf:",
    )
elif groups:
    # Laid out on click, one pack after another: more groups than the browser would wait
    # for (a national operator sees every organisation's) are offered one at a time.
    most = settings().packs_per_zip
    st.download_button(
        texts.counted("page.download_all_packs", len(groups), lang),
        data=every_pack,
        file_name=f"agendas-{today.isoformat()}.zip",
        mime="application/zip",
        icon=":material/folder_zip:",
        key="download_all_packs",
        disabled=len(groups) > most,
        help=t("packs_too_many", lang, limit=count(most, lang)) if len(groups) > most
        else None,
    )

st.subheader(t("agenda", lang))
if not items and not groups:  # a new organisation: say where the groups come from
    st.info(t("no_steering_groups_yet", lang), icon=":material/account_tree:")
    st.stop()
if not items:
    st.success(t("nothing_due", lang), icon=":material/celebration:")
    st.stop()
if len(items) < view.total:
    st.caption(t("agenda_capped", lang, shown=count(len(items), lang),
                 total=count(view.total, lang)))


def why(item: SteeringItem) -> str:
    return "; ".join(agenda_cause(w.cause, w.params, lang) for w in item.why)


st.dataframe(
    style_lights(localised(pd.DataFrame([
        {t("light", lang): light_text(i.evaluation.light if i.evaluation else None, lang),
         **{t(f"word.{name}", lang): light_text(
             i.evaluation.lights[name] if i.evaluation else None, lang)
            for name in LIGHT_NAMES},
         t("id", lang): i.initiative.id, t("title", lang): i.initiative.title,
         t("word.why", lang): why(i),
         t("word.recommendation", lang): recommendation(
             i.evaluation.recommendation if i.evaluation else None, lang),
         t("word.department", lang): i.initiative.department,
         t("word.stage", lang): enum_label(i.initiative.stage, lang)}
        for i in items]), lang), lang),
    hide_index=True, placeholder="", width="stretch",
    # Every column in view at 1400 px (#19): the reasons wrap into the widest one.
    column_config={t("light", lang): st.column_config.Column(width=70),
                   t("id", lang): st.column_config.Column(width=60),
                   t("title", lang): st.column_config.Column(width=190),
                   t("word.why", lang): st.column_config.Column(width=290),
                   t("word.recommendation", lang): st.column_config.Column(width=95),
                   t("word.department", lang): st.column_config.Column(width=130),
                   t("word.stage", lang): st.column_config.Column(width=95)},
)

by_id = {i.initiative.id: i for i in items}
st.subheader(t("side_by_side", lang))
compared = st.multiselect(t("compare", lang), list(by_id), default=list(by_id)[:2],
                          max_selections=4, key="compare",
                          format_func=lambda i: f"{i} — {by_id[i].initiative.title}")
# The compared cards share the full width (#19): side by side, each as wide as it can be.
for card, item_id in zip(st.columns(max(len(compared), 1), gap="medium"), compared,
                         strict=False):
    item = by_id[item_id]
    with card, st.container(border=True):
        st.markdown(f"**{md(item.initiative.id)} — {md(item.initiative.title)}**")
        st.caption(md(why(item)))
        ev = item.evaluation
        if ev is None:
            st.info(t("word.not_evaluated", lang))
            continue
        st.markdown(f"**{recommendation(ev.recommendation, lang)}** · "
                    f"{light_badge(ev.light, lang)}"
                    + (f" · {formats.share(ev.score, lang)}" if ev.score is not None
                       else ""))
        st.markdown(three_lights(ev.lights, lang))
        decisions = (item.last_decision,) if item.last_decision else ()
        scaled = then_and_now(item.initiative, decisions, ev)
        if scaled is not None and any(w.cause.startswith("follow_up") for w in item.why):
            st.markdown(f"**{t('word.then_and_now', lang)}**")
            st.table(localised(then_now_frame(scaled, lang), lang).hide())
            st.caption(md(spread_text(scaled, lang)))
        st.markdown("\n".join(f"- {r.render(lang, md)}" for r in ev.reasons))
        # A static table: a card is narrow, and a grid would clip its headers (#19).
        st.table(localised(kpi_frame(ev.kpis, lang, compact=True), lang).hide())

st.subheader(t("decide", lang))
decidable = [i for i in by_id if can(actor, Permission.DECIDE, by_id[i].initiative.department)]
if not decidable:
    # The real reason (#19): a member of another steering group may decide, only not here.
    if can(actor, Permission.DECIDE):
        st.info(t("not_your_group", lang, group=md(group_label(group))) if group
                else t("none_of_your_group", lang))
    else:
        st.info(t("read_only", lang))
    st.stop()
target = st.selectbox(t("word.initiative", lang), decidable, key="decide_on",
                      format_func=lambda i: f"{i} — {by_id[i].initiative.title}")
item = by_id[target]
recommended = item.evaluation.recommendation if item.evaluation else None
kinds = list(DecisionKind)
kind = st.radio(
    t("word.decision", lang), kinds, horizontal=True, key=f"kind_{target}",
    index=kinds.index(DecisionKind(recommended.value))
    if recommended and recommended.value in DecisionKind.__members__ else 1,
    format_func=lambda k: enum_label(k, lang),
)
if recommended and kind.value != recommended.value:
    st.info(t("override_note", lang, rec=recommendation(recommended, lang)))
slots = {}
rationale = st.text_area(t("word.rationale", lang), key=f"rationale_{target}",
                         help=t("rationale_help", lang, rec=recommendation(recommended, lang)))
slots["rationale"] = st.empty()
closing = kind in (DecisionKind.CLOSE, DecisionKind.PARK)
left, right = st.columns(2)
next_review = left.date_input(
    t("revisit_on" if kind is DecisionKind.PARK else "next_review_on", lang),
    value=None if closing else today + timedelta(days=90), min_value=today + timedelta(days=1),
    key=f"next_{target}_{kind.value}", format=date_format(lang),
) if kind is not DecisionKind.CLOSE else None
slots["next_review_on"] = left.empty()
code = None
lesson = ""
spread: list[str] = []
if closing:
    codes = list(REASON_CODES)
    code = right.selectbox(t("word.reason_for_closing", lang), codes, key=f"code_{target}",
                           index=codes.index("not_now") if kind is DecisionKind.PARK else 0,
                           format_func=lambda c: reason_code(c, lang))
    slots["reason_code"] = right.empty()
    lesson = st.text_area(t("word.lesson", lang), key=f"lesson_{target}",
                          placeholder=t("lesson_help", lang))
    slots["lesson"] = st.empty()
elif kind is DecisionKind.SCALE:
    departments = [d.name for d in data.departments(db_path, actor)]
    spread = right.multiselect(t("spread_to", lang), departments, key=f"spread_{target}",
                               default=list(item.initiative.planned_departments))
    slots["spread_to"] = right.empty()

if st.button(t("record_decision", lang), type="primary", key=f"record_{target}",
             icon=":material/gavel:"):
    decision = Decision(
        initiative_id=target, kind=kind, decided_by=actor.username, decided_on=today,
        rationale=rationale, next_review_on=next_review, reason_code=code,
        spread_to=tuple(spread),
    )

    def decide() -> Decision:
        with database().transaction() as store:
            return record_decision(store, actor, decision, lesson=lesson)

    stored = attempt(decide, lang, slots)
    if stored is not None:
        announce(database(), actor, stored)
        data.clear()
        after = data.initiative(db_path, actor, target).initiative
        flash(t("decision_recorded", lang, kind=enum_label(kind, lang), id=md(target),
                stage=enum_label(after.stage, lang)))
