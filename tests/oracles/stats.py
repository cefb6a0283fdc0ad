"""Per-KPI statistics as of a date: the numbers every criterion reads."""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date, timedelta

from portfolio.models import Direction, Kpi, KpiKind, KpiStats, Measurement, Source


def progress(latest: float, baseline: float, target: float, direction: Direction) -> float:
    """How far from baseline to target: 0 at baseline, 1 at target, for either direction.

    (latest - baseline) / (target - baseline) is direction-symmetric by itself; only a
    target equal to the baseline needs a rule: met (1) or not (0).
    """
    if target == baseline:
        met = latest >= target if direction is Direction.HIGHER else latest <= target
        return 1.0 if met else 0.0
    return (latest - baseline) / (target - baseline)


def worsening(latest: float, baseline: float, direction: Direction) -> float:
    """Relative change for the worse against baseline (negative when better).

    A zero baseline has no relative scale: any worsening counts as infinitely worse.
    """
    change = latest - baseline if direction is Direction.LOWER else baseline - latest
    if baseline == 0:
        return 0.0 if change <= 0 else float("inf")
    return change / abs(baseline)


def trend_per_30_days(points: list[tuple[date, float]]) -> float | None:
    """Least-squares slope in units per 30 days; None with fewer than two dates."""
    if len({d for d, _ in points}) < 2:
        return None
    origin = points[0][0]
    xs = [(d - origin).days for d, _ in points]
    ys = [v for _, v in points]
    mean_x = sum(xs) / len(xs)
    mean_y = sum(ys) / len(ys)
    sxx = sum((x - mean_x) ** 2 for x in xs)
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    return sxy / sxx * 30


BAND_POINTS = 4
"""The band is the spread of this many newest measurements."""
FORECAST_HORIZON_DAYS = 3650
"""A target further away than this at the current trend is "not at this trend"."""


def forecast(kpi: Kpi, latest: Measurement | None, trend: float | None) -> date | None:
    """The date the target is reached at the current trend, from the latest value."""
    if kpi.kind is not KpiKind.BENEFIT or latest is None or trend is None:
        return None
    if progress(latest.value, kpi.baseline, kpi.target, kpi.direction) >= 1:
        return None
    per_day = trend / 30
    if per_day == 0:
        return None
    days = (kpi.target - latest.value) / per_day
    if not days > 0 or days > FORECAST_HORIZON_DAYS:
        return None
    return latest.on + timedelta(days=math.ceil(days))


def kpi_stats(kpi: Kpi, measurements: Iterable[Measurement], as_of: date) -> KpiStats:
    """Statistics of one KPI from the measurements taken on or before `as_of`."""
    # On the same date the worse value counts as the later one: the result does not
    # depend on the order measurements arrive in, and ties never flatter the KPI.
    sign = 1.0 if kpi.direction is Direction.HIGHER else -1.0
    own = sorted(
        (m for m in measurements if m.kpi == kpi.name and m.on <= as_of),
        key=lambda m: (m.on, -sign * m.value),
    )
    latest = own[-1] if own else None
    recent = [m.value for m in own[-BAND_POINTS:]]
    trend = trend_per_30_days([(m.on, m.value) for m in own])
    return KpiStats(
        name=kpi.name,
        kind=kpi.kind,
        direction=kpi.direction,
        unit=kpi.unit,
        baseline=kpi.baseline,
        target=kpi.target,
        weight=kpi.weight,
        count=len(own),
        latest_value=latest.value if latest else None,
        latest_on=latest.on if latest else None,
        age_days=(as_of - latest.on).days if latest else None,
        progress=(
            progress(latest.value, kpi.baseline, kpi.target, kpi.direction) if latest else None
        ),
        trend_per_30d=trend,
        sources=tuple(sorted({m.provenance for m in own}, key=list(Source).index)),
        first_on=own[0].on if own else None,
        band_min=min(recent) if recent else None,
        band_max=max(recent) if recent else None,
        forecast_on=forecast(kpi, latest, trend),
    )
