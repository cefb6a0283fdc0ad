"""Per-KPI statistics: progress, worsening, trend and the latest value."""

from __future__ import annotations

from datetime import timedelta

import pytest

from portfolio.models import Direction, KpiKind, Recommendation, Source
from portfolio.review.policy import default_policy
from tests.factories import AS_OF, make_kpi, make_measurements, make_snapshot
from tests.oracles.engine import evaluate
from tests.oracles.stats import kpi_stats, progress, trend_per_30_days, worsening

H, L = Direction.HIGHER, Direction.LOWER

pytestmark = pytest.mark.oracle


@pytest.mark.parametrize(
    ("latest", "baseline", "target", "direction", "expected"),
    [
        (60, 20, 80, H, 40 / 60),
        (20, 20, 80, H, 0.0),
        (80, 20, 80, H, 1.0),
        (110, 20, 80, H, 1.5),  # overshoot is kept here, clamped only in attainment
        (10, 20, 80, H, -1 / 6),
        (12, 20, 10, L, 0.8),  # waiting days 20 → 10, now 12
        (25, 20, 10, L, -0.5),
    ],
)
def test_progress_runs_from_baseline_to_target_in_either_direction(
    latest, baseline, target, direction, expected
):
    assert progress(latest, baseline, target, direction) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("latest", "direction", "expected"),
    [(5, H, 1.0), (6, H, 1.0), (4, H, 0.0), (5, L, 1.0), (4, L, 1.0), (6, L, 0.0)],
)
def test_a_target_equal_to_the_baseline_is_either_met_or_not(latest, direction, expected):
    assert progress(latest, 5, 5, direction) == expected


@pytest.mark.parametrize(
    ("latest", "baseline", "direction", "expected"),
    [
        (620, 400, L, 0.55),
        (300, 400, L, -0.25),
        (3, 4, H, 0.25),
        (5, 4, H, -0.25),
        (-120, -100, H, 0.2),  # a negative baseline is scaled by its size
    ],
)
def test_worsening_is_relative_to_the_baseline(latest, baseline, direction, expected):
    assert worsening(latest, baseline, direction) == pytest.approx(expected)


@pytest.mark.parametrize(("latest", "expected"), [(1, float("inf")), (0, 0.0), (-1, 0.0)])
def test_a_zero_baseline_guardrail_breaches_on_any_worsening(latest, expected):
    assert worsening(latest, 0, L) == expected


def test_a_zero_baseline_guardrail_breach_renders_without_a_percentage():
    errors = make_kpi("errors", kind=KpiKind.GUARDRAIL, direction=L, baseline=0.0, target=0.0)
    benefit = make_kpi("benefit")
    ms = make_measurements(benefit, [0, 50, 90]) + make_measurements(errors, [0, 0, 2])
    verdict = evaluate(
        make_snapshot(kpis=[benefit, errors], measurements=ms), default_policy(), AS_OF
    )
    reason = next(r for r in verdict.reasons if r.code == "guardrail.breached")

    assert verdict.recommendation is Recommendation.PIVOT
    assert reason.render("en") == "errors 2 vs baseline 0 (n/a): guardrail breached"


def test_the_trend_is_the_least_squares_slope_per_30_days():
    points = [(AS_OF - timedelta(days=60), 10.0), (AS_OF - timedelta(days=30), 20.0), (AS_OF, 30.0)]
    assert trend_per_30_days(points) == pytest.approx(10.0)
    assert trend_per_30_days([(AS_OF, 1.0), (AS_OF, 2.0)]) is None
    assert trend_per_30_days([]) is None


def test_kpi_stats_report_latest_value_count_age_and_trend():
    kpi = make_kpi("benefit", baseline=0.0, target=100.0)
    ms = make_measurements(kpi, [10, 20, 30], end=AS_OF - timedelta(days=5))
    stats = kpi_stats(kpi, ms, AS_OF)

    assert (stats.count, stats.latest_value, stats.age_days) == (3, 30, 5)
    assert stats.progress == pytest.approx(0.3)
    assert stats.trend_per_30d == pytest.approx(10.0)
    assert stats.sources == (Source.MANUAL,)


def test_a_kpi_without_measurements_has_no_latest_value_or_progress():
    stats = kpi_stats(make_kpi(), [], AS_OF)

    assert (stats.count, stats.latest_value, stats.progress, stats.age_days) == (
        0,
        None,
        None,
        None,
    )


@pytest.mark.parametrize(("direction", "expected"), [(H, 40.0), (L, 60.0)])
def test_on_the_same_date_the_worse_value_counts_as_latest(direction, expected):
    kpi = make_kpi("benefit", direction=direction, baseline=50.0, target=50.0)
    ms = make_measurements(kpi, [40.0, 60.0], dates=[AS_OF, AS_OF])

    assert kpi_stats(kpi, ms, AS_OF).latest_value == expected
    assert kpi_stats(kpi, list(reversed(ms)), AS_OF).latest_value == expected


def test_measurements_of_other_kpis_are_not_counted():
    kpi = make_kpi("benefit")
    ms = make_measurements(kpi, [1, 2, 3]) + make_measurements("other", [9, 9])

    assert kpi_stats(kpi, ms, AS_OF).count == 3


def test_the_change_of_a_negative_baseline_guardrail_has_the_sign_of_the_change():
    balance = make_kpi(
        "balance", kind=KpiKind.GUARDRAIL, direction=H, baseline=-100.0, target=-100.0
    )
    benefit = make_kpi("benefit")
    ms = make_measurements(benefit, [0, 50, 90]) + make_measurements(balance, [-100, -120])
    verdict = evaluate(
        make_snapshot(kpis=[benefit, balance], measurements=ms), default_policy(), AS_OF
    )
    reason = next(r for r in verdict.reasons if r.code == "guardrail.breached")

    assert reason.render("en") == "balance -120 vs baseline -100 (-20%): guardrail breached"
