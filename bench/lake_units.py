"""Where a write's time goes on the shared store, and what group commit could buy (#17).

`python -m bench.lake_units [ROUNDS]` (not part of `make bench`: it measures a design
question, not a target). On a lake of its own (a PostgreSQL the script starts, as the
tests do) holding the demo portfolio plus one initiative, one process on its held
instance times, after three warm-up rounds:

- a steering decision, a one-row measurement import, a unit of work inserting one row
  and a consistent read of one initiative, each a unit of work of its own, with the
  writers' lock and the commit timed inside them; the same units on a file for
  comparison;
- k writes (imports and decisions alternating) in ONE unit of work, k = 1 … 32: what a
  group commit (one lock turn and one commit for k writes) would cost per write.

Prints the load average before and after: on a shared machine the wall times follow it.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from portfolio.importing import ImportKind
from portfolio.importing.fast_measurements import read_measurements
from portfolio.models import Actor, Decision, DecisionKind, Stage
from portfolio.service.decisions import record_decision
from portfolio.service.imports import import_file, store_batch
from portfolio.service.initiatives import save_initiative
from portfolio.service.setup import initialise, seed_demo
from portfolio.storage import Database, Store
from portfolio.storage import lake as lake_backend
from portfolio.storage.lake import PREFIX, release
from tests.factories import AS_OF, make_initiative, make_kpi
from tests.postgres import running_postgres

OPERATOR = Actor.operator()
INITIATIVE = "W0"
_phases: dict[str, float] = {}


def _load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


@contextmanager
def _timing_the_lock_and_the_commit() -> Iterator[None]:
    """Time the writers' lock and the commit of each lake unit of work (put back after)."""
    turn, getattr_ = lake_backend.LakeBackend.writers_turn, lake_backend.LakeConnection.__getattr__

    @contextmanager
    def timed_turn(self: lake_backend.LakeBackend) -> Iterator[None]:
        started = time.perf_counter()
        with turn(self):
            _phases["lock"] = time.perf_counter() - started
            yield

    def timed_getattr(self: lake_backend.LakeConnection, name: str) -> Any:
        found = getattr_(self, name)
        if name != "commit":
            return found

        def commit() -> None:
            started = time.perf_counter()
            found()
            _phases["commit"] = time.perf_counter() - started
        return commit

    lake_backend.LakeBackend.writers_turn = timed_turn  # type: ignore[method-assign]
    lake_backend.LakeConnection.__getattr__ = timed_getattr  # type: ignore[method-assign]
    try:
        yield
    finally:
        lake_backend.LakeBackend.writers_turn = turn  # type: ignore[method-assign]
        lake_backend.LakeConnection.__getattr__ = getattr_  # type: ignore[method-assign]


def _portfolio(db: Database) -> None:
    initialise(db, OPERATOR)
    seed_demo(db, OPERATOR, AS_OF)
    with db.transaction() as store:
        save_initiative(store, OPERATOR, make_initiative(id=INITIATIVE, stage=Stage.IDEA),
                        [make_kpi(initiative_id=INITIATIVE)])


def _csv(folder: Path, tag: str, day: date) -> Path:
    path = folder / f"{tag}.csv"
    path.write_text(f"initiative_id,kpi,date,value\n{INITIATIVE},digital share,{day},1\n")
    return path


def _decide(store: Store, tag: str) -> None:
    record_decision(store, OPERATOR, Decision(
        initiative_id=INITIATIVE, kind=DecisionKind.CONTINUE, decided_by="bench",
        decided_on=date(2025, 6, 30), rationale=tag, next_review_on=date(2025, 9, 30)))


def _units(db: Database, folder: Path, label: str, rounds: int) -> None:
    """Each kind of unit of work `rounds` times (after 3 warm-ups): medians and p95."""
    seconds: dict[str, list[float]] = {}
    split: dict[str, list[tuple[float, float]]] = {}

    def one(kind: str, step: int, work: Callable[[], object]) -> None:
        _phases.clear()
        started = time.perf_counter()
        work()
        if step >= 0:
            seconds.setdefault(kind, []).append(time.perf_counter() - started)
            if "commit" in _phases:
                split.setdefault(kind, []).append((_phases.get("lock", 0.0), _phases["commit"]))

    def insert_one(step: int) -> None:
        with db.transaction() as store:
            store.con.execute(
                "INSERT INTO measurement_changes (import_id, kpi_id, measured_on, changed_by, "
                "changed_at) VALUES (?, 0, DATE '2000-01-01', 'bench', now())", [f"b{step}"])

    def read_one() -> None:
        with db.reading() as store:
            store.initiatives.get(INITIATIVE)

    day = date(2020, 1, 1)
    for step in range(-3, rounds):
        day += timedelta(days=1)
        csv = _csv(folder, f"{label}{step}", day)
        one("one-row import", step, lambda csv=csv: import_file(
            db, OPERATOR, csv, "measurements"))
        one("decision", step, lambda step=step: _in_unit(db, _decide, f"{label}{step}"))
        one("one-row insert", step, lambda step=step: insert_one(step))
        one("read one initiative", step, read_one)
    for kind, values in seconds.items():
        line = (f"{label:5} {kind:20} median {statistics.median(values) * 1000:6.1f} ms, "
                f"p95 {statistics.quantiles(values, n=20)[-1] * 1000:6.1f} ms")
        if split.get(kind):
            line += (f"; lock {statistics.median(a for a, _ in split[kind]) * 1000:4.1f} ms, "
                     f"commit {statistics.median(b for _, b in split[kind]) * 1000:4.1f} ms")
        print(line, flush=True)


def _in_unit(db: Database, use_case: Callable[[Store, str], None], tag: str) -> None:
    with db.transaction() as store:
        use_case(store, tag)


def _batches(db: Database, folder: Path) -> None:
    """k writes in one unit of work: one lock turn and one commit shared by k writes."""
    day = date(2030, 1, 1)
    for k in (1, 1, 2, 4, 8, 16, 32):
        started = time.perf_counter()
        with db.transaction() as store:
            for i in range(k):
                day += timedelta(days=1)
                if i % 2:
                    _decide(store, f"batch{k}-{i}")
                else:
                    csv = _csv(folder, f"batch{k}-{i}", day)
                    store_batch(store, OPERATOR, ImportKind.MEASUREMENTS,
                                read_measurements(csv), csv.name, f"batch{k}-{i}")
        took = time.perf_counter() - started
        print(f"lake  {k:2} writes in one unit of work: {took * 1000:7.1f} ms, "
              f"{took / k * 1000:5.1f} ms a write ({k / took:5.1f} writes/s)", flush=True)


def main(rounds: int) -> None:
    print(f"load before {_load()}", flush=True)
    folder = Path(tempfile.mkdtemp(prefix="lake-units-"))
    with running_postgres() as postgres, _timing_the_lock_and_the_commit():
        lake = Database(PREFIX + postgres.libpq(postgres.new_database()), lock_timeout=60,
                        lake_data_path=str(folder / "lake"))
        try:
            _portfolio(lake)
            _units(lake, folder, "lake", rounds)
            _batches(lake, folder)
        finally:
            release(lake.location)
    file = Database(folder / "portfolio.duckdb", lock_timeout=60)
    _portfolio(file)
    _units(file, folder, "file", rounds)
    print(f"load after {_load()}", flush=True)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30)
