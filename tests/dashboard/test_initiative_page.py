"""The initiative page: evidence, reasons, history; recording and uploading measurements."""

from __future__ import annotations

from datetime import date

from portfolio.models import Actor, Role
from portfolio.service.queries import initiative_detail
from tests.units import in_reading

OPERATOR = Actor.operator()


def texts(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_the_page_explains_the_latest_evaluation_with_its_reasons(app):
    at = app("initiative", params={"id": "SB-01"})
    assert at.title[0].value == "Digital ansøgning om enkeltydelser"
    assert "CLOSE: a guardrail is breached and the benefits are not on target" in texts(at)
    assert len(at.get("vega_lite_chart")) == 4


def test_reasons_are_rendered_in_danish_for_a_danish_user(app):
    at = app("initiative", lang="da", params={"id": "SB-01"})
    assert "LUK: et værn er overskredet, og gevinsterne er ikke i mål" in texts(at)


def test_a_kpi_fed_only_by_self_reports_or_stale_data_is_flagged(app):
    at = app("initiative", params={"id": "SB-02"})
    warnings = [w.value for w in at.warning]
    assert any("only self-reported" in w for w in warnings)


def test_recording_a_measurement_stores_it_and_confirms(app, demo_db):
    at = app("initiative", params={"id": "SB-03"})
    form = at.get("form")[0]
    at.text_input(key="measurement_value").set_value("2100")
    form.button[0].click()
    at.run()
    assert next(s.value for s in at.success).startswith("Recorded")
    stored = [m for m in in_reading(demo_db, initiative_detail, OPERATOR, "SB-03").measurements
              if m.on == date.today()]
    assert [(m.value, m.recorded_by) for m in stored] == [(2100.0, "dashboard")]


def test_uploading_a_measurements_file_shows_the_importers_report(app, demo_db):
    at = app("initiative", params={"id": "SB-03"})
    csv = (b"initiative_id;kpi;date;value\n"
           b"SB-03;telefonopkald til jobcentret;2026-01-31;2500\n"
           b"SB-03;no such kpi;2026-01-31;1\n")
    at.file_uploader[0].set_value(("maalinger.csv", csv, "text/csv")).run()
    summary = at.warning[-1].value.replace("\\", "")  # the file name is escaped Markdown
    assert summary.startswith("maalinger.csv: 2 rows read, 1 accepted")
    rejected = next(d.value for d in at.dataframe if "Row" in d.value.columns)
    assert list(rejected["Row"]) == [3]
    assert "no KPI named 'no such kpi'" in rejected["Reason"][0]


def test_a_key_employee_of_another_department_cannot_record(app):
    employee = Actor(username="sara.ahmed", role=Role.KEY_EMPLOYEE,
                     departments=("Teknik og Miljø",))
    at = app("initiative", actor=employee, params={"id": "SB-03"})
    assert not at.get("form")
    assert "Your role may not record measurements for this department." in [
        i.value for i in at.info]


def test_an_administrator_shows_an_initiative_on_the_public_page(app, demo_db):
    from portfolio.service.public import public_mark

    at = app("initiative", params={"id": "TM-01"})
    at.toggle(key="public_TM-01").set_value(True).run()  # the budget box opens up
    at.checkbox(key="public_budget_TM-01").check()
    at.button(key="public_save_TM-01").click()
    at.run()
    assert any("public results page" in s.value for s in at.success)
    mark = in_reading(demo_db, public_mark, OPERATOR, "TM-01")
    assert mark is not None and mark.show_budget and mark.marked_by == "dashboard"


def test_a_leader_is_not_offered_the_public_page_control(app):
    leader = Actor(username="lea", role=Role.LEADER, departments=("Teknik og Miljø",))
    at = app("initiative", actor=leader, params={"id": "TM-01"})
    assert not [t for t in at.get("toggle") if t.key == "public_TM-01"]
