"""Two municipalities in one database, with the same department names (#13): each one's
administrator and leaders see and change only theirs, in the service layer; a national
administrator sets up both."""

from __future__ import annotations

from pathlib import Path

import pytest

from portfolio.errors import NotAllowed, NotFound
from portfolio.models import (
    Actor,
    Department,
    GroupKey,
    Organisation,
    PersonKey,
    Role,
    SteeringGroup,
    User,
)
from portfolio.service import initiatives, organisation, users
from portfolio.service.imports import import_file
from portfolio.storage import Database
from tests.factories import make_initiative, make_kpi
from tests.units import in_reading, in_transaction

pytestmark = pytest.mark.security

AARHUS, ODENSE = "Aarhus Kommune", "Odense Kommune"
ORGANISATION_FILE = (
    "kommune;afdeling;styregruppe;styregruppe_email;formand;formand_email\n"
    f"{AARHUS};Børn og Unge;Digi Aarhus;digi@aarhus.dk;Mette Holm;mh@aarhus.dk\n"
    f"{ODENSE};Børn og Unge;Digi Odense;digi@odense.dk;;\n"
)
INITIATIVES = (
    "id;titel;afdeling;ejer;fase;startdato;reviewdato;budget_kr;forbrug_kr;kommune\n"
    f"A-1;Robot;Børn og Unge;Ane;idé;01-01-2026;01-06-2026;100;10;{AARHUS}\n"
    f"O-1;Robot;Børn og Unge;Ole;idé;01-01-2026;01-06-2026;100;10;{ODENSE}\n"
)
AARHUS_ADMIN = Actor(username="admin.aarhus", role=Role.ADMIN, organisation=AARHUS)
AARHUS_LEADER = Actor(username="leader.aarhus", role=Role.LEADER,
                      departments=("Børn og Unge",), organisation=AARHUS)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, "utf-8")
    return path


@pytest.fixture
def two(db: Database, operator: Actor, tmp_path: Path) -> Database:
    assert import_file(db, operator, write(tmp_path, "org.csv", ORGANISATION_FILE),
                       "organisation").exit_code == 0
    assert import_file(db, operator, write(tmp_path, "ini.csv", INITIATIVES),
                       "initiatives").exit_code == 0
    for username, home in (("leader.aarhus", AARHUS), ("leader.odense", ODENSE)):
        in_transaction(db, users.add_user, operator, User(username=username, role=Role.LEADER,
                                          departments=("Børn og Unge",), organisation=home))
    return db


def test_equal_department_names_of_two_organisations_are_two_departments(
    two: Database,
) -> None:
    with two.reading() as store:
        assert {(d.organisation, d.name, d.steering_group) for d in store.departments.all()} == {
            (AARHUS, "Børn og Unge", "Digi Aarhus"), (ODENSE, "Børn og Unge", "Digi Odense")}
        assert {i.id: i.organisation for i in store.initiatives.all()} == {
            "A-1": AARHUS, "O-1": ODENSE}


def test_a_leader_changes_their_own_organisations_department_not_the_namesake(
    two: Database,
) -> None:
    own = make_initiative(id="A-1", department="Børn og Unge", organisation=AARHUS,
                          stage="idea")
    in_transaction(two, initiatives.save_initiative, AARHUS_LEADER, own)
    with pytest.raises(NotAllowed):
        in_transaction(two, initiatives.save_initiative, AARHUS_LEADER, make_initiative(
            id="O-1", department="Børn og Unge", organisation=ODENSE, stage="idea"))
    with pytest.raises(NotAllowed):  # nor by leaving the organisation out
        in_transaction(two, initiatives.save_initiative, AARHUS_LEADER, make_initiative(
            id="O-1", department="Børn og Unge", stage="idea"))
    with pytest.raises(NotAllowed):
        in_transaction(two, initiatives.save_kpi, AARHUS_LEADER, make_kpi(initiative_id="O-1"))
    with two.reading() as store:
        assert store.initiatives.get("O-1").title == "Robot"


def test_an_organisations_administrator_sets_up_only_their_organisation(
    two: Database, operator: Actor, tmp_path: Path
) -> None:
    in_transaction(two, organisation.save_department, AARHUS_ADMIN, Department(
        name="Kultur", organisation=AARHUS, steering_group="Digi Aarhus"))
    with pytest.raises(NotAllowed):
        in_transaction(two, organisation.save_department, AARHUS_ADMIN, Department(
            name="Kultur", organisation=ODENSE, steering_group="Digi Odense"))
    with pytest.raises(NotAllowed):
        in_transaction(two, organisation.save_steering_group, AARHUS_ADMIN, SteeringGroup(
            organisation=ODENSE, name="Digi Odense", emails=("x@aarhus.dk",)))
    with pytest.raises(NotAllowed):  # only a national administrator creates organisations
        in_transaction(two, organisation.save_organisation,
                       AARHUS_ADMIN, Organisation(name="Vejle Kommune"))
    in_transaction(two, organisation.save_organisation, operator, Organisation(name="Vejle Kommune",
                                                               kind="kommune", cvr="29189854"))
    report = import_file(two, AARHUS_ADMIN, write(tmp_path, "o2.csv", ORGANISATION_FILE
                                                  .replace("Digi Odense;digi@odense",
                                                           "Digi Odense;evil@aarhus")),
                         "organisation")
    assert (report.exit_code, [e.row for e in report.errors]) == (1, [3])
    assert "may not set up Odense Kommune" in report.errors[0].reason
    with two.reading() as store:
        assert store.steering_groups.get(ODENSE, "Digi Odense").emails == ("digi@odense.dk",)
        assert store.departments.get("Kultur", ODENSE) is None


def test_an_organisations_administrator_sees_and_changes_only_its_accounts(
    two: Database,
) -> None:
    assert [u.username for u in in_reading(two, users.list_users,
                                           AARHUS_ADMIN)] == ["leader.aarhus"]
    with pytest.raises(NotFound):
        in_transaction(two, users.set_active, AARHUS_ADMIN, "leader.odense", False)
    with pytest.raises(NotAllowed):
        in_transaction(two, users.add_user, AARHUS_ADMIN, User(username="spy", role=Role.VIEWER,
                                               organisation=ODENSE))
    created = in_transaction(two, users.add_user, AARHUS_ADMIN, User(username="viewer.aarhus",
                                                     role=Role.VIEWER)).user
    assert created.organisation == AARHUS  # placed in the administrator's organisation


def test_two_organisations_may_each_have_a_steering_group_of_one_name(
    two: Database, operator: Actor
) -> None:
    """A group's identity is organisation + name (#13): Odense's "Digi Aarhus" is its own
    group, and leaves Aarhus's as it was."""
    in_transaction(two, organisation.save_steering_group, operator, SteeringGroup(
        organisation=ODENSE, name="Digi Aarhus", emails=("odense@odense.dk",)))
    with two.reading() as store:
        aarhus = store.steering_groups.get(AARHUS, "Digi Aarhus")
        odense = store.steering_groups.get(ODENSE, "Digi Aarhus")
    assert aarhus is not None and aarhus.emails == ("digi@aarhus.dk",)
    assert odense is not None and odense.emails == ("odense@odense.dk",)


def test_a_department_without_a_steering_group_is_a_problem_with_its_fix(
    two: Database, operator: Actor
) -> None:
    in_transaction(two, organisation.save_department,
                   operator, Department(name="Kultur", organisation=ODENSE))
    view = in_reading(two, organisation.view_organisation, operator)
    assert [(p.code, p.organisation, p.subject) for p in view.problems] == [
        ("organisation.department_without_group", ODENSE, "Kultur")]
    assert [d.name for d in in_reading(two, organisation.view_organisation,
                                       AARHUS_ADMIN).departments] == [
        "Børn og Unge"]


def test_a_shared_lesson_is_found_from_the_other_organisation_and_an_unshared_one_is_not(
    two: Database, operator: Actor
) -> None:
    from datetime import date

    from portfolio.models import Lesson
    from portfolio.service.lessons import search_lessons

    with two.transaction() as store:
        store.organisations.save(Organisation(name="Vejle Kommune"))
        for ini, home in (("O-9", ODENSE), ("V-9", "Vejle Kommune")):
            store.initiatives.save(make_initiative(
                id=ini, title="Talegenkendelse", department="Børn og Unge", organisation=home,
                stage="closed", owner="Hemmelig Person", budget_dkk=900_000))
            store.lessons.add(Lesson(initiative_id=ini, text=f"Dikteringen virkede ikke ({ini})",
                                     author="x", created_on=date(2026, 1, 5)))
    in_transaction(two, organisation.share_lessons, operator, ODENSE, True)

    found = in_reading(two, search_lessons, AARHUS_LEADER, "diktering")
    assert [(h.initiative.id, h.initiative.organisation) for h in found.lessons] == [
        ("O-9", ODENSE)]
    assert (found.lessons[0].initiative.owner, found.lessons[0].initiative.budget_dkk) == ("", 0)
    national = in_reading(two, search_lessons, operator, "diktering")
    assert {h.initiative.id for h in national.lessons} == {"O-9", "V-9"}
    with pytest.raises(NotAllowed):  # Aarhus decides for Aarhus only
        in_transaction(two, organisation.share_lessons, AARHUS_ADMIN, ODENSE, False)


def test_a_steering_groups_own_address_routes_its_mail(two: Database, operator: Actor) -> None:
    from portfolio.service.people import address_book

    book = in_reading(two, address_book, operator)
    aarhus, odense = book.group(GroupKey(AARHUS, "Digi Aarhus")), book.group(
        GroupKey(ODENSE, "Digi Odense"))
    assert aarhus is not None and odense is not None
    assert (aarhus.email, odense.email) == ("digi@aarhus.dk", "digi@odense.dk")
    assert book.group(GroupKey(ODENSE, "Digi Aarhus")) is None
    chair = book.person(PersonKey(AARHUS, "Mette Holm"))
    assert chair is not None and chair.email == "mh@aarhus.dk"
    assert book.person(PersonKey(ODENSE, "Mette Holm")) is None


def test_a_user_of_one_organisation_reads_only_its_initiatives(two: Database) -> None:
    """Department names do not open another municipality's initiatives to reading: the
    initiative page and its picker are narrowed to the reader's organisation (#13)."""
    from portfolio.service import queries

    assert in_reading(two, queries.initiative_detail, AARHUS_LEADER, "A-1").initiative.id == "A-1"
    with pytest.raises(NotAllowed):
        in_reading(two, queries.initiative_detail, AARHUS_LEADER, "O-1")
    assert list(in_reading(two, queries.initiative_index, AARHUS_LEADER).rows["id"]) == ["A-1"]
    assert {d.organisation for d in in_reading(two, queries.departments, AARHUS_LEADER)} == {AARHUS}
    national = Actor(username="national", role=Role.VIEWER)
    assert list(in_reading(two, queries.initiative_index, national).rows["id"]) == ["A-1", "O-1"]
