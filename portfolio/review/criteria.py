"""The review criteria that production runs: small functions registered by name.

Each criterion judges every initiative of a run at once, column by column, and returns a
light, a value and whether it passed per initiative; it adds its reasons to the run's
reason rows. The registry is the single list the engine (vectorised.py), the stored
columns (storage/verdict_rows.py) and the documentation test read: adding a criterion is
one function registered here with the reason codes it writes (and their params), plus
the texts of those codes in portfolio/i18n.py. A param name not yet in PARAM_TYPES also
needs a column of `evaluation_reasons` (a migration), and a criterion's light, value and
passed are stored as `<name>_light`, `<name>_value`, `<name>_passed` of `evaluations`.

Two details keep the verdicts identical to the reference (tests/oracles/) to the last
bit: ratios are rounded with Python's round(), and weighted sums add left to right.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

import numpy as np
import pyarrow as pa

from portfolio.review.columns import (
    GREEN,
    LATE,
    NO_LIGHT,
    RATIO_DIGITS,
    RED,
    YELLOW,
    KpiColumns,
    Reasons,
    col,
    day_texts,
    light_names,
    round_like_python,
    sequential_sum,
)
from portfolio.review.policy import ReviewPolicy

PARAM_TYPES: dict[str, pa.DataType] = {
    "kpi": pa.string(), "unit": pa.string(), "light": pa.string(), "review_on": pa.string(),
    "count": pa.int64(), "min": pa.int64(), "age": pa.int64(), "max": pa.int64(),
    "days": pa.int64(),
    "latest": pa.float64(), "baseline": pa.float64(), "target": pa.float64(),
    "change_pct": pa.float64(), "progress_pct": pa.float64(), "value_pct": pa.float64(),
    "limit_pct": pa.float64(), "spent_dkk": pa.float64(), "budget_dkk": pa.float64(),
    "overrun_pct": pa.float64(), "low_pct": pa.float64(), "high_pct": pa.float64(),
    "forecast_on": pa.string(),
}
"""The type of every reason param, by name; each is a column of `evaluation_reasons`."""


@dataclass(frozen=True)
class Weighted:
    """KPI rows `i` of initiatives `groups`, their weights (each 1 where an initiative's
    weights sum to 0), each initiative's sum of them, and which initiatives have any."""

    i: np.ndarray
    groups: np.ndarray
    weights: np.ndarray
    total: np.ndarray
    measured: np.ndarray

    def mean(self, values: np.ndarray) -> np.ndarray:
        """Each initiative's weighted mean of `values` (one per row of `i`), summed left
        to right as the reference does; NaN where it has none."""
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            ratio = sequential_sum(self.groups, self.weights * values, self.total.size) / (
                self.total)
        return np.where(self.measured, ratio, np.nan)


@dataclass(frozen=True)
class Facts:
    """What every criterion may look at: the run's initiatives and KPI statistics."""

    initiatives: pa.Table
    kpis: KpiColumns
    policy: ReviewPolicy
    as_of: date
    reasons: Reasons

    @property
    def n(self) -> int:
        return self.initiatives.num_rows

    @cached_property
    def benefits(self) -> Weighted:
        """The measured benefit KPIs and their weights, which attainment and proof both
        average over (computed once a run)."""
        k, n = self.kpis, self.n
        i = np.flatnonzero(k.benefit & k.has)
        groups = k.ini[i]
        total_weight = sequential_sum(groups, k.weight[i], n)
        weights = np.where(total_weight[groups] > 0, k.weight[i], 1.0)
        return Weighted(i, groups, weights, sequential_sum(groups, weights, n),
                        np.bincount(groups, minlength=n) > 0)

    def days_past_review(self) -> tuple[np.ndarray, np.ndarray]:
        """Days from each review date to the as-of date, and which initiatives have one."""
        review_on = col(self.initiatives, "review_on").astype("datetime64[D]")
        has = ~np.isnat(review_on)
        days = np.where(has, (np.datetime64(self.as_of, "D") - review_on).astype(np.int64), 0)
        return days, has


@dataclass(frozen=True)
class Judged:
    """One criterion's result per initiative."""

    light: np.ndarray  # GREEN/YELLOW/RED or NO_LIGHT
    value: np.ndarray  # NaN where the criterion has no value
    passed: np.ndarray


@dataclass(frozen=True)
class Criterion:
    name: str
    judge: Callable[[Facts], Judged]
    reasons: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """The reason codes the criterion writes, each with the names of its params."""


CRITERIA: dict[str, Criterion] = {}
"""Every criterion, in the order a verdict lists them."""


def criterion(
    name: str, reasons: dict[str, tuple[str, ...]]
) -> Callable[[Callable[[Facts], Judged]], Callable[[Facts], Judged]]:
    def register(fn: Callable[[Facts], Judged]) -> Callable[[Facts], Judged]:
        unknown = {p for params in reasons.values() for p in params} - set(PARAM_TYPES)
        if unknown:
            raise ValueError(f"criterion {name}: params without a type {sorted(unknown)}")
        CRITERIA[name] = Criterion(name, fn, reasons)
        return fn

    return register


def _light(green: np.ndarray, yellow: np.ndarray) -> np.ndarray:
    return np.where(green, GREEN, np.where(yellow, YELLOW, RED))


@criterion("evidence", reasons={
    "evidence.no_benefit_kpi": (),
    "evidence.too_few": ("kpi", "count", "min"),
    "evidence.stale": ("kpi", "age", "max"),
    "evidence.sufficient": ("min", "max"),
    "evidence.self_reported_only": ("kpi",),
})
def evidence(facts: Facts) -> Judged:
    """Every benefit KPI has enough measurements, the newest fresh enough."""
    rule, k, n, reasons = facts.policy.evidence, facts.kpis, facts.n, facts.reasons
    benefit = k.benefit
    too_few = benefit & (k.count < rule.min_measurements)
    stale = benefit & ~too_few & k.has & (k.age > rule.max_age_days)
    n_benefit = np.bincount(k.ini[benefit], minlength=n)
    sufficient = (n_benefit > 0) & (np.bincount(k.ini[too_few | stale], minlength=n) == 0)
    reasons.add(np.flatnonzero(n_benefit == 0), "evidence", 0, "evidence.no_benefit_kpi")
    i = np.flatnonzero(too_few)
    reasons.add(k.ini[i], "evidence", 1 + i, "evidence.too_few",
                kpi=k.name[i], count=k.count[i], min=rule.min_measurements)
    i = np.flatnonzero(stale)
    reasons.add(k.ini[i], "evidence", 1 + i, "evidence.stale",
                kpi=k.name[i], age=k.age[i], max=rule.max_age_days)
    reasons.add(np.flatnonzero(sufficient), "evidence", LATE, "evidence.sufficient",
                min=rule.min_measurements, max=rule.max_age_days)
    # Honest evidence: a KPI fed only by self-reports is flagged, whatever its colour.
    i = np.flatnonzero(k.self_reported_only)
    reasons.add(k.ini[i], "evidence", LATE + 1 + i, "evidence.self_reported_only",
                kpi=k.name[i])
    return Judged(np.where(sufficient, GREEN, YELLOW), np.full(n, np.nan), sufficient)


@criterion("guardrail", reasons={
    "guardrail.no_data": ("kpi",),
    "guardrail.breached": ("kpi", "latest", "baseline", "change_pct", "unit"),
    "guardrail.held": ("limit_pct",),
})
def guardrail(facts: Facts) -> Judged:
    """No guardrail KPI more than `max_worsening` worse than its baseline."""
    limit, k, n, reasons = facts.policy.guardrail.max_worsening, facts.kpis, facts.n, facts.reasons
    guard = k.guardrail
    i = np.flatnonzero(guard & k.has)
    latest, baseline = k.latest[i], k.baseline[i]
    change = np.where(k.lower[i], latest - baseline, baseline - latest)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        # A zero baseline has no relative scale: any worsening is infinitely worse.
        worse = np.where(baseline == 0, np.where(change <= 0, 0.0, np.inf),
                         change / np.abs(baseline))
        change_pct = np.where(baseline != 0, (latest - baseline) / np.abs(baseline), np.nan)
    worse = round_like_python(worse, RATIO_DIGITS)
    breaches = worse > limit
    worst = np.full(n, -np.inf)
    np.maximum.at(worst, k.ini[i], worse)
    judged = np.bincount(k.ini[i], minlength=n) > 0
    breached = np.bincount(k.ini[i][breaches], minlength=n) > 0
    reasons.add(np.flatnonzero(judged & ~breached), "guardrail", 0, "guardrail.held",
                limit_pct=limit)
    j = np.flatnonzero(guard & ~k.has)
    reasons.add(k.ini[j], "guardrail", 1 + j, "guardrail.no_data", kpi=k.name[j])
    b = i[breaches]
    reasons.add(k.ini[b], "guardrail", 1 + b, "guardrail.breached", kpi=k.name[b],
                latest=k.latest[b], baseline=k.baseline[b], change_pct=change_pct[breaches],
                unit=k.unit[b])
    light = np.where(breached, RED, np.where(judged, GREEN, NO_LIGHT))
    return Judged(light, np.where(judged, worst, np.nan), ~breached)


@criterion("attainment", reasons={
    "attainment.none": (),
    "attainment.value": ("value_pct", "light"),
    "attainment.kpi": ("kpi", "latest", "target", "baseline", "progress_pct", "unit"),
    "attainment.self_reported_cap": ("kpi",),
    "attainment.forecast": ("kpi", "forecast_on"),
    "attainment.forecast_passed": ("kpi", "forecast_on"),
    "attainment.not_at_this_trend": ("kpi",),
})
def attainment(facts: Facts) -> Judged:
    """The weighted mean of progress, each benefit KPI's clamped to [0, 1]."""
    rule, k, n, reasons = facts.policy.attainment, facts.kpis, facts.n, facts.reasons
    benefits = facts.benefits
    i, groups, measured = benefits.i, benefits.groups, benefits.measured
    clamped = np.minimum(1.0, np.maximum(0.0, k.progress[i])) + 0.0  # + 0.0: no -0.0
    value = round_like_python(benefits.mean(clamped), RATIO_DIGITS)
    light = np.where(~measured, NO_LIGHT,
                     _light(value >= rule.green, value >= rule.yellow))
    # No watermelons: a benefit KPI fed only by self-reports cannot make benefits green.
    self_only = i[k.self_reported_only[i]]
    capped = (light == GREEN) & (np.bincount(k.ini[self_only], minlength=n) > 0) & (
        rule.cap_self_reported)
    light = np.where(capped, YELLOW, light)
    reasons.add(np.flatnonzero(~measured), "attainment", 0, "attainment.none")
    m = np.flatnonzero(measured)
    reasons.add(m, "attainment", 0, "attainment.value", value_pct=value[m],
                light=light_names(light[m]))
    reasons.add(groups, "attainment", 1 + i, "attainment.kpi", kpi=k.name[i],
                latest=k.latest[i], target=k.target[i], baseline=k.baseline[i],
                progress_pct=k.progress[i], unit=k.unit[i])
    c = self_only[capped[k.ini[self_only]]]
    reasons.add(k.ini[c], "attainment", LATE + 1 + c, "attainment.self_reported_cap",
                kpi=k.name[c])
    _forecasts(k, i, reasons, np.datetime64(facts.as_of, "D"))
    return Judged(light, value, light == GREEN)


def _forecasts(k: KpiColumns, i: np.ndarray, reasons: Reasons, as_of: np.datetime64) -> None:
    """Each measured benefit KPI short of its target: when it gets there at this trend.

    The date counts from the newest measurement, so with old data it can lie before the
    as-of date while the target is still not reached: then it says the target should
    already have been reached at that trend, not that it "is reached" on a past day.
    """
    dated = i[~np.isnat(k.forecast_on[i])]
    passed = k.forecast_on[dated] < as_of
    for code, j in (("attainment.forecast", dated[~passed]),
                    ("attainment.forecast_passed", dated[passed])):
        reasons.add(k.ini[j], "attainment", 2 * LATE + 1 + j, code, kpi=k.name[j],
                    forecast_on=day_texts(k.forecast_on[j]))
    never = i[np.isnat(k.forecast_on[i]) & ~np.isnan(k.trend[i]) & (k.progress[i] < 1)]
    reasons.add(k.ini[never], "attainment", 2 * LATE + 1 + never,
                "attainment.not_at_this_trend", kpi=k.name[never])


@criterion("budget", reasons={
    "budget.none": (),
    "budget.overrun": ("spent_dkk", "budget_dkk", "overrun_pct", "light"),
})
def budget(facts: Facts) -> Judged:
    """overrun = spent / budget - 1 against the policy's two limits."""
    rule, ini, reasons = facts.policy.budget, facts.initiatives, facts.reasons
    budget = col(ini, "budget_dkk").astype(float)
    spent = col(ini, "spent_dkk").astype(float)
    has = budget > 0
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        overrun = round_like_python(np.where(has, spent / budget - 1, np.nan), RATIO_DIGITS)
    light = np.where(~has, NO_LIGHT, _light(overrun <= rule.green_overrun,
                                             overrun <= rule.yellow_overrun))
    reasons.add(np.flatnonzero(~has), "budget", 0, "budget.none")
    i = np.flatnonzero(has)
    reasons.add(i, "budget", 0, "budget.overrun", spent_dkk=spent[i], budget_dkk=budget[i],
                overrun_pct=overrun[i], light=light_names(light[i]))
    return Judged(light, overrun, light != RED)


@criterion("time", reasons={
    "time.no_review": (),
    "time.overdue": ("review_on", "days"),
    "time.due": ("review_on",),
    "time.upcoming": ("review_on", "days"),
})
def time(facts: Facts) -> Judged:
    """Overdue: past the review date with no decision on or after it."""
    ini, reasons = facts.initiatives, facts.reasons
    review_on = col(ini, "review_on").astype("datetime64[D]")
    last = col(ini, "last_decision_on").astype("datetime64[D]")
    days, has = facts.days_past_review()
    decided_since = ~np.isnat(last) & (last >= review_on)
    overdue = has & (days > 0) & ~decided_since
    due = has & ~overdue & (days >= 0)
    upcoming = has & (days < 0)
    shown = day_texts(review_on)
    reasons.add(np.flatnonzero(~has), "time", 0, "time.no_review")
    for mask, code, sign in ((overdue, "time.overdue", 1), (upcoming, "time.upcoming", -1)):
        i = np.flatnonzero(mask)
        reasons.add(i, "time", 0, code, review_on=shown.take(i), days=sign * days[i])
    i = np.flatnonzero(due)
    reasons.add(i, "time", 0, "time.due", review_on=shown.take(i))
    late = overdue & (days > facts.policy.time.red_after_days)
    light = np.where(~has, NO_LIGHT, np.where(late, RED, np.where(overdue, YELLOW, GREEN)))
    return Judged(light, np.where(has, days.astype(float), np.nan), ~overdue)


@criterion("proof", reasons={
    "proof.none": (),
    "proof.band": ("value_pct", "light"),
    "proof.too_few": ("kpi", "count", "min"),
    "proof.too_short": ("kpi", "days", "min"),
    "proof.kpi": ("kpi", "low_pct", "high_pct"),
})
def proof(facts: Facts) -> Judged:
    """Green benefits that hold: attainment at the band's worse edge (each benefit KPI's
    newest measurements, review.columns.BAND_POINTS) and a long enough run of them."""
    rule, k, n, reasons = facts.policy.scale, facts.kpis, facts.n, facts.reasons
    benefits = facts.benefits
    i, groups, measured = benefits.i, benefits.groups, benefits.measured
    too_few = k.count[i] < rule.min_measurements
    too_short = ~too_few & (k.span_days[i] < rule.min_span_days)
    lows = np.minimum(1.0, np.maximum(0.0, k.band_low[i])) + 0.0  # + 0.0: no -0.0
    value = round_like_python(benefits.mean(lows), RATIO_DIGITS)
    short = np.bincount(groups[too_few | too_short], minlength=n) > 0
    proven = measured & ~short & (value >= facts.policy.attainment.green)
    light = np.where(~measured, NO_LIGHT, np.where(proven, GREEN, YELLOW))
    reasons.add(np.flatnonzero(~measured), "proof", 0, "proof.none")
    m = np.flatnonzero(measured)
    reasons.add(m, "proof", 0, "proof.band", value_pct=value[m], light=light_names(light[m]))
    f = i[too_few]
    reasons.add(k.ini[f], "proof", 1 + f, "proof.too_few", kpi=k.name[f], count=k.count[f],
                min=rule.min_measurements)
    s = i[too_short]
    reasons.add(k.ini[s], "proof", 1 + s, "proof.too_short", kpi=k.name[s],
                days=k.span_days[s], min=rule.min_span_days)
    reasons.add(groups, "proof", LATE + 1 + i, "proof.kpi", kpi=k.name[i],
                low_pct=k.band_low[i], high_pct=k.band_high[i])
    return Judged(light, value, proven)
