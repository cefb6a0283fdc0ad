"""Which verdicts need attention first, when only some of them can be shown (#7).

At national scale a table of every initiative is neither renderable nor readable: the
board and the flow's artifact show a bounded number of rows, the most urgent first.
"""

from __future__ import annotations

from portfolio.models import Recommendation

URGENCY: tuple[Recommendation, ...] = (
    Recommendation.CLOSE,
    Recommendation.NEEDS_DATA,
    Recommendation.PIVOT,
    Recommendation.SCALE,
    Recommendation.CONTINUE,
)
"""Recommendations from most to least urgent; overdue comes before all of them."""


def urgency_rank(recommendation: str | None) -> int:
    """Position in URGENCY of a recommendation (or its stored value); unevaluated last."""
    for rank, rec in enumerate(URGENCY):
        if recommendation == rec:
            return rank
    return len(URGENCY)


def urgency_key(
    overdue: bool, recommendation: str | None, initiative_id: str
) -> tuple[bool, int, str]:
    """Sort key: overdue first, then by URGENCY, then by id (a stable, shareable order)."""
    return (not overdue, urgency_rank(recommendation), initiative_id)
