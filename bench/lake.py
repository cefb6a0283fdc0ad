"""The shared store's numbers (#17): lake_evaluate_seconds and lake_writes_per_s.

A PostgreSQL of the bench's own (initdb in a temporary directory, as the tests start it)
holds the DuckLake catalog. The national portfolio is synthesised into the lake and
evaluated in three shards of organisations by three processes at once, as three work-pool
workers would (each process opens its own instance: the ~1 s attach is in the number, the
Python imports are not, as they are not in the file's number);
the file's `evaluate_seconds` is the number to compare with (target: lake ≤ 2×). Then
three writer processes (measurement imports and decisions through the service layer)
write while a fourth evaluates, and every acknowledged write is looked for.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from portfolio.models import Actor
from portfolio.service import evaluation
from portfolio.service.initiatives import save_initiative
from portfolio.service.setup import initialise
from portfolio.storage import Database
from portfolio.storage.lake import PREFIX, release
from portfolio.synth import SynthSpec, generate_portfolio
from tests.factories import make_initiative, make_kpi
from tests.postgres import running_postgres
from tests.reliability.conftest import start_worker
from tests.reliability.workers import writer_initiative

OPERATOR = Actor.operator()
HERE = Path(__file__).resolve().parent
SHARDS = 3
WRITERS = 3
WRITE_SECONDS = 10.0


def _shards_at_once(lake: Database, as_of: date) -> float:
    """From the moment all three shard processes have imported the product (as the file's
    evaluate_seconds is timed after its child's imports) until the last has stored its
    verdicts; each opens its own instance on the lake (the ~0.6-1 s attach) in the time."""
    groups = evaluation.shards(lake, OPERATOR, SHARDS)
    children = [subprocess.Popen(
        [sys.executable, "-m", "bench.lake", lake.location, str(lake.lake.data_path),  # type: ignore[union-attr]
         as_of.isoformat(), json.dumps(group)], cwd=HERE.parent, stdin=subprocess.PIPE,
        stdout=subprocess.PIPE, text=True) for group in groups]
    for child in children:
        assert child.stdout is not None
        if child.stdout.readline().strip() != "ready":
            raise RuntimeError("a shard failed to start")
    started = time.perf_counter()
    for child in children:
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.flush()
    for child in children:
        child.communicate()
        if child.returncode != 0:
            raise RuntimeError("a shard failed")
    return time.perf_counter() - started


def _writes(lake: Database, folder: Path, as_of: date) -> dict[str, float]:
    # In a portfolio of several organisations a national operator must say whose
    # department an initiative belongs to (#13): the writers' go to the first one stored.
    with lake.reading() as store:
        home = store.departments.all()[0]
    for writer in range(WRITERS):
        initiative = writer_initiative(writer)
        with lake.transaction() as store:
            save_initiative(store, OPERATOR, make_initiative(
                id=initiative, stage="idea", department=home.name,
                organisation=home.organisation), [make_kpi(initiative_id=initiative)])
    workers = [start_worker("write", lake.location, w, folder / f"w{w}") for w in range(WRITERS)]
    for w in range(WRITERS):
        (folder / f"w{w}").mkdir()
    evaluator = start_worker("evaluate", lake.location, as_of.isoformat())
    for worker in [*workers, evaluator]:
        worker.wait_ready()
    for worker in [*workers, evaluator]:
        worker.go(WRITE_SECONDS)
    attempts = [line for w in workers for line in w.lines(timeout=600)]
    evaluator.lines(timeout=600)
    acknowledged = {a["token"] for a in attempts if a["ok"]}
    with lake.reading() as store:
        stored = Counter(f"{i}/{d}" for i, d in store.con.execute(
            "SELECT k.initiative_id, m.measured_on FROM measurements m JOIN kpis k "
            "ON k.id = m.kpi_id WHERE k.initiative_id LIKE 'W%'").fetchall())
        stored += Counter(r for (r,) in store.con.execute(
            "SELECT rationale FROM decisions WHERE initiative_id LIKE 'W%'").fetchall())
    return {"lake_writes_per_s": len(acknowledged) / WRITE_SECONDS,
            "lake_writes_lost": len(acknowledged - set(stored)),
            "lake_writes_duplicated": sum(1 for n in stored.values() if n > 1),
            "lake_write_errors": sum(1 for a in attempts if "error" in a)}


def bench_lake(scale_initiatives: int, scale_measurements: int, organisations: int,
               as_of: date, folder: Path) -> dict[str, Any]:
    """Both numbers on a lake of the bench's own."""
    with running_postgres() as postgres:
        lake = Database(PREFIX + postgres.libpq(postgres.new_database()), lock_timeout=60,
                        lake_data_path=str(folder / "lake"))
        try:
            initialise(lake, OPERATOR)
            generate_portfolio(lake, OPERATOR, SynthSpec(scale_initiatives, scale_measurements,
                                                         7, as_of, organisations))
            results: dict[str, Any] = {"lake_evaluate_seconds": _shards_at_once(lake, as_of)}
            print(f"lake: {results['lake_evaluate_seconds']:.2f} s in {SHARDS} shards",
                  flush=True)
            results.update(_writes(lake, folder, date(2020, 1, 1)))
            print(f"lake writes: {results['lake_writes_per_s']:.1f}/s", flush=True)
            return results
        finally:
            release(lake.location)


def _shard(location: str, data_path: str, as_of: str, organisations: str) -> None:
    print("ready", flush=True)
    sys.stdin.readline()
    db = Database(location, lock_timeout=120, lake_data_path=data_path)
    evaluation.store_run(db, OPERATOR, f"bench-shard-{hash(organisations) & 0xffff}",
                         date.fromisoformat(as_of), json.loads(organisations))


if __name__ == "__main__":
    _shard(*sys.argv[1:5])
