"""The engine against the scan floor on an existing database, interleaved (#15).

`python -m bench.engine_vs_floor DB [AS_OF] [REPEATS]` times, in one process and
alternating, the floor pass (`store.kpi_stats.scan_floor()`), the engine's read
(`prepare_run`) and its policy (`evaluate_run`), and prints each one's best wall and CPU
seconds (CPU of every thread: DuckDB runs on several) with the ratio and the load average.
On a shared machine compare ratios measured like this, not absolute times: both sides
see the same load. `make bench` gives the same ratio as `ratio_vs_scan`
(bench/evaluate_child.py), once, after a stored run; a database to run this on is
`failscale synth` output or a copy of the bench's.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import TypeVar

from portfolio.models import Actor
from portfolio.service import evaluation
from portfolio.storage import Database

T = TypeVar("T")


def _timed(fn: Callable[[], T]) -> tuple[T, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - wall, time.process_time() - cpu


def measure(path: Path, as_of: date, repeats: int = 5) -> dict[str, tuple[float, float]]:
    """Best (wall, CPU) seconds of the floor, the read, the policy and both together."""
    db = Database(path, lock_timeout=60)
    actor = Actor.operator()
    best: dict[str, tuple[float, float]] = {}

    def note(key: str, wall: float, cpu: float) -> None:
        old = best.get(key, (float("inf"), float("inf")))
        best[key] = (min(old[0], wall), min(old[1], cpu))

    def floor() -> None:
        with db.reading() as store:
            store.kpi_stats.scan_floor()

    for _ in range(repeats):
        _, wall, cpu = _timed(floor)
        note("scan", wall, cpu)
        run, read_wall, read_cpu = _timed(lambda: evaluation.prepare_run(db, actor, as_of))
        _, policy_wall, policy_cpu = _timed(partial(evaluation.evaluate_run, run))
        note("read", read_wall, read_cpu)
        note("policy", policy_wall, policy_cpu)
        note("engine", read_wall + policy_wall, read_cpu + policy_cpu)
    return best


def main(argv: list[str]) -> None:
    path = Path(argv[0])
    as_of = date.fromisoformat(argv[1]) if len(argv) > 1 else date(2025, 6, 30)
    repeats = int(argv[2]) if len(argv) > 2 else 5
    best = measure(path, as_of, repeats)
    for key, (wall, cpu) in best.items():
        print(f"{key:7s} {wall:.3f} s wall  {cpu:.3f} s CPU")
    print(f"ratio_vs_scan {best['engine'][0] / best['scan'][0]:.2f} "
          f"(CPU {best['engine'][1] / best['scan'][1]:.2f}), "
          f"load {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main(sys.argv[1:])
