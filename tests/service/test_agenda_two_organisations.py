"""Two municipalities with the same department name in two steering groups (#13): each
group's agenda, escalations and reminders hold only its own organisation's initiatives,
since a department is organisation + name, never the name alone."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from portfolio.models import Actor, Department, GroupKey, Stage
from portfolio.notify import escalations, steering_agendas
from portfolio.notify.compose import Style
from portfolio.service import initiatives
from portfolio.service.agenda import review_agenda
from portfolio.service.evaluation import evaluate_now
from portfolio.service.imports import import_file
from portfolio.service.people import address_book
from portfolio.service.reports import agenda_material
from portfolio.service.steering import agenda_view, steering_groups
from portfolio.storage import Database
from tests.agenda_models import build_agenda
from tests.factories import AS_OF, make_initiative, make_kpi
from tests.units import by_group, in_reading, in_transaction

AARHUS, ODENSE = "Aarhus Kommune", "Odense Kommune"
DEPARTMENT = "Børn og Unge"
ORGANISATION_FILE = (
    "kommune;afdeling;styregruppe;styregruppe_email\n"
    f"{AARHUS};{DEPARTMENT};Digi Aarhus;digi@aarhus.dk\n"
    f"{ODENSE};{DEPARTMENT};Digi Odense;digi@odense.dk\n"
)
AARHUS_GROUP, ODENSE_GROUP = GroupKey(AARHUS, "Digi Aarhus"), GroupKey(ODENSE, "Digi Odense")
OWN = {AARHUS_GROUP: {"A-1"}, ODENSE_GROUP: {"O-1"}}
STYLE = Style(dashboard_url="http://localhost", organisation="", default_language="da")


@pytest.fixture
def two(db: Database, operator: Actor, tmp_path: Path) -> Database:
    """An overdue experiment in each municipality's "Børn og Unge"."""
    path = tmp_path / "org.csv"
    path.write_text(ORGANISATION_FILE, "utf-8")
    assert import_file(db, operator, path, "organisation").exit_code == 0
    for initiative_id, home in (("A-1", AARHUS), ("O-1", ODENSE)):
        overdue = make_initiative(id=initiative_id, department=DEPARTMENT, organisation=home,
                                  review_on=AS_OF - timedelta(days=10))
        in_transaction(db, initiatives.save_initiative,
                       operator, overdue.model_copy(update={"stage": Stage.IDEA}))
        in_transaction(db, initiatives.save_kpi, operator, make_kpi(initiative_id=initiative_id))
        in_transaction(db, initiatives.save_initiative, operator, overdue)
    return db


def ids(items) -> set[str]:  # type: ignore[no-untyped-def]
    return {item.initiative.id for item in items}


def test_each_groups_steering_agenda_holds_only_its_organisations_initiative(
    two: Database, operator: Actor,
) -> None:
    assert in_reading(two, steering_groups, operator) == [AARHUS_GROUP, ODENSE_GROUP]
    for group, own in OWN.items():
        view = in_reading(two, agenda_view, operator, AS_OF, group)
        assert ids(view.items) == own
        assert view.total == 1
        assert {item.group for item in view.items} == {group}
    everything = in_reading(two, agenda_view, operator, AS_OF)
    assert {item.initiative.id: item.steering_group for item in everything.items} == {
        "A-1": "Digi Aarhus", "O-1": "Digi Odense"}


def test_the_follow_up_agenda_groups_by_organisation_and_department(
    two: Database, operator: Actor,
) -> None:
    grouped = in_reading(two, review_agenda, operator, AS_OF).for_steering_groups()
    assert {group: ids(items) for group, items in grouped.items()} == OWN
    for group, own in OWN.items():
        one = in_reading(two, review_agenda, operator, AS_OF, departments={(
            group.organisation, DEPARTMENT)})
        assert ids(one.items) == own
    parts = in_reading(two, by_group, operator, AS_OF)
    assert sorted(ids(part.items) for part in parts) == [{"A-1"}, {"O-1"}]


def test_escalations_and_reminders_reach_only_their_own_group(
    two: Database, operator: Actor,
) -> None:
    book = in_reading(two, address_book, operator)
    for agenda in (in_reading(two, review_agenda, operator, AS_OF),
                   *in_reading(two, by_group, operator, AS_OF)):
        for message in (*escalations(agenda, book, STYLE), *steering_agendas(agenda, book, STYLE)):
            key = GroupKey(message.organisation, message.recipient)
            own, other = ("A-1", "O-1") if key == AARHUS_GROUP else ("O-1", "A-1")
            assert message.to == {AARHUS_GROUP: "digi@aarhus.dk",
                                  ODENSE_GROUP: "digi@odense.dk"}[key]
            assert own in message.text and other not in message.text
    whole = in_reading(two, review_agenda, operator, AS_OF)
    assert {(m.organisation, m.recipient) for m in escalations(whole, book, STYLE)} == set(OWN)
    assert {(m.organisation, m.recipient)
            for m in steering_agendas(whole, book, STYLE)} == set(OWN)


def test_the_agenda_built_from_models_groups_by_organisation_and_department(
    two: Database,
) -> None:
    with two.reading() as store:
        departments: list[Department] = store.departments.all()
        active = store.initiatives.all(active_only=True)
    grouped = build_agenda(active, {}, [], departments, AS_OF).for_steering_groups()
    assert {group: ids(items) for group, items in grouped.items()} == OWN


def test_each_groups_meeting_pack_holds_only_its_organisations_initiative(
    two: Database, operator: Actor,
) -> None:
    evaluate_now(two, operator, AS_OF, "run-1")
    for group, own in OWN.items():
        pack = in_reading(two, agenda_material, operator, group)
        assert {item.file.initiative.id for item in pack.items} == own
        assert pack.active == 1
