"""The vocabulary of the demo's spec tables: one compact, declarative row per initiative.

A row says what the data should look like *relative to the anchor date* (days ago, days
until review) and how far each KPI has come (`reach`), so the verdict an initiative gets
at the anchor is designed, not accidental. `expect` records that intended verdict.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from portfolio.models import (
    DecisionKind,
    Direction,
    FocusArea,
    KpiKind,
    Recommendation,
    Source,
    Stage,
    Technology,
)


@dataclass(frozen=True)
class KpiSpec:
    """One KPI and the shape of its measurement series.

    reach: for benefit/adoption KPIs the progress baseline→target of the newest value
    (1.0 = on target); for guardrails the relative worsening against baseline (0.55 =
    55 % worse, negative = better). early_source: provenance of the older half of the
    series (e.g. counted by hand before the system export existed).
    """

    name: str
    unit: str
    baseline: float
    target: float
    reach: float
    kind: KpiKind = KpiKind.BENEFIT
    direction: Direction | None = None
    source: Source = Source.SYSTEM_EXPORT
    early_source: Source | None = None
    cashable: bool = False
    weight: float = 1.0
    decimals: int = 1
    gap: int = 30
    n: int | None = None
    age: int | None = None

    @property
    def resolved_direction(self) -> Direction:
        if self.direction is not None:
            return self.direction
        return Direction.LOWER if self.target < self.baseline else Direction.HIGHER


@dataclass(frozen=True)
class DecisionSpec:
    """A past steering decision, `ago` days before the anchor."""

    ago: int
    kind: DecisionKind
    rationale: str
    recommendation: Recommendation | None = None
    reason_code: str | None = None


@dataclass(frozen=True)
class InitiativeSpec:
    """One initiative of the demo, with the verdict it is designed to get (`expect`)."""

    id: str
    title: str
    department: str
    owner: str
    stage: Stage
    focus: FocusArea
    technology: Technology
    core_task: str
    cause: str
    effect: str
    budget: float
    spent: float
    review: int | None
    kpis: tuple[KpiSpec, ...] = ()
    months: int = 12
    data_age: int = 12
    decisions: tuple[DecisionSpec, ...] = ()
    lesson: str | None = None
    tags: tuple[str, ...] = ()
    planned: tuple[str, ...] = ()
    adopted: tuple[str, ...] = ()
    started: int | None = None
    expect: Recommendation | None = None

    @property
    def hypothesis(self) -> str:
        measured = [k.name for k in self.kpis if k.kind is KpiKind.BENEFIT]
        by = " og ".join(measured) if measured else "nøgletal, der fastlægges før eksperimentet"
        return f"Vi tror at {self.cause} vil føre til {self.effect} målt ved {by}."


# --- KPI helpers: the recurring kinds, so the tables stay short -------------------------


def benefit(name: str, unit: str, baseline: float, target: float, reach: float,
            **kw: Any) -> KpiSpec:
    return KpiSpec(name, unit, baseline, target, reach, **kw)


def cash(name: str, unit: str, baseline: float, target: float, reach: float,
         **kw: Any) -> KpiSpec:
    """A cashable benefit: hours or kroner that free money in the budget."""
    return KpiSpec(name, unit, baseline, target, reach, cashable=True, **kw)


def adoption(name: str, baseline: float, target: float, reach: float, **kw: Any) -> KpiSpec:
    return KpiSpec(name, "%", baseline, target, reach, kind=KpiKind.ADOPTION,
                   decimals=0, **kw)


def guard(name: str, unit: str, baseline: float, worse: float, direction: Direction,
          **kw: Any) -> KpiSpec:
    """A guardrail that must not get worse; the target is to hold the baseline."""
    kw.setdefault("source", Source.MANUAL)
    return KpiSpec(name, unit, baseline, baseline, worse, kind=KpiKind.GUARDRAIL,
                   direction=direction, **kw)


def satisfaction(worse: float = -0.02, name: str = "borgertilfredshed",
                 **kw: Any) -> KpiSpec:
    """Quarterly survey: share of satisfied citizens."""
    kw.setdefault("gap", 91)
    kw.setdefault("decimals", 0)
    return guard(name, "%", 82, worse, Direction.HIGHER, **kw)


def complaints(baseline: float, worse: float, name: str = "klager", **kw: Any) -> KpiSpec:
    kw.setdefault("decimals", 0)
    return guard(name, "antal/md", baseline, worse, Direction.LOWER, **kw)


def walk_ins(baseline: float, worse: float, **kw: Any) -> KpiSpec:
    kw.setdefault("decimals", 0)
    kw.setdefault("source", Source.SYSTEM_EXPORT)
    return guard("personlige henvendelser", "antal/md", baseline, worse, Direction.LOWER, **kw)


def error_rate(baseline: float, worse: float, name: str = "fejlrate", **kw: Any) -> KpiSpec:
    kw.setdefault("decimals", 2)
    return guard(name, "%", baseline, worse, Direction.LOWER, **kw)


def decided(ago: int, kind: DecisionKind, rationale: str,
            recommendation: Recommendation | None = None,
            reason: str | None = None) -> DecisionSpec:
    return DecisionSpec(ago, kind, rationale, recommendation, reason)
