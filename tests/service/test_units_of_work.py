"""Use cases compose in a unit of work the entry point opens (#16).

A decision and an import written in one transaction are stored together; when one of
them fails, nothing of either is: the unit of work is the entry point's, not each use
case's.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from portfolio.errors import NotAllowed, NotFound
from portfolio.importing import ImportKind
from portfolio.importing.fast_measurements import read_measurements
from portfolio.importing.rows import parse_file
from portfolio.models import Actor, Decision, DecisionKind, Person, Role, Stage, User
from portfolio.service.decisions import record_decision
from portfolio.service.imports import store_batch
from portfolio.service.initiatives import save_initiative
from portfolio.service.people import save_person
from portfolio.service.users import add_user, assign_contributor
from tests.factories import AS_OF, INITIATIVE_ID, make_initiative, make_kpi
from tests.units import in_transaction

OPERATOR = Actor.operator()


def continue_(initiative_id: str = INITIATIVE_ID) -> Decision:
    return Decision(initiative_id=initiative_id, kind=DecisionKind.CONTINUE, decided_by="x",
                    decided_on=AS_OF, rationale="One more quarter",
                    next_review_on=AS_OF + timedelta(days=90))


@pytest.fixture
def measurements(db, tmp_path):
    in_transaction(db, save_initiative, OPERATOR, make_initiative(), [make_kpi()])
    path = tmp_path / "m.csv"
    path.write_text(f"initiative_id,kpi,date,value\n{INITIATIVE_ID},digital share,"
                    f"{AS_OF.isoformat()},42\n", encoding="utf-8")
    return read_measurements(path)


def test_a_decision_and_an_import_in_one_unit_of_work_are_stored_together(db, measurements):
    with db.transaction() as store:
        record_decision(store, OPERATOR, continue_())
        report = store_batch(store, OPERATOR, ImportKind.MEASUREMENTS, measurements,
                             "m.csv", "hash-1")
    assert report.added == 1
    with db.reading() as store:
        assert [d.kind for d in store.decisions.for_initiative(INITIATIVE_ID)] == [
            DecisionKind.CONTINUE]
        assert [m.value for m in store.measurements.for_initiative(INITIATIVE_ID)] == [42.0]


def test_when_one_use_case_of_a_unit_of_work_fails_nothing_of_it_is_stored(db, measurements):
    with pytest.raises(NotFound), db.transaction() as store:
        record_decision(store, OPERATOR, continue_())
        store_batch(store, OPERATOR, ImportKind.MEASUREMENTS, measurements, "m.csv", "hash-1")
        record_decision(store, OPERATOR, continue_("NO-SUCH-INITIATIVE"))
    with db.reading() as store:
        assert store.decisions.for_initiative(INITIATIVE_ID) == []
        assert store.measurements.for_initiative(INITIATIVE_ID) == []
        assert not store.imports.seen_hash("hash-1")


@pytest.fixture
def kpi_file(tmp_path):
    """The KPIs of an initiative that is not registered yet, as a department sends them."""
    path = tmp_path / "k.csv"
    path.write_text("initiative_id,kpi,unit,direction,baseline,target,kind\n"
                    "NEW-1,digital share,%,higher,40,80,benefit\n"
                    "NEW-1,walk-ins,per week,lower,300,150,benefit\n", encoding="utf-8")
    return parse_file(path, ImportKind.KPIS)


def test_registering_an_initiative_and_importing_its_kpis_in_one_unit_of_work(db, kpi_file):
    with db.transaction() as store:
        save_initiative(store, OPERATOR, make_initiative(id="NEW-1", stage=Stage.IDEA))
        report = store_batch(store, OPERATOR, ImportKind.KPIS, kpi_file, "k.csv", "hash-k")
    assert (report.added, report.rejected) == (2, 0)
    with db.reading() as store:
        assert store.initiatives.get("NEW-1") is not None
        assert sorted(k.name for k in store.kpis.for_initiative("NEW-1")) == [
            "digital share", "walk-ins"]
        assert [e.action for e in store.audit.for_entity("initiative", "NEW-1")] == [
            "create"]


def test_the_same_kpis_without_the_initiative_are_quarantined_not_stored(db, kpi_file):
    """The composition is what makes the rows valid: imported alone, they name an
    initiative the database does not hold."""
    with db.transaction() as store:
        report = store_batch(store, OPERATOR, ImportKind.KPIS, kpi_file, "k.csv", "hash-k")
    assert (report.added, report.rejected) == (0, 2)


def test_a_refused_second_use_case_takes_the_first_ones_writes_and_audit_with_it(db):
    leader = Actor(username="leader", role=Role.LEADER, departments=("Social services",))
    with pytest.raises(NotAllowed), db.transaction() as store:
        save_initiative(store, OPERATOR, make_initiative(id="NEW-2", stage=Stage.IDEA))
        save_initiative(store, leader, make_initiative(id="NEW-3", department="Ældre",
                                                       stage=Stage.IDEA))
    with db.reading() as store:
        assert store.initiatives.get("NEW-2") is None
        assert store.audit.for_entity("initiative", "NEW-2") == []


def test_a_key_employee_created_and_assigned_in_one_unit_of_work_is_stored_whole(db):
    in_transaction(db, save_initiative, OPERATOR, make_initiative(), [make_kpi()])
    with db.transaction() as store:
        add_user(store, OPERATOR, User(username="kim", role=Role.KEY_EMPLOYEE,
                                       departments=("Social services",)))
        assert assign_contributor(store, OPERATOR, INITIATIVE_ID, "kim")
    with db.reading() as store:
        assert store.contributors.for_initiative(INITIATIVE_ID) == ("kim",)


def test_an_account_whose_assignment_is_refused_is_not_created(db):
    """The administrator's one act (a new key employee for an initiative) fails as one:
    no account is left behind without the initiative it was made for, nor its audit."""
    in_transaction(db, save_initiative, OPERATOR, make_initiative(), [make_kpi()])
    with pytest.raises(NotFound), db.transaction() as store:
        add_user(store, OPERATOR, User(username="kim", role=Role.KEY_EMPLOYEE,
                                       departments=("Social services",)))
        assign_contributor(store, OPERATOR, "NO-SUCH-INITIATIVE", "kim")
    with db.reading() as store:
        assert store.users.get("kim") is None
        assert store.audit.for_entity("user", "kim") == []


def test_an_owner_routed_with_a_refused_initiative_is_not_kept_in_the_address_book(db):
    """Registering an initiative and routing its owner's mail are one act: refused, the
    address book keeps no entry for an owner of nothing."""
    leader = Actor(username="leader", role=Role.LEADER, departments=("Social services",))
    with pytest.raises(NotAllowed), db.transaction() as store:
        save_person(store, OPERATOR, Person(name="Ann Owner", email="ann@example.org"))
        save_initiative(store, leader, make_initiative(id="NEW-4", department="Ældre",
                                                       owner="Ann Owner", stage=Stage.IDEA))
    with db.reading() as store:
        assert store.people.all() == []
        assert all(e.entity != "person" for e in store.audit.recent(50))
