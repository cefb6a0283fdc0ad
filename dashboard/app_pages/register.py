"""Register or edit an initiative: a guided form, its decision rule (KPIs, review), validation.

Messages appear next to the field they are about. The core refuses what this page lets
through by mistake (save_initiative: "no baseline, no experiment").
"""

from __future__ import annotations

from typing import Any

import streamlit as st
from pydantic import ValidationError

from dashboard import data
from dashboard.context import current_actor, database, language, settings
from dashboard.feedback import attempt, message
from dashboard.hypothesis import compose, split
from dashboard.labels import enum_label, field_label, missing_rule, radar_ring, t
from dashboard.number_field import Typed, number_field, show_problem
from dashboard.safe_text import defused, md
from dashboard.widgets import date_format, initiative_picker
from portfolio.initiative_ids import suggest_id
from portfolio.input_errors import input_refusals
from portfolio.models import Direction, FocusArea, Initiative, Kpi, KpiKind, Stage, Technology
from portfolio.service.access import Permission, can
from portfolio.service.initiatives import missing_decision_rule, save_initiative
from portfolio.service.radar import radar_technologies

lang = language()
actor = current_actor()
db_path = str(settings().db)
st.title(t("register_title", lang))

editable = [d.name for d in data.departments(db_path, actor)
            if can(actor, Permission.EDIT_INITIATIVE, d.name)]
if not editable and not can(actor, Permission.EDIT_INITIATIVE, None):
    st.info(t("no_editable_departments", lang))
    st.stop()
if not editable:  # a new organisation: an initiative belongs to a department made first
    st.info(t("no_departments_yet", lang), icon=":material/account_tree:")
    st.stop()

index = data.initiative_index(db_path, actor)
chosen = initiative_picker(index, t("which", lang), lang, departments=editable,
                           within=set(editable), empty=t("new_initiative", lang))
detail = data.initiative(db_path, actor, chosen) if chosen else None
before = detail.initiative if detail else None
kpis_before = detail.kpis if detail else ()
key = chosen or "new"
slots: dict[str, st.delta_generator.DeltaGenerator] = {}


def enum_select(label: str, options: list[Any], current: object, name: str) -> Any:
    return st.selectbox(t(label, lang), options, key=f"{key}_{name}",
                        index=options.index(current) if current in options else 0,
                        format_func=lambda o: enum_label(o, lang))


st.subheader(t("basics", lang))
left, right = st.columns(2)
with left:
    # A new initiative's id is suggested from the department chosen (on the previous run)
    # and used when the field is left empty (#19).
    chosen_department = st.session_state.get(f"{key}_department") or (editable or [""])[0]
    suggestion = "" if before else suggest_id(
        chosen_department, index.rows.index[index.rows["department"] == chosen_department],
        set(index.rows.index))
    ini_id = st.text_input(t("id", lang), value=before.id if before else "",
                           disabled=before is not None, key=f"{key}_id", max_chars=64,
                           placeholder=suggestion,
                           help=None if before else t("id_suggested", lang, id=suggestion))
    ini_id = ini_id.strip() or suggestion
    slots["id"] = st.empty()
    department = st.selectbox(
        t("word.department", lang), editable, key=f"{key}_department",
        index=editable.index(before.department) if before and before.department in editable
        else 0)
    slots["department"] = st.empty()
    stage = enum_select("word.stage", list(Stage), before.stage if before else Stage.IDEA, "stage")
    slots["stage"] = st.empty()
    focus = enum_select("focus_area", [None, *FocusArea], before.focus_area if before else None,
                        "focus")
with right:
    title = st.text_input(t("title", lang), value=before.title if before else "",
                          key=f"{key}_title", max_chars=300)
    slots["title"] = st.empty()
    owner = st.text_input(t("word.owner", lang), value=before.owner if before else "",
                          key=f"{key}_owner")
    technology = enum_select("word.technology", [None, *Technology],
                             before.technology if before else None, "technology")
    core_task = st.text_input(t("word.core_task", lang), value=before.core_task if before else "",
                              key=f"{key}_core_task")
    # Classed with a technology on KL's Teknologiradar directly (#18); one kept from an
    # older radar edition stays choosable.
    with database().reading() as store:
        _, radar = radar_technologies(store, actor)
    rings = {r.name: radar_ring(r.ring, lang) for r in radar}
    current_radar = before.radar_technology if before else None
    radar_names = [None, *rings, *([current_radar] if current_radar
                                   and current_radar not in rings else [])]
    radar_choice = st.selectbox(
        t("radar_technology", lang), radar_names, key=f"{key}_radar",
        index=radar_names.index(current_radar), help=t("radar_classing_help", lang),
        format_func=lambda n: t("none_value", lang) if n is None
        else f"{n} ({rings[n]})" if n in rings else n)
    slots["radar_technology"] = st.empty()

st.markdown(f"**{t('word.hypothesis', lang)}** — {t('hypothesis_intro', lang)}")
cause, effect, measure = split(before.hypothesis) if before else ("", "", "")
a, b, c = st.columns(3)
cause = a.text_area(t("we_believe", lang), value=cause, key=f"{key}_cause", height=80)
effect = b.text_area(t("will_lead_to", lang), value=effect, key=f"{key}_effect", height=80)
measure = c.text_area(t("measured_by", lang), value=measure, key=f"{key}_measure", height=80)
hypothesis = compose(cause, effect, measure, lang)
if hypothesis:
    st.caption(f"“{md(hypothesis)}”")
slots["hypothesis"] = st.empty()

st.subheader(t("decision_rule", lang))
st.caption(t("decision_rule_help", lang))
d1, d2, d3, d4 = st.columns(4)
started_on = d1.date_input(t("started_on", lang), value=before.started_on if before else None,
                           key=f"{key}_started_on", format=date_format(lang))
review_on = d2.date_input(t("word.review_date", lang), value=before.review_on if before else None,
                          key=f"{key}_review_on", format=date_format(lang))
slots["review_on"] = d2.empty()
typed = {
    "budget": number_field(d3, t("budget", lang), before.budget_dkk if before else 0.0, lang,
                           key=f"{key}_budget", decimals=0, min_value=0.0),
    "spent": number_field(d4, t("spent", lang), before.spent_dkk if before else 0.0, lang,
                          key=f"{key}_spent", decimals=0, min_value=0.0),
}
slots["budget_dkk"], slots["spent_dkk"] = d3.empty(), d4.empty()

count_key = f"{key}_kpi_count"
st.session_state.setdefault(count_key, max(1, len(kpis_before)))
kpi_values = []
for n in range(st.session_state[count_key]):
    old = kpis_before[n] if n < len(kpis_before) else None
    with st.container(border=True):
        st.markdown(f"**{t('kpi_n', lang, n=n + 1)}**")
        r1 = st.columns([3, 1, 1, 1])
        name = r1[0].text_input(t("word.name", lang), value=old.name if old else "",
                                key=f"{key}_kpi{n}_name", disabled=old is not None)
        unit = r1[1].text_input(t("unit", lang), value=old.unit if old else "",
                                key=f"{key}_kpi{n}_unit")
        kind = r1[2].selectbox(t("word.kind", lang), list(KpiKind), key=f"{key}_kpi{n}_kind",
                               index=list(KpiKind).index(old.kind) if old else 0,
                               format_func=lambda o: enum_label(o, lang))
        direction = r1[3].selectbox(
            t("direction", lang), list(Direction), key=f"{key}_kpi{n}_direction",
            index=list(Direction).index(old.direction) if old else 0,
            format_func=lambda o: enum_label(o, lang))
        r2 = st.columns([1, 1, 1, 2])
        baseline = number_field(r2[0], t("word.baseline", lang), old.baseline if old else None,
                                lang, key=f"{key}_kpi{n}_baseline", decimals=6)
        target = number_field(r2[1], t("word.target", lang), old.target if old else None, lang,
                              key=f"{key}_kpi{n}_target", decimals=6)
        weight = number_field(r2[2], t("weight", lang), old.weight if old else 1.0, lang,
                              key=f"{key}_kpi{n}_weight", min_value=0.0)
        cashable = r2[3].checkbox(t("cashable", lang), value=old.cashable if old else False,
                                  key=f"{key}_kpi{n}_cashable")
        slots[f"kpi{n}"] = st.empty()
    kpi_values.append(dict(name=name, unit=unit, kind=kind, direction=direction,
                           baseline=baseline, target=target, weight=weight, cashable=cashable))
if st.button(t("add_kpi", lang), icon=":material/add:", key=f"{key}_add_kpi"):
    st.session_state[count_key] += 1
    st.rerun()


def build() -> tuple[Initiative, list[Kpi]] | None:
    """The models from the widgets; False-y fields get a message next to them."""
    ok = True
    for field, value in (("id", ini_id), ("title", title)):
        if not value.strip():
            slots[field].error(t("error.input.missing", lang))
            ok = False
    if before is None and ini_id.strip() in index:
        slots["id"].error(t("id_taken", lang))
        ok = False
    for field, value in typed.items():
        if show_problem(slots[f"{field}_dkk"], value):
            ok = False
    kpis = []
    for n, fields in enumerate(kpi_values):
        if not fields["name"].strip():
            continue
        problems = [f"{field_label(name, lang)}: {fields[name].problem}"
                    for name in ("baseline", "target", "weight") if fields[name].problem]
        if problems:
            slots[f"kpi{n}"].error("; ".join(problems))
            ok = False
            continue
        values = {k: v.value if isinstance(v, Typed) else v for k, v in fields.items()}
        values["weight"] = 1.0 if values["weight"] is None else values["weight"]
        if values["baseline"] is None or values["target"] is None:
            slots[f"kpi{n}"].error(f"{t('word.baseline', lang)} / {t('word.target', lang)}: "
                                   f"{t('error.input.missing', lang)}")
            ok = False
            continue
        try:
            kpis.append(Kpi(initiative_id=ini_id.strip() or "-", **values))
        except ValidationError as exc:
            slots[f"kpi{n}"].error(defused("; ".join(
                f"{field_label(r.field, lang)}: "
                f"{message(r, lang)}" for r in input_refusals(exc))))
            ok = False
    if not ok:
        return None
    try:
        initiative = Initiative(
            id=ini_id, title=title, department=department, owner=owner, stage=stage,
            started_on=started_on, review_on=review_on,
            budget_dkk=typed["budget"].value or 0.0, spent_dkk=typed["spent"].value or 0.0,
            focus_area=focus, technology=technology, core_task=core_task,
            hypothesis=hypothesis, radar_technology=radar_choice,
            **({k: getattr(before, k) for k in ("tags", "planned_departments",
                                                 "adopted_departments")} if before else {}),
        )
    except ValidationError as exc:
        for refusal in input_refusals(exc):
            slot = slots.get(refusal.field or "")
            text = defused(message(refusal, lang))
            if slot is not None:
                slot.error(text)
            else:
                st.error(f"{field_label(refusal.field, lang)}: {text}")
        return None
    entering = stage is Stage.EXPERIMENT and (before is None or before.stage is not stage)
    if entering and (missing := missing_decision_rule(initiative, kpis)):
        slots["stage"].error(t("missing_for_experiment", lang, missing=missing_rule(missing, lang)))
        return None
    return initiative, kpis


if st.button(t("save", lang), type="primary", key=f"{key}_save", icon=":material/save:"):
    built = build()
    if built is not None:
        initiative, kpis = built

        def save() -> Initiative:
            with database().transaction() as store:
                return save_initiative(store, actor, initiative, kpis)

        saved = attempt(save, lang, slots)
        if saved is not None:
            data.clear()
            st.success(t("saved_initiative", lang, id=saved.id))
            st.page_link("app_pages/initiative.py", label=t("go_to_initiative", lang),
                         icon=":material/description:", query_params={"id": saved.id})
