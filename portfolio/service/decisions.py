"""Steering decisions: never edited, each with the evidence it was made on."""

from __future__ import annotations

from datetime import date

from portfolio.errors import NotFound, ValidationFailed
from portfolio.models import Actor, Decision, DecisionKind, Lesson, Stage
from portfolio.service import audit
from portfolio.service.access import Permission, authorize
from portfolio.service.organisation import ensure_department
from portfolio.storage import Store

NEXT_STAGE = {
    DecisionKind.SCALE: Stage.SCALING,
    DecisionKind.CLOSE: Stage.CLOSED,
    DecisionKind.PARK: Stage.CLOSED,
}

REASON_CODES = ("no_effect", "guardrail", "budget", "not_now", "superseded", "other")


def record_decision(
    store: Store, actor: Actor, decision: Decision, *, lesson: str = ""
) -> Decision:
    """Record a decision, move the stage and keep a snapshot of the evidence, in the unit
    of work the entry point opened (#16): composed with other use cases, all of them are
    stored, or none."""
    decision = decision.model_copy(update={"decided_by": actor.username})
    closing = decision.kind in (DecisionKind.CLOSE, DecisionKind.PARK)
    if decision.kind is DecisionKind.PARK and not decision.reason_code:
        # PARK is "not now": a close that stays on the shelf, revisited on next_review_on.
        decision = decision.model_copy(update={"reason_code": "not_now"})
    initiative = store.initiatives.get(decision.initiative_id)
    if initiative is None:
        raise NotFound(code="initiative.not_found", params={"id": decision.initiative_id})
    authorize(actor, Permission.DECIDE, initiative.department,
              organisation=initiative.organisation)
    evaluation = store.evaluations.latest_for(initiative.id)
    recommendation = evaluation.recommendation if evaluation else None
    decision = decision.model_copy(
        update={
            "recommendation": recommendation,
            "evaluation_run_id": evaluation.run_id if evaluation else None,
            "evidence": evaluation.model_dump(mode="json") if evaluation else {},
        }
    )
    _validate(decision, closing, lesson)
    _validate_spread(decision)
    for department in decision.spread_to:
        # a department scaled to that is not registered yet is created, as imports do
        ensure_department(store, actor, department, initiative.organisation)
    decision_id = store.decisions.add(decision)
    stored = decision.model_copy(update={"id": decision_id})
    audit.record(store, actor, "decide", "initiative", initiative.id,
                 after=stored.model_dump(mode="json", exclude={"evidence"}))
    changes: dict[str, object] = {"review_on": decision.next_review_on}
    if decision.kind in NEXT_STAGE:
        changes["stage"] = NEXT_STAGE[decision.kind]
    if decision.kind is DecisionKind.SCALE and decision.spread_to:
        changes["planned_departments"] = tuple(
            dict.fromkeys([*initiative.planned_departments, *decision.spread_to])
        )
    updated = initiative.model_copy(update=changes)
    if updated != initiative:
        store.initiatives.save(updated)
        audit.record(store, actor, "update", "initiative", initiative.id, initiative, updated)
    if lesson.strip():
        _add_lesson(store, actor, Lesson(
            initiative_id=initiative.id, text=lesson.strip(), author=actor.username,
            created_on=decision.decided_on,
        ))
    return stored


def _validate(decision: Decision, closing: bool, lesson: str) -> None:
    if decision.is_override and not decision.rationale.strip():
        raise ValidationFailed(
            field="rationale", code="decision.override_needs_rationale",
            params={"recommendation": decision.recommendation, "decision": decision.kind},
        )
    if closing and decision.reason_code not in REASON_CODES:
        raise ValidationFailed(field="reason_code", code="decision.reason_code_required",
                               params={"codes": ", ".join(REASON_CODES)})
    if closing and not lesson.strip():
        raise ValidationFailed(field="lesson", code="decision.lesson_required")
    if not closing and decision.next_review_on is None:
        raise ValidationFailed(field="next_review_on", code="decision.next_review_required")
    if decision.next_review_on and decision.next_review_on <= decision.decided_on:
        raise ValidationFailed(field="next_review_on", code="decision.next_review_after")


def _validate_spread(decision: Decision) -> None:
    """Only SCALE spreads: other decisions name no departments."""
    if decision.spread_to and decision.kind is not DecisionKind.SCALE:
        raise ValidationFailed(field="spread_to", code="decision.spread_only_scale")


def _add_lesson(store: Store, actor: Actor, lesson: Lesson) -> int:
    lesson_id = store.lessons.add(lesson)
    audit.record(store, actor, "create", "lesson", str(lesson_id), after=lesson)
    return lesson_id


def add_lesson(store: Store, actor: Actor, initiative_id: str, text: str, on: date) -> int:
    initiative = store.initiatives.get(initiative_id)
    if initiative is None:
        raise NotFound(code="initiative.not_found", params={"id": initiative_id})
    authorize(actor, Permission.EDIT_INITIATIVE, initiative.department,
              organisation=initiative.organisation)
    return _add_lesson(store, actor, Lesson(
        initiative_id=initiative_id, text=text, author=actor.username, created_on=on,
    ))
