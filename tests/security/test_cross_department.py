"""Scope: a leader, key employee or steering member of department A cannot change B —
through any use case that takes an initiative or a department."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from portfolio.errors import NotAllowed
from portfolio.models import Actor, Decision, DecisionKind, Measurement, Role
from portfolio.service import decisions, imports, initiatives, users
from portfolio.storage import Database
from tests.factories import AS_OF, make_initiative, make_kpi
from tests.security.conftest import ACTORS
from tests.units import in_transaction

pytestmark = pytest.mark.security

LEADER, KEY, STEERING = ACTORS[Role.LEADER], ACTORS[Role.KEY_EMPLOYEE], ACTORS[
    Role.STEERING_MEMBER]

ATTEMPTS: dict[str, tuple[Actor, Callable[[Database], Any]]] = {
    "a leader edits B's initiative": (LEADER, lambda db: in_transaction(
        db, initiatives.save_initiative,
        LEADER, make_initiative(id="B-1", department="B", title="Mine now"))),
    "a leader moves B's initiative into A": (LEADER, lambda db: in_transaction(
        db, initiatives.save_initiative, LEADER, make_initiative(id="B-1", department="A"))),
    "a leader moves A's initiative to B": (LEADER, lambda db: in_transaction(
        db, initiatives.save_initiative, LEADER, make_initiative(id="A-1", department="B"))),
    "a leader registers an initiative in B": (LEADER, lambda db: in_transaction(
        db, initiatives.save_initiative,
        LEADER, make_initiative(id="B-9", department="B", stage="idea"))),
    "a leader adds a KPI to B's initiative": (LEADER, lambda db: in_transaction(
        db, initiatives.save_kpi, LEADER, make_kpi("walk-ins", initiative_id="B-1"))),
    "a leader records on B's initiative": (LEADER, lambda db: in_transaction(
        db, initiatives.record_measurement,
        LEADER, Measurement(initiative_id="B-1", kpi="digital share", on=AS_OF, value=1))),
    "a key employee records on an initiative not assigned to them": (
        KEY, lambda db: in_transaction(db, initiatives.record_measurement, KEY, Measurement(
            initiative_id="A-2", kpi="digital share", on=AS_OF, value=1))),
    "a leader writes a lesson on B's initiative": (LEADER, lambda db: in_transaction(
        db, decisions.add_lesson, LEADER, "B-1", "Not mine.", AS_OF)),
    "a steering member decides for another group": (STEERING, lambda db:
        in_transaction(db, decisions.record_decision, STEERING, Decision(
            initiative_id="B-1", kind=DecisionKind.CONTINUE, decided_by="", decided_on=AS_OF,
            next_review_on=AS_OF + timedelta(days=30)))),
    "a leader assigns a key employee to B's initiative": (LEADER, lambda db:
        in_transaction(db, users.assign_contributor, LEADER, "B-1", "kim")),
}


def _everything(db: Database) -> tuple[Any, ...]:
    with db.reading() as store:
        return (store.initiatives.all(), store.kpis.all(), store.measurements.count(),
                store.lessons.search(""), store.decisions.all(),
                store.contributors.for_initiative("B-1"), len(store.audit.recent(100_000)))


@pytest.mark.parametrize("attempt", list(ATTEMPTS), ids=list(ATTEMPTS))
def test_an_actor_cannot_change_another_departments_initiative(
    portfolio: Database, attempt: str
) -> None:
    actor, act = ATTEMPTS[attempt]
    before = _everything(portfolio)
    with pytest.raises(NotAllowed, match=f"{actor.username} .* may not"):
        act(portfolio)
    assert _everything(portfolio) == before


@pytest.mark.parametrize(("kind", "text"), [
    ("initiatives", "id,title,department,owner,stage,started_on,review_on,budget_dkk,spent_dkk\n"
                    "B-1,Taken over,B,x,idea,2025-01-01,2025-09-01,10,0\n"
                    "A-1,Moved away,B,x,idea,2025-01-01,2025-09-01,10,0\n"),
    ("kpis", "initiative_id,kpi,unit,direction,baseline,target,kind,weight\n"
             "B-1,walk-ins,n,lower,100,50,guardrail,1\n"),
    ("measurements", "initiative_id,kpi,date,value\nB-1,digital share,2025-06-15,99\n"),
])
def test_an_import_row_for_another_department_is_quarantined_with_the_reason(
    portfolio: Database, tmp_path: Path, kind: str, text: str
) -> None:
    file = tmp_path / f"{kind}.csv"
    file.write_text(text, "utf-8")
    with portfolio.reading() as store:
        before = (store.initiatives.all(), store.kpis.all(), store.measurements.count())

    report = imports.import_file(portfolio, LEADER, file, kind)

    assert report.accepted == 0 and report.rejected == text.count("\n") - 1
    assert all(e.reason.startswith("not allowed: this initiative belongs to")
               for e in report.errors)
    with portfolio.reading() as store:
        assert (store.initiatives.all(), store.kpis.all(), store.measurements.count()) == before


def test_a_key_employee_imports_measurements_only_for_assigned_initiatives(
    portfolio: Database, tmp_path: Path
) -> None:
    file = tmp_path / "measurements.csv"
    file.write_text("initiative_id,kpi,date,value\nA-1,digital share,2025-06-15,91\n"
                    "A-2,digital share,2025-06-15,92\nB-1,digital share,2025-06-15,93\n",
                    "utf-8")

    report = imports.import_file(portfolio, KEY, file, "measurements")

    assert (report.added, report.rejected) == (1, 2)
    assert [e.row for e in report.errors] == [3, 4]


def test_departments_on_a_key_employees_account_are_a_standing_assignment(
    portfolio: Database,
) -> None:
    employee = Actor(username="kaj", role=Role.KEY_EMPLOYEE, departments=("B",))
    in_transaction(portfolio, initiatives.record_measurement, employee, Measurement(
        initiative_id="B-1", kpi="digital share", on=AS_OF, value=70))
    with pytest.raises(NotAllowed):
        in_transaction(portfolio, initiatives.record_measurement, employee, Measurement(
            initiative_id="A-2", kpi="digital share", on=AS_OF, value=70))


def test_a_steering_members_scope_is_the_departments_of_their_steering_group() -> None:
    assert STEERING.departments == ("A",)
