"""Hand-computed verdicts of the review engine under the default policy of PRODUCT.md.

Each test builds one initiative with numbers chosen so the expected progress, overrun
and worsening can be checked by hand in the comment next to them.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from portfolio.models import (
    Direction,
    KpiKind,
    Light,
    Recommendation,
    Source,
    Stage,
    Verdict,
)
from portfolio.review.policy import default_policy
from tests.engine import evaluate
from tests.factories import (
    AS_OF,
    make_initiative,
    make_kpi,
    make_measurements,
    make_snapshot,
)

PAST_REVIEW = AS_OF - timedelta(days=10)
FUTURE_REVIEW = AS_OF + timedelta(days=60)

# A benefit KPI of each direction, going from baseline to target over 100 units:
#   higher: 0 → 100, progress = latest / 100
#   lower: 200 → 100, progress = (200 - latest) / 100
HIGHER = {"direction": Direction.HIGHER, "baseline": 0.0, "target": 100.0}
LOWER = {"direction": Direction.LOWER, "baseline": 200.0, "target": 100.0}


def latest_for(direction: Direction, progress_pct: float) -> float:
    """The latest value giving `progress_pct` % progress on HIGHER or LOWER above."""
    return progress_pct if direction is Direction.HIGHER else 200.0 - progress_pct


def run(
    *,
    benefits: dict[str, list[float]] | None = None,
    direction: Direction = Direction.HIGHER,
    guardrails: dict[str, tuple[Direction, float, list[float]]] | None = None,
    last_decision_on: date | None = None,
    as_of: date = AS_OF,
    **initiative: object,
) -> Verdict:
    """Evaluate one initiative.

    benefits: {name: values}; guardrails: {name: (direction, baseline, values)}.
    """
    shape = HIGHER if direction is Direction.HIGHER else LOWER
    kpis, ms = [], []
    for name, values in (benefits or {}).items():
        kpis.append(make_kpi(name, **shape))
        ms += make_measurements(name, values)
    for name, (gdir, baseline, values) in (guardrails or {}).items():
        kpis.append(
            make_kpi(
                name, kind=KpiKind.GUARDRAIL, direction=gdir, baseline=baseline, target=baseline
            )
        )
        ms += make_measurements(name, values)
    snap = make_snapshot(make_initiative(**initiative), kpis, ms, last_decision_on=last_decision_on)
    return evaluate(snap, default_policy(), as_of)


def one_benefit(direction: Direction, progress_pct: float, **kw: object) -> Verdict:
    """A steady run of four monthly measurements of one benefit KPI at `progress_pct` %
    (90 days from first to newest): its band is the latest value itself, so SCALE follows
    attainment. The proof rules have their own tests below."""
    latest = latest_for(direction, progress_pct)
    return run(benefits={"benefit": [latest] * 4}, direction=direction, **kw)


BOTH = pytest.mark.parametrize("direction", [Direction.HIGHER, Direction.LOWER])

# Guardrails of both directions, breached (> 10 % worse) and held.
WALK_INS_BREACHED = {"walk-ins": (Direction.LOWER, 400.0, [400.0, 500.0, 620.0])}  # +55 %
SATISFACTION_BREACHED = {"satisfaction": (Direction.HIGHER, 4.0, [4.0, 3.8, 3.4])}  # -15 %
GUARDRAIL_BREACHES = pytest.mark.parametrize(
    "guardrail", [WALK_INS_BREACHED, SATISFACTION_BREACHED], ids=["lower", "higher"]
)


def reason_codes(verdict: Verdict) -> list[str]:
    return [r.code for r in verdict.reasons]


# --- SCALE -----------------------------------------------------------------------------


@BOTH
def test_green_attainment_in_an_experiment_recommends_scale(direction):
    verdict = one_benefit(direction, 90)  # progress 0.9 ≥ 0.8

    assert verdict.recommendation is Recommendation.SCALE
    assert verdict.score == 0.9
    assert verdict.light is Light.GREEN
    assert verdict.reasons[0].code == "recommend.scale"


@BOTH
def test_green_attainment_outside_the_experiment_stage_recommends_continue(direction):
    verdict = one_benefit(direction, 90, stage=Stage.SCALING)

    assert verdict.recommendation is Recommendation.CONTINUE


@BOTH
def test_green_attainment_with_yellow_budget_still_recommends_scale(direction):
    verdict = one_benefit(direction, 90, spent_dkk=1_200_000.0)  # overrun 20 %: yellow

    assert verdict.recommendation is Recommendation.SCALE
    assert verdict.light is Light.YELLOW


# --- CONTINUE --------------------------------------------------------------------------


@BOTH
@pytest.mark.parametrize("progress_pct", [60, 10])  # yellow, red
def test_non_green_attainment_before_the_review_date_recommends_continue(direction, progress_pct):
    verdict = one_benefit(direction, progress_pct, review_on=FUTURE_REVIEW)

    assert verdict.recommendation is Recommendation.CONTINUE
    assert verdict.reasons[0].code == "recommend.continue"


@BOTH
def test_without_a_review_date_non_green_attainment_recommends_continue(direction):
    verdict = one_benefit(direction, 10, review_on=None)

    assert verdict.recommendation is Recommendation.CONTINUE
    assert verdict.criterion("time").light is None


@BOTH
def test_red_budget_with_green_attainment_recommends_continue_not_scale(direction):
    verdict = one_benefit(direction, 90, spent_dkk=1_300_000.0)  # overrun 30 %: red

    assert verdict.recommendation is Recommendation.CONTINUE
    assert verdict.light is Light.RED


# --- PIVOT -----------------------------------------------------------------------------


@BOTH
def test_yellow_attainment_at_the_review_date_recommends_pivot(direction):
    verdict = one_benefit(direction, 60, review_on=AS_OF)  # progress 0.6: yellow

    assert verdict.recommendation is Recommendation.PIVOT
    assert verdict.reasons[0].code == "recommend.pivot_attainment"
    assert verdict.light is Light.YELLOW


@BOTH
def test_yellow_attainment_after_the_review_date_recommends_pivot(direction):
    verdict = one_benefit(direction, 60, review_on=PAST_REVIEW)

    assert verdict.recommendation is Recommendation.PIVOT


@BOTH
@GUARDRAIL_BREACHES
def test_guardrail_breach_with_green_benefits_recommends_pivot(direction, guardrail):
    verdict = one_benefit(direction, 90, guardrails=guardrail)

    assert verdict.recommendation is Recommendation.PIVOT
    assert verdict.reasons[0].code == "recommend.pivot_guardrail"
    assert verdict.light is Light.RED


# --- CLOSE -----------------------------------------------------------------------------


@BOTH
@GUARDRAIL_BREACHES
def test_guardrail_breach_recommends_close(direction, guardrail):
    verdict = one_benefit(direction, 60, guardrails=guardrail)  # benefits yellow

    assert verdict.recommendation is Recommendation.CLOSE
    assert verdict.reasons[0].code == "recommend.close_guardrail"
    assert verdict.criterion("guardrail").light is Light.RED
    assert verdict.light is Light.RED


@BOTH
@pytest.mark.parametrize("review_on", [AS_OF, PAST_REVIEW], ids=["at", "after"])
def test_red_attainment_at_or_after_the_review_date_recommends_close(direction, review_on):
    verdict = one_benefit(direction, 30, review_on=review_on)  # progress 0.3: red

    assert verdict.recommendation is Recommendation.CLOSE
    assert verdict.reasons[0].code == "recommend.close_attainment"
    assert verdict.light is Light.RED


@BOTH
@pytest.mark.parametrize("progress_pct", [60, 10])
def test_red_budget_with_non_green_attainment_recommends_close(direction, progress_pct):
    verdict = one_benefit(direction, progress_pct, spent_dkk=1_300_000.0)  # overrun 30 %

    assert verdict.recommendation is Recommendation.CLOSE
    assert verdict.reasons[0].code == "recommend.close_budget"


# --- NEEDS_DATA ------------------------------------------------------------------------


@BOTH
def test_too_few_measurements_recommend_needs_data(direction):
    verdict = run(benefits={"benefit": [latest_for(direction, 90)] * 2}, direction=direction)

    assert verdict.recommendation is Recommendation.NEEDS_DATA
    assert verdict.reasons[0].code == "recommend.needs_data"
    too_few = next(r for r in verdict.reasons if r.code == "evidence.too_few")
    assert too_few.params == {"kpi": "benefit", "count": 2, "min": 3}


@BOTH
def test_a_newest_measurement_older_than_90_days_recommends_needs_data(direction):
    verdict = one_benefit(direction, 90, as_of=AS_OF + timedelta(days=91))

    assert verdict.recommendation is Recommendation.NEEDS_DATA
    stale = next(r for r in verdict.reasons if r.code == "evidence.stale")
    assert stale.params == {"kpi": "benefit", "age": 91, "max": 90}


def test_no_benefit_kpi_recommends_needs_data():
    verdict = run(guardrails={"walk-ins": (Direction.LOWER, 400.0, [400.0, 390.0, 380.0])})

    assert verdict.recommendation is Recommendation.NEEDS_DATA
    assert "evidence.no_benefit_kpi" in reason_codes(verdict)
    assert verdict.score is None


def test_one_benefit_kpi_without_measurements_recommends_needs_data():
    verdict = run(benefits={"good": [0.0, 50.0, 90.0], "unmeasured": []})

    assert verdict.recommendation is Recommendation.NEEDS_DATA
    assert verdict.score == 0.9  # the measured KPI alone


def test_needs_data_comes_before_a_guardrail_breach():
    verdict = run(benefits={"benefit": [0.0, 60.0]}, guardrails=WALK_INS_BREACHED)

    assert verdict.recommendation is Recommendation.NEEDS_DATA
    assert verdict.light is Light.RED  # the breach still shows in the light


# --- boundaries ------------------------------------------------------------------------


@BOTH
def test_exactly_three_measurements_are_sufficient_evidence_but_not_yet_proof(direction):
    latest = latest_for(direction, 90)
    verdict = run(benefits={"benefit": [latest] * 3}, direction=direction)

    assert verdict.kpis[0].count == 3
    assert verdict.criterion("evidence").passed
    assert verdict.recommendation is Recommendation.CONTINUE
    assert verdict.reasons[0].code == "recommend.not_proven"


@BOTH
def test_a_measurement_exactly_90_days_old_is_still_fresh(direction):
    verdict = one_benefit(direction, 90, as_of=AS_OF + timedelta(days=90))

    assert verdict.kpis[0].age_days == 90
    assert verdict.recommendation is Recommendation.SCALE


@BOTH
@pytest.mark.parametrize(
    ("progress_pct", "light"),
    [(80, Light.GREEN), (79.9, Light.YELLOW), (40, Light.YELLOW), (39.9, Light.RED)],
)
def test_attainment_thresholds_are_inclusive(direction, progress_pct, light):
    verdict = one_benefit(direction, progress_pct)

    assert verdict.criterion("attainment").light is light


@pytest.mark.parametrize(
    ("spent", "light"),
    [
        (1_100_000.0, Light.GREEN),  # overrun exactly 10 %
        (1_100_001.0, Light.YELLOW),
        (1_250_000.0, Light.YELLOW),  # overrun exactly 25 %
        (1_250_001.0, Light.RED),
    ],
)
def test_budget_thresholds_are_inclusive(spent, light):
    verdict = one_benefit(Direction.HIGHER, 90, spent_dkk=spent)

    assert verdict.criterion("budget").light is light


@pytest.mark.parametrize(
    ("gdir", "baseline", "latest"),
    [
        (Direction.LOWER, 400.0, 440.0),  # +10 %
        (Direction.LOWER, 4.0, 4.4),  # +10 %, not exact in binary
        (Direction.HIGHER, 400.0, 360.0),  # -10 %
        (Direction.HIGHER, 4.0, 3.6),
    ],
)
def test_a_guardrail_exactly_10_percent_worse_is_not_breached(gdir, baseline, latest):
    verdict = one_benefit(
        Direction.HIGHER, 90, guardrails={"g": (gdir, baseline, [baseline, baseline, latest])}
    )

    assert verdict.criterion("guardrail").passed
    assert verdict.criterion("guardrail").light is Light.GREEN
    assert verdict.recommendation is Recommendation.SCALE


@pytest.mark.parametrize(("gdir", "latest"), [(Direction.LOWER, 441.0), (Direction.HIGHER, 359.0)])
def test_a_guardrail_just_over_10_percent_worse_is_breached(gdir, latest):
    verdict = one_benefit(
        Direction.HIGHER, 90, guardrails={"g": (gdir, 400.0, [400.0, 400.0, latest])}
    )

    assert not verdict.criterion("guardrail").passed
    assert verdict.recommendation is Recommendation.PIVOT


def test_a_guardrail_that_improved_is_held():
    verdict = one_benefit(
        Direction.HIGHER, 90, guardrails={"walk-ins": (Direction.LOWER, 400.0, [300.0] * 3)}
    )

    assert verdict.criterion("guardrail").value == -0.25
    assert verdict.criterion("guardrail").light is Light.GREEN


# --- attainment arithmetic -------------------------------------------------------------


def test_attainment_is_the_weighted_mean_of_progress():
    a = make_kpi("a", weight=3.0)
    b = make_kpi("b", weight=1.0)
    ms = make_measurements("a", [100] * 4) + make_measurements("b", [20] * 4)
    verdict = evaluate(make_snapshot(kpis=[a, b], measurements=ms), default_policy(), AS_OF)

    # (3 × 1.0 + 1 × 0.2) / 4 = 0.8
    assert verdict.criterion("attainment").value == pytest.approx(0.8)
    assert verdict.criterion("attainment").light is Light.GREEN
    assert verdict.recommendation is Recommendation.SCALE


def test_zero_weights_everywhere_fall_back_to_a_plain_mean():
    a = make_kpi("a", weight=0.0)
    b = make_kpi("b", weight=0.0)
    ms = make_measurements("a", [0, 0, 100]) + make_measurements("b", [0, 0, 20])
    verdict = evaluate(make_snapshot(kpis=[a, b], measurements=ms), default_policy(), AS_OF)

    assert verdict.score == 0.6  # (1.0 + 0.2) / 2


@BOTH
def test_overshooting_one_kpi_does_not_compensate_another(direction):
    verdict = run(
        benefits={
            "over": [latest_for(direction, 0)] * 2 + [latest_for(direction, 150)],  # 1.5 → 1
            "under": [latest_for(direction, 0)] * 2 + [latest_for(direction, 20)],  # 0.2
        },
        direction=direction,
    )

    assert verdict.kpis[0].progress == 1.5
    assert verdict.score == 0.6  # (1 + 0.2) / 2, not (1.5 + 0.2) / 2 = 0.85
    assert verdict.criterion("attainment").light is Light.YELLOW
    assert verdict.recommendation is Recommendation.CONTINUE


@BOTH
def test_progress_below_the_baseline_counts_as_zero(direction):
    verdict = one_benefit(direction, -50, review_on=AS_OF)

    assert verdict.kpis[0].progress == -0.5
    assert verdict.score == 0.0
    assert verdict.recommendation is Recommendation.CLOSE


@BOTH
def test_measurements_after_the_as_of_date_are_ignored(direction):
    kpi = make_kpi("benefit", **(HIGHER if direction is Direction.HIGHER else LOWER))
    ms = make_measurements(kpi, [latest_for(direction, p) for p in (0, 10, 30)])
    future = make_measurements(kpi, [latest_for(direction, 100)], dates=[AS_OF + timedelta(days=1)])
    snap = make_snapshot(make_initiative(review_on=AS_OF), [kpi], ms + future)
    verdict = evaluate(snap, default_policy(), AS_OF)

    assert verdict.kpis[0].count == 3
    assert verdict.kpis[0].latest_on == AS_OF
    assert verdict.score == 0.3
    assert verdict.recommendation is Recommendation.CLOSE


# --- lights and score ------------------------------------------------------------------


def test_the_overall_light_is_the_worst_criterion_light():
    green = one_benefit(Direction.HIGHER, 90)
    yellow_budget = one_benefit(Direction.HIGHER, 90, spent_dkk=1_200_000.0)
    overdue = one_benefit(Direction.HIGHER, 90, review_on=PAST_REVIEW, stage=Stage.SCALING)

    assert {c.name: c.light for c in green.criteria} == {
        "evidence": Light.GREEN,
        "guardrail": None,
        "attainment": Light.GREEN,
        "budget": Light.GREEN,
        "time": Light.GREEN,
        "proof": Light.GREEN,
    }
    assert green.light is Light.GREEN
    assert yellow_budget.light is Light.YELLOW
    assert overdue.criterion("time").light is Light.YELLOW
    assert overdue.light is Light.YELLOW


def test_attainment_is_ignored_in_the_light_under_needs_data():
    verdict = run(benefits={"benefit": [0.0, 10.0]})  # red attainment, too few

    assert verdict.criterion("attainment").light is Light.RED
    assert verdict.recommendation is Recommendation.NEEDS_DATA
    assert verdict.light is Light.YELLOW


def test_the_score_is_the_attainment_rounded_to_four_decimals():
    verdict = one_benefit(Direction.HIGHER, 100 / 3)

    assert verdict.criterion("attainment").value == pytest.approx(1 / 3)
    assert verdict.score == 0.3333


# --- reasons ---------------------------------------------------------------------------


def test_the_guardrail_reason_cites_latest_baseline_and_change():
    verdict = one_benefit(Direction.HIGHER, 60, guardrails=WALK_INS_BREACHED)
    reason = next(r for r in verdict.reasons if r.code == "guardrail.breached")

    assert reason.render("en") == "walk-ins 620 vs baseline 400 (+55%): guardrail breached"
    assert reason.render("da") == "walk-ins 620 mod baseline 400 (+55\u00a0%): værn overskredet"


def test_a_worse_higher_is_better_guardrail_shows_a_negative_change():
    verdict = one_benefit(Direction.HIGHER, 60, guardrails=SATISFACTION_BREACHED)
    reason = next(r for r in verdict.reasons if r.code == "guardrail.breached")

    assert reason.render("en") == "satisfaction 3.4 vs baseline 4 (-15%): guardrail breached"
    assert reason.render("da") == "satisfaction 3,4 mod baseline 4 (-15\u00a0%): værn overskredet"


def test_the_reasons_cite_attainment_and_budget_numbers():
    verdict = one_benefit(Direction.HIGHER, 60, spent_dkk=1_200_000.0)
    text = [r.render("en") for r in verdict.reasons]

    assert "Benefit attainment 60% (yellow)" in text
    assert "benefit 60 vs target 100 (baseline 0): 60% of the way" in text
    assert "Budget: spent 1,200,000 of 1,000,000 DKK, overrun 20% (yellow)" in text


def test_the_recommendation_reason_comes_first_then_criteria_in_order():
    verdict = one_benefit(Direction.HIGHER, 90, guardrails=WALK_INS_BREACHED)
    codes = reason_codes(verdict)

    assert codes[0] == "recommend.pivot_guardrail"
    assert codes[1:] == [
        "evidence.sufficient",
        "guardrail.breached",
        "attainment.value",
        "attainment.kpi",
        "attainment.not_at_this_trend",
        "budget.overrun",
        "time.upcoming",
        "proof.band",
        "proof.kpi",
    ]


def test_a_kpi_fed_only_by_self_reports_is_flagged():
    kpi = make_kpi("benefit")
    ms = make_measurements(kpi, [0, 50, 90], source=Source.SELF_REPORTED)
    verdict = evaluate(make_snapshot(kpis=[kpi], measurements=ms), default_policy(), AS_OF)

    assert verdict.kpis[0].self_reported_only
    assert "evidence.self_reported_only" in reason_codes(verdict)


def test_a_kpi_with_one_system_export_is_not_flagged_as_self_reported():
    kpi = make_kpi("benefit")
    # One measurement per KPI and date, as the store keeps them.
    ms = make_measurements(
        kpi, [0, 50], end=AS_OF - timedelta(days=30), source=Source.SELF_REPORTED
    ) + make_measurements(kpi, [90], dates=[AS_OF], source=Source.SYSTEM_EXPORT)
    verdict = evaluate(make_snapshot(kpis=[kpi], measurements=ms), default_policy(), AS_OF)

    assert not verdict.kpis[0].self_reported_only
    assert "evidence.self_reported_only" not in reason_codes(verdict)


# --- overdue ---------------------------------------------------------------------------


def test_past_the_review_date_without_a_decision_is_overdue():
    verdict = one_benefit(Direction.HIGHER, 60, review_on=PAST_REVIEW)

    assert verdict.overdue
    overdue = next(r for r in verdict.reasons if r.code == "time.overdue")
    assert overdue.params == {"review_on": PAST_REVIEW.isoformat(), "days": 10}


@pytest.mark.parametrize("decided_on", [PAST_REVIEW, PAST_REVIEW + timedelta(days=1)])
def test_a_decision_on_or_after_the_review_date_clears_overdue(decided_on):
    verdict = one_benefit(Direction.HIGHER, 60, review_on=PAST_REVIEW, last_decision_on=decided_on)

    assert not verdict.overdue
    assert verdict.criterion("time").light is Light.GREEN


def test_a_decision_before_the_review_date_does_not_clear_overdue():
    verdict = one_benefit(
        Direction.HIGHER,
        60,
        review_on=PAST_REVIEW,
        last_decision_on=PAST_REVIEW - timedelta(days=1),
    )

    assert verdict.overdue


def test_on_the_review_date_itself_it_is_due_but_not_overdue():
    verdict = one_benefit(Direction.HIGHER, 60, review_on=AS_OF)

    assert not verdict.overdue
    assert "time.due" in reason_codes(verdict)


# --- the textbook case -----------------------------------------------------------------


def social_benefit_application(latest_digital_share: float):
    """PRODUCT.md's textbook case: citizens could not attach documents, walk-ins grew."""
    digital = make_kpi("digital applications", unit="%", baseline=20.0, target=80.0)
    walk_ins = make_kpi(
        "walk-ins",
        kind=KpiKind.GUARDRAIL,
        direction=Direction.LOWER,
        baseline=400.0,
        target=300.0,
    )
    ms = make_measurements(digital, [35.0, 50.0, latest_digital_share]) + make_measurements(
        walk_ins, [450.0, 580.0, 620.0]
    )
    return make_snapshot(kpis=[digital, walk_ins], measurements=ms)


def test_the_social_benefit_application_with_benefits_on_target_recommends_pivot():
    verdict = evaluate(social_benefit_application(74.0), default_policy(), AS_OF)

    assert verdict.score == 0.9  # (74 - 20) / (80 - 20)
    assert verdict.criterion("guardrail").value == 0.55  # (620 - 400) / 400
    assert verdict.recommendation is Recommendation.PIVOT


def test_the_social_benefit_application_with_benefits_short_recommends_close():
    verdict = evaluate(social_benefit_application(56.0), default_policy(), AS_OF)

    assert verdict.score == 0.6  # (56 - 20) / (80 - 20)
    assert verdict.recommendation is Recommendation.CLOSE
    assert verdict.light is Light.RED
