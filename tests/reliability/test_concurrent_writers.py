"""Several processes write one DuckDB file while another evaluates the portfolio.

The writers import measurements and record decisions through the service layer, as the
dashboard and the inbox flow do; the evaluator runs `evaluate_now` (the evaluate-portfolio
flow's use cases without Prefect's ~20 s server start) in its own process.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from portfolio.storage import Database
from tests.reliability.conftest import WRITERS, p95, query, run_together, start_worker

pytestmark = pytest.mark.reliability

SECONDS = 8.0


def test_every_acknowledged_write_is_stored_once_while_the_portfolio_is_evaluated(
    portfolio: Database, tmp_path: Path
) -> None:
    writers = [start_worker("write", portfolio.path, w, tmp_path) for w in range(WRITERS)]
    evaluator = start_worker("evaluate", portfolio.path, "2020-01-01")  # never ahead of today
    run_together([*writers, evaluator], SECONDS)
    attempts = [line for w in writers for line in w.lines()]
    runs = [line for line in evaluator.lines() if "kind" in line]

    assert [a["error"] for a in attempts + runs if "error" in a] == []
    acknowledged = [a for a in attempts if a["ok"]]
    refused = {a["token"] for a in attempts if a.get("busy")}
    stored_measurements = Counter(
        f"{initiative}/{day}" for initiative, day in query(portfolio, (
            "SELECT k.initiative_id, m.measured_on FROM measurements m "
            "JOIN kpis k ON k.id = m.kpi_id WHERE k.initiative_id LIKE 'W%'"))
    )
    stored_decisions = Counter(r for (r,) in query(
        portfolio, "SELECT rationale FROM decisions WHERE initiative_id LIKE 'W%'"))
    stored = stored_measurements + stored_decisions
    assert {a["token"] for a in acknowledged} == set(stored)
    assert max(stored.values()) == 1
    assert refused.isdisjoint(stored)
    imports = query(portfolio, "SELECT count(*), count(DISTINCT source_name) FROM imports")[0]
    assert imports[0] == imports[1] == stored_measurements.total()

    completed = [r["token"] for r in runs if r["ok"]]
    assert completed, "the evaluator never completed a run"
    counts = dict(query(portfolio, "SELECT run_id, count(*) FROM evaluations GROUP BY run_id"))
    active = len(query(portfolio, "SELECT 1 FROM initiatives WHERE stage <> 'closed'"))
    assert {run: counts.get(run) for run in completed} == dict.fromkeys(completed, active)

    latencies = [a["latency"] for a in acknowledged]
    print(f"\n{len(acknowledged)} acknowledged writes by {WRITERS} processes in {SECONDS:.0f} s "
          f"({len(acknowledged) / SECONDS:.1f} writes/s), p95 latency "
          f"{p95(latencies) * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms; "
          f"{len(refused)} refused as busy; {len(completed)} evaluation runs, p95 "
          f"{p95([r['latency'] for r in runs if r['ok']]) * 1000:.0f} ms")
