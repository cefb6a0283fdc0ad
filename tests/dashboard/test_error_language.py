"""A refusal from the core reads in the user's language: the same facts, Danish or English.

The pages hide what a user may not do, judged on data read afresh at every page run (#17):
a right taken away while a form is open shows at the form's next run, in the user's words.
"""

from __future__ import annotations

import pytest

from portfolio.models import Actor, DecisionKind, Role, User
from portfolio.service.queries import initiative_detail
from portfolio.service.users import add_user, assign_contributor
from tests.units import in_reading, in_transaction

OPERATOR = Actor.operator()
KEY_EMPLOYEE = Actor(username="sara.ahmed", role=Role.KEY_EMPLOYEE,
                     departments=("Teknik og Miljø",))

CANNOT_RECORD = {
    "da": "Din rolle må ikke registrere målinger for denne afdeling.",
    "en": "Your role may not record measurements for this department.",
}
MISSING_COLUMNS = {
    "da": "Det lykkedes ikke: tal.csv: filen med målinger mangler de påkrævede kolonner "
          "date (dato), value (værdi). Påkrævede kolonner (engelsk eller dansk navn, store "
          "eller små bogstaver): initiative_id (initiativ_id), kpi (nøgletal), date (dato), "
          "value (værdi). Overskriftsrækken har: initiative_id, kpi.",
    "en": "That did not work: tal.csv: the measurements file is missing required column(s) "
          "date (dato), value (værdi). Required columns (English or Danish name, any case): "
          "initiative_id (initiativ_id), kpi (nøgletal), date (dato), value (værdi). The "
          "header row has: initiative_id, kpi.",
}


@pytest.mark.security
@pytest.mark.parametrize("lang", ["da", "en"])
def test_a_key_employee_unassigned_while_the_form_is_open_is_told_so_and_nothing_is_kept(
    app, demo_db, lang
):
    in_transaction(demo_db, add_user, OPERATOR, User(username="sara.ahmed", role=Role.KEY_EMPLOYEE,
                                     departments=("Teknik og Miljø",)))
    in_transaction(demo_db, assign_contributor, OPERATOR, "SB-03", "sara.ahmed")
    at = app("initiative", actor=KEY_EMPLOYEE, lang=lang, params={"id": "SB-03"})
    form = at.get("form")[0]
    at.text_input(key="measurement_value").set_value("2100")
    in_transaction(demo_db, assign_contributor, OPERATOR, "SB-03", "sara.ahmed", assigned=False)
    form.button[0].click()
    at.run()

    assert not at.get("form") and not at.success
    assert [i.value for i in at.info] == [CANNOT_RECORD[lang]]
    measured = in_reading(demo_db, initiative_detail, OPERATOR, "SB-03").measurements
    assert 2100.0 not in [m.value for m in measured]


def test_overriding_the_recommendation_without_a_rationale_names_both_in_danish(app, demo_db):
    at = app("steering", lang="da")
    at.selectbox(key="decide_on").set_value("SB-01").run()
    at.radio(key="kind_SB-01").set_value(DecisionKind.CONTINUE).run()
    at.button(key="record_SB-01").click().run()

    assert [e.value for e in at.error] == [
        "Anbefalingen var LUK; beslutningen FORTSÆT går imod den og kræver en begrundelse."]
    assert in_reading(demo_db, initiative_detail, OPERATOR, "SB-01").decisions == ()


@pytest.mark.parametrize("lang", ["da", "en"])
def test_an_upload_without_the_measurement_columns_is_refused_in_the_users_language(app, lang):
    at = app("initiative", lang=lang, params={"id": "SB-03"})
    at.file_uploader[0].set_value(("tal.csv", b"initiative_id;kpi\nSB-03;x\n", "text/csv")).run()

    assert [e.value for e in at.error] == [MISSING_COLUMNS[lang]]


@pytest.mark.parametrize(("lang", "expected"), [
    ("da", "Det lykkedes ikke: Reviewpolitikken er ikke gyldig: »Gevinstopnåelse gul fra« må "
           "ikke ligge over »Gevinstopnåelse grøn fra«."),
    ("en", "That did not work: The review policy is not valid: attainment.yellow must not be "
           "above attainment.green."),
])
def test_a_policy_whose_yellow_is_above_green_is_refused_in_the_admins_language(
    app, lang, expected
):
    at = app("policy", lang=lang)
    yellow = "Gevinstopnåelse gul fra (%)" if lang == "da" else "Attainment yellow from (%)"
    next(n for n in at.number_input if n.label == yellow).set_value(95).run()

    assert [e.value for e in at.error] == [expected]


def test_a_kpi_unit_too_long_for_the_model_is_refused_next_to_the_kpi_in_danish(app):
    at = app("register", lang="da", params={"id": "SB-03"})
    at.text_input(key="SB-03_kpi0_unit").set_value("borgere pr. måned " * 4)
    at.button(key="SB-03_save").click().run()

    assert [e.value for e in at.error] == ["Enhed: Brug højst 50 tegn."]
