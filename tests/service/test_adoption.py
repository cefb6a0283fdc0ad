"""Recording that a department adopted a scaled initiative: the spread of PRODUCT.md."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from portfolio.errors import NotFound, ValidationFailed
from portfolio.models import Actor, Department, Stage
from portfolio.reports.figures import portfolio_figures
from portfolio.service.adoption import adoptions_of, record_adoption, withdraw_adoption
from portfolio.service.initiatives import save_initiative
from portfolio.service.lessons import search_lessons
from portfolio.service.queries import initiative_detail
from portfolio.service.reports import portfolio_material
from portfolio.storage import Database
from tests.factories import AS_OF, make_initiative
from tests.units import in_reading, in_transaction

OWNER, SCHOOLS, CULTURE = "Health", "Schools", "Culture"


@pytest.fixture
def scaled(db: Database) -> Database:
    """SC-1 scaled from Health, planned for Schools and Culture; EX-1 still an experiment."""
    with db.transaction() as store:
        for name in (OWNER, SCHOOLS, CULTURE):
            store.departments.save(Department(name=name))
        store.initiatives.save(make_initiative(
            id="SC-1", department=OWNER, stage=Stage.SCALING,
            planned_departments=(OWNER, SCHOOLS, CULTURE)))
        store.initiatives.save(make_initiative(id="EX-1", department=OWNER))
    return db


def events(db: Database, entity_id: str) -> list[str]:
    with db.reading() as store:
        return [e.action for e in store.audit.for_entity("adoption", entity_id)]


def test_an_adoption_counts_in_the_spread_of_the_lessons_page(scaled, operator):
    in_transaction(scaled, record_adoption, operator, "SC-1", SCHOOLS, AS_OF, "All 12 schools")

    (spread,) = in_reading(scaled, search_lessons, operator).spread
    assert spread.adopted == (OWNER, SCHOOLS)
    assert spread.still_to_adopt == (CULTURE,)
    assert spread.share == pytest.approx(2 / 3)


def test_an_adoption_counts_in_the_portfolio_report(scaled, operator):
    in_transaction(scaled, record_adoption, operator, "SC-1", CULTURE, AS_OF)

    (spread,) = portfolio_figures(in_reading(scaled, portfolio_material, operator)).scaled
    assert (spread.adopted_count, spread.planned_count, spread.missing) == (2, 3, (SCHOOLS,))


def test_an_adoption_is_stored_with_its_date_note_and_who_recorded_it(scaled, operator):
    stored = in_transaction(scaled, record_adoption,
                            operator, "SC-1", f"  {SCHOOLS} ", AS_OF, " pilot school ")

    assert in_reading(scaled, adoptions_of, operator, "SC-1") == (stored,)
    assert (stored.department, stored.adopted_on, stored.note, stored.recorded_by) == (
        SCHOOLS, AS_OF, "pilot school", "operator")
    assert stored.recorded_at is not None


def test_adoptions_are_listed_oldest_first(scaled, operator):
    in_transaction(scaled, record_adoption, operator, "SC-1", SCHOOLS, AS_OF)
    in_transaction(scaled, record_adoption, operator, "SC-1", CULTURE, AS_OF - timedelta(days=30))

    assert [a.department for a in in_reading(scaled, adoptions_of,
                                             operator, "SC-1")] == [CULTURE, SCHOOLS]


def test_recording_and_withdrawing_are_audited_and_show_in_the_initiatives_history(
    scaled, operator
):
    in_transaction(scaled, record_adoption, operator, "SC-1", SCHOOLS, AS_OF)
    in_transaction(scaled, withdraw_adoption, operator, "SC-1", SCHOOLS)

    assert events(scaled, f"SC-1/{SCHOOLS}") == ["withdraw", "adopt"]
    trail = in_reading(scaled, initiative_detail, operator, "SC-1").audit
    withdrawn, adopted = [e for e in trail if e.entity == "adoption"]
    assert adopted.after and adopted.after["adopted_on"] == AS_OF.isoformat()
    assert withdrawn.before == adopted.after and withdrawn.after is None


def test_withdrawing_a_mistaken_adoption_takes_it_out_of_the_spread(scaled, operator):
    in_transaction(scaled, record_adoption, operator, "SC-1", SCHOOLS, AS_OF)

    gone = in_transaction(scaled, withdraw_adoption, operator, "SC-1", SCHOOLS)

    assert gone.department == SCHOOLS
    assert in_reading(scaled, adoptions_of, operator, "SC-1") == ()
    (spread,) = in_reading(scaled, search_lessons, operator).spread
    assert spread.adopted == (OWNER,)


def test_withdrawing_an_adoption_that_was_never_recorded_says_there_is_nothing_to_withdraw(
    scaled, operator
):
    with pytest.raises(NotFound, match="no recorded adoption of SC-1; nothing to withdraw"):
        in_transaction(scaled, withdraw_adoption, operator, "SC-1", SCHOOLS)


def test_an_unknown_initiative_is_not_found(scaled, operator):
    with pytest.raises(NotFound, match="no initiative with id 'NOPE'"):
        in_transaction(scaled, record_adoption, operator, "NOPE", SCHOOLS, AS_OF)


@pytest.mark.parametrize(("initiative", "department", "on", "field", "fix"), [
    ("EX-1", SCHOOLS, lambda: AS_OF, "initiative_id", "only a scaled initiative"),
    ("SC-1", OWNER, lambda: AS_OF, "department", "owns SC-1 and has it from the start"),
    ("SC-1", "Nowhere", lambda: AS_OF, "department", "no department named 'Nowhere'"),
    # Tomorrow is worked out when the test runs, not when it is collected: a run that
    # crosses midnight must still ask for a day after the one the rule compares with.
    ("SC-1", SCHOOLS, lambda: date.today() + timedelta(days=1), "adopted_on", "in the future"),
])
def test_an_adoption_that_breaks_a_rule_names_the_field_and_the_fix_and_stores_nothing(
    scaled, operator, initiative, department, on, field, fix
):
    with pytest.raises(ValidationFailed, match=fix) as refused:
        in_transaction(scaled, record_adoption, operator, initiative, department, on())

    assert refused.value.field == field
    assert in_reading(scaled, adoptions_of, operator, initiative) == ()
    assert events(scaled, f"{initiative}/{department}") == []


def test_a_department_cannot_adopt_the_same_initiative_twice(scaled, operator):
    in_transaction(scaled, record_adoption, operator, "SC-1", SCHOOLS, AS_OF)

    with pytest.raises(ValidationFailed, match=f"already adopted SC-1 \\({AS_OF}\\); withdraw"):
        in_transaction(scaled, record_adoption,
                       operator, "SC-1", SCHOOLS, AS_OF + timedelta(days=1))


def test_an_initiative_in_operation_can_still_be_adopted(scaled, operator):
    with scaled.transaction() as store:
        store.initiatives.save(make_initiative(id="OP-1", department=OWNER,
                                               stage=Stage.OPERATION))

    in_transaction(scaled, record_adoption, operator, "OP-1", CULTURE, AS_OF)

    assert [a.department for a in in_reading(scaled, adoptions_of, operator, "OP-1")] == [CULTURE]


def test_saving_an_initiative_leaves_its_adoptions_alone(scaled, operator):
    """An edit (or an import) carries no adoptions; they are not the initiative's to drop."""
    in_transaction(scaled, record_adoption, operator, "SC-1", SCHOOLS, AS_OF)
    with scaled.reading() as store:
        before = store.initiatives.get("SC-1")
    assert before is not None and before.adopted_departments == (SCHOOLS,)

    in_transaction(scaled, save_initiative, operator, before.model_copy(
        update={"title": "Renamed", "adopted_departments": ()}))

    with scaled.reading() as store:
        after = store.initiatives.get("SC-1")
    assert after is not None and (after.title, after.adopted_departments) == (
        "Renamed", (SCHOOLS,))


def test_the_demo_records_its_spread_as_adoptions(seeded, operator: Actor):
    from tests.seeds import evaluated_demo

    db = seeded(evaluated_demo)

    adopted = in_reading(db, adoptions_of, operator, "TM-01")
    assert [a.department for a in adopted] == ["Kultur og Borgerservice"]
    assert all(a.adopted_on and a.adopted_on < AS_OF for a in adopted)
