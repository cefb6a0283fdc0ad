"""Turn the spec tables into models, with every date relative to the anchor.

Pure and deterministic: no clock, no database; noise comes from random.Random seeded per
initiative and KPI, so the same anchor always gives byte-identical output, and a
different anchor gives the same data shifted in time (hence the same verdicts).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from portfolio.demo.benefit_plans import plan_lines
from portfolio.demo.org import (
    DEPARTMENTS,
    USERS,
    DemoUser,
    leader,
    people,
    recorder,
    steering_member,
)
from portfolio.demo.service import SERVICE
from portfolio.demo.spec import DecisionSpec, InitiativeSpec, KpiSpec
from portfolio.demo.welfare import WELFARE
from portfolio.models import (
    Adoption,
    BenefitLine,
    Decision,
    DecisionKind,
    Department,
    Direction,
    Initiative,
    InitiativeSnapshot,
    Kpi,
    KpiKind,
    Lesson,
    Measurement,
    Person,
    Recommendation,
    Stage,
)

SEED = "fail-or-scale-demo-v1"
SPECS: tuple[InitiativeSpec, ...] = WELFARE + SERVICE


@dataclass(frozen=True)
class DemoPortfolio:
    """Everything a demo database holds, ready to be stored."""

    departments: tuple[Department, ...]
    initiatives: tuple[Initiative, ...]
    kpis: tuple[Kpi, ...]
    measurements: tuple[Measurement, ...]
    decisions: tuple[Decision, ...]
    lessons: tuple[Lesson, ...]
    users: tuple[DemoUser, ...]
    people: tuple[Person, ...] = ()
    """Where the owners' and steering groups' mail goes."""
    adoptions: tuple[Adoption, ...] = ()
    """Departments that took a scaled initiative into use (not the owning one)."""
    benefit_lines: tuple[BenefitLine, ...] = ()
    """Benefit-realisation plans in kroner and hours, planned and realised (#18)."""

    def snapshot(self, initiative: Initiative) -> InitiativeSnapshot:
        """What the review engine needs for one initiative."""
        own = [d.decided_on for d in self.decisions if d.initiative_id == initiative.id]
        return InitiativeSnapshot(
            initiative=initiative,
            kpis=tuple(k for k in self.kpis if k.initiative_id == initiative.id),
            measurements=tuple(m for m in self.measurements if m.initiative_id == initiative.id),
            last_decision_on=max(own, default=None),
        )

    def snapshots(self) -> tuple[InitiativeSnapshot, ...]:
        """Snapshots of every initiative that is not closed: what a review run evaluates."""
        return tuple(
            self.snapshot(i) for i in self.initiatives if i.stage is not Stage.CLOSED
        )


def build_demo(anchor: date) -> DemoPortfolio:
    """The demo portfolio of Demo Kommune as of `anchor` (the day it is created)."""
    initiatives = tuple(_initiative(s, anchor) for s in SPECS)
    return DemoPortfolio(
        departments=DEPARTMENTS,
        initiatives=initiatives,
        kpis=tuple(_kpi(s, k) for s in SPECS for k in s.kpis),
        measurements=tuple(m for s in SPECS for k in s.kpis for m in _series(s, k, anchor)),
        decisions=tuple(d for s in SPECS for d in _decisions(s, anchor)),
        lessons=tuple(lesson for s in SPECS if (lesson := _lesson(s, anchor))),
        users=USERS,
        people=people(tuple(s.owner for s in SPECS)),
        adoptions=tuple(a for s in SPECS for a in _adoptions(s, anchor)),
        benefit_lines=tuple(line for s, i in zip(SPECS, initiatives, strict=True)
                            for line in plan_lines(s, i, anchor)),
    )


def intended() -> dict[str, Recommendation]:
    """The verdict each initiative that is not closed was designed to get."""
    return {s.id: s.expect for s in SPECS if s.expect is not None}


def _days(anchor: date, offset: int | None) -> date | None:
    return None if offset is None else anchor + timedelta(days=offset)


def _count(spec: InitiativeSpec, kpi: KpiSpec) -> int:
    if spec.stage is Stage.IDEA:
        return 0
    return kpi.n if kpi.n is not None else spec.months * 30 // kpi.gap + 1


def _first_measured(spec: InitiativeSpec) -> int | None:
    """Days before the anchor of the initiative's earliest measurement."""
    spans = [
        (kpi.age if kpi.age is not None else spec.data_age) + kpi.gap * (_count(spec, kpi) - 1)
        for kpi in spec.kpis
        if _count(spec, kpi)
    ]
    return max(spans, default=None)


def _initiative(spec: InitiativeSpec, anchor: date) -> Initiative:
    first = _first_measured(spec)
    started = spec.started if spec.started is not None else None if first is None else first + 30
    return Initiative(
        id=spec.id,
        title=spec.title,
        department=spec.department,
        owner=spec.owner,
        stage=spec.stage,
        started_on=None if started is None else _days(anchor, -started),
        review_on=_days(anchor, spec.review),
        budget_dkk=spec.budget,
        spent_dkk=spec.spent,
        focus_area=spec.focus,
        technology=spec.technology,
        core_task=spec.core_task,
        hypothesis=spec.hypothesis,
        tags=spec.tags,
        planned_departments=spec.planned,
        adopted_departments=tuple(d for d in spec.adopted if d != spec.department),
    )


def _kpi(spec: InitiativeSpec, kpi: KpiSpec) -> Kpi:
    return Kpi(
        initiative_id=spec.id,
        name=kpi.name,
        unit=kpi.unit,
        direction=kpi.resolved_direction,
        baseline=kpi.baseline,
        target=kpi.target,
        kind=kpi.kind,
        weight=kpi.weight,
        cashable=kpi.cashable,
    )


SETTLED_BY = 0.6
"""Share of its series after which an initiative designed to SCALE has reached its level."""


def _series(spec: InitiativeSpec, kpi: KpiSpec, anchor: date) -> Iterator[Measurement]:
    """Evenly spaced measurements from about baseline to the designed `reach`."""
    rng = random.Random(f"{SEED}:{spec.id}:{kpi.name}")
    n = _count(spec, kpi)
    age = kpi.age if kpi.age is not None else spec.data_age
    # What is designed to SCALE has held its result for the last months: SCALE needs the
    # band of the newest measurements green, not one good point (#18).
    settled = SETTLED_BY if spec.expect is Recommendation.SCALE else 1.0
    for i in range(n):
        t = i / (n - 1) if n > 1 else 1.0
        source = kpi.early_source if kpi.early_source and t < 0.5 else kpi.source
        yield Measurement(
            initiative_id=spec.id,
            kpi=kpi.name,
            on=anchor - timedelta(days=age + kpi.gap * (n - 1 - i)),
            value=round(_plausible(kpi, _value(kpi, min(1.0, t / settled), rng,
                                               last=i == n - 1)), kpi.decimals),
            provenance=source,
            recorded_by=recorder(spec.department, source),
        )


def _value(kpi: KpiSpec, t: float, rng: random.Random, last: bool) -> float:
    """The value at time t in [0, 1]: an S-curve towards reach, plus seeded noise.

    The newest value gets only a little noise, so its verdict stays the designed one.
    """
    eased = t * t * (3 - 2 * t)
    noise = max(-2.0, min(2.0, rng.gauss(0, 1)))
    if kpi.kind is KpiKind.GUARDRAIL:
        worse = kpi.reach * eased + noise * (0.004 if last else 0.025)
        sign = 1 if kpi.resolved_direction is Direction.LOWER else -1
        return kpi.baseline * (1 + sign * worse)
    share = kpi.reach * eased + noise * (0.01 if last else 0.05)
    return kpi.baseline + (kpi.target - kpi.baseline) * share


def _plausible(kpi: KpiSpec, value: float) -> float:
    """Noise must not make a count negative or a share exceed 100 %."""
    return min(100.0, max(0.0, value)) if kpi.unit == "%" else max(0.0, value)


def _decisions(spec: InitiativeSpec, anchor: date) -> Iterator[Decision]:
    """The decision history; each one's next review is when the next one was taken."""
    ordered = sorted(spec.decisions, key=lambda d: -d.ago)
    followers: list[DecisionSpec | None] = [*ordered[1:], None]
    for current, following in zip(ordered, followers, strict=False):
        yield Decision(
            initiative_id=spec.id,
            kind=current.kind,
            decided_by=steering_member(spec.department),
            decided_on=anchor - timedelta(days=current.ago),
            rationale=current.rationale,
            recommendation=current.recommendation or _matching(current),
            next_review_on=(
                anchor - timedelta(days=following.ago)
                if following
                else _days(anchor, spec.review)
            ),
            reason_code=current.reason_code,
            spread_to=spec.planned if current.kind is DecisionKind.SCALE else (),
        )


def _adoptions(spec: InitiativeSpec, anchor: date) -> Iterator[Adoption]:
    """One adoption every quarter after the scale decision, recorded by its steering group."""
    scaled = min((d.ago for d in spec.decisions if d.kind is DecisionKind.SCALE), default=0)
    others = [d for d in spec.adopted if d != spec.department]
    for n, department in enumerate(others, start=1):
        yield Adoption(
            initiative_id=spec.id, department=department,
            adopted_on=anchor - timedelta(days=max(scaled - 90 * n, 1)),
            recorded_by=steering_member(spec.department),
        )


def _matching(decision: DecisionSpec) -> Recommendation:
    if decision.kind is DecisionKind.PARK:
        return Recommendation.CLOSE
    return Recommendation(decision.kind.value)


def _lesson(spec: InitiativeSpec, anchor: date) -> Lesson | None:
    if spec.lesson is None:
        return None
    latest = min((d.ago for d in spec.decisions), default=0)
    return Lesson(
        initiative_id=spec.id,
        text=spec.lesson,
        author=leader(spec.department),
        created_on=anchor - timedelta(days=latest),
        tags=spec.tags,
    )
