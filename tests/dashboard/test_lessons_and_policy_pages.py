"""Lessons and spread ("has anyone tried this?") and the review-policy admin page."""

from __future__ import annotations

import pytest

from portfolio.models import Actor, Role, Technology
from portfolio.service.policy_admin import policy_overview
from tests.units import in_reading


def test_searching_finds_lessons_and_closed_initiatives_across_departments(app):
    at = app("lessons", params={"q": "robot"})
    lessons = "\n".join(m.value for m in at.markdown)
    assert "Robotplæneklippere i parker" in lessons
    assert "Spiserobot til borgere med nedsat armfunktion" in lessons
    shelf = at.dataframe[0].value
    assert dict(zip(shelf["ID"], shelf["Status"], strict=True)) == {
        "SA-06": "Closed", "TM-06": "Parked (not now)"}
    assert {"Teknik og Miljø", "Sundhed og Ældre"} == set(shelf["Department"])


def test_the_shelf_shows_parked_and_closed_initiatives_with_their_reasons(app):
    at = app("lessons")
    shelf = at.dataframe[0].value
    assert {"Parked (not now)", "Closed"} <= set(shelf["Status"])
    assert "Not now" in set(shelf["Reason for closing"])


def test_scaled_initiatives_show_departments_adopted_against_planned(app):
    at = app("lessons", lang="da")
    spread = at.dataframe[1].value
    row = spread[spread["ID"] == "SA-02"].iloc[0]
    assert row["Mangler"] == "Børn og Unge"
    assert 0 < row["Udbredelse"] < 1


def test_the_policy_preview_lists_recommendations_that_would_change(app):
    at = app("policy")
    at.number_input[0].set_value(20).run()
    assert "active initiatives would get another recommendation" in at.markdown[-1].value
    changes = at.dataframe[-1].value
    assert len(changes) > 0
    assert set(changes["With the new version"]) == {"Needs data"}


def test_activating_a_new_version_makes_it_the_active_policy(app, demo_db):
    at = app("policy")
    at.number_input[1].set_value(60)
    at.text_input(key="policy_description").set_value("Fresher evidence").run()
    at.button(key="activate").click().run()
    assert at.success[0].value == "Version 3 is active; the next evaluation uses it."
    active = in_reading(demo_db, policy_overview, Actor.operator()).active
    assert (active.version, active.evidence.max_age_days) == (3, 60)


def test_the_policy_page_compares_version_1_with_version_2(app):
    at = app("policy")
    # the flips themselves: tests/service/test_policy_versions.py (the bouncing KPI)
    assert at.selectbox(key="compare_from").value == ("default", 1)
    assert at.selectbox(key="compare_to").value == ("default", 2)
    assert any("would get another recommendation" in m.value for m in at.markdown)


def test_the_policy_page_is_not_offered_to_a_leader(app):
    leader = Actor(username="hanne.lund", role=Role.LEADER, departments=("Teknik og Miljø",))
    at = app("board", actor=leader)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("app_pages/policy.py")


def test_has_anyone_tried_this_can_be_asked_per_radar_technology(app, demo_db):
    at = app("lessons", params={"radar": "Velfærdsteknologi"}, lang="da")
    picked = at.selectbox(key="url_radar_Teknologi på KL's Teknologiradar")
    assert picked.value is not None and picked.value.name == "Velfærdsteknologi"
    assert "Softwarerobotter (RPA) (klar)" in picked.options
    with demo_db.reading() as store:
        welfare = {i.id for i in store.initiatives.all()
                   if i.technology is Technology.WELFARE_TECHNOLOGY}
    shelf = at.dataframe[0].value
    assert set(shelf["ID"]) == {"SA-06"} and "SA-06" in welfare  # not TM-06, a robot too
