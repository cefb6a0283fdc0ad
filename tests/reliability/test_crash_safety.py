"""SIGKILL at any moment leaves whole runs or none of them, and the next run completes.

The killed evaluator runs the evaluate-portfolio flow's use cases (`evaluate_now`) in its
own process; persisting a run is one transaction there as in the flow. A writer importing
measurements and recording decisions is killed at the same moment.
"""

from __future__ import annotations

import os
import random
import signal
import time
import warnings
from datetime import date, timedelta
from pathlib import Path

import pytest

from portfolio.models import Actor, Kpi
from portfolio.service.evaluation import evaluate_now
from portfolio.service.initiatives import save_initiative
from portfolio.storage import Database
from tests.factories import make_initiative, make_kpi
from tests.reliability.conftest import WRITERS, query, run_together, start_worker
from tests.units import in_transaction

pytestmark = pytest.mark.reliability

KILLS = WRITERS  # each kill's writer writes its own initiative, so every import adds a row


def assert_consistent(db: Database) -> None:
    """Every stored run is whole, and every import left all its traces or none."""
    active = query(db, "SELECT count(*) FROM initiatives WHERE stage <> 'closed'")[0][0]
    runs = query(db, (
        "SELECT r.run_id, r.status, r.evaluated, count(e.run_id) FROM evaluation_runs r "
        "LEFT JOIN evaluations e USING (run_id) GROUP BY ALL"))
    assert [r for r in runs if r[1:] != ("completed", active, active)] == []
    orphans = query(db, "SELECT DISTINCT run_id FROM evaluations "
                        "WHERE run_id NOT IN (SELECT run_id FROM evaluation_runs)")
    assert orphans == []
    imports = query(db, "SELECT count(*) FROM imports")[0][0]
    audited = query(db, "SELECT count(*) FROM audit_events WHERE entity = 'import'")[0][0]
    measured = query(db, "SELECT count(*) FROM measurements m JOIN kpis k ON k.id = m.kpi_id "
                         "WHERE k.initiative_id LIKE 'W%'")[0][0]
    assert imports == audited == measured


def test_killed_runs_leave_whole_runs_or_none_and_the_next_run_completes(
    portfolio: Database, operator: Actor, tmp_path: Path
) -> None:
    chance = random.Random(6)
    acknowledged: set[str] = set()
    for kill in range(KILLS):
        first_day = date(2000, 1, 1) + timedelta(days=1000 * kill)  # stored runs: never ahead
        evaluator = start_worker("evaluate", portfolio.path, first_day)
        writer = start_worker("write", portfolio.path, kill, tmp_path / str(kill))
        (tmp_path / str(kill)).mkdir()
        run_together([evaluator, writer], seconds=60)
        time.sleep(chance.uniform(0.2, 1.5))
        for worker in (evaluator, writer):
            os.kill(worker.process.pid, signal.SIGKILL)
        for worker in (evaluator, writer):
            out, _ = worker.process.communicate(timeout=30)
            acknowledged |= {line for line in out.splitlines() if '"ok": true' in line}
        assert_consistent(portfolio)

    rerun = evaluate_now(portfolio, operator, date.today(), "after-the-kills")
    active = query(portfolio, "SELECT count(*) FROM initiatives WHERE stage <> 'closed'")[0][0]
    assert len(rerun) == active
    assert_consistent(portfolio)
    stored_runs = {r for (r,) in query(portfolio, "SELECT run_id FROM evaluation_runs")}
    acknowledged_runs = {line.split('"token": "')[1].split('"')[0]
                         for line in acknowledged if '"evaluation"' in line}
    assert acknowledged_runs <= stored_runs


def test_an_interrupted_save_leaves_no_half_saved_initiative(
    db: Database, operator: Actor
) -> None:
    """The dashboard saves an initiative with its KPIs; the second KPI fails to store."""
    first = make_kpi(initiative_id="HALF")
    broken = Kpi.model_construct(**{**first.model_dump(), "name": "citizen satisfaction",
                                    "baseline": "not a number"})

    with pytest.raises(Exception, match="not a number"), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pydantic notices the bad value when auditing
        in_transaction(db, save_initiative, operator, make_initiative(id="HALF"), [first, broken])

    with db.reading() as store:
        assert store.initiatives.get("HALF") is None
        assert store.kpis.for_initiative("HALF") == []
        assert store.audit.for_initiative("HALF") == []
