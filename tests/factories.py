"""Small, general test-data factories for the domain models.

Every factory returns a valid model with sensible defaults; pass keyword overrides for
whatever a test cares about. Dates default around AS_OF so "fresh" data is the default.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from portfolio.models import (
    Direction,
    Evaluation,
    Initiative,
    InitiativeSnapshot,
    Kpi,
    KpiKind,
    Light,
    Measurement,
    Recommendation,
    Source,
    Stage,
)

AS_OF = date(2025, 6, 30)
INITIATIVE_ID = "INI-1"


def make_initiative(**overrides: Any) -> Initiative:
    """An experiment on budget whose review date is still ahead of AS_OF."""
    data: dict[str, Any] = {
        "id": INITIATIVE_ID,
        "title": "Digital social-benefit application",
        "department": "Social services",
        "owner": "leader",
        "stage": Stage.EXPERIMENT,
        "started_on": AS_OF - timedelta(days=365),
        "review_on": AS_OF + timedelta(days=60),
        "budget_dkk": 1_000_000.0,
        "spent_dkk": 500_000.0,
    }
    data.update(overrides)
    return Initiative(**data)


def make_kpi(name: str = "digital share", **overrides: Any) -> Kpi:
    """A benefit KPI, higher is better, baseline 0 and target 100 unless overridden."""
    data: dict[str, Any] = {
        "initiative_id": INITIATIVE_ID,
        "name": name,
        "unit": "",
        "direction": Direction.HIGHER,
        "baseline": 0.0,
        "target": 100.0,
        "kind": KpiKind.BENEFIT,
        "weight": 1.0,
    }
    data.update(overrides)
    return Kpi(**data)


def make_measurements(
    kpi: str | Kpi,
    values: Sequence[float],
    *,
    end: date = AS_OF,
    every_days: int = 30,
    dates: Sequence[date] | None = None,
    source: Source = Source.MANUAL,
    initiative_id: str = INITIATIVE_ID,
) -> list[Measurement]:
    """Measurements of one KPI; the last value is on `end`, earlier ones `every_days` apart.

    Pass `dates` to place each value explicitly instead.
    """
    name = kpi.name if isinstance(kpi, Kpi) else kpi
    if isinstance(kpi, Kpi):
        initiative_id = kpi.initiative_id
    if dates is None:
        n = len(values)
        dates = [end - timedelta(days=every_days * (n - 1 - i)) for i in range(n)]
    if len(dates) != len(values):
        raise ValueError("dates and values must have the same length")
    return [
        Measurement(initiative_id=initiative_id, kpi=name, on=d, value=v, source=source)
        for d, v in zip(dates, values, strict=True)
    ]


def make_snapshot(
    initiative: Initiative | None = None,
    kpis: Iterable[Kpi] = (),
    measurements: Iterable[Measurement] = (),
    **overrides: Any,
) -> InitiativeSnapshot:
    """A snapshot; `initiative` defaults to make_initiative(); keywords such as
    `last_decision_on` go to the snapshot."""
    ini = initiative or make_initiative()
    return InitiativeSnapshot(
        initiative=ini, kpis=tuple(kpis), measurements=tuple(measurements), **overrides
    )


def make_evaluation(
    initiative_id: str = INITIATIVE_ID,
    recommendation: Recommendation = Recommendation.CONTINUE,
    **overrides: Any,
) -> Evaluation:
    """A stored verdict as of AS_OF with no criteria: for code that reads recommendations."""
    data: dict[str, Any] = {
        "initiative_id": initiative_id, "as_of": AS_OF, "recommendation": recommendation,
        "light": Light.YELLOW, "score": 0.5, "criteria": (), "reasons": (), "run_id": "run",
        "policy_name": "default", "policy_version": 1,
        "evaluated_at": datetime.combine(AS_OF, datetime.min.time()),
    }
    data.update(overrides)
    return Evaluation(**data)
