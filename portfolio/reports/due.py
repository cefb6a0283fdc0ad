"""Why an initiative is in the steering pack: the steering agenda, plus one rule.

The agenda of portfolio/review/agenda.py (issue #4) is the one definition of "due" that
the dashboard and the e-mails share. The pack adds initiatives whose latest evaluation
recommends SCALE or CLOSE and that have not been decided on since: those are the
decisions a meeting exists for, even before their review date.
"""

from __future__ import annotations

from collections.abc import Sequence

from portfolio.models import Decision, Evaluation, Recommendation

RECOMMENDED = "recommended"
DECISIVE = (Recommendation.SCALE, Recommendation.CLOSE)


def due_reasons(
    agenda_reasons: Sequence[str], evaluation: Evaluation | None, last_decision: Decision | None
) -> tuple[str, ...]:
    """The agenda's reasons for one initiative, with RECOMMENDED added when it applies."""
    reasons = tuple(str(r) for r in agenda_reasons)
    if evaluation is None or evaluation.recommendation not in DECISIVE:
        return reasons
    if last_decision is not None and last_decision.decided_on >= evaluation.as_of:
        return reasons
    return (*reasons, RECOMMENDED)
