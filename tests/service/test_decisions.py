"""Steering decisions: rationale for overrides, lessons for closing, evidence kept."""

from __future__ import annotations

from datetime import date

import pytest

from portfolio.errors import ValidationFailed
from portfolio.models import Actor, Decision, DecisionKind, Measurement, Recommendation, Stage
from portfolio.service.decisions import record_decision
from portfolio.service.evaluation import evaluate_now
from portfolio.service.initiatives import record_measurement, save_initiative
from portfolio.storage import Database
from tests.factories import AS_OF, make_initiative, make_kpi
from tests.units import in_transaction


@pytest.fixture
def scalable(db: Database, operator: Actor) -> str:
    """An experiment the engine recommends to SCALE as of AS_OF: on target since February
    (four measurements over four months, #18)."""
    in_transaction(db, save_initiative, operator, make_initiative(), [make_kpi()])
    for month, value in ((1, 88.0), (3, 90.0), (4, 92.0), (5, 95.0)):
        in_transaction(db, record_measurement, operator, Measurement(
            initiative_id="INI-1", kpi="digital share", on=date(2025, month, 1), value=value,
        ))
    evaluations = evaluate_now(db, operator, AS_OF, "run-1")
    assert evaluations[0].recommendation is Recommendation.SCALE
    return "INI-1"


def decide(kind: DecisionKind, **fields: object) -> Decision:
    data: dict[str, object] = {
        "initiative_id": "INI-1", "kind": kind, "decided_by": "", "decided_on": AS_OF,
        "next_review_on": date(2025, 12, 1),
    }
    data.update(fields)
    return Decision.model_validate(data)


def test_scale_moves_the_stage_and_keeps_the_evidence(
    db: Database, operator: Actor, scalable: str
) -> None:
    stored = in_transaction(db, record_decision,
                            operator, decide(DecisionKind.SCALE, spread_to=("Health",)))
    with db.reading() as store:
        initiative = store.initiatives.get(scalable)
        decisions = store.decisions.for_initiative(scalable)
    assert initiative is not None and initiative.stage is Stage.SCALING
    assert initiative.review_on == date(2025, 12, 1)
    assert initiative.planned_departments == ("Health",)
    assert decisions[0].evidence["recommendation"] == "SCALE"
    assert decisions[0].evaluation_run_id == "run-1"
    assert stored.decided_by == "operator" and not stored.is_override


def test_an_override_of_the_recommendation_needs_a_rationale(
    db: Database, operator: Actor, scalable: str
) -> None:
    with pytest.raises(ValidationFailed) as refused:
        in_transaction(db, record_decision, operator, decide(DecisionKind.CONTINUE))
    assert refused.value.field == "rationale"
    stored = in_transaction(
        db, record_decision,
        operator, decide(DecisionKind.CONTINUE, rationale="Wait for the winter figures")
    )
    assert stored.is_override


def test_closing_needs_a_reason_code_and_a_lesson(
    db: Database, operator: Actor, scalable: str
) -> None:
    close = decide(DecisionKind.CLOSE, rationale="Politically parked", next_review_on=None)
    with pytest.raises(ValidationFailed, match="reason code"):
        in_transaction(db, record_decision, operator, close)
    with pytest.raises(ValidationFailed, match="lesson"):
        in_transaction(db, record_decision,
                       operator, close.model_copy(update={"reason_code": "not_now"}))
    in_transaction(db, record_decision,
                   operator, close.model_copy(update={"reason_code": "not_now"}),
                    lesson="Citizens must be able to attach documents")
    with db.reading() as store:
        assert store.initiatives.get(scalable).stage is Stage.CLOSED  # type: ignore[union-attr]
        assert "attach documents" in store.lessons.search("attach")[0].text


def test_a_decision_clears_the_overdue_flag_at_the_next_evaluation(
    db: Database, operator: Actor, scalable: str
) -> None:
    late = date(2025, 9, 1)  # past the review date of the factory initiative
    assert evaluate_now(db, operator, late, "run-2")[0].overdue
    in_transaction(db, record_decision, operator, decide(DecisionKind.CONTINUE, decided_on=late,
                                         rationale="New figures are on their way"))
    assert not evaluate_now(db, operator, late, "run-3")[0].overdue
