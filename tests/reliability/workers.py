"""Processes the reliability tests start: each writes through the service layer, as the
dashboard and the flows do, and reports every attempt as one JSON line on stdout.

Run as `python -m tests.reliability.workers ROLE DB_PATH ...` from the repository root.
"""

from __future__ import annotations

import json
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from portfolio.errors import DatabaseBusy
from portfolio.models import Actor, Decision, DecisionKind
from portfolio.service.decisions import record_decision
from portfolio.service.evaluation import evaluate_now
from portfolio.service.imports import import_file
from portfolio.storage import Database
from tests.units import in_transaction

FIRST_DAY = date(2020, 1, 1)
DECIDED_ON = date(2025, 6, 30)


def writer_initiative(writer: int) -> str:
    return f"W{writer}"


def measurement_day(step: int) -> date:
    return FIRST_DAY + timedelta(days=step)


def report(**fields: Any) -> None:
    print(json.dumps(fields), flush=True)


def ready_and_wait(db: Database) -> float:
    """Say so once the product is imported and the store opened (on the lake a process
    opens its instance once, ~1 s, as a running dashboard or worker already has), wait
    for the go, and return when to stop."""
    with db.reading():
        pass
    report(ready=True)
    seconds = float(sys.stdin.readline())
    return time.time() + seconds


def attempt(kind: str, token: str, work: Any) -> None:
    """Run one write; ok means acknowledged, busy means refused and not stored."""
    started = time.perf_counter()
    try:
        work()
        outcome: dict[str, Any] = {"ok": True}
    except DatabaseBusy:
        outcome = {"ok": False, "busy": True}
    except Exception as exc:  # the test fails on any of these: report, do not hide
        outcome = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
    report(kind=kind, token=token, latency=time.perf_counter() - started, at=time.time(),
           **outcome)


def write(db_path: str, writer: int, folder: str) -> None:
    """Alternate a one-row measurement import and a steering decision until time is up."""
    db, actor = Database(db_path, lock_timeout=10), Actor.operator()
    initiative = writer_initiative(writer)
    files = Path(folder)
    stop_at = ready_and_wait(db)
    step = 0
    while time.time() < stop_at:
        day = measurement_day(step)
        csv = files / f"w{writer}-{step}.csv"
        csv.write_text(f"initiative_id,kpi,date,value\n{initiative},digital share,{day},{step}\n")
        attempt("measurement", f"{initiative}/{day}",
                lambda csv=csv: _import_one(db, actor, csv))
        token = f"{initiative}-decision-{step}"
        attempt("decision", token, lambda token=token: in_transaction(
            db, record_decision, actor, Decision(
            initiative_id=initiative, kind=DecisionKind.CONTINUE, decided_by=actor.username,
            decided_on=DECIDED_ON, rationale=token,
            next_review_on=DECIDED_ON + timedelta(days=90),
        )))
        step += 1


def _import_one(db: Database, actor: Actor, csv: Path) -> None:
    result = import_file(db, actor, csv, "measurements")
    if result.accepted != 1:
        raise AssertionError(f"row not accepted: {result.errors}")


def evaluate(db_path: str, first_day: str) -> None:
    """Evaluate the portfolio again and again, each run as of a new day, until time is up."""
    db, actor = Database(db_path, lock_timeout=10), Actor.operator()
    as_of = date.fromisoformat(first_day)
    stop_at = ready_and_wait(db)
    while time.time() < stop_at:
        run_id = f"run-{as_of.isoformat()}"
        attempt("evaluation", run_id,
                lambda as_of=as_of, run_id=run_id: evaluate_now(db, actor, as_of, run_id))
        as_of += timedelta(days=1)


if __name__ == "__main__":
    role, db_path, *args = sys.argv[1:]
    if role == "write":
        write(db_path, int(args[0]), args[1])
    elif role == "evaluate":
        evaluate(db_path, args[0])
    else:
        raise SystemExit(f"unknown role {role}")
