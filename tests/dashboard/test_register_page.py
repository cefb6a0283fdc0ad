"""Registering and editing an initiative through the guided form."""

from __future__ import annotations

from portfolio.models import Actor, KpiKind, Role, Stage
from portfolio.service.queries import initiative_detail, initiative_index
from tests.units import in_reading

OPERATOR = Actor.operator()


def fill_new(at, *, stage: Stage = Stage.IDEA, review: bool = True, kpi: bool = True):
    at.text_input(key="new_id").set_value("NEW-1")
    at.text_input(key="new_title").set_value("Robotstøvsugere på plejecentre")
    at.selectbox(key="new_department").set_value("Sundhed og Ældre")
    at.selectbox(key="new_stage").set_value(stage)
    at.text_area(key="new_cause").set_value("robotstøvsugere i fællesarealer")
    at.text_area(key="new_effect").set_value("mere tid til beboerne")
    at.text_area(key="new_measure").set_value("frigjorte timer")
    if review:
        at.date_input(key="new_review_on").set_value("2030-01-31")
    if kpi:
        at.text_input(key="new_kpi0_name").set_value("frigjorte timer")
        at.text_input(key="new_kpi0_unit").set_value("timer/uge")
        at.text_input(key="new_kpi0_baseline").set_value("0")
        at.text_input(key="new_kpi0_target").set_value("20")
    return at


def test_registering_an_experiment_with_a_kpi_saves_it_with_the_danish_hypothesis(app, demo_db):
    at = fill_new(app("register", lang="da"), stage=Stage.EXPERIMENT)
    at.button(key="new_save").click().run()
    assert not at.error, [e.value for e in at.error]
    assert "NEW-1 er gemt." in [s.value for s in at.success]
    detail = in_reading(demo_db, initiative_detail, OPERATOR, "NEW-1")
    assert detail.initiative.stage is Stage.EXPERIMENT
    assert detail.initiative.hypothesis == ("Vi tror at robotstøvsugere i fællesarealer vil føre "
                                            "til mere tid til beboerne målt ved frigjorte timer.")
    assert [(k.name, k.baseline, k.target, k.kind) for k in detail.kpis] == [
        ("frigjorte timer", 0.0, 20.0, KpiKind.BENEFIT)]


def test_a_missing_title_is_reported_next_to_the_field_and_nothing_is_saved(app, demo_db):
    at = fill_new(app("register"))
    at.text_input(key="new_title").set_value("")
    at.button(key="new_save").click().run()
    assert [e.value for e in at.error] == ["Required."]
    assert "NEW-1" not in in_reading(demo_db, initiative_index, OPERATOR)


def test_an_experiment_without_baseline_and_review_date_is_refused_saying_what_is_missing(app):
    at = fill_new(app("register"), stage=Stage.EXPERIMENT, review=False, kpi=False)
    at.button(key="new_save").click().run()
    assert [e.value for e in at.error] == [
        "Cannot be an experiment yet; missing: a benefit KPI with baseline and target and a "
        "review date."]


def test_the_refusal_is_in_danish_for_a_danish_user(app):
    at = fill_new(app("register", lang="da"), stage=Stage.EXPERIMENT, review=False)
    at.button(key="new_save").click().run()
    assert [e.value for e in at.error] == [
        "Kan endnu ikke være et eksperiment; mangler: en reviewdato."]


def test_editing_an_initiative_changes_it_and_keeps_its_kpis(app, demo_db):
    at = app("register", params={"id": "SB-03"})
    at.text_input(key="SB-03_owner").set_value("Ny ejer")
    at.button(key="SB-03_save").click().run()
    assert not at.error
    detail = in_reading(demo_db, initiative_detail, OPERATOR, "SB-03")
    assert detail.initiative.owner == "Ny ejer"
    assert len(detail.kpis) == 4
    assert detail.audit[0].action == "update"


def test_a_leader_can_only_register_in_own_departments(app):
    leader = Actor(username="hanne.lund", role=Role.LEADER,
                   departments=("Økonomi og Digitalisering", "Teknik og Miljø"))
    at = app("register", actor=leader)
    assert at.selectbox(key="new_department").options == [
        "Teknik og Miljø", "Økonomi og Digitalisering"]
