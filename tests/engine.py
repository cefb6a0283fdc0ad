"""The production engine on initiatives held in memory, for tests that build one by hand.

A snapshot is put into an in-memory DuckDB as the four tables the statistics query reads
(initiatives, kpis, measurements, decisions), with the statistics a store keeps at write
time beside them, and the run's own code does the rest: KpiStatsReader's query, then
portfolio.review.vectorised. So the hand-computed
cases test what production runs, in milliseconds, without a database file per case.
The store keeps one measurement per KPI and date; a hand-built snapshot may hold two, and
then the worse one is kept (as the reference's tie rule reads them), so the result does
not depend on the order a test lists them in.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import cache

import duckdb
import pyarrow as pa

from portfolio.models import Direction, InitiativeSnapshot, Measurement, Verdict
from portfolio.review.frames import PortfolioFrames
from portfolio.review.policy import ReviewPolicy
from portfolio.review.vectorised import evaluate_frames
from portfolio.storage import measurement_stats
from portfolio.storage.kpi_stats import KpiStatsReader


def portfolio_frames(snapshots: Sequence[InitiativeSnapshot], as_of: date) -> PortfolioFrames:
    initiatives, kpis, measurements, decisions = [], [], [], []
    for s in snapshots:
        i = s.initiative
        initiatives.append({"id": i.id, "title": i.title, "stage": i.stage.value,
                            "review_on": i.review_on, "budget_dkk": float(i.budget_dkk),
                            "spent_dkk": float(i.spent_dkk)})
        if s.last_decision_on is not None:
            decisions.append({"initiative_id": i.id, "decided_on": s.last_decision_on})
        ids = {}
        for k in s.kpis:
            ids[k.name] = len(kpis) + 1
            kpis.append({"id": ids[k.name], "initiative_id": i.id, "name": k.name,
                         "kind": k.kind.value, "direction": k.direction.value, "unit": k.unit,
                         "baseline": k.baseline, "target": k.target, "weight": k.weight})
        lower = {k.name for k in s.kpis if k.direction is Direction.LOWER}
        kept: dict[tuple[int, date], Measurement] = {}
        for m in s.measurements:
            if m.kpi not in ids:
                continue
            held = kept.get((ids[m.kpi], m.on))
            worse = held is None or (m.value > held.value if m.kpi in lower
                                     else m.value < held.value)
            if worse:
                kept[ids[m.kpi], m.on] = m
        measurements += [{"kpi_id": key[0], "measured_on": m.on, "value": m.value,
                          "provenance": m.provenance.value} for key, m in kept.items()]
    schemas = {
        "initiatives": pa.schema([("id", pa.string()), ("title", pa.string()),
                                  ("stage", pa.string()), ("review_on", pa.date32()),
                                  ("budget_dkk", pa.float64()), ("spent_dkk", pa.float64())]),
        "decisions": pa.schema([("initiative_id", pa.string()), ("decided_on", pa.date32())]),
        "kpis": pa.schema([("id", pa.int64()), ("initiative_id", pa.string()),
                           ("name", pa.string()), ("kind", pa.string()),
                           ("direction", pa.string()), ("unit", pa.string()),
                           ("baseline", pa.float64()), ("target", pa.float64()),
                           ("weight", pa.float64())]),
        "measurements": pa.schema([("kpi_id", pa.int64()), ("measured_on", pa.date32()),
                                   ("value", pa.float64()), ("provenance", pa.string())]),
    }
    rows = {"initiatives": initiatives, "decisions": decisions, "kpis": kpis,
            "measurements": measurements}
    con = _connection()
    for name, schema in schemas.items():
        con.register(name, pa.Table.from_pylist(rows[name], schema=schema))
    # The statistics a store keeps at write time, by the store's own aggregate.
    con.execute(f"CREATE OR REPLACE TEMP TABLE {measurement_stats.TABLE} AS "
                f"{measurement_stats.aggregate('true')}")
    try:
        return KpiStatsReader(con).portfolio(as_of)
    finally:
        for name in schemas:
            con.unregister(name)


@cache
def _connection() -> duckdb.DuckDBPyConnection:
    """One in-memory instance per test process: opening one costs more than a query."""
    return duckdb.connect()


def evaluate_all(
    snapshots: Sequence[InitiativeSnapshot], policy: ReviewPolicy, as_of: date
) -> list[Verdict]:
    """Production verdicts on `snapshots`, ordered by initiative id (as a run orders them)."""
    return evaluate_frames(portfolio_frames(snapshots, as_of), policy, as_of).to_verdicts()


def evaluate(snapshot: InitiativeSnapshot, policy: ReviewPolicy, as_of: date) -> Verdict:
    """The production verdict on one initiative."""
    (verdict,) = evaluate_all([snapshot], policy, as_of)
    return verdict
