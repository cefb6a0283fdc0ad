"""The model-based computation of realised benefits the database's must equal (#7).

This is how the portfolio report computed its benefit figures before they moved into
portfolio.storage.realised: every KPI and measurement as models, per initiative.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from portfolio.models import DecisionKind, KpiKind, Stage
from portfolio.reports.figures import KpiRealised, Realised
from portfolio.service.reports import InitiativeFile, last_quarters, quarter_of
from tests.oracles.stats import kpi_stats

RUNNING = (Stage.EXPERIMENT, Stage.SCALING, Stage.OPERATION)
CLOSING = (DecisionKind.CLOSE, DecisionKind.PARK)


@dataclass(frozen=True)
class OracleQuarter:
    year: int
    number: int
    decisions: dict[DecisionKind, int]
    realised: Realised


def realised_kpis(files: Iterable[InitiativeFile], as_of: date) -> list[KpiRealised]:
    """Every benefit KPI with a measurement by `as_of`, and the share it realised."""
    found = []
    for file in files:
        for kpi in file.kpis:
            if kpi.kind is not KpiKind.BENEFIT:
                continue
            stats = kpi_stats(kpi, file.measurements_of(kpi), as_of)
            if stats.progress is None or stats.latest_value is None:
                continue
            share = min(1.0, max(0.0, stats.progress))
            found.append(KpiRealised(file, kpi, stats.latest_value, share))
    return found


def summarise(label: str, kpis: list[KpiRealised]) -> Realised:
    def mean(values: list[float]) -> float | None:
        return sum(values) / len(values) if values else None

    return Realised(
        label=label,
        kpis=len(kpis),
        cashable=mean([k.share for k in kpis if k.kpi.cashable]),
        non_cashable=mean([k.share for k in kpis if not k.kpi.cashable]),
        overall=mean([k.share for k in kpis]),
    )


def grouped(kpis: list[KpiRealised], key: str) -> list[Realised]:
    groups: dict[str, list[KpiRealised]] = {}
    for k in kpis:
        label = (k.file.initiative.department if key == "department"
                 else str(k.file.initiative.technology or "other"))
        groups.setdefault(label, []).append(k)
    return sorted((summarise(label, members) for label, members in groups.items()),
                  key=lambda r: (-(r.overall or 0), r.label))


def _closed_on(file: InitiativeFile) -> date | None:
    closing = next((d for d in file.decisions if d.kind in CLOSING), None)
    return closing.decided_on if closing else None


def quarterly(files: list[InitiativeFile], as_of: date) -> list[OracleQuarter]:
    quarters = []
    for year, number, end in last_quarters(as_of, 8):
        open_then = [f for f in files if (closed := _closed_on(f)) is None or closed > end]
        decisions = {kind: 0 for kind in DecisionKind}
        for f in files:
            for d in f.decisions:
                if quarter_of(d.decided_on) == (year, number) and d.decided_on <= as_of:
                    decisions[d.kind] += 1
        quarters.append(OracleQuarter(year, number, decisions,
                                      summarise("", realised_kpis(open_then, end))))
    return quarters
