"""The inbox end to end: files dropped in a folder are imported once and filed with a report."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

from portfolio.models import Actor
from portfolio.service.inbox import ingest_inbox, kind_of
from portfolio.storage import Database
from tests.conftest import FIXTURES

IMPORTS = FIXTURES / "imports"
SETTLE = 10.0


def drop(inbox: Path, fixture: str, name: str | None = None, *, settled: bool = True) -> Path:
    """Copy a fixture into the inbox; a settled file was last written a minute ago."""
    inbox.mkdir(parents=True, exist_ok=True)
    target = inbox / (name or fixture)
    shutil.copyfile(IMPORTS / fixture, target)
    if settled:
        past = time.time() - 60
        os.utime(target, (past, past))
    return target


def report_of(filed: Path) -> dict:
    return json.loads(filed.with_name(filed.name + ".report.json").read_text("utf-8"))


def import_count(db: Database) -> int:
    with db.reading() as store:
        return int(store.con.execute("SELECT count(*) FROM imports").fetchone()[0])


def test_good_bad_and_half_written_files_are_filed_and_every_row_is_accounted_for(
    db: Database, operator: Actor, tmp_path: Path
) -> None:
    inbox = tmp_path / "inbox"
    drop(inbox, "initiatives_da.csv", "eksport-fra-esdh.csv")  # kind from its header
    drop(inbox, "kpis.csv")
    drop(inbox, "measurements_with_errors.csv", "measurements-juni.csv")
    copying = drop(inbox, "measurements.csv", settled=False)

    outcomes = {o.file: o for o in ingest_inbox(db, operator, inbox, settle_seconds=SETTLE)}

    assert {n: o.status for n, o in outcomes.items()} == {
        "eksport-fra-esdh.csv": "imported", "kpis.csv": "imported",
        "measurements-juni.csv": "partial",
    }
    assert (inbox / "processed" / "eksport-fra-esdh.csv").is_file()
    assert (inbox / "processed" / "kpis.csv").is_file()
    partial = report_of(inbox / "failed" / "measurements-juni.csv")
    assert partial["accepted"] + partial["rejected"] == partial["rows_read"]
    assert partial["rejected"] >= 1
    assert all(e["row"] >= 2 and e["reason"] for e in partial["errors"])
    assert copying.is_file(), "a file still being copied is left for the next run"


def test_the_same_content_under_another_name_is_never_imported_twice(
    db: Database, operator: Actor, tmp_path: Path
) -> None:
    inbox = tmp_path / "inbox"
    drop(inbox, "initiatives_da.csv", "initiatives.csv")
    ingest_inbox(db, operator, inbox, settle_seconds=SETTLE)
    drop(inbox, "initiatives_da.csv", "initiatives-again.csv")
    drop(inbox, "initiatives_da.csv", "initiatives.csv")

    outcomes = ingest_inbox(db, operator, inbox, settle_seconds=SETTLE)

    assert [o.status for o in outcomes] == ["duplicate", "duplicate"]
    assert import_count(db) == 1
    assert len(list((inbox / "processed").glob("initiatives*.csv"))) == 3
    assert "before" in report_of(outcomes[0].moved_to)["message"]


def test_a_file_of_unknown_kind_goes_to_failed_with_a_report_saying_how_to_name_it(
    db: Database, operator: Actor, tmp_path: Path
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    odd = inbox / "budget.csv"
    odd.write_text("year,amount\n2025,100\n", encoding="utf-8")
    os.utime(odd, (time.time() - 60, time.time() - 60))

    (outcome,) = ingest_inbox(db, operator, inbox, settle_seconds=SETTLE)

    assert outcome.status == "failed"
    assert outcome.moved_to == inbox / "failed" / "budget.csv"
    assert "measurements-2025-06.csv" in report_of(outcome.moved_to)["message"]
    assert import_count(db) == 0


def test_a_file_left_in_processing_by_a_crashed_run_is_finished_by_the_next(
    db: Database, operator: Actor, tmp_path: Path
) -> None:
    inbox = tmp_path / "inbox"
    drop(inbox / "processing", "kpis.csv")
    drop(inbox / "processing", "initiatives_da.csv", "initiativer.csv")

    outcomes = ingest_inbox(db, operator, inbox, settle_seconds=SETTLE)

    assert [(o.file, o.status) for o in outcomes] == [
        ("initiativer.csv", "imported"), ("kpis.csv", "imported"),
    ]
    assert not any((inbox / "processing").iterdir())


def test_the_kind_comes_from_a_danish_name_prefix_or_else_from_the_header(tmp_path: Path) -> None:
    named = drop(tmp_path, "kpis.csv", "Målinger uge 23.csv")
    by_header = drop(tmp_path, "kpis.csv", "eksport.csv")

    assert kind_of(named) == "measurements"
    assert kind_of(by_header) == "kpis"


def test_a_file_from_the_inbox_is_a_system_export_and_one_uploaded_by_hand_is_manual(
    db: Database, operator: Actor, tmp_path: Path
) -> None:
    from portfolio.models import Provenance
    from portfolio.service.imports import import_file

    for fixture in ("initiatives_da.csv", "kpis.csv"):
        import_file(db, operator, IMPORTS / fixture, kind_of(IMPORTS / fixture))
    header = "initiativ_id;nøgletal;dato;værdi;kilde\n"
    by_hand = tmp_path / "by-hand.csv"
    by_hand.write_text(header + "SUND-1;Kørselstimer pr. uge;01-09-2025;90;KMD Nexus\n", "utf-8")
    import_file(db, operator, by_hand, "measurements")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    dropped = inbox / "nexus-udtraek.csv"
    dropped.write_text(header + "SUND-1;Kørselstimer pr. uge;01-10-2025;85;KMD Nexus\n", "utf-8")
    past = time.time() - 60
    os.utime(dropped, (past, past))
    ingest_inbox(db, operator, inbox, settle_seconds=SETTLE)

    with db.reading() as store:
        stored = store.measurements.for_initiative("SUND-1")
    assert [(m.on.isoformat(), m.source, m.provenance) for m in stored] == [
        ("2025-09-01", "KMD Nexus", Provenance.MANUAL),
        ("2025-10-01", "KMD Nexus", Provenance.SYSTEM_EXPORT),
    ]
