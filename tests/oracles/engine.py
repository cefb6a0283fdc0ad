"""Fail or scale: the verdict on one initiative, as a pure function.

evaluate() reads a snapshot, a policy and an as-of date — no clock, no database — and
returns a Verdict whose reasons cite the numbers it was based on. The decision order is
the one of PRODUCT.md and docs/review-policy.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from portfolio.models import (
    CriterionResult,
    InitiativeSnapshot,
    Light,
    Reason,
    Recommendation,
    Stage,
    Verdict,
)
from portfolio.review.policy import ReviewPolicy
from tests.oracles.criteria import CRITERIA, Facts
from tests.oracles.stats import kpi_stats

ORDER = ("evidence", "guardrail", "attainment", "budget", "time", "proof")


def evaluate(snapshot: InitiativeSnapshot, policy: ReviewPolicy, as_of: date) -> Verdict:
    facts = Facts(
        initiative=snapshot.initiative,
        kpis=tuple(kpi_stats(k, snapshot.measurements, as_of) for k in snapshot.kpis),
        policy=policy,
        as_of=as_of,
        last_decision_on=snapshot.last_decision_on,
    )
    results = {name: CRITERIA[name](facts) for name in ORDER}
    recommendation, why = recommend(results, facts)
    attainment = results["attainment"]
    return Verdict(
        initiative_id=snapshot.initiative.id,
        as_of=as_of,
        recommendation=recommendation,
        light=overall_light(results, recommendation, policy.scale.required),
        score=round(attainment.value, 4) if attainment.value is not None else None,
        criteria=tuple(results[name] for name in ORDER),
        reasons=(why, *explain(results)),
        kpis=facts.kpis,
        overdue=not results["time"].passed,
    )


def evaluate_all(
    snapshots: Iterable[InitiativeSnapshot], policy: ReviewPolicy, as_of: date
) -> list[Verdict]:
    return [evaluate(s, policy, as_of) for s in snapshots]


def recommend(
    results: dict[str, CriterionResult], facts: Facts
) -> tuple[Recommendation, Reason]:
    """The decision order of the default semantics; first rule that holds wins."""
    if not results["evidence"].passed:
        return Recommendation.NEEDS_DATA, Reason(code="recommend.needs_data")
    attainment = results["attainment"].light
    breached = not results["guardrail"].passed
    budget = results["budget"].light
    review_on = facts.initiative.review_on
    at_review = review_on is not None and facts.as_of >= review_on
    green = attainment is Light.GREEN

    if breached and not green:
        return Recommendation.CLOSE, Reason(code="recommend.close_guardrail")
    if attainment is Light.RED and at_review:
        return Recommendation.CLOSE, Reason(code="recommend.close_attainment")
    if budget is Light.RED and not green:
        return Recommendation.CLOSE, Reason(code="recommend.close_budget")
    if breached:
        # Benefits on target but something citizens rely on got worse: change course.
        return Recommendation.PIVOT, Reason(code="recommend.pivot_guardrail")
    if facts.initiative.stage is Stage.EXPERIMENT and green and budget is not Light.RED:
        if results["proof"].passed or not facts.policy.scale.required:
            return Recommendation.SCALE, Reason(code="recommend.scale")
        # Promising, not yet proven: one lucky point after noisy history is not a case.
        return Recommendation.CONTINUE, Reason(code="recommend.not_proven")
    if attainment is Light.YELLOW and at_review:
        return Recommendation.PIVOT, Reason(code="recommend.pivot_attainment")
    return Recommendation.CONTINUE, Reason(code="recommend.continue")


def overall_light(results: dict[str, CriterionResult], recommendation: Recommendation,
                  proof_required: bool = True) -> Light:
    """The worst light of the criteria; without enough evidence attainment is not judged,
    and proof speaks only where benefits look green (it says whether they hold)."""
    green = results["attainment"].light is Light.GREEN
    considered = [
        r.light
        for name, r in results.items()
        if r.light is not None
        and not (recommendation is Recommendation.NEEDS_DATA and name == "attainment")
        and not (name == "proof" and (not green or not proof_required))
    ]
    return max(considered, key=lambda light: light.rank, default=Light.YELLOW)


def explain(results: dict[str, CriterionResult]) -> list[Reason]:
    return [reason for name in ORDER for reason in results[name].reasons]
