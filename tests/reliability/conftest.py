"""A populated portfolio on a real file, and worker processes that write it at once."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from portfolio.models import Actor, Stage
from portfolio.service.initiatives import save_initiative
from portfolio.service.setup import seed_demo
from portfolio.storage import Database
from tests.factories import AS_OF, make_initiative, make_kpi
from tests.reliability.workers import writer_initiative
from tests.units import in_transaction

ROOT = Path(__file__).resolve().parents[2]
WRITERS = 3


def demo_and_writers(db: Database) -> None:
    """The demo portfolio (35 initiatives to evaluate) plus one initiative per writer."""
    operator = Actor.operator()
    seed_demo(db, operator, AS_OF)
    for writer in range(WRITERS):
        initiative = writer_initiative(writer)
        in_transaction(db, save_initiative,
                       operator, make_initiative(id=initiative, stage=Stage.IDEA),
                        [make_kpi(initiative_id=initiative)])


@pytest.fixture
def portfolio(seeded: Callable[..., Database]) -> Database:
    return seeded(demo_and_writers)


@dataclass
class Worker:
    process: subprocess.Popen[str]

    def wait_ready(self) -> None:
        """Block until the worker has imported the product (seconds on a busy machine)."""
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        assert json.loads(line or "{}").get("ready"), self.process.communicate()[1]

    def go(self, seconds: float) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(f"{seconds}\n")
        self.process.stdin.flush()

    def lines(self, timeout: float = 120) -> list[dict[str, Any]]:
        out, err = self.process.communicate(timeout=timeout)
        assert self.process.returncode == 0, err
        return [json.loads(line) for line in out.splitlines() if line.strip()]


def start_worker(*args: object) -> Worker:
    """`python -m tests.reliability.workers ARGS...` in its own process."""
    command = [sys.executable, "-m", "tests.reliability.workers", *map(str, args)]
    return Worker(subprocess.Popen(command, cwd=ROOT, stdin=subprocess.PIPE,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))


def run_together(workers: list[Worker], seconds: float) -> None:
    """Start every worker's writing at once, once all are ready, for `seconds`."""
    for worker in workers:
        worker.wait_ready()
    for worker in workers:
        worker.go(seconds)


def query(db: Database, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    """Raw rows, for checks that cut across repositories (counts, duplicates)."""
    with db.connect() as con:
        return con.execute(sql, params or []).fetchall()


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] if ordered else 0.0
