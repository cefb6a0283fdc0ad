"""The benefit-realisation plan in kroner (#18, item 2): who may plan and record, what the
audit trail keeps, and the kroner summed per year, department and organisation."""

from __future__ import annotations

from datetime import date

import pytest

from portfolio.errors import NotAllowed, NotFound, ValidationFailed
from portfolio.models import Actor, BenefitKind, BenefitLine, Department, Role, Stage
from portfolio.service.benefits import (
    benefit_plan_of,
    kroner_view,
    record_realised,
    remove_benefit_line,
    save_benefit_line,
)
from portfolio.service.board_metrics import BoardFilters
from portfolio.storage import Database
from tests.factories import make_initiative
from tests.units import in_reading, in_transaction

AARHUS, ODENSE = "Aarhus Kommune", "Odense Kommune"
TODAY = date(2026, 6, 30)
LEADER = Actor(username="mette", role=Role.LEADER, departments=("Ældre",), organisation=AARHUS)


def cashable(initiative_id: str, year: int, planned: float, realised: float | None = None,
             benefit: str = "Kørsel", budget_line: str = "5.32.32 Hjemmepleje") -> BenefitLine:
    return BenefitLine(initiative_id=initiative_id, year=year, kind=BenefitKind.CASHABLE,
                       benefit=benefit, budget_line=budget_line, planned=planned,
                       realised=realised)


@pytest.fixture
def plans(db: Database, operator: Actor) -> Database:
    """Aarhus: A-1 (Ældre) and A-2 (Skole), Odense: O-1 (Ældre); plans for 2025 and 2026."""
    with db.transaction() as store:
        for name, home in (("Ældre", AARHUS), ("Skole", AARHUS), ("Ældre", ODENSE)):
            store.departments.save(Department(name=name, organisation=home))
        for initiative_id, department, home in (("A-1", "Ældre", AARHUS),
                                                ("A-2", "Skole", AARHUS),
                                                ("O-1", "Ældre", ODENSE)):
            store.initiatives.save(make_initiative(id=initiative_id, department=department,
                                                   organisation=home))
    for line in (cashable("A-1", 2025, 100_000, 80_000), cashable("A-1", 2026, 200_000),
                 cashable("A-2", 2025, 50_000, 50_000),
                 cashable("A-2", 2025, 10_000, 0, benefit="Porto", budget_line="3.22.01"),
                 cashable("O-1", 2025, 1_000_000, 1_200_000)):
        in_transaction(db, save_benefit_line, operator, line, TODAY)
    in_transaction(db, save_benefit_line, operator, BenefitLine(
        initiative_id="A-1", year=2025, kind=BenefitKind.NON_CASHABLE,
        benefit="Frigjorte timer", unit="timer", planned=1_500, realised=1_200), TODAY)
    return db


def test_the_plan_reads_back_by_year_with_its_budget_lines(plans, operator):
    lines = in_reading(plans, benefit_plan_of, operator, "A-1")

    assert [(x.year, x.kind, x.benefit, x.unit, x.planned, x.realised) for x in lines] == [
        (2025, BenefitKind.CASHABLE, "Kørsel", "DKK", 100_000, 80_000),
        (2025, BenefitKind.NON_CASHABLE, "Frigjorte timer", "timer", 1_500, 1_200),
        (2026, BenefitKind.CASHABLE, "Kørsel", "DKK", 200_000, None),
    ]
    assert lines[0].budget_line == "5.32.32 Hjemmepleje"
    assert lines[0].updated_by == "operator"


def test_kroner_are_summed_per_year_per_organisation_and_per_department(plans, operator):
    view = in_reading(plans, kroner_view, operator, TODAY)

    def row(level: str, year: int, organisation: str = "", department: str = "") -> tuple:
        (found,) = [(r.planned, r.realised, r.lines, r.recorded) for r in view.rows
                    if (r.level, r.year, r.organisation, r.department)
                    == (level, year, organisation, department)]
        return found

    assert row("all", 2025) == (1_160_000, 1_330_000, 4, 4)
    assert row("all", 2026) == (200_000, 0, 1, 0)
    assert row("organisation", 2025, AARHUS) == (160_000, 130_000, 3, 3)
    assert row("organisation", 2025, ODENSE) == (1_000_000, 1_200_000, 1, 1)
    assert row("department", 2025, AARHUS, "Ældre") == (100_000, 80_000, 1, 1)
    assert row("department", 2025, AARHUS, "Skole") == (60_000, 50_000, 2, 2)
    assert row("department", 2026, AARHUS, "Ældre") == (200_000, 0, 1, 0)
    # Headline: realised against what was planned for the years up to this one.
    assert (view.planned_to_date, view.realised, view.planned_total) == (
        1_360_000, 1_330_000, 1_360_000)
    assert view.share == pytest.approx(1_330_000 / 1_360_000)


def test_the_kroner_of_next_year_are_planned_but_not_yet_due(plans, operator):
    in_transaction(plans, save_benefit_line, operator, cashable("A-1", 2027, 300_000), TODAY)

    view = in_reading(plans, kroner_view, operator, TODAY)

    assert view.planned_total == 1_660_000
    assert view.planned_to_date == 1_360_000


def test_one_organisations_reader_sees_its_own_kroner_only(plans):
    reader = Actor(username="viewer", role=Role.VIEWER, organisation=ODENSE)

    view = in_reading(plans, kroner_view, reader, TODAY)

    assert {r.organisation for r in view.level("organisation")} == {ODENSE}
    assert view.realised == 1_200_000
    with pytest.raises(NotAllowed):
        in_reading(plans, benefit_plan_of, reader, "A-1")


def test_the_board_filters_narrow_the_kroner(plans, operator):
    view = in_reading(plans, kroner_view, operator, TODAY, BoardFilters(department="Skole"))

    assert [(r.year, r.planned, r.realised) for r in view.level("all")] == [
        (2025, 60_000, 50_000)]
    assert in_reading(plans, kroner_view,
                      operator, TODAY, BoardFilters(stage=Stage.CLOSED)).rows == ()


def test_a_leader_plans_their_own_departments_initiatives_only(plans):
    stored = in_transaction(plans, save_benefit_line, LEADER, cashable("A-1", 2026, 250_000), TODAY)

    assert stored.planned == 250_000
    with pytest.raises(NotAllowed):
        in_transaction(plans, save_benefit_line, LEADER, cashable("A-2", 2026, 1), TODAY)
    with pytest.raises(NotAllowed):  # Odense's Ældre is not Aarhus's
        in_transaction(plans, save_benefit_line, LEADER, cashable("O-1", 2026, 1), TODAY)
    with pytest.raises(NotAllowed):
        in_transaction(plans, save_benefit_line, Actor(username="v", role=Role.VIEWER),
                          cashable("A-1", 2026, 1), TODAY)


def test_a_key_employee_records_realised_values_on_their_departments_plan(plans):
    employee = Actor(username="kim", role=Role.KEY_EMPLOYEE, departments=("Ældre",),
                     organisation=AARHUS)

    stored = in_transaction(plans, record_realised,
                            employee, ("A-1", 2026, "cashable", "Kørsel"), 90_000,
                             TODAY)

    assert (stored.planned, stored.realised, stored.updated_by) == (200_000, 90_000, "kim")
    with pytest.raises(NotAllowed):  # may record, not plan
        in_transaction(plans, save_benefit_line, employee, cashable("A-1", 2026, 1), TODAY)
    with pytest.raises(NotAllowed):
        in_transaction(plans, record_realised,
                       employee, ("A-2", 2025, "cashable", "Kørsel"), 1, TODAY)


def test_every_change_is_audited_with_before_and_after(plans, operator):
    key = ("A-1", 2026, "cashable", "Kørsel")
    in_transaction(plans, record_realised, operator, key, 150_000, TODAY)
    in_transaction(plans, record_realised, operator, key, 150_000, TODAY)  # unchanged: no event
    in_transaction(plans, remove_benefit_line, operator, key)

    with plans.reading() as store:
        events = store.audit.for_entity("benefit_line", "A-1/2026/cashable/Kørsel")[::-1]
    assert [e.action for e in events] == ["save", "record_realised", "remove"]
    assert events[1].before["realised"] is None and events[1].after["realised"] == 150_000
    assert events[2].after is None and events[2].before["planned"] == 200_000
    assert [x.year for x in in_reading(plans, benefit_plan_of, operator, "A-1")] == [2025, 2025]


def test_a_realised_value_needs_a_planned_line_and_a_year_that_has_begun(plans, operator):
    with pytest.raises(NotFound):
        in_transaction(plans, record_realised,
                       operator, ("A-1", 2026, "cashable", "Husleje"), 1, TODAY)
    with pytest.raises(ValidationFailed) as refused:
        in_transaction(plans, save_benefit_line,
                       operator, cashable("A-1", 2027, 1, realised=5), TODAY)
    assert refused.value.field == "realised"
    assert "2027" in str(refused.value)


def test_a_cashable_benefit_names_its_budget_line():
    with pytest.raises(ValueError, match="budget line"):
        cashable("A-1", 2026, 1, budget_line=" ")
