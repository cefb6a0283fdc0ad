"""The review policy applied to the whole portfolio at once, column by column (issue #7).

Pure like engine.evaluate: frames, a policy and an as-of date in, VerdictFrames out; no
clock, no database. Each function mirrors one criterion of criteria.py and the decision
order of engine.recommend, and tests/unit/test_setbased_engine.py holds the two to the
same verdicts on random portfolios. Two details keep them identical to the last bit:
ratios are rounded with Python's round() (numpy's rounds differently), and weighted
sums add left to right per initiative as Python's sum() does (numpy sums pairwise).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from portfolio.models import Recommendation
from portfolio.review.criteria import _DIGITS
from portfolio.review.frames import (
    CRITERIA_ORDER,
    PARAM_TYPES,
    RECOMMEND,
    PortfolioFrames,
    VerdictFrames,
)
from portfolio.review.policy import ReviewPolicy

GREEN, YELLOW, RED, NO_LIGHT = 0, 1, 2, -1
_LIGHT_NAMES = np.array(["green", "yellow", "red"], dtype=object)
_POSITION = {name: i for i, name in enumerate((RECOMMEND, *CRITERIA_ORDER))}
_LATE = 1 << 40
"""Sequence number after every per-KPI reason of a criterion (KPI row numbers are less)."""

# The decision order of engine.recommend; the first rule that holds wins.
_RULES = (
    (Recommendation.NEEDS_DATA, "recommend.needs_data"),
    (Recommendation.CLOSE, "recommend.close_guardrail"),
    (Recommendation.CLOSE, "recommend.close_attainment"),
    (Recommendation.CLOSE, "recommend.close_budget"),
    (Recommendation.PIVOT, "recommend.pivot_guardrail"),
    (Recommendation.SCALE, "recommend.scale"),
    (Recommendation.PIVOT, "recommend.pivot_attainment"),
    (Recommendation.CONTINUE, "recommend.continue"),
)


@dataclass(frozen=True)
class _Criterion:
    light: np.ndarray  # GREEN/YELLOW/RED or NO_LIGHT
    value: np.ndarray  # NaN where the criterion has no value
    passed: np.ndarray


def _col(table: pa.Table, name: str) -> np.ndarray:
    return table.column(name).to_numpy()


def _is(table: pa.Table, name: str, value: str) -> np.ndarray:
    """`column == value` as a numpy bool array, compared in Arrow (no Python strings)."""
    return pc.fill_null(pc.equal(table.column(name), value), False).to_numpy()


def _text(table: pa.Table, name: str) -> pa.Array:
    return table.column(name).combine_chunks().cast(pa.string())


@dataclass(frozen=True)
class _Strings:
    """A text column kept in Arrow: indexing with positions takes in C, not as objects."""

    values: pa.Array

    def __getitem__(self, positions: np.ndarray) -> pa.Array:
        return self.values.take(positions)


def _round(values: np.ndarray, digits: int) -> np.ndarray:
    """Python's round(v, digits), element-wise, to the bit.

    round() rounds the exact binary value half-to-even and returns the double nearest to
    k / 10**digits. rint(v * 10**digits) finds the same k unless the product's own
    rounding error could have moved it across a half (near a tie, or too large to hold a
    fraction); those few go through round() itself. k / 10**digits is one correctly
    rounded division, so it is that nearest double.
    """
    scale = 10.0**digits
    with np.errstate(invalid="ignore", over="ignore"):
        scaled = values * scale
        margin = 1e-6 + np.abs(scaled) * 1e-15
        unsure = ~(np.abs(np.abs(scaled - np.trunc(scaled)) - 0.5) > margin) | ~(
            np.abs(scaled) < 2.0**52)
        rounded = np.rint(scaled) / scale
    exact = np.flatnonzero(unsure)
    rounded[exact] = [round(v, digits) for v in values[exact].tolist()]
    return rounded


def _sequential_sum(groups: np.ndarray, values: np.ndarray, n: int) -> np.ndarray:
    """Per-group sums of `values` added left to right; `groups` is sorted."""
    total = np.zeros(n)
    if groups.size == 0:
        return total
    starts = np.flatnonzero(np.r_[True, np.diff(groups) != 0])
    rank = np.arange(groups.size) - np.repeat(starts, np.diff(np.r_[starts, groups.size]))
    for r in range(int(rank.max()) + 1):
        at = rank == r
        total[groups[at]] += values[at]
    return total


class _Reasons:
    """Reason rows collected criterion by criterion, sorted into verdict order at the end."""

    def __init__(self) -> None:
        self._pieces: list[tuple[np.ndarray, int, np.ndarray, str, dict[str, Any]]] = []

    def add(self, ini: np.ndarray, criterion: str, seq: np.ndarray | int, code: str,
            **params: Any) -> None:
        if ini.size:
            sequence = np.broadcast_to(np.asarray(seq, dtype=np.int64), ini.shape)
            self._pieces.append((ini, _POSITION[criterion], sequence, code, params))

    def table(self, ids: pa.Array) -> pa.Table:
        sizes = [p[0].size for p in self._pieces]
        ini = np.concatenate([p[0] for p in self._pieces] or [np.zeros(0, np.int64)])
        position = np.repeat([p[1] for p in self._pieces], sizes).astype(np.int64)
        seq = np.concatenate([p[2] for p in self._pieces] or [np.zeros(0, np.int64)])
        order = np.lexsort((seq, position, ini))
        names = pa.array([RECOMMEND, *CRITERIA_ORDER], pa.string())
        codes = pa.array([p[3] for p in self._pieces], pa.string())
        piece = np.repeat(np.arange(len(sizes), dtype=np.int64), sizes)
        columns: dict[str, pa.Array] = {
            "initiative_id": ids.take(ini[order]),
            "criterion": names.take(position[order]),
            "position": pa.array(position[order]),
            "seq": pa.array(seq[order]),
            "code": codes.take(piece[order]),
        }
        for name, kind in PARAM_TYPES.items():
            columns[name] = self._param(name, kind, sizes, order)
        return pa.table(columns)

    def _param(self, name: str, kind: pa.DataType, sizes: list[int],
               order: np.ndarray) -> pa.Array:
        if pa.types.is_string(kind):
            return self._text(name, sizes, order)
        dtype = float if pa.types.is_floating(kind) else (
            np.int64 if pa.types.is_integer(kind) else object)
        parts, present = [], []
        for (_, _, _, _, params), size in zip(self._pieces, sizes, strict=True):
            given = name in params
            value = params[name] if given else {float: np.nan, np.int64: 0}.get(dtype)
            parts.append(np.broadcast_to(np.asarray(value, dtype=dtype), (size,)))
            present.append(np.full(size, given))
        values = np.concatenate(parts or [np.zeros(0, dtype)])[order]
        missing = ~np.concatenate(present or [np.zeros(0, bool)])[order]
        if dtype is float:
            missing |= np.isnan(values)
        return pa.array(values, kind, mask=missing)

    def _text(self, name: str, sizes: list[int], order: np.ndarray) -> pa.Array:
        """A text param: pieces stay Arrow arrays, put in verdict order by one take."""
        parts = []
        for (_, _, _, _, params), size in zip(self._pieces, sizes, strict=True):
            value = params.get(name)
            if isinstance(value, pa.Array):
                parts.append(value)
            elif isinstance(value, np.ndarray):
                parts.append(pa.array(value, pa.string()))
            else:
                parts.append(pa.repeat(pa.scalar(value, pa.string()), size))
        return pa.concat_arrays(parts or [pa.array([], pa.string())]).take(order)


def evaluate_frames(frames: PortfolioFrames, policy: ReviewPolicy, as_of: date) -> VerdictFrames:
    """The verdict on every initiative in `frames`, as engine.evaluate gives one by one."""
    ini, kpis = frames.initiatives, frames.kpis
    ids = _text(ini, "initiative_id")
    n = len(ids)
    k = _Kpis.of(kpis, ids)
    reasons = _Reasons()
    evidence = _evidence(k, n, policy, reasons)
    guardrail = _guardrail(k, n, policy, reasons)
    attainment = _attainment(k, n, policy, reasons)
    budget = _budget(ini, policy, reasons)
    time, at_review = _time(ini, as_of, reasons)
    rule = _recommend(evidence, guardrail, attainment, budget, at_review,
                      _is(ini, "stage", "experiment"))
    for i, (_, code) in enumerate(_RULES):
        reasons.add(np.flatnonzero(rule == i), RECOMMEND, 0, code)
    needs_data = rule == 0
    results = (evidence, guardrail, attainment, budget, time)
    lights = np.stack([
        np.where(needs_data, NO_LIGHT, c.light) if c is attainment else c.light for c in results
    ])
    overall = lights.max(axis=0)
    overall = np.where(overall == NO_LIGHT, YELLOW, overall)
    score = _round(attainment.value, 4)
    recommendations = np.array([r.value for r, _ in _RULES], dtype=object)
    columns: dict[str, pa.Array] = {
        "initiative_id": ids,
        "recommendation": pa.array(recommendations[rule], pa.string()),
        "light": pa.array(_LIGHT_NAMES[overall], pa.string()),
        "score": _nullable(score),
        "overdue": pa.array(~time.passed),
    }
    for name, result in zip(CRITERIA_ORDER, results, strict=True):
        columns[f"{name}_light"] = pa.array(
            np.where(result.light == NO_LIGHT, None, _LIGHT_NAMES[result.light]), pa.string()
        )
        columns[f"{name}_value"] = _nullable(result.value)
        columns[f"{name}_passed"] = pa.array(result.passed)
    kpi_table = kpis.append_column("progress", _nullable(k.progress)).append_column(
        "position", pa.array(np.arange(kpis.num_rows, dtype=np.int64))
    )
    return VerdictFrames(as_of, pa.table(columns), reasons.table(ids), kpi_table)


def _nullable(values: np.ndarray) -> pa.Array:
    return pa.array(values, pa.float64(), mask=np.isnan(values))


@dataclass(frozen=True)
class _Kpis:
    """The KPI statistics as numpy columns, with the row's initiative as a position."""

    ini: np.ndarray
    name: _Strings
    unit: _Strings
    benefit: np.ndarray
    guardrail: np.ndarray
    lower: np.ndarray
    baseline: np.ndarray
    target: np.ndarray
    weight: np.ndarray
    count: np.ndarray
    has: np.ndarray
    latest: np.ndarray
    age: np.ndarray
    progress: np.ndarray
    self_reported_only: np.ndarray

    @classmethod
    def of(cls, kpis: pa.Table, ids: pa.Array) -> _Kpis:
        count = _col(kpis, "count").astype(np.int64)
        has = count > 0
        latest = _col(kpis, "latest_value").astype(float)
        baseline = _col(kpis, "baseline").astype(float)
        target = _col(kpis, "target").astype(float)
        higher = _is(kpis, "direction", "higher")
        span = target - baseline
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            progress = (latest - baseline) / span
        met = np.where(higher, latest >= target, latest <= target)
        progress = np.where(span == 0, met.astype(float), progress)
        self_only = (
            _col(kpis, "has_self_reported")
            & ~_col(kpis, "has_system_export")
            & ~_col(kpis, "has_manual")
        )
        return cls(
            ini=pc.index_in(kpis.column("initiative_id"), value_set=ids).to_numpy()
            .astype(np.int64),
            name=_Strings(_text(kpis, "name")),
            unit=_Strings(_text(kpis, "unit")),
            benefit=_is(kpis, "kind", "benefit"),
            guardrail=_is(kpis, "kind", "guardrail"),
            lower=_is(kpis, "direction", "lower"),
            baseline=baseline,
            target=target,
            weight=_col(kpis, "weight").astype(float),
            count=count,
            has=has,
            latest=latest,
            age=np.nan_to_num(_col(kpis, "age_days").astype(float), nan=-1).astype(np.int64),
            progress=np.where(has, progress, np.nan),
            self_reported_only=self_only,
        )


def _evidence(k: _Kpis, n: int, policy: ReviewPolicy, reasons: _Reasons) -> _Criterion:
    rule = policy.evidence
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
    reasons.add(np.flatnonzero(sufficient), "evidence", _LATE, "evidence.sufficient",
                min=rule.min_measurements, max=rule.max_age_days)
    i = np.flatnonzero(k.self_reported_only)
    reasons.add(k.ini[i], "evidence", _LATE + 1 + i, "evidence.self_reported_only",
                kpi=k.name[i])
    return _Criterion(np.where(sufficient, GREEN, YELLOW), np.full(n, np.nan), sufficient)


def _guardrail(k: _Kpis, n: int, policy: ReviewPolicy, reasons: _Reasons) -> _Criterion:
    limit = policy.guardrail.max_worsening
    guard = k.guardrail
    i = np.flatnonzero(guard & k.has)
    latest, baseline = k.latest[i], k.baseline[i]
    change = np.where(k.lower[i], latest - baseline, baseline - latest)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        worse = np.where(baseline == 0, np.where(change <= 0, 0.0, np.inf),
                         change / np.abs(baseline))
        change_pct = np.where(baseline != 0, (latest - baseline) / np.abs(baseline), np.nan)
    worse = _round(worse, _DIGITS)
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
    return _Criterion(light, np.where(judged, worst, np.nan), ~breached)


def _attainment(k: _Kpis, n: int, policy: ReviewPolicy, reasons: _Reasons) -> _Criterion:
    rule = policy.attainment
    i = np.flatnonzero(k.benefit & k.has)
    groups = k.ini[i]
    total_weight = _sequential_sum(groups, k.weight[i], n)
    weights = np.where(total_weight[groups] > 0, k.weight[i], 1.0)
    clamped = np.minimum(1.0, np.maximum(0.0, k.progress[i])) + 0.0  # + 0.0: no -0.0
    measured = np.bincount(groups, minlength=n) > 0
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        ratio = _sequential_sum(groups, weights * clamped, n) / _sequential_sum(groups, weights, n)
    value = _round(np.where(measured, ratio, np.nan), _DIGITS)
    light = np.where(
        ~measured, NO_LIGHT,
        np.where(value >= rule.green, GREEN, np.where(value >= rule.yellow, YELLOW, RED)),
    )
    reasons.add(np.flatnonzero(~measured), "attainment", 0, "attainment.none")
    m = np.flatnonzero(measured)
    reasons.add(m, "attainment", 0, "attainment.value", value_pct=value[m],
                light=_LIGHT_NAMES[light[m]])
    reasons.add(groups, "attainment", 1 + i, "attainment.kpi", kpi=k.name[i],
                latest=k.latest[i], target=k.target[i], baseline=k.baseline[i],
                progress_pct=k.progress[i], unit=k.unit[i])
    return _Criterion(light, value, light == GREEN)


def _budget(ini: pa.Table, policy: ReviewPolicy, reasons: _Reasons) -> _Criterion:
    rule = policy.budget
    budget = _col(ini, "budget_dkk").astype(float)
    spent = _col(ini, "spent_dkk").astype(float)
    has = budget > 0
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        overrun = _round(np.where(has, spent / budget - 1, np.nan), _DIGITS)
    light = np.where(
        ~has, NO_LIGHT,
        np.where(overrun <= rule.green_overrun, GREEN,
                 np.where(overrun <= rule.yellow_overrun, YELLOW, RED)),
    )
    reasons.add(np.flatnonzero(~has), "budget", 0, "budget.none")
    i = np.flatnonzero(has)
    reasons.add(i, "budget", 0, "budget.overrun", spent_dkk=spent[i], budget_dkk=budget[i],
                overrun_pct=overrun[i], light=_LIGHT_NAMES[light[i]])
    return _Criterion(light, overrun, light != RED)


def _time(ini: pa.Table, as_of: date, reasons: _Reasons) -> tuple[_Criterion, np.ndarray]:
    review_on = _col(ini, "review_on").astype("datetime64[D]")
    last = _col(ini, "last_decision_on").astype("datetime64[D]")
    has = ~np.isnat(review_on)
    days = np.where(has, (np.datetime64(as_of, "D") - review_on).astype(np.int64), 0)
    decided_since = ~np.isnat(last) & (last >= review_on)
    overdue = has & (days > 0) & ~decided_since
    due = has & ~overdue & (days >= 0)
    upcoming = has & (days < 0)
    shown = np.where(has, np.datetime_as_string(review_on, unit="D"), None)
    reasons.add(np.flatnonzero(~has), "time", 0, "time.no_review")
    for mask, code, sign in ((overdue, "time.overdue", 1), (upcoming, "time.upcoming", -1)):
        i = np.flatnonzero(mask)
        reasons.add(i, "time", 0, code, review_on=shown[i], days=sign * days[i])
    i = np.flatnonzero(due)
    reasons.add(i, "time", 0, "time.due", review_on=shown[i])
    light = np.where(~has, NO_LIGHT, np.where(overdue, YELLOW, GREEN))
    value = np.where(has, days.astype(float), np.nan)
    return _Criterion(light, value, ~overdue), has & (days >= 0)


def _recommend(
    evidence: _Criterion, guardrail: _Criterion, attainment: _Criterion, budget: _Criterion,
    at_review: np.ndarray, experiment: np.ndarray,
) -> np.ndarray:
    """Index into _RULES of the first rule that holds, per initiative."""
    breached = ~guardrail.passed
    green = attainment.light == GREEN
    budget_red = budget.light == RED
    conditions = [
        ~evidence.passed,
        breached & ~green,
        (attainment.light == RED) & at_review,
        budget_red & ~green,
        breached,
        experiment & green & ~budget_red,
        (attainment.light == YELLOW) & at_review,
    ]
    return np.select(conditions, list(range(len(conditions))), default=len(conditions))
