"""The review criteria: small functions registered by name.

Each criterion reads the KPI statistics, the initiative and the policy, and returns a
light and the reasons behind it. The recommendation (engine.py) combines their results.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from portfolio.models import CriterionResult, Initiative, KpiKind, KpiStats, Light, Reason
from portfolio.review.policy import ReviewPolicy
from tests.oracles.stats import progress, worsening

# Ratios are compared with thresholds after rounding away binary noise, so that a value
# that is exactly on a threshold in decimal (110 / 100 - 1 == 0.10000000000000009) is
# judged as being on it, as PRODUCT.md's "≤ 10 %" promises.
_DIGITS = 9


@dataclass(frozen=True)
class Facts:
    """What every criterion may look at."""

    initiative: Initiative
    kpis: tuple[KpiStats, ...]
    policy: ReviewPolicy
    as_of: date
    last_decision_on: date | None

    def of_kind(self, kind: KpiKind) -> list[KpiStats]:
        return [k for k in self.kpis if k.kind is kind]


Criterion = Callable[[Facts], CriterionResult]
CRITERIA: dict[str, Criterion] = {}


def criterion(name: str) -> Callable[[Criterion], Criterion]:
    def register(fn: Criterion) -> Criterion:
        CRITERIA[name] = fn
        return fn

    return register


@criterion("evidence")
def evidence(facts: Facts) -> CriterionResult:
    rule = facts.policy.evidence
    benefits = facts.of_kind(KpiKind.BENEFIT)
    reasons: list[Reason] = []
    if not benefits:
        reasons.append(Reason(code="evidence.no_benefit_kpi"))
    for k in benefits:
        if k.count < rule.min_measurements:
            reasons.append(
                Reason(
                    code="evidence.too_few",
                    params={"kpi": k.name, "count": k.count, "min": rule.min_measurements},
                )
            )
        elif k.age_days is not None and k.age_days > rule.max_age_days:
            reasons.append(
                Reason(
                    code="evidence.stale",
                    params={"kpi": k.name, "age": k.age_days, "max": rule.max_age_days},
                )
            )
    sufficient = not reasons
    if sufficient:
        reasons.append(
            Reason(
                code="evidence.sufficient",
                params={"min": rule.min_measurements, "max": rule.max_age_days},
            )
        )
    # Honest evidence: a KPI fed only by self-reports is flagged, whatever its colour.
    reasons.extend(
        Reason(code="evidence.self_reported_only", params={"kpi": k.name})
        for k in facts.kpis
        if k.self_reported_only
    )
    return CriterionResult(
        name="evidence",
        light=Light.GREEN if sufficient else Light.YELLOW,
        passed=sufficient,
        reasons=tuple(reasons),
    )


@criterion("guardrail")
def guardrail(facts: Facts) -> CriterionResult:
    limit = facts.policy.guardrail.max_worsening
    reasons: list[Reason] = []
    worst: float | None = None
    for k in facts.of_kind(KpiKind.GUARDRAIL):
        if k.latest_value is None:
            reasons.append(Reason(code="guardrail.no_data", params={"kpi": k.name}))
            continue
        worse = round(worsening(k.latest_value, k.baseline, k.direction), _DIGITS)
        worst = worse if worst is None else max(worst, worse)
        if worse > limit:
            change = (k.latest_value - k.baseline) / abs(k.baseline) if k.baseline else None
            reasons.append(
                Reason(
                    code="guardrail.breached",
                    params={
                        "kpi": k.name,
                        "latest": k.latest_value,
                        "baseline": k.baseline,
                        "change_pct": change,
                        "unit": k.unit,
                    },
                )
            )
    breached = any(r.code == "guardrail.breached" for r in reasons)
    if not breached and worst is not None:
        reasons.insert(0, Reason(code="guardrail.held", params={"limit_pct": limit}))
    return CriterionResult(
        name="guardrail",
        light=Light.RED if breached else (Light.GREEN if worst is not None else None),
        value=worst,
        passed=not breached,
        reasons=tuple(reasons),
    )


@criterion("attainment")
def attainment(facts: Facts) -> CriterionResult:
    rule = facts.policy.attainment
    measured = [k for k in facts.of_kind(KpiKind.BENEFIT) if k.progress is not None]
    if not measured:
        return CriterionResult(
            name="attainment", light=None, passed=False,
            reasons=(Reason(code="attainment.none"),),
        )
    total_weight = sum(k.weight for k in measured)
    weights = [k.weight if total_weight > 0 else 1.0 for k in measured]
    clamped = [min(1.0, max(0.0, k.progress or 0.0)) for k in measured]
    value = round(
        sum(w * p for w, p in zip(weights, clamped, strict=True)) / sum(weights), _DIGITS
    )
    light = (
        Light.GREEN if value >= rule.green else Light.YELLOW if value >= rule.yellow else Light.RED
    )
    # No watermelons: a benefit KPI fed only by self-reports cannot make benefits green.
    self_only = [k for k in measured if k.self_reported_only]
    capped = light is Light.GREEN and bool(self_only) and rule.cap_self_reported
    if capped:
        light = Light.YELLOW
    reasons = [Reason(code="attainment.value", params={"value_pct": value, "light": light.value})]
    reasons.extend(
        Reason(
            code="attainment.kpi",
            params={
                "kpi": k.name,
                "latest": k.latest_value,
                "target": k.target,
                "baseline": k.baseline,
                "progress_pct": k.progress,
                "unit": k.unit,
            },
        )
        for k in measured
    )
    if capped:
        reasons.extend(Reason(code="attainment.self_reported_cap", params={"kpi": k.name})
                       for k in self_only)
    for k in measured:
        if k.forecast_on is not None:
            passed = k.forecast_on < facts.as_of
            reasons.append(Reason(code="attainment.forecast_passed" if passed
                                  else "attainment.forecast",
                                  params={"kpi": k.name, "forecast_on": k.forecast_on.isoformat()}))
        elif k.trend_per_30d is not None and (k.progress or 0.0) < 1:
            reasons.append(Reason(code="attainment.not_at_this_trend", params={"kpi": k.name}))
    return CriterionResult(
        name="attainment", light=light, value=value, passed=light is Light.GREEN,
        reasons=tuple(reasons),
    )


@criterion("budget")
def budget(facts: Facts) -> CriterionResult:
    rule = facts.policy.budget
    ini = facts.initiative
    if ini.budget_dkk <= 0:
        return CriterionResult(
            name="budget", light=None, reasons=(Reason(code="budget.none"),)
        )
    overrun = round(ini.spent_dkk / ini.budget_dkk - 1, _DIGITS)
    light = (
        Light.GREEN
        if overrun <= rule.green_overrun
        else Light.YELLOW if overrun <= rule.yellow_overrun else Light.RED
    )
    return CriterionResult(
        name="budget",
        light=light,
        value=overrun,
        passed=light is not Light.RED,
        reasons=(
            Reason(
                code="budget.overrun",
                params={
                    "spent_dkk": ini.spent_dkk,
                    "budget_dkk": ini.budget_dkk,
                    "overrun_pct": overrun,
                    "light": light.value,
                },
            ),
        ),
    )


@criterion("time")
def time(facts: Facts) -> CriterionResult:
    review_on = facts.initiative.review_on
    if review_on is None:
        return CriterionResult(name="time", light=None, reasons=(Reason(code="time.no_review"),))
    decided_since = facts.last_decision_on is not None and facts.last_decision_on >= review_on
    overdue = facts.as_of > review_on and not decided_since
    if overdue:
        reason = Reason(
            code="time.overdue",
            params={"review_on": review_on.isoformat(), "days": (facts.as_of - review_on).days},
        )
    elif facts.as_of >= review_on:
        reason = Reason(code="time.due", params={"review_on": review_on.isoformat()})
    else:
        reason = Reason(
            code="time.upcoming",
            params={"review_on": review_on.isoformat(), "days": (review_on - facts.as_of).days},
        )
    late = overdue and (facts.as_of - review_on).days > facts.policy.time.red_after_days
    return CriterionResult(
        name="time",
        light=Light.RED if late else Light.YELLOW if overdue else Light.GREEN,
        value=float((facts.as_of - review_on).days),
        passed=not overdue,
        reasons=(reason,),
    )


@criterion("proof")
def proof(facts: Facts) -> CriterionResult:
    """Green benefits that hold: the band of each benefit KPI's newest measurements, and a
    long enough run of them (issue #18)."""
    rule, green = facts.policy.scale, facts.policy.attainment.green
    measured = [k for k in facts.of_kind(KpiKind.BENEFIT) if k.progress is not None]
    if not measured:
        return CriterionResult(name="proof", light=None, passed=False,
                               reasons=(Reason(code="proof.none"),))
    reasons: list[Reason] = []
    for k in measured:
        assert k.latest_on is not None and k.first_on is not None
        span = (k.latest_on - k.first_on).days
        if k.count < rule.min_measurements:
            reasons.append(Reason(code="proof.too_few", params={
                "kpi": k.name, "count": k.count, "min": rule.min_measurements}))
        elif span < rule.min_span_days:
            reasons.append(Reason(code="proof.too_short", params={
                "kpi": k.name, "days": span, "min": rule.min_span_days}))
    short = bool(reasons)
    edges = [
        sorted((progress(k.band_min, k.baseline, k.target, k.direction),  # type: ignore[arg-type]
                progress(k.band_max, k.baseline, k.target, k.direction)))  # type: ignore[arg-type]
        for k in measured
    ]
    total_weight = sum(k.weight for k in measured)
    weights = [k.weight if total_weight > 0 else 1.0 for k in measured]
    lows = [min(1.0, max(0.0, low)) for low, _ in edges]
    value = round(
        sum(w * p for w, p in zip(weights, lows, strict=True)) / sum(weights), _DIGITS
    )
    proven = not short and value >= green
    light = Light.GREEN if proven else Light.YELLOW
    reasons.insert(0, Reason(code="proof.band", params={"value_pct": value, "light": light.value}))
    reasons.extend(
        Reason(code="proof.kpi", params={"kpi": k.name, "low_pct": low, "high_pct": high})
        for k, (low, high) in zip(measured, edges, strict=True)
    )
    return CriterionResult(name="proof", light=light, value=value, passed=proven,
                           reasons=tuple(reasons))
