"""Importing benefit-realisation plans (#18): Danish headers, CSV and XLSX, every hostile
row quarantined with a reason naming its row, column and fix, and idempotent."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from portfolio.errors import FileUnreadable
from portfolio.importing import ImportKind
from portfolio.models import Actor, BenefitKind, Department, Role
from portfolio.service.benefits import benefit_plan_of, record_realised
from portfolio.service.imports import import_file
from portfolio.service.inbox import kind_of
from portfolio.storage import Database
from tests.factories import make_initiative
from tests.units import in_reading, in_transaction

THIS_YEAR = date.today().year
HEADER = "Initiativ;År;Type;Gevinst;Budgetlinje;Enhed;Planlagt_kr;Realiseret_kr;Planlagt;Realiseret"
GOOD = (
    f"{HEADER}\n"
    f"A-1;{THIS_YEAR - 1};økonomisk;Kørsel;5.32.32 Hjemmepleje;;1.200.000;950.000,50;;\n"
    f"A-1;{THIS_YEAR};ikke-økonomisk;Frigjorte timer;;timer;;;1500;\n"
    f"A-1;{THIS_YEAR + 1};;Porto;3.22.01;;100.000 kr.;;;\n"
)


def write(tmp_path: Path, text: str, name: str = "gevinster.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def plan_db(db: Database) -> Database:
    with db.transaction() as store:
        for name in ("Ældre", "Skole"):
            store.departments.save(Department(name=name))
        store.initiatives.save(make_initiative(id="A-1", department="Ældre"))
        store.initiatives.save(make_initiative(id="S-1", department="Skole"))
    return db


def test_danish_headers_and_danish_numbers_become_the_plan(plan_db, operator, tmp_path):
    report = import_file(plan_db, operator, write(tmp_path, GOOD), "benefits")

    assert (report.exit_code, report.accepted, report.added) == (0, 3, 3)
    lines = in_reading(plan_db, benefit_plan_of, operator, "A-1")
    assert [(x.year, x.kind, x.benefit, x.budget_line, x.unit, x.planned, x.realised)
            for x in lines] == [
        (THIS_YEAR - 1, BenefitKind.CASHABLE, "Kørsel", "5.32.32 Hjemmepleje", "DKK",
         1_200_000, 950_000.5),
        (THIS_YEAR, BenefitKind.NON_CASHABLE, "Frigjorte timer", "", "timer", 1_500, None),
        (THIS_YEAR + 1, BenefitKind.CASHABLE, "Porto", "3.22.01", "DKK", 100_000, None),
    ]


def test_importing_the_same_plan_again_adds_nothing(plan_db, operator, tmp_path):
    path = write(tmp_path, GOOD)
    import_file(plan_db, operator, path, "benefits")

    again = import_file(plan_db, operator, path, "benefits")

    assert (again.added, again.updated, again.unchanged) == (0, 0, 3)
    with plan_db.reading() as store:
        imported = [e for e in store.audit.recent(100) if e.entity == "benefit_line"]
    assert len(imported) == 3


def test_a_plan_imported_again_keeps_the_realised_values_recorded_on_the_page(
        plan_db, operator, tmp_path):
    path = write(tmp_path, GOOD)
    import_file(plan_db, operator, path, "benefits")
    in_transaction(plan_db, record_realised,
                   operator, ("A-1", THIS_YEAR, "non_cashable", "Frigjorte timer"),
                    1_100)

    again = import_file(plan_db, operator, path, "benefits")

    assert again.unchanged == 3
    timer = [x for x in in_reading(plan_db, benefit_plan_of, operator, "A-1") if x.unit == "timer"]
    assert timer[0].realised == 1_100


def test_hostile_rows_are_quarantined_each_with_row_column_and_fix(plan_db, operator,
                                                                    tmp_path):
    text = (
        f"{HEADER}\n"
        f"A-1;{THIS_YEAR};økonomisk;Kørsel;;;1000;;;\n"                    # 2: no budget line
        f"A-1;{THIS_YEAR};ikke-økonomisk;Kvalitet;;;;;4;\n"                # 3: no unit
        f"A-1;1999;økonomisk;Kørsel;5.32;;1000;;;\n"                       # 4: year
        f"A-1;{THIS_YEAR};økonomisk;Leje;5.32;;=HYPERLINK(\"x\");;;\n"     # 5: formula
        f"A-1;{THIS_YEAR};økonomisk;Husleje;5.32;;-5;;;\n"                 # 6: negative plan
        f"ZZ-9;{THIS_YEAR};økonomisk;Kørsel;5.32;;1000;;;\n"               # 7: unknown
        f"A-1;{THIS_YEAR + 2};økonomisk;Kørsel;5.32;;1000;10;;\n"          # 8: realised ahead
        f"A-1;{THIS_YEAR};vind;Kørsel;5.32;;1000;;;\n"                     # 9: type
        f"A-1;{THIS_YEAR};økonomisk;{'x' * 300};5.32;;1000;;;\n"           # 10: too long
        f"A-1;{THIS_YEAR};økonomisk;Kørsel;5.32;;NaN;;;\n"                 # 11: not finite
        f"S-1;{THIS_YEAR};økonomisk;Kørsel;5.32;;1000;;;\n"                # 12: accepted
        f"S-1;{THIS_YEAR};økonomisk;Kørsel;5.32;;2000;;;\n"                # 13: duplicate
    )
    report = import_file(plan_db, operator, write(tmp_path, text), "benefits")

    reasons = {e.row: e.reason for e in report.errors}
    assert report.exit_code == 1
    assert (report.rows_read, report.accepted, report.rejected) == (12, 1, 11)
    assert "budget_line (budgetlinje)" in reasons[2] and "fill it in" in reasons[2]
    assert "unit (enhed)" in reasons[3]
    assert "year (år): '1999'" in reasons[4]
    assert "formula" in reasons[5].lower() and "planned_dkk" in reasons[5]
    assert "planned" in reasons[6]
    assert "ZZ-9" in reasons[7]
    assert str(THIS_YEAR + 2) in reasons[8] and "realised" in reasons[8]
    assert "kind" in reasons[9] and "vind" in reasons[9]
    assert "benefit" in reasons[10] and "200" in reasons[10]
    assert "planned_dkk" in reasons[11]
    assert "row 12" in reasons[13]
    with plan_db.reading() as store:
        assert store.benefit_plans.for_initiative("A-1") == []
        quarantined = store.con.execute(
            "SELECT count(*) FROM quarantine WHERE kind = 'benefits'").fetchone()
    assert quarantined == (11,)


def test_a_leader_imports_their_own_departments_plans_only(plan_db, tmp_path):
    leader = Actor(username="mette", role=Role.LEADER, departments=("Ældre",))
    text = (f"{HEADER}\nA-1;{THIS_YEAR};økonomisk;Kørsel;5.32;;1000;;;\n"
            f"S-1;{THIS_YEAR};økonomisk;Kørsel;5.32;;1000;;;\n")

    report = import_file(plan_db, leader, write(tmp_path, text), "benefits")

    assert (report.accepted, report.rejected) == (1, 1)
    assert "Skole" in report.errors[0].reason


def test_an_xlsx_plan_with_english_headers_imports_alike(plan_db, operator, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["initiative_id", "year", "kind", "benefit", "budget_line", "planned_dkk",
                  "realised_dkk"])
    sheet.append(["A-1", THIS_YEAR - 1, "cashable", "Kørsel", "5.32", 250000, 125000.0])
    path = tmp_path / "benefits.xlsx"
    book.save(path)

    report = import_file(plan_db, operator, path, "benefits")

    assert report.exit_code == 0
    (line,) = in_reading(plan_db, benefit_plan_of, operator, "A-1")
    assert (line.planned, line.realised) == (250_000, 125_000)


def test_a_file_without_the_plan_columns_cannot_be_read(plan_db, operator, tmp_path):
    with pytest.raises(FileUnreadable) as refused:
        import_file(plan_db, operator, write(tmp_path, "initiativ;værdi\nA-1;3\n"), "benefits")
    assert "year (år)" in str(refused.value) and "benefit (gevinst)" in str(refused.value)


def test_the_inbox_knows_a_plan_by_its_name_or_its_header(tmp_path):
    assert kind_of(write(tmp_path, GOOD, "gevinstrealiseringsplan.csv")) is ImportKind.BENEFITS
    assert kind_of(write(tmp_path, GOOD, "plan-2026.csv")) is ImportKind.BENEFITS


def test_a_plan_is_written_together_and_audited_line_by_line_in_the_files_order(
        plan_db, operator, tmp_path):
    """The lines of a file are written in one statement and read back once (#17), with the
    trail that writing them one by one gave: one event a stored line, in the file's order,
    its before and after as stored (who saved it), on an intact chain; an unchanged line
    writes nothing."""
    import_file(plan_db, operator, write(tmp_path, GOOD), "benefits")
    changed = (
        f"{HEADER}\n"
        f"S-1;{THIS_YEAR};økonomisk;Husleje;4.10;;80.000;;;\n"                # new
        f"A-1;{THIS_YEAR - 1};økonomisk;Kørsel;5.32.32 Hjemmepleje;;1.300.000;;;\n"  # changed
        f"A-1;{THIS_YEAR};ikke-økonomisk;Frigjorte timer;;timer;;;1500;\n"    # unchanged
    )

    report = import_file(plan_db, operator, write(tmp_path, changed, "igen.csv"), "benefits")

    assert (report.added, report.updated, report.unchanged) == (1, 1, 1)
    with plan_db.reading() as store:
        events = sorted((e for e in store.audit.recent(100) if e.entity == "benefit_line"),
                        key=lambda e: e.id)
        chain = store.audit.verify_chain()
        kørsel = store.benefit_plans.get(("A-1", THIS_YEAR - 1, "cashable", "Kørsel"))
    assert [(e.entity_id, (e.before or {}).get("planned"), e.after["planned"])  # type: ignore[index]
            for e in events[3:]] == [
        (f"S-1/{THIS_YEAR}/cashable/Husleje", None, 80_000),
        (f"A-1/{THIS_YEAR - 1}/cashable/Kørsel", 1_200_000, 1_300_000)]
    assert {e.after["updated_by"] for e in events} == {operator.username}  # type: ignore[index]
    assert kørsel is not None and kørsel.realised == 950_000.5  # the blank cell kept it
    assert chain.broken_at is None and chain.checked >= 5
