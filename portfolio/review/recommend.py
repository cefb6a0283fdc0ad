"""The recommendation: the decision order of PRODUCT.md over the criteria's results.

The first rule that holds wins (docs/review-policy.md, "The recommendation").
"""

from __future__ import annotations

import numpy as np

from portfolio.models import Recommendation
from portfolio.review.columns import GREEN, RED, YELLOW, equals
from portfolio.review.criteria import Facts, Judged

RECOMMEND = "recommend"
"""Pseudo-criterion of the recommendation's own reason, which comes first."""

RULES = (
    (Recommendation.NEEDS_DATA, "recommend.needs_data"),
    (Recommendation.CLOSE, "recommend.close_guardrail"),
    (Recommendation.CLOSE, "recommend.close_attainment"),
    (Recommendation.CLOSE, "recommend.close_budget"),
    (Recommendation.PIVOT, "recommend.pivot_guardrail"),
    (Recommendation.SCALE, "recommend.scale"),
    (Recommendation.CONTINUE, "recommend.not_proven"),
    (Recommendation.PIVOT, "recommend.pivot_attainment"),
    (Recommendation.CONTINUE, "recommend.continue"),
)
"""Each rule's recommendation and reason code, in the order they are tried."""


def recommend(facts: Facts, results: dict[str, Judged]) -> np.ndarray:
    """Index into RULES of the first rule that holds, per initiative."""
    days, has_review = facts.days_past_review()
    at_review = has_review & (days >= 0)
    experiment = equals(facts.initiatives, "stage", "experiment")
    attainment, budget = results["attainment"], results["budget"]
    breached = ~results["guardrail"].passed
    green = attainment.light == GREEN
    budget_red = budget.light == RED
    conditions = [
        ~results["evidence"].passed,
        breached & ~green,
        (attainment.light == RED) & at_review,
        budget_red & ~green,
        # Benefits on target but something citizens rely on got worse: change course.
        breached,
        experiment & green & ~budget_red
        & (results["proof"].passed | (not facts.policy.scale.required)),
        # Promising, not yet proven: one lucky point after noisy history is not a case.
        experiment & green & ~budget_red,
        (attainment.light == YELLOW) & at_review,
    ]
    return np.select(conditions, list(range(len(conditions))), default=len(conditions))
