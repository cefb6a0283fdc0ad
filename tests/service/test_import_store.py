"""Importing files end to end into a real DuckDB file: stored or quarantined, never lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from portfolio.errors import FileUnreadable
from portfolio.importing import ImportKind
from portfolio.models import Actor, AuditEvent, Role
from portfolio.service.imports import ImportReport, import_file
from portfolio.storage import Database
from portfolio.storage.audit_chain import ChainReport
from tests.conftest import FIXTURES

DANISH_INITIATIVES = (
    "initiativ_id;titel;afdeling;ejer;fase;startdato;reviewdato;budget_kr;forbrug_kr\n"
    "A-1;Digital ansøgning;Borgerservice;Åse;eksperiment;01-02-2025;01-08-2025;100.000,50;"
    "20.000\n"
    "A-2;Chatbot;Borgerservice;Bo;fantasi;01-02-2025;01-08-2025;10;5\n"
    "A-3;Robot i løn;Økonomi;Eva;drift;31-02-2025;01-08-2025;10;5\n"
    "A-4;Skærmbesøg;Ældre og Sundhed;Ida;idé;2025-02-01;;12,5;0\n"
)


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_danish_export_with_bad_rows_stores_good_rows_and_quarantines_the_rest(
    db: Database, operator: Actor, tmp_path: Path
) -> None:
    file = write(tmp_path / "initiativer.csv", DANISH_INITIATIVES, "cp1252")

    report = import_file(db, operator, file, ImportKind.INITIATIVES)

    assert (report.rows_read, report.accepted, report.rejected) == (4, 2, 2)
    assert report.exit_code == 1
    reasons = {e.row: e.reason for e in report.errors}
    assert set(reasons) == {3, 4}
    assert "stage" in reasons[3] and "fantasi" in reasons[3]
    assert "started_on" in reasons[4]
    with db.reading() as store:
        stored = {i.id: i for i in store.initiatives.all()}
        quarantined = store.imports.quarantined(report.import_id)
        departments = {d.name for d in store.departments.all()}
    assert set(stored) == {"A-1", "A-4"}
    assert stored["A-1"].budget_dkk == 100000.5
    assert stored["A-4"].budget_dkk == 12.5
    assert [q["row_number"] for q in quarantined] == [3, 4]
    assert "Borgerservice" in departments and "Ældre og Sundhed" in departments


def test_importing_the_same_rows_again_adds_nothing(
    db: Database, operator: Actor, tmp_path: Path
) -> None:
    initiatives = write(tmp_path / "i.csv", DANISH_INITIATIVES, "cp1252")
    first = import_file(db, operator, initiatives, ImportKind.INITIATIVES)
    again = import_file(db, operator, initiatives, ImportKind.INITIATIVES)

    assert first.added == 2
    assert (again.added, again.updated, again.unchanged) == (0, 0, 2)
    with db.reading() as store:
        assert store.initiatives.count() == 2


def test_measurements_are_stored_once_and_corrections_update_the_value(
    db: Database, operator: Actor, tmp_path: Path
) -> None:
    import_file(db, operator, FIXTURES / "imports" / "initiatives_da.csv", "initiatives")
    import_file(db, operator, FIXTURES / "imports" / "kpis.csv", "kpis")
    file = FIXTURES / "imports" / "measurements.csv"
    first = import_file(db, operator, file, "measurements")
    again = import_file(db, operator, file, "measurements")
    assert first.rejected == 0 and first.added == first.rows_read > 0
    assert (again.added, again.updated, again.unchanged) == (0, 0, first.rows_read)

    correction = write(
        tmp_path / "fix.csv",
        "initiative_id;kpi;date;value;source\n"
        "SUND-1;Kørselstimer pr. uge;2025-03-01;111;system_export\n",
    )
    fixed = import_file(db, operator, correction, "measurements")
    assert fixed.updated == 1
    with db.reading() as store:
        values = {m.on.isoformat(): m.value for m in store.measurements.for_initiative("SUND-1")
                  if m.kpi == "Kørselstimer pr. uge"}
    assert values["2025-03-01"] == 111


def test_measurement_of_an_unknown_kpi_is_quarantined_with_the_fix(
    db: Database, operator: Actor, tmp_path: Path
) -> None:
    import_file(db, operator, FIXTURES / "imports" / "initiatives_da.csv", "initiatives")
    file = write(
        tmp_path / "m.csv",
        "initiative_id,kpi,date,value\nSUND-1,no such kpi,2025-03-01,1\nNOPE,x,2025-03-01,2\n",
    )
    report = import_file(db, operator, file, "measurements")
    assert report.exit_code == 1 and report.accepted == 0
    reasons = [e.reason for e in report.errors]
    assert "no KPI named 'no such kpi'" in reasons[0] and "add the KPI first" in reasons[0]
    assert "'NOPE' does not exist" in reasons[1]
    with db.reading() as store:
        assert len(store.imports.quarantined(report.import_id)) == 2


def test_every_row_read_is_either_stored_or_quarantined(
    db: Database, operator: Actor
) -> None:
    import_file(db, operator, FIXTURES / "imports" / "initiatives_da.csv", "initiatives")
    import_file(db, operator, FIXTURES / "imports" / "kpis.csv", "kpis")
    report = import_file(db, operator, FIXTURES / "imports" / "measurements_with_errors.csv",
                         "measurements")
    with db.reading() as store:
        quarantined = store.imports.quarantined(report.import_id)
    assert report.accepted + len(quarantined) == report.rows_read
    assert report.added + report.updated + report.unchanged == report.accepted


def test_an_unreadable_file_raises_a_clear_error(
    db: Database, operator: Actor, tmp_path: Path
) -> None:
    file = write(tmp_path / "empty.csv", "")
    with pytest.raises(FileUnreadable):
        import_file(db, operator, file, "initiatives")


def test_an_import_is_audited_with_its_counts(
    db: Database, operator: Actor, tmp_path: Path
) -> None:
    file = write(tmp_path / "i.csv", DANISH_INITIATIVES, "cp1252")
    report = import_file(db, operator, file, "initiatives")
    with db.reading() as store:
        events = store.audit.for_entity("import", report.import_id)
        created = store.audit.for_entity("initiative", "A-1")
    assert events[0].after is not None and events[0].after["rejected"] == 2
    assert created[0].actor == "operator" and created[0].after is not None
    assert created[0].after["title"] == "Digital ansøgning"


def test_a_leader_cannot_import_initiatives_of_another_department(
    db: Database, tmp_path: Path
) -> None:
    leader = Actor(username="lone", role=Role.LEADER, departments=("Borgerservice",))
    file = write(tmp_path / "i.csv", DANISH_INITIATIVES, "cp1252")
    report = import_file(db, leader, file, "initiatives")
    stored_ids = {"A-1"}
    with db.reading() as store:
        assert {i.id for i in store.initiatives.all()} == stored_ids
    assert any("not allowed" in e.reason and e.row == 5 for e in report.errors)


def test_re_importing_initiatives_keeps_the_spread_set_by_steering_decisions(
    db: Database, operator: Actor, tmp_path: Path
) -> None:
    initiatives = write(tmp_path / "i.csv", DANISH_INITIATIVES, "cp1252")
    import_file(db, operator, initiatives, ImportKind.INITIATIVES)
    with db.transaction() as store:  # as a scale decision leaves it
        scaled = store.initiatives.get("A-1")
        assert scaled is not None
        store.initiatives.save(scaled.model_copy(update={"planned_departments": ("Økonomi",)}))

    again = import_file(db, operator, initiatives, ImportKind.INITIATIVES)

    with db.reading() as store:
        kept = store.initiatives.get("A-1")
    assert kept is not None and kept.planned_departments == ("Økonomi",)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 2)


def test_a_narrower_initiatives_export_leaves_the_fields_it_does_not_carry(
    db: Database, operator: Actor, tmp_path: Path
) -> None:
    header = "id,title,department,owner,stage,started_on,review_on,budget_dkk,spent_dkk"
    row = "A-1,Digital application,Citizen service,Åse,idea,2025-02-01,2025-08-01,100"
    full = write(tmp_path / "full.csv",
                 f"{header},hypothesis,tags\n{row},20,Fewer calls,web;ai\n")
    narrow = write(tmp_path / "narrow.csv", f"{header}\n{row},35\n")
    import_file(db, operator, full, ImportKind.INITIATIVES)

    again = import_file(db, operator, narrow, ImportKind.INITIATIVES)

    with db.reading() as store:
        kept = store.initiatives.get("A-1")
    assert again.updated == 1 and kept is not None
    assert (kept.spent_dkk, kept.hypothesis, kept.tags) == (35, "Fewer calls", ("web", "ai"))


def test_a_kpis_export_without_weights_keeps_the_stored_weights(
    db: Database, operator: Actor, tmp_path: Path
) -> None:
    import_file(db, operator, write(tmp_path / "i.csv", DANISH_INITIATIVES, "cp1252"),
                ImportKind.INITIATIVES)
    header = "initiative_id,kpi,unit,direction,baseline,target,kind"
    row = "A-1,digital share,%,higher,40,80,benefit"
    import_file(db, operator, write(tmp_path / "k.csv", f"{header},weight\n{row},3\n"),
                ImportKind.KPIS)

    again = import_file(db, operator, write(tmp_path / "k2.csv", f"{header}\n{row}\n"),
                        ImportKind.KPIS)

    with db.reading() as store:
        kpi = store.kpis.get("A-1", "digital share")
    assert kpi is not None and kpi.weight == 3
    assert (again.updated, again.unchanged) == (0, 1)


def imported_twice(db: Database, operator: Actor, folder: Path, kind: ImportKind,
                   header: str, first: str, second: str) -> tuple[ImportReport, ImportReport]:
    return tuple(import_file(db, operator, write(folder / f"{n}.csv", header + rows), kind)
                 for n, rows in (("first", first), ("second", second)))  # type: ignore[return-value]


def trail(db: Database, entity: str) -> tuple[list[AuditEvent], ChainReport]:
    """The audit events of `entity` in the order written, and the whole chain's check."""
    with db.reading() as store:
        events = sorted((e for e in store.audit.recent() if e.entity == entity),
                        key=lambda e: e.id)
        return events, store.audit.verify_chain()


def test_a_kpis_file_is_judged_row_by_row_and_audited_in_its_order_on_an_intact_chain(
    db: Database, operator: Actor, tmp_path: Path
) -> None:
    """The KPIs of a file are written together (#17), with what writing them one by one
    gave: an unknown initiative's row is refused, a changed KPI updated and an unchanged
    one left, and the trail holds one event a stored row, in the file's order, chained on
    to what was there."""
    import_file(db, operator, write(tmp_path / "i.csv", DANISH_INITIATIVES, "cp1252"),
                ImportKind.INITIATIVES)
    added, changed = imported_twice(
        db, operator, tmp_path, ImportKind.KPIS,
        "initiative_id,kpi,unit,direction,baseline,target,kind\n",
        "A-1,digital share,%,higher,40,80,benefit\n"
        "NOPE-9,digital share,%,higher,40,80,benefit\n"
        "A-1,waiting days,days,lower,20,10,benefit\n",
        "A-1,waiting days,days,lower,20,10,benefit\n"
        "A-1,digital share,%,higher,40,90,benefit\n"
        "A-1,calls,per week,lower,500,300,guardrail\n")

    assert (added.added, added.updated, added.rejected) == (2, 0, 1)
    assert [e.row for e in added.errors] == [3]
    assert (changed.added, changed.updated, changed.unchanged) == (1, 1, 1)
    with db.reading() as store:
        kpis = [(k.name, k.target) for k in store.kpis.for_initiative("A-1")]
    events, chain = trail(db, "kpi")
    assert kpis == [("digital share", 90), ("waiting days", 10), ("calls", 300)]
    assert [(e.entity_id, (e.before or {}).get("target"), e.after["target"])  # type: ignore[index]
            for e in events] == [
        ("A-1/digital share", None, 80), ("A-1/waiting days", None, 10),
        ("A-1/digital share", 80, 90), ("A-1/calls", None, 300)]
    assert chain.broken_at is None and chain.checked > 4


def test_an_initiatives_file_is_judged_row_by_row_and_audited_in_its_order(
    db: Database, operator: Actor, tmp_path: Path
) -> None:
    """Initiatives are written together too (#17): new and changed rows as one by one
    gave them, a department new to the store created and audited once, one event a
    stored row in the file's order, on an intact chain."""
    added, changed = imported_twice(
        db, operator, tmp_path, ImportKind.INITIATIVES,
        "id,title,department,owner,stage,started_on,review_on,budget_dkk,spent_dkk\n",
        "B-1,Robot,Ny afdeling,Eva,experiment,2025-01-01,2025-09-01,100,0\n"
        "B-2,Chatbot,Ny afdeling,Bo,experiment,2025-01-01,2025-09-01,100,0\n",
        "B-2,Chatbot,Ny afdeling,Bo,experiment,2025-01-01,2025-09-01,100,0\n"
        "B-1,Robot 2,Ny afdeling,Eva,experiment,2025-01-01,2025-09-01,100,5\n"
        "B-3,Sensor,Ny afdeling,Ida,idea,2025-01-01,,100,0\n")

    assert (added.added, changed.added, changed.updated, changed.unchanged) == (2, 1, 1, 1)
    with db.reading() as store:
        titles = [(i.id, i.title, i.spent_dkk) for i in store.initiatives.all()]
    events, chain = trail(db, "initiative")
    assert titles == [("B-1", "Robot 2", 5), ("B-2", "Chatbot", 0), ("B-3", "Sensor", 0)]
    assert [e.entity_id for e in trail(db, "department")[0]] == ["/Ny afdeling"]
    assert [(e.entity_id, (e.before or {}).get("title")) for e in events] == [
        ("B-1", None), ("B-2", None), ("B-1", "Robot"), ("B-3", None)]
    assert chain.broken_at is None
