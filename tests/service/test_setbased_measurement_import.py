"""Measurement files are stored set-based (#7) with the row-by-row rules and reasons."""

from __future__ import annotations

from pathlib import Path

import pytest

from portfolio.models import Actor, Role
from portfolio.service.imports import ImportReport, import_file
from portfolio.storage import Database
from tests.factories import make_initiative, make_kpi

pytestmark = pytest.mark.security

MEASUREMENTS = (
    "initiative_id,kpi,date,value,source\n"
    "OWN,digital share,2025-06-01,40,system\n"
    "OTHER,digital share,2025-06-01,41,system\n"
    "NOBODY,digital share,2025-06-01,42,system\n"
    "OWN,no such kpi,2025-06-01,43,system\n"
    "OWN,digital share,2025-06-02,44,manuel\n"
)


@pytest.fixture
def two_departments(db: Database) -> Database:
    with db.transaction() as store:
        for ini_id, department in (("OWN", "Borgerservice"), ("OTHER", "Økonomi")):
            store.initiatives.save(make_initiative(id=ini_id, department=department))
            store.kpis.save(make_kpi(initiative_id=ini_id))
    return db


def imported_by_kim(db: Database, folder: Path) -> ImportReport:
    """The file imported by a key employee of Borgerservice."""
    file = folder / "m.csv"
    file.write_text(MEASUREMENTS, "utf-8")
    kim = Actor(username="kim", role=Role.KEY_EMPLOYEE, departments=("Borgerservice",))
    return import_file(db, kim, file, "measurements")


def test_a_key_employee_stores_only_measurements_of_own_department(
    two_departments: Database, tmp_path: Path
) -> None:
    report = imported_by_kim(two_departments, tmp_path)

    assert (report.rows_read, report.added, report.rejected) == (5, 2, 3)
    reasons = {e.row: e.reason for e in report.errors}
    assert reasons[3].startswith("not allowed: this initiative belongs to Økonomi")
    assert reasons[4] == ("initiative_id: initiative 'NOBODY' does not exist; import or "
                          "register the initiative first")
    assert reasons[5] == ("kpi: initiative 'OWN' has no KPI named 'no such kpi'; import or "
                          "add the KPI first")
    unknown_kpi = next(e for e in report.errors if e.row == 5)
    assert unknown_kpi.raw["recorded_by"] == "kim"
    with two_departments.reading() as store:
        stored = store.measurements.for_initiative("OWN")
        assert store.measurements.for_initiative("OTHER") == []
    assert [(m.value, m.source, m.provenance.value, m.recorded_by) for m in stored] == [
        (40.0, "system", "system_export", "kim"), (44.0, "manuel", "manual", "kim")]


def test_an_administrator_stores_every_known_measurement_and_a_repeat_changes_nothing(
    two_departments: Database, operator: Actor, tmp_path: Path
) -> None:
    file = tmp_path / "m.csv"
    file.write_text(MEASUREMENTS, "utf-8")

    first = import_file(two_departments, operator, file, "measurements")
    again = import_file(two_departments, operator, file, "measurements")

    assert (first.added, first.rejected) == (3, 2)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 3)


def test_the_refusals_read_in_danish_while_the_quarantine_keeps_the_english_reason(
    two_departments: Database, tmp_path: Path
) -> None:
    report = imported_by_kim(two_departments, tmp_path)

    assert {e.row: e.in_language("da") for e in report.errors} == {
        3: "ikke tilladt: initiativet hører til Økonomi, uden for de afdelinger, kim må ændre",
        4: "initiative_id: initiativet »NOBODY« findes ikke; importér eller registrér "
           "initiativet først",
        5: "kpi: initiativet »OWN« har intet nøgletal med navnet »no such kpi«; importér eller "
           "tilføj nøgletallet først",
    }
    with two_departments.reading() as store:
        quarantined = store.imports.quarantined(report.import_id)
    assert [q["reason"] for q in quarantined] == [e.reason for e in report.errors]
    assert quarantined[0]["reason"].startswith("not allowed: this initiative belongs to Økonomi")
