"""An organisation file applied with the Organisation page's rules and written together
(#13, #17): on both stores, the same rows, tallies and trail as applying it row by row."""

from __future__ import annotations

from pathlib import Path

from portfolio.models import Actor, Role, SteeringGroup, User
from portfolio.service import organisation, users
from portfolio.service.imports import import_file
from portfolio.storage import Database
from tests.units import in_transaction

HEADER = "kommune;afdeling;styregruppe;styregruppe_email;formand;formand_email\n"
ODDER, SKANDERBORG = "Odder Kommune", "Skanderborg Kommune"
FILE = HEADER + (
    f"{ODDER};Ældre;Velfærd;velfaerd@odder.dk;Lise Holm;lise@odder.dk\n"
    f"{ODDER};Sundhed;Velfærd;sundhed@odder.dk;Lise Holm;lise@odder.dk\n"
    f"{ODDER};Skole;Børn;;;\n"
    f"{SKANDERBORG};Ældre;Velfærd;velfaerd@skanderborg.dk;;\n"
)


def imported(db: Database, actor: Actor, folder: Path, text: str, name: str = "org.csv"):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return import_file(db, actor, path, "organisation")


def trail(db: Database) -> list[tuple[str, str, str]]:
    with db.reading() as store:
        assert store.audit.verify_chain().broken_at is None
        return [(e.action, e.entity, e.entity_id) for e in
                sorted(store.audit.recent(1_000), key=lambda e: e.id)
                if e.entity in {"organisation", "person", "steering_group", "department"}]


def test_a_file_sets_up_two_organisations_with_the_trail_of_its_rows_in_order(
        db: Database, operator: Actor, tmp_path: Path) -> None:
    """A group named on two rows gets both addresses, its chair is entered once, each
    department belongs to its own organisation's group; every change is audited in the
    order of the rows, and the same file again changes and records nothing."""
    report = imported(db, operator, tmp_path, FILE)

    assert (report.exit_code, report.added, report.updated, report.rejected) == (0, 4, 0, 0)
    with db.reading() as store:
        velfaerd = store.steering_groups.get(ODDER, "Velfærd")
        departments = [(d.organisation, d.name, d.steering_group)
                       for d in store.departments.all()]
        lise = store.people.get("Lise Holm", ODDER)
    assert velfaerd is not None and velfaerd.emails == ("velfaerd@odder.dk", "sundhed@odder.dk")
    assert velfaerd.chair == "Lise Holm"
    assert lise is not None and (lise.email, lise.language) == ("lise@odder.dk", "da")
    assert sorted(departments) == [(ODDER, "Skole", "Børn"), (ODDER, "Sundhed", "Velfærd"),
                                   (ODDER, "Ældre", "Velfærd"),
                                   (SKANDERBORG, "Ældre", "Velfærd")]
    assert trail(db) == [
        ("create", "organisation", ODDER), ("create", "person", f"{ODDER}/Lise Holm"),
        ("create", "steering_group", f"{ODDER}/Velfærd"),
        ("create", "department", f"{ODDER}/Ældre"),
        ("update", "steering_group", f"{ODDER}/Velfærd"),
        ("create", "department", f"{ODDER}/Sundhed"),
        ("create", "steering_group", f"{ODDER}/Børn"),
        ("create", "department", f"{ODDER}/Skole"),
        ("create", "organisation", SKANDERBORG),
        ("create", "steering_group", f"{SKANDERBORG}/Velfærd"),
        ("create", "department", f"{SKANDERBORG}/Ældre")]

    again = imported(db, operator, tmp_path, FILE, "igen.csv")

    assert (again.added, again.updated, again.unchanged) == (0, 0, 4)
    assert len(trail(db)) == 11


def test_a_moved_department_and_a_group_whose_member_left_the_role(
        db: Database, operator: Actor, tmp_path: Path) -> None:
    """A department named under another group moves there (an update); a group one of
    whose members is no longer a steering member is refused on each of its rows, with
    the page's reason, and the other rows are stored."""
    imported(db, operator, tmp_path, FILE)
    in_transaction(db, users.add_user, operator, User(
        username="sm.odder", role=Role.STEERING_MEMBER, organisation=ODDER,
        steering_group="Velfærd"))
    in_transaction(db, organisation.save_steering_group, operator, SteeringGroup(
        organisation=ODDER, name="Velfærd", chair="Lise Holm", members=("sm.odder",),
        emails=("velfaerd@odder.dk", "sundhed@odder.dk")))
    with db.transaction() as store:  # the account is made a leader behind the page's back
        member = store.users.get("sm.odder")
        assert member is not None
        store.users.save(member.model_copy(update={"role": Role.LEADER}))

    report = imported(db, operator, tmp_path, HEADER + (
        f"{ODDER};Skole;Velfærd;;;\n"
        f"{ODDER};Ældre;Velfærd;;;\n"
        f"{SKANDERBORG};Ældre;Børn;;;\n"), "flyt.csv")

    assert [e.row for e in report.errors] == [2, 3]
    assert all("sm.odder" in e.reason for e in report.errors)
    assert (report.added, report.updated) == (0, 1)
    with db.reading() as store:
        skole = store.departments.get("Skole", ODDER)
        moved = store.departments.get("Ældre", SKANDERBORG)
    assert skole is not None and skole.steering_group == "Børn"
    assert moved is not None and moved.steering_group == "Børn"
    assert trail(db)[-2:] == [("create", "steering_group", f"{SKANDERBORG}/Børn"),
                              ("update", "department", f"{SKANDERBORG}/Ældre")]
