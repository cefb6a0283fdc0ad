"""Recording and withdrawing adoptions on the lessons and spread page."""

from __future__ import annotations

from datetime import date

from portfolio import formats
from portfolio.models import Actor, Role
from portfolio.service.adoption import adoptions_of
from tests.units import in_reading

CHILDREN, CULTURE = "Børn og Unge", "Kultur og Borgerservice"


def spread_row(at, initiative_id: str, column: str) -> object:
    spread = at.dataframe[1].value
    return spread[spread["ID"] == initiative_id].iloc[0][column]


def test_recording_an_adoption_shows_in_the_spread_at_once(app, demo_db):
    at = app("lessons")
    at.selectbox(key="adopt_initiative").set_value("TM-01").run()
    at.selectbox(key="adopt_department_TM-01").set_value(CHILDREN)
    at.text_input(key="adopt_note_TM-01").set_value("Alle skoler")
    at.button(key="adopt_record_TM-01").click().run()

    assert at.success[0].value == f"{CHILDREN} adopted TM-01 on {formats.day(date.today(), 'en')}."
    assert spread_row(at, "TM-01", "Still to adopt") == ""
    (_, stored) = in_reading(demo_db, adoptions_of, Actor.operator(), "TM-01")
    assert (stored.department, stored.note, stored.recorded_by) == (
        CHILDREN, "Alle skoler", "dashboard")  # the local user when sign-in is off


def test_withdrawing_a_mistaken_adoption_takes_it_out_of_the_spread(app, demo_db):
    at = app("lessons")
    at.selectbox(key="adopt_initiative").set_value("TM-01").run()
    at.button(key=f"withdraw_TM-01_{CULTURE}").click().run()

    assert at.success[0].value == f"Withdrew the adoption of TM-01 by {CULTURE}."
    assert CULTURE in spread_row(at, "TM-01", "Still to adopt")
    assert in_reading(demo_db, adoptions_of, Actor.operator(), "TM-01") == ()


def test_the_form_offers_only_departments_that_have_not_adopted_it_yet(app):
    at = app("lessons")
    at.selectbox(key="adopt_initiative").set_value("TM-01").run()

    offered = at.selectbox(key="adopt_department_TM-01").options
    assert CHILDREN in offered
    assert CULTURE not in offered and "Teknik og Miljø" not in offered  # adopted; the owner


def test_a_leader_records_only_their_own_department_adopting_others_initiatives(app):
    leader = Actor(username="bo", role=Role.LEADER, departments=(CHILDREN,))
    at = app("lessons", actor=leader)

    initiatives = at.selectbox(key="adopt_initiative").options
    assert any(o.startswith("TM-01") for o in initiatives)
    assert not any(o.startswith("BU-") for o in initiatives)  # their own department's
    at.selectbox(key="adopt_initiative").set_value("TM-01").run()
    assert at.selectbox(key="adopt_department_TM-01").options == [CHILDREN]
    assert not [b for b in at.button if b.key.startswith("withdraw_")]  # Culture's entry


def test_a_viewer_sees_the_spread_but_no_form(app):
    at = app("lessons", actor=Actor(username="viv", role=Role.VIEWER))

    assert len(at.dataframe) == 2
    assert not [s for s in at.selectbox if s.key == "adopt_initiative"]
    assert "Record an adoption" not in [h.value for h in at.subheader]


def test_the_form_speaks_danish(app):
    at = app("lessons", lang="da")

    assert "Registrér udbredelse" in [h.value for h in at.subheader]
    assert at.selectbox(key="adopt_initiative").label == "Skaleret initiativ"
