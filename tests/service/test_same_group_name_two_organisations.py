"""Two municipalities, each with a "Styregruppe for digitalisering" over departments of the
same names, and each with an owner called Anne Jensen (#13): a steering group and a person
are organisation + name everywhere. Each group's escalation and agenda reach only its own
addresses, with only its own initiatives, on a real SMTP server; each owner gets only her
own initiatives' reminders at her own address; each group's member reads only her own
group's agenda; the national operator reads both, told apart; nothing is unaddressed."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from portfolio.errors import ValidationFailed
from portfolio.models import Actor, GroupKey, Person, Role, User
from portfolio.notify import MailConfig, deliver, escalations, owner_reminders, steering_agendas
from portfolio.notify.compose import Style
from portfolio.service.agenda import review_agenda
from portfolio.service.initiatives import save_initiative
from portfolio.service.organisation import save_address
from portfolio.service.people import address_book
from portfolio.service.reports import agenda_material
from portfolio.service.steering import agenda_view, group_named, steering_groups
from portfolio.service.users import actor_of, add_user
from portfolio.storage import Database
from tests.factories import AS_OF, make_initiative, make_kpi
from tests.smtp import Mailbox
from tests.units import by_group, in_reading, in_transaction

AARHUS, ODENSE = "Aarhus Kommune", "Odense Kommune"
GROUP = "Styregruppe for digitalisering"
AARHUS_GROUP, ODENSE_GROUP = GroupKey(AARHUS, GROUP), GroupKey(ODENSE, GROUP)
ORGANISATION_FILE = (
    "kommune;afdeling;styregruppe;styregruppe_email\n"
    f"{AARHUS};Børn og Unge;{GROUP};digi@aarhus.dk\n"
    f"{AARHUS};Sundhed og Omsorg;{GROUP};sekretariat@aarhus.dk\n"
    f"{ODENSE};Børn og Unge;{GROUP};digi@odense.dk\n"
    f"{ODENSE};Sundhed og Omsorg;{GROUP};\n"
)
HOMES = {"A-1": (AARHUS, "Børn og Unge"), "A-2": (AARHUS, "Sundhed og Omsorg"),
         "O-1": (ODENSE, "Børn og Unge"), "O-2": (ODENSE, "Sundhed og Omsorg")}
OWN = {AARHUS_GROUP: {"A-1", "A-2"}, ODENSE_GROUP: {"O-1", "O-2"}}
ADDRESS = {AARHUS_GROUP: "digi@aarhus.dk", ODENSE_GROUP: "digi@odense.dk"}
OWNER = {AARHUS: "anne.jensen@aarhus.dk", ODENSE: "aj@odense.dk"}
STYLE = Style(dashboard_url="http://localhost", organisation="", default_language="da")


@pytest.fixture
def two(db: Database, operator: Actor, tmp_path: Path) -> Database:
    """Both municipalities set up by one organisation import; an overdue experiment in
    each department, all owned by someone called Anne Jensen, who is two people."""
    from portfolio.service.imports import import_file

    path = tmp_path / "org.csv"
    path.write_text(ORGANISATION_FILE, "utf-8")
    assert import_file(db, operator, path, "organisation").exit_code == 0
    for home, address in OWNER.items():
        in_transaction(db, save_address, operator,
                       Person(name="Anne Jensen", email=address, organisation=home))
    for initiative_id, (home, department) in HOMES.items():
        overdue = make_initiative(id=initiative_id, department=department, organisation=home,
                                  owner="Anne Jensen", review_on=AS_OF - timedelta(days=10))
        # registered with its decision rule (a KPI) in one unit of work: no baseline, no
        # experiment
        in_transaction(db, save_initiative, operator, overdue,
                       [make_kpi(initiative_id=initiative_id)])
    return db


def ids(items) -> set[str]:  # type: ignore[no-untyped-def]
    return {item.initiative.id for item in items}


def member(db: Database, operator: Actor, username: str, home: str) -> Actor:
    in_transaction(db, add_user, operator, User(
        username=username, role=Role.STEERING_MEMBER, steering_group=GROUP, organisation=home))
    with db.reading() as store:
        user = store.users.get(username)
        assert user is not None
        return actor_of(user, store.departments.all())


def test_the_organisation_import_makes_two_groups_of_one_name(
    two: Database, operator: Actor,
) -> None:
    with two.reading() as store:
        groups = {g.key: g.emails for g in store.steering_groups.all()}
    assert groups == {AARHUS_GROUP: ("digi@aarhus.dk", "sekretariat@aarhus.dk"),
                      ODENSE_GROUP: ("digi@odense.dk",)}
    assert in_reading(two, steering_groups, operator) == [AARHUS_GROUP, ODENSE_GROUP]


def test_each_groups_mail_reaches_only_its_own_addresses_with_only_its_own_initiatives(
    two: Database, operator: Actor, smtp_server: Mailbox, tmp_path: Path,
) -> None:
    book = in_reading(two, address_book, operator)
    whole = in_reading(two, review_agenda, operator, AS_OF)
    assert {group: ids(items) for group, items in whole.for_steering_groups().items()} == OWN
    messages = [*escalations(whole, book, STYLE), *steering_agendas(whole, book, STYLE)]
    for part in in_reading(two, by_group, operator, AS_OF):  # as the evaluate flow does
        messages += escalations(part, book, STYLE)
    outbox = tmp_path / "outbox"
    report = deliver(messages, MailConfig(outbox=outbox, sender="failscale@example.dk",
                                          host="127.0.0.1", port=smtp_server.port,
                                          starttls=False, attempts=1, timeout=5))

    assert report.unaddressed == () and report.failed == ()
    assert not (outbox / "unaddressed").exists()
    assert len(smtp_server.received) == 6  # per group: escalation, agenda, flow escalation
    for rcpts, mail in smtp_server.received:
        body = mail.get_body(("plain",)).get_content()  # type: ignore[union-attr]
        group = AARHUS_GROUP if "digi@aarhus.dk" in rcpts else ODENSE_GROUP
        other = ODENSE_GROUP if group == AARHUS_GROUP else AARHUS_GROUP
        assert rcpts[0] == ADDRESS[group] and ADDRESS[other] not in rcpts
        assert all(i in body for i in OWN[group])
        assert not any(i in body for i in OWN[other])
    aarhus_cc = [m["Cc"] for rcpts, m in smtp_server.received if "digi@aarhus.dk" in rcpts]
    assert set(aarhus_cc) == {"sekretariat@aarhus.dk"}


def test_each_owner_of_one_name_gets_only_her_own_reminders_at_her_own_address(
    two: Database, operator: Actor, smtp_server: Mailbox, tmp_path: Path,
) -> None:
    review = in_reading(two, review_agenda, operator, AS_OF)
    reminders = owner_reminders(review, in_reading(two, address_book, operator), STYLE)
    assert {(m.organisation, m.recipient, m.to) for m in reminders} == {
        (AARHUS, "Anne Jensen", OWNER[AARHUS]), (ODENSE, "Anne Jensen", OWNER[ODENSE])}
    report = deliver(reminders, MailConfig(outbox=tmp_path / "outbox", sender="f@example.dk",
                                           host="127.0.0.1", port=smtp_server.port,
                                           starttls=False, attempts=1, timeout=5))
    assert sorted(report.sent) == sorted(OWNER.values()) and report.unaddressed == ()
    for home, address in OWNER.items():
        body = smtp_server.to(address).get_body(("plain",)).get_content()  # type: ignore[union-attr]
        mine = {i for i, (h, _) in HOMES.items() if h == home}
        assert all(i in body for i in mine)
        assert not any(i in body for i in set(HOMES) - mine)


def test_each_groups_member_sees_exactly_her_own_groups_agenda(
    two: Database, operator: Actor,
) -> None:
    for username, home, group in (("ida", AARHUS, AARHUS_GROUP), ("ole", ODENSE, ODENSE_GROUP)):
        reader = member(two, operator, username, home)
        other = ODENSE_GROUP if group == AARHUS_GROUP else AARHUS_GROUP
        assert in_reading(two, steering_groups, reader) == [group]
        assert ids(in_reading(two, agenda_view, reader, AS_OF).items) == OWN[group]
        assert ids(in_reading(two, agenda_view, reader, AS_OF, group).items) == OWN[group]
        # a link to the other's
        assert in_reading(two, agenda_view, reader, AS_OF, other).items == ()
        assert in_reading(two, group_named, reader, GROUP) == group  # her name alone means her own


def test_the_national_operator_sees_both_told_apart_by_organisation(
    two: Database, operator: Actor,
) -> None:
    everything = in_reading(two, agenda_view, operator, AS_OF)
    assert {item.initiative.id: item.group for item in everything.items} == {
        i: GroupKey(home, GROUP) for i, (home, _) in HOMES.items()}
    for group, own in OWN.items():
        assert ids(in_reading(two, agenda_view, operator, AS_OF, group).items) == own
    with pytest.raises(ValidationFailed, match="Aarhus Kommune, Odense Kommune"):
        in_reading(two, group_named, operator, GROUP)  # which one? the operator must say


def test_each_groups_meeting_pack_holds_only_its_own_initiatives(
    two: Database, operator: Actor,
) -> None:
    from portfolio.service.evaluation import evaluate_now

    evaluate_now(two, operator, AS_OF, "run-1")
    for group, own in OWN.items():
        pack = in_reading(two, agenda_material, operator, group)
        assert (pack.group, pack.organisation) == (group.name, group.organisation)
        assert {item.file.initiative.id for item in pack.items} == own
        assert pack.active == 2
