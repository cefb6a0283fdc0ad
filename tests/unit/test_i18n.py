"""Reasons in English and Danish: every code has both, and renders with its params."""

from __future__ import annotations

from datetime import timedelta

import pytest

from portfolio.formats import number as format_number
from portfolio.formats import share as format_share
from portfolio.i18n import LANGUAGES, REASONS, render_reason
from portfolio.models import Direction, KpiKind, Reason, Source, Stage, Verdict
from portfolio.review.policy import default_policy
from tests.engine import evaluate
from tests.factories import AS_OF, make_initiative, make_kpi, make_measurements, make_snapshot

BENEFIT = make_kpi("digital applications", unit="%", baseline=20.0, target=80.0)
WALK_INS = make_kpi(
    "walk-ins",
    kind=KpiKind.GUARDRAIL,
    direction=Direction.LOWER,
    baseline=400.0,
    target=300.0,
)
COMPLAINTS = make_kpi("complaints", kind=KpiKind.GUARDRAIL, baseline=5.0, target=5.0)


def _verdict(
    benefit_values,
    walk_ins=(),
    *,
    source=Source.MANUAL,
    kpis=None,
    last_decision_on=None,
    every_days=30,
    **ini,
) -> Verdict:
    ms = make_measurements(BENEFIT, list(benefit_values), source=source, every_days=every_days)
    ms += make_measurements(WALK_INS, list(walk_ins))
    chosen = kpis if kpis is not None else [BENEFIT, WALK_INS, COMPLAINTS]
    snap = make_snapshot(make_initiative(**ini), chosen, ms, last_decision_on=last_decision_on)
    return evaluate(snap, default_policy(), AS_OF)


def scenario_verdicts() -> list[Verdict]:
    """Initiatives that between them make the engine produce every reason code."""
    past, future = AS_OF - timedelta(days=5), AS_OF + timedelta(days=5)
    return [
        _verdict([], kpis=[]),  # no benefit KPI, no budget check needed
        _verdict([30, 40], budget_dkk=0.0, review_on=None),  # too few, budget.none
        _verdict([30, 40, 50], source=Source.SELF_REPORTED, review_on=AS_OF),
        evaluate(
            make_snapshot(kpis=[BENEFIT], measurements=make_measurements(BENEFIT, [1, 2, 3])),
            default_policy(),
            AS_OF + timedelta(days=120),
        ),  # stale
        evaluate(
            make_snapshot(kpis=[BENEFIT],
                          measurements=make_measurements(BENEFIT, [60, 70, 75])),
            default_policy(),
            AS_OF + timedelta(days=60),
        ),  # forecast 20 days after the newest point: should already have been reached
        _verdict([74.5] * 4, [400, 410, 390], review_on=future),  # scale, held
        _verdict([30, 40, 74.5], [400, 410, 390], review_on=future),  # not proven, too few
        _verdict([30, 40, 50, 74.5], every_days=20),  # not proven, too short
        _verdict([74.5] * 4, source=Source.SELF_REPORTED),  # capped: no watermelon
        _verdict([30, 40, 74.5], [400, 500, 620.5]),  # pivot on guardrail
        _verdict([30, 40, 50], [400, 500, 620]),  # close on guardrail
        _verdict([21, 22, 23], review_on=past),  # close on attainment, overdue
        _verdict([30, 40, 50], spent_dkk=1_333_333.33),  # close on budget
        _verdict([30, 40, 50], review_on=past, last_decision_on=past),  # pivot, due
        _verdict([30, 40, 50], stage=Stage.OPERATION),  # continue, upcoming
    ]


def produced_reasons() -> list[Reason]:
    return [r for v in scenario_verdicts() for r in v.reasons]


def test_the_scenarios_produce_every_reason_code_that_has_a_template():
    assert {r.code for r in produced_reasons()} == set(REASONS)


@pytest.mark.parametrize("code", sorted(REASONS))
def test_every_reason_code_has_an_english_and_a_danish_template(code):
    assert set(REASONS[code]) == set(LANGUAGES)
    assert all(REASONS[code][lang].strip() for lang in LANGUAGES)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_reason_renders_with_the_params_the_criteria_produce(lang):
    for reason in produced_reasons():
        text = render_reason(reason, lang)
        assert text != reason.code, reason
        assert "{" not in text and "}" not in text, text
        assert "None" not in text, text


def test_danish_and_english_differ_for_every_produced_reason():
    for reason in produced_reasons():
        assert render_reason(reason, "da") != render_reason(reason, "en"), reason.code


@pytest.mark.parametrize(
    ("value", "en", "da"),
    [
        (3.4, "3.4", "3,4"),
        (1234.5, "1,234.5", "1.234,5"),
        (1_200_000, "1,200,000", "1.200.000"),
        (0.25, "0.25", "0,25"),
        (-12.75, "-12.75", "-12,75"),
        (620.0, "620", "620"),
    ],
)
def test_danish_numbers_use_a_decimal_comma_and_a_thousands_point(value, en, da):
    assert format_number(value, "en") == en
    assert format_number(value, "da") == da


def test_a_number_that_rounds_to_an_integer_has_no_trailing_separator():
    assert format_number(2.001, "en") == "2"
    assert format_number(2.001, "da") == "2"


def test_a_danish_reason_renders_decimal_commas():
    reason = Reason(
        code="attainment.kpi",
        params={
            "kpi": "ventetid",
            "latest": 12.5,
            "target": 10.0,
            "baseline": 20.0,
            "progress_pct": 0.75,
            "unit": "dage",
        },
    )
    assert render_reason(reason, "da") == (
        "ventetid 12,5 dage mod mål 10 (baseline 20): 75\u00a0% af vejen"
    )


def test_shares_are_whole_percent_and_changes_are_signed():
    assert format_share(0.55, "en", signed=True) == "+55%"
    assert format_share(-0.15, "da", signed=True) == "-15\u00a0%"
    assert format_share(0.8, "da") == "80\u00a0%"
    assert format_share(None, "en") == "n/a"
    assert format_share(None, "da") == "i/t"


def test_lights_are_translated():
    reason = Reason(code="attainment.value", params={"value_pct": 0.6, "light": "yellow"})
    assert render_reason(reason, "en") == "Benefit attainment 60% (yellow)"
    assert render_reason(reason, "da") == "Gevinstopnåelse 60\u00a0% (gul)"


def test_an_unknown_language_falls_back_to_english():
    reason = Reason(code="budget.none")
    assert render_reason(reason, "sv") == "No budget registered"
