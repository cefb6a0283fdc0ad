"""SIGKILL of a shard while it evaluates and stores (#17): on the shared store the shard's
run is whole or absent, never half there, and running the shard again completes it."""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from portfolio.models import Actor
from portfolio.service import evaluation
from portfolio.service.setup import initialise
from portfolio.storage import Database
from portfolio.storage.lake import PREFIX, release
from portfolio.synth import SynthSpec, generate_portfolio
from tests.postgres import Postgres

pytestmark = pytest.mark.reliability

ROOT = Path(__file__).resolve().parents[2]
AS_OF = date(2025, 6, 30)
SHARD = (
    "import sys, json; from datetime import date\n"
    "from portfolio.models import Actor; from portfolio.service import evaluation\n"
    "from portfolio.storage import Database\n"
    "db = Database(sys.argv[1], lake_data_path=sys.argv[2], lock_timeout=60)\n"
    "print('ready', flush=True)\n"
    "evaluation.store_run(db, Actor.operator(), sys.argv[3], date(2025, 6, 30), "
    "json.loads(sys.argv[4]))\n"
)


def shard_state(db: Database, run_id: str, expected: int) -> str:
    with db.reading() as store:
        (status,) = store.con.execute(
            "SELECT list(status || ':' || evaluated) FROM evaluation_runs WHERE run_id = ?",
            [run_id]).fetchone()
        stored = store.con.execute(
            "SELECT count(*) FROM evaluations WHERE run_id = ?", [run_id]).fetchone()[0]
        kpis = store.con.execute(
            "SELECT count(DISTINCT initiative_id) FROM evaluation_kpis k WHERE EXISTS (SELECT "
            "1 FROM evaluations e WHERE e.run_id = ? AND e.initiative_id = k.initiative_id)",
            [run_id]).fetchone()[0]
    if not status and stored == 0:
        return "absent"
    assert status == [f"completed:{expected}"] and stored == expected == kpis, (status, stored)
    return "whole"


def test_a_killed_shard_is_whole_or_absent_and_a_rerun_completes(
    postgres: Postgres, tmp_path: Path
) -> None:
    data = str(tmp_path / "lake")
    lake = Database(PREFIX + postgres.libpq(postgres.new_database()), lake_data_path=data,
                    lock_timeout=60)
    initialise(lake, Actor.operator())
    generate_portfolio(lake, Actor.operator(), SynthSpec(120, 6_000, 3, AS_OF, 9))
    shard = evaluation.shards(lake, Actor.operator(), 3)[0]
    expected = len(evaluation.prepare_run(lake, Actor.operator(), AS_OF, shard)
                   .frames.initiatives)
    chance, seen = random.Random(17), set()
    for attempt in range(3):
        run_id = f"shard-0-{attempt}"
        child = subprocess.Popen([sys.executable, "-c", SHARD, lake.location, data, run_id,
                                  json.dumps(shard)], cwd=ROOT, stdout=subprocess.PIPE,
                                 text=True)
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
        time.sleep(chance.uniform(0.5, 6.0))
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        seen.add(shard_state(lake, run_id, expected))
        evaluation.store_run(lake, Actor.operator(), run_id, AS_OF, shard)  # the rerun
        assert shard_state(lake, run_id, expected) == "whole"
    print(f"\nkilled shards found: {sorted(seen)}")
    release(lake.location)
