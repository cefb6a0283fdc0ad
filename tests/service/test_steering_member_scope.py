"""What the first steering meeting of a real municipality needed (#13, found by
tests/e2e/test_first_meeting.py): a steering member reads only their own group's agenda,
also when asked for another group by name; a member can be added to a group that has no
departments yet; and a group's agenda and escalations go to every address it has."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from portfolio.models import Actor, GroupKey, Role, Stage, SteeringGroup, User
from portfolio.notify import escalations
from portfolio.notify.compose import Style
from portfolio.service import initiatives
from portfolio.service.agenda import review_agenda
from portfolio.service.imports import import_file
from portfolio.service.organisation import save_steering_group
from portfolio.service.people import address_book
from portfolio.service.steering import agenda_view, steering_groups
from portfolio.service.users import actor_of, add_user
from portfolio.storage import Database
from tests.factories import AS_OF, make_initiative, make_kpi
from tests.units import in_reading, in_transaction

AARHUS, ODENSE = "Aarhus Kommune", "Odense Kommune"
ORGANISATION_FILE = (
    "kommune;afdeling;styregruppe;styregruppe_email\n"
    f"{AARHUS};Børn og Unge;Digi Aarhus;digi@aarhus.dk\n"
    f"{AARHUS};Sundhed;Velfærd Aarhus;velfaerd@aarhus.dk\n"
    f"{ODENSE};Børn og Unge;Digi Odense;digi@odense.dk\n"
)
HOMES = {"A-1": (AARHUS, "Børn og Unge"), "A-2": (AARHUS, "Sundhed"),
         "O-1": (ODENSE, "Børn og Unge")}


@pytest.fixture
def three(db: Database, operator: Actor, tmp_path: Path) -> Database:
    """An overdue experiment in each of three groups of two municipalities."""
    path = tmp_path / "org.csv"
    path.write_text(ORGANISATION_FILE, "utf-8")
    assert import_file(db, operator, path, "organisation").exit_code == 0
    for initiative_id, (home, department) in HOMES.items():
        overdue = make_initiative(id=initiative_id, department=department, organisation=home,
                                  review_on=AS_OF - timedelta(days=10))
        in_transaction(db, initiatives.save_initiative,
                       operator, overdue.model_copy(update={"stage": Stage.IDEA}))
        in_transaction(db, initiatives.save_kpi, operator, make_kpi(initiative_id=initiative_id))
        in_transaction(db, initiatives.save_initiative, operator, overdue)
    return db


def member(db: Database, operator: Actor, username: str, group: str) -> Actor:
    """A steering member added by a national administrator, signed in."""
    in_transaction(db, add_user, operator, User(username=username, role=Role.STEERING_MEMBER,
                                steering_group=group))
    with db.reading() as store:
        user = store.users.get(username)
        assert user is not None
        return actor_of(user, store.departments.all(user.organisation or None))


def test_a_steering_member_reads_only_their_own_groups_agenda(
    three: Database, operator: Actor,
) -> None:
    velfaerd = member(three, operator, "ole", "Velfærd Aarhus")
    assert velfaerd.organisation == AARHUS  # placed in the group's organisation
    assert in_reading(three, steering_groups, velfaerd) == [GroupKey(AARHUS, "Velfærd Aarhus")]
    own = in_reading(three, agenda_view, velfaerd, AS_OF)
    assert {i.initiative.id for i in own.items} == {"A-2"}
    # asked by name for another group, of its own or another municipality: nothing of it
    for other in (GroupKey(AARHUS, "Digi Aarhus"), GroupKey(ODENSE, "Digi Odense")):
        assert in_reading(three, agenda_view, velfaerd, AS_OF, other).items == ()
    # an administrator still sees every group
    every = in_reading(three, agenda_view, operator, AS_OF)
    assert {i.initiative.id for i in every.items} == set(HOMES)


def test_a_member_joins_a_group_set_up_before_its_departments(
    db: Database, operator: Actor, tmp_path: Path,
) -> None:
    path = tmp_path / "org.csv"
    path.write_text(f"kommune;afdeling;styregruppe\n{AARHUS};Børn og Unge;Digi Aarhus\n",
                    "utf-8")
    assert import_file(db, operator, path, "organisation").exit_code == 0
    in_transaction(db, save_steering_group,
                   operator, SteeringGroup(organisation=AARHUS, name="Ny gruppe"))
    mette = member(db, operator, "mette", "Ny gruppe")
    assert mette.organisation == AARHUS


def test_a_groups_escalation_goes_to_every_address_it_has(
    three: Database, operator: Actor,
) -> None:
    in_transaction(three, save_steering_group, operator, SteeringGroup(
        organisation=AARHUS, name="Velfærd Aarhus",
        emails=("velfaerd@aarhus.dk", "sekretariat@aarhus.dk", "formand@aarhus.dk")))
    style = Style(dashboard_url="http://localhost", organisation="", default_language="da")
    book = in_reading(three, address_book, operator)
    agenda = in_reading(three, review_agenda, operator, AS_OF)
    (mail,) = [m for m in escalations(agenda, book, style)
               if m.recipient == "Velfærd Aarhus"]
    email = mail.as_email("failscale@aarhus.dk")
    assert mail.to == "velfaerd@aarhus.dk"
    assert email["Cc"] == "sekretariat@aarhus.dk, formand@aarhus.dk"
