"""The audit trail is append-only, names who did what, and admins export it as CSV."""

from __future__ import annotations

import csv
import fcntl
import io
import os
import re
from datetime import timedelta
from pathlib import Path

import pytest

from portfolio.models import Actor, Decision, DecisionKind, Measurement
from portfolio.service import decisions, initiatives, queries, users
from portfolio.service.audit_log import audit_csv, export_audit_csv, inert
from portfolio.storage import Database
from tests.factories import AS_OF, make_initiative
from tests.units import in_reading, in_transaction

pytestmark = pytest.mark.security

STORAGE = Path(__file__).parents[2] / "portfolio" / "storage"


def test_no_code_path_updates_or_deletes_audit_events() -> None:
    offending = []
    for path in STORAGE.rglob("*"):
        if path.suffix not in (".py", ".sql"):
            continue
        text = " ".join(path.read_text("utf-8").split())
        pattern = (r"(UPDATE\s+audit_events|DELETE\s+FROM\s+audit_events"
                   r"|TRUNCATE\s+audit_events|DROP\s+TABLE\s+audit_events)")
        offending += [f"{path.name}: {m}" for m in re.findall(pattern, text, re.I)]
    assert offending == []


def test_an_initiatives_page_trail_holds_its_changes_measurements_decisions_and_lessons(
    portfolio: Database,
) -> None:
    operator = Actor.operator()
    in_transaction(portfolio, initiatives.save_initiative, operator,
                                make_initiative(id="A-1", department="A", owner="Someone"))
    in_transaction(portfolio, initiatives.record_measurement, operator, Measurement(
        initiative_id="A-1", kpi="digital share", on=AS_OF, value=90))
    in_transaction(portfolio, decisions.record_decision, operator, Decision(
        initiative_id="A-1", kind=DecisionKind.CONTINUE, decided_by="", decided_on=AS_OF,
        next_review_on=AS_OF + timedelta(days=30)))
    in_transaction(portfolio, decisions.add_lesson, operator, "A-1", "Start small.", AS_OF)
    in_transaction(portfolio, users.assign_contributor, operator, "A-1", "kim", assigned=False)

    trail = in_reading(portfolio, queries.initiative_detail, operator, "A-1").audit

    assert [(e.action, e.entity) for e in reversed(trail)] == [
        ("update", "initiative"), ("update", "measurement"), ("decide", "initiative"),
        ("update", "initiative"), ("create", "lesson"), ("unassign", "initiative")]
    assert all(e.actor == "operator" for e in trail)
    first = trail[-1]
    assert (first.before["owner"], first.after["owner"]) == ("leader", "Someone")


def test_an_administrator_exports_the_log_as_csv_and_the_export_is_audited(
    portfolio: Database,
) -> None:
    operator = Actor.operator()
    in_transaction(portfolio, initiatives.save_initiative, operator, make_initiative(
        id="A-1", department="A", title="=HYPERLINK(\"http://evil\",\"x\")"))

    rows = list(csv.DictReader(io.StringIO(audit_csv(portfolio, operator))))

    assert rows[-1]["action"] == "update" and rows[-1]["entity_id"] == "A-1"
    assert "=HYPERLINK" in rows[-1]["after"]
    with portfolio.reading() as store:
        assert store.audit.recent(1)[0].action == "export"


class LockChecking(io.StringIO):
    """A reader of the export that, at every line it is given, tries the database's lock
    file (the turn every unit of work holds, portfolio/storage/file_turn.py)."""

    def __init__(self, lock_file: Path) -> None:
        super().__init__()
        self.lock_file, self.free, self.held = lock_file, 0, 0

    def write(self, text: str) -> int:
        fd = os.open(self.lock_file, os.O_RDWR | os.O_CREAT)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            self.free += 1
        except BlockingIOError:
            self.held += 1
        finally:
            os.close(fd)  # and with it the flock
        return super().write(text)


def test_the_export_holds_no_unit_of_work_while_its_reader_takes_the_lines(
    portfolio: Database,
) -> None:
    """The export keeps its own short reads (#16): a pipe that reads slowly must not keep
    every other process out of the file."""
    reader = LockChecking(portfolio.path.with_name(portfolio.path.name + ".lock"))
    written = export_audit_csv(portfolio, Actor.operator(), reader)
    assert written > 0 and reader.free == written + 1 and reader.held == 0


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx"])
def test_a_cell_a_spreadsheet_would_run_is_kept_as_text(cell: str) -> None:
    assert inert(cell) == f"'{cell}"
    assert inert("plain") == "plain"
