"""The rules of issue #18, case by case, on the production engine: three lights, proof
before SCALE (band and evidence run), the forecast, and no watermelons. The numbers are
the worked examples of docs/review-policy.md."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from portfolio.models import Direction, Light, Recommendation, Source, Stage, Verdict
from portfolio.review.policy import ReviewPolicy, default_policy
from tests.engine import evaluate
from tests.factories import (
    AS_OF,
    make_initiative,
    make_kpi,
    make_measurements,
    make_snapshot,
)

TARGET_30 = make_kpi("applications", baseline=0.0, target=30.0)


def judge(values: list[float], *, every_days: int = 30, policy: ReviewPolicy | None = None,
          source: Source = Source.MANUAL, **initiative: object) -> Verdict:
    ms = make_measurements(TARGET_30, values, every_days=every_days, source=source)
    snap = make_snapshot(make_initiative(**initiative), [TARGET_30], ms)
    return evaluate(snap, policy or default_policy(), AS_OF)


def codes(verdict: Verdict) -> list[str]:
    return [r.code for r in verdict.reasons]


def test_the_bouncing_kpi_that_hits_its_target_once_is_promising_not_proven():
    verdict = judge([10, 25, 8, 22, 12, 31])

    assert verdict.criterion("attainment").light is Light.GREEN  # the latest point: 103 %
    assert verdict.recommendation is Recommendation.CONTINUE
    assert verdict.reasons[0].code == "recommend.not_proven"
    proof = verdict.criterion("proof")
    assert not proof.passed and proof.value == pytest.approx(8 / 30)
    band = next(r for r in proof.reasons if r.code == "proof.kpi")
    assert band.params["low_pct"] == pytest.approx(8 / 30)
    assert band.params["high_pct"] == pytest.approx(31 / 30)
    assert verdict.kpis[0].band_min == 8 and verdict.kpis[0].band_max == 31
    assert verdict.light is Light.YELLOW


def test_a_steady_trend_past_the_target_scales():
    verdict = judge([26, 28, 30, 32, 34])

    assert verdict.recommendation is Recommendation.SCALE
    assert verdict.criterion("proof").value == pytest.approx(28 / 30)
    assert verdict.light is Light.GREEN


def test_three_good_measurements_are_not_yet_proof():
    verdict = judge([27, 28, 31])

    assert verdict.recommendation is Recommendation.CONTINUE
    missing = next(r for r in verdict.criterion("proof").reasons if r.code == "proof.too_few")
    assert missing.params == {"kpi": "applications", "count": 3, "min": 4}


def test_four_good_measurements_over_sixty_days_are_not_yet_proof():
    verdict = judge([27, 28, 29, 31], every_days=20)

    assert verdict.recommendation is Recommendation.CONTINUE
    missing = next(r for r in verdict.criterion("proof").reasons if r.code == "proof.too_short")
    assert missing.params == {"kpi": "applications", "days": 60, "min": 90}


def test_the_evidence_run_is_a_policy_setting():
    lenient = default_policy().next_version(scale={"min_measurements": 3, "min_span_days": 60})

    assert judge([27, 28, 31], policy=lenient).recommendation is Recommendation.SCALE


def test_proof_does_not_hold_back_what_is_not_an_experiment():
    verdict = judge([10, 25, 8, 22, 12, 31], stage=Stage.SCALING)

    assert verdict.recommendation is Recommendation.CONTINUE
    assert verdict.reasons[0].code == "recommend.continue"


def test_a_benefit_kpi_fed_only_by_self_reports_is_capped_at_yellow():
    verdict = judge([31] * 4, source=Source.SELF_REPORTED)

    assert verdict.criterion("attainment").value == 1.0
    assert verdict.criterion("attainment").light is Light.YELLOW
    assert "attainment.self_reported_cap" in codes(verdict)
    assert verdict.recommendation is Recommendation.CONTINUE
    assert verdict.lights["benefit"] is Light.YELLOW


def test_one_system_export_lifts_the_watermelon_cap():
    ms = make_measurements(TARGET_30, [31] * 3, end=AS_OF - timedelta(days=30),
                           source=Source.SELF_REPORTED)
    ms += make_measurements(TARGET_30, [31], source=Source.SYSTEM_EXPORT)
    verdict = evaluate(make_snapshot(kpis=[TARGET_30], measurements=ms), default_policy(), AS_OF)

    assert verdict.recommendation is Recommendation.SCALE
    assert "attainment.self_reported_cap" not in codes(verdict)


@pytest.mark.parametrize(("days_past", "decided", "light"), [
    (-1, False, Light.GREEN),  # before the review date
    (0, False, Light.GREEN),  # on it
    (1, False, Light.YELLOW),
    (30, False, Light.YELLOW),
    (31, False, Light.RED),
    (200, True, Light.GREEN),  # decided on the review date
])
def test_the_time_light_turns_red_thirty_days_past_the_review_without_a_decision(
    days_past, decided, light
):
    review_on = AS_OF - timedelta(days=days_past)
    snap = make_snapshot(make_initiative(review_on=review_on), [TARGET_30],
                         make_measurements(TARGET_30, [31] * 4),
                         last_decision_on=review_on if decided else None)
    verdict = evaluate(snap, default_policy(), AS_OF)

    assert verdict.lights["time"] is light
    assert verdict.overdue is (days_past > 0 and not decided)


def test_the_time_light_threshold_is_a_policy_setting():
    strict = default_policy().next_version(time={"red_after_days": 10})
    verdict = judge([31] * 4, policy=strict, review_on=AS_OF - timedelta(days=11))

    assert verdict.lights["time"] is Light.RED
    assert verdict.light is Light.RED


def test_three_lights_beside_the_overall_light():
    verdict = judge([31] * 4, spent_dkk=1_200_000.0)  # overrun 20 %

    assert verdict.lights == {"budget": Light.YELLOW, "time": Light.GREEN,
                              "benefit": Light.GREEN}
    assert verdict.light is Light.YELLOW


def test_the_benefit_light_is_null_while_evidence_is_insufficient():
    verdict = judge([0, 10], budget_dkk=0.0, review_on=None)

    assert verdict.recommendation is Recommendation.NEEDS_DATA
    assert verdict.lights == {"budget": None, "time": None, "benefit": None}


def test_the_forecast_says_when_the_target_is_reached_at_this_trend():
    waiting = make_kpi("waiting days", direction=Direction.LOWER, baseline=40.0, target=20.0)
    as_of = date(2025, 5, 1)
    ms = make_measurements(waiting, [34, 32, 30], end=as_of)  # -2 per 30 days
    snap = make_snapshot(make_initiative(review_on=date(2025, 8, 1)), [waiting], ms)
    verdict = evaluate(snap, default_policy(), as_of)

    assert verdict.kpis[0].forecast_on == date(2025, 9, 28)  # 150 days after 1 May
    forecast = next(r for r in verdict.reasons if r.code == "attainment.forecast")
    assert forecast.render("en") == (
        "waiting days: at the current trend the target is reached on 28 September 2025")


@pytest.mark.parametrize("values", [[20, 20, 20], [25, 20, 15]])  # flat, then worse
def test_a_flat_or_worsening_trend_is_not_at_this_trend(values):
    verdict = judge(values)

    assert verdict.kpis[0].forecast_on is None
    assert "attainment.not_at_this_trend" in codes(verdict)


def test_a_kpi_at_its_target_needs_no_forecast():
    verdict = judge([26, 28, 30, 32, 34])

    assert not {"attainment.forecast", "attainment.not_at_this_trend"} & set(codes(verdict))


def test_a_forecast_date_already_past_says_the_target_should_already_have_been_reached():
    # 0, 10, 20 of 30, a month apart up to 2 October 2026: +10 per 30 days reaches 30 on
    # 1 November 2026 at that trend. As of 4 December 2026 it has not (no newer data).
    as_of = date(2026, 12, 4)
    ms = make_measurements(TARGET_30, [0, 10, 20], end=date(2026, 10, 2))
    snap = make_snapshot(make_initiative(review_on=date(2027, 3, 1)), [TARGET_30], ms)
    verdict = evaluate(snap, default_policy(), as_of)

    assert verdict.kpis[0].forecast_on == date(2026, 11, 1)
    assert "attainment.forecast" not in codes(verdict)
    passed = next(r for r in verdict.reasons if r.code == "attainment.forecast_passed")
    assert passed.render("en") == (
        "applications: at the trend of its measurements the target should already have "
        "been reached on 1 November 2026, and it has not been")
    assert passed.render("da") == (
        "applications: med udviklingen i målingerne burde målet allerede være nået den "
        "1. november 2026, og det er det ikke")


def test_a_forecast_date_after_the_as_of_date_still_says_it_is_reached_then():
    ms = make_measurements(TARGET_30, [0, 10, 20], end=date(2026, 10, 2))
    snap = make_snapshot(make_initiative(review_on=date(2027, 3, 1)), [TARGET_30], ms)
    verdict = evaluate(snap, default_policy(), date(2026, 10, 31))

    assert [r.code for r in verdict.reasons if r.code.startswith("attainment.forecast")] == [
        "attainment.forecast"]
