"""One end-to-end evaluation (read, evaluate, persist) in a fresh process, for its peak RSS.

Run by bench/run.py as `python -m bench.evaluate_child DB AS_OF`; prints one JSON object.
The first run is the end-to-end number (a fresh process, caches cold). Then the engine's
read + policy and the floor (one grouped pass over all measurements, fetched in full) are
timed alike: same file, a connection per pass, warm, best of 3, so `ratio_vs_scan`
compares like with like.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pandas  # noqa: F401 - duckdb imports it on first use; keep imports out of the timing

from portfolio.models import Actor
from portfolio.service import evaluation
from portfolio.storage import Database


def _floor_once(db: Database) -> None:
    with db.reading() as store:
        store.kpi_stats.scan_floor()


def _engine_once(db: Database, day: date) -> None:
    evaluation.evaluate_run(evaluation.prepare_run(db, Actor.operator(), day))


def _best_seconds(fn: Callable[[], object], repeats: int = 3) -> float:
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return best


def _own_peak_mb() -> float:
    """This process's peak RSS since its exec (VmHWM). Not ru_maxrss: Linux starts a child
    at its parent's high-water mark, and the bench that starts this one may have
    synthesised 100 M measurements in-process (6.7 GB)."""
    for line in Path("/proc/self/status").read_text("ascii").splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # not Linux


def main(path: str, as_of: str) -> dict[str, float]:
    db = Database(Path(path), lock_timeout=60)
    day = date.fromisoformat(as_of)
    started = time.perf_counter()
    done = evaluation.store_run(db, Actor.operator(), f"bench-{as_of}", day)
    persisted = time.perf_counter()
    peak_rss_mb = _own_peak_mb()
    floor = _best_seconds(lambda: _floor_once(db))
    engine = _best_seconds(lambda: _engine_once(db, day))
    return {
        "evaluated": done.stored,
        "read_seconds": done.seconds["read"],
        "policy_seconds": done.seconds["evaluate"],
        "persist_seconds": done.seconds["persist"],
        "evaluate_seconds": persisted - started,
        "engine_seconds": engine,
        "scan_seconds": floor,
        "peak_rss_mb": peak_rss_mb,
    }


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], sys.argv[2])))
