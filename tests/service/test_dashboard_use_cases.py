"""The use cases behind the dashboard: board metrics, agenda, lessons, policy what-if."""

from __future__ import annotations

from datetime import timedelta

import pytest

from portfolio.errors import NotAllowed, ValidationFailed
from portfolio.models import (
    Actor,
    Decision,
    DecisionKind,
    KpiKind,
    Recommendation,
    Role,
    Stage,
)
from portfolio.review.agenda import AgendaReason
from portfolio.review.policy import default_policy
from portfolio.service.board import portfolio_board
from portfolio.service.decisions import record_decision
from portfolio.service.evaluation import evaluate_now
from portfolio.service.initiatives import record_measurement, save_initiative
from portfolio.service.lessons import search_lessons
from portfolio.service.policy_admin import activate_policy, policy_overview, what_if
from portfolio.service.steering import DUE, RECOMMENDED, REVISIT, agenda
from tests.factories import AS_OF, make_initiative, make_kpi, make_measurements
from tests.units import in_reading, in_transaction

OPERATOR = Actor.operator()


def register(db, initiative=None, kpis=(), values=(10.0, 50.0, 90.0)):
    initiative = initiative or make_initiative()
    in_transaction(db, save_initiative, OPERATOR, initiative, list(kpis) or [make_kpi()])
    for kpi in list(kpis) or [make_kpi()]:
        if kpi.kind is KpiKind.BENEFIT:
            for m in make_measurements(kpi.name, values, initiative_id=initiative.id):
                in_transaction(db, record_measurement, OPERATOR, m)
    return initiative


def test_an_experiment_past_review_without_a_decision_is_a_zombie(db):
    register(db, make_initiative(review_on=AS_OF - timedelta(days=5)))
    metrics = in_reading(db, portfolio_board, OPERATOR, AS_OF).metrics
    assert (metrics.overdue, metrics.zombies) == (1, 1)


def test_a_decision_after_the_review_date_takes_it_off_the_zombie_list(db):
    register(db, make_initiative(review_on=AS_OF - timedelta(days=5)))
    evaluate_now(db, OPERATOR, AS_OF, "r1")
    in_transaction(db, record_decision, OPERATOR, Decision(
        initiative_id="INI-1", kind=DecisionKind.CONTINUE, decided_by="x", decided_on=AS_OF,
        rationale="One more quarter", next_review_on=AS_OF + timedelta(days=90)))
    metrics = in_reading(db, portfolio_board, OPERATOR, AS_OF).metrics
    assert (metrics.zombies, metrics.decided, metrics.started) == (0, 1, 1)


def test_realised_benefit_is_weighted_progress_split_by_cashable(db):
    register(db, kpis=[make_kpi("hours", cashable=True, weight=3),
                       make_kpi("satisfaction", weight=1)], values=(0.0, 25.0, 50.0))
    evaluate_now(db, OPERATOR, AS_OF, "r1")
    metrics = in_reading(db, portfolio_board, OPERATOR, AS_OF).metrics
    assert (metrics.cashable.realised, metrics.cashable.expected) == (1.5, 3.0)
    assert metrics.non_cashable.share == pytest.approx(0.5)


def test_pilot_age_counts_days_since_start_of_running_experiments(db):
    register(db, make_initiative(started_on=AS_OF - timedelta(days=100)))
    assert in_reading(db, portfolio_board, OPERATOR, AS_OF).metrics.pilot_age_median_days == 100


def test_the_agenda_says_an_overdue_review_is_overdue_and_what_is_recommended(db):
    register(db, make_initiative(review_on=AS_OF - timedelta(days=5)))
    evaluate_now(db, OPERATOR, AS_OF, "r1")
    [item] = in_reading(db, agenda, OPERATOR, AS_OF)
    assert item.why[0].cause == AgendaReason.OVERDUE
    assert item.why[0].params["days"] == 5


def test_a_review_coming_up_and_an_undecided_recommendation_are_on_the_agenda(db):
    register(db, make_initiative(review_on=AS_OF + timedelta(days=10)),
             values=(90, 92, 95, 100))
    evaluate_now(db, OPERATOR, AS_OF, "r1")
    [item] = in_reading(db, agenda, OPERATOR, AS_OF)
    causes = {w.cause: w.params for w in item.why}
    assert set(causes) == {DUE, RECOMMENDED}
    assert causes[RECOMMENDED]["recommendation"] == "SCALE"


def test_a_scaled_initiative_comes_back_for_follow_up_after_six_months(db):
    register(db, make_initiative(review_on=AS_OF + timedelta(days=300)),
             values=(90, 92, 95, 100))
    evaluate_now(db, OPERATOR, AS_OF - timedelta(days=190), "r0")
    in_transaction(db, record_decision, OPERATOR, Decision(
        initiative_id="INI-1", kind=DecisionKind.SCALE, decided_by="x", rationale="works",
        decided_on=AS_OF - timedelta(days=190), next_review_on=AS_OF + timedelta(days=300)))
    [item] = in_reading(db, agenda, OPERATOR, AS_OF)
    assert AgendaReason.FOLLOW_UP_6 in [w.cause for w in item.why]


def test_a_parked_initiative_returns_to_the_agenda_on_its_revisit_date(db):
    register(db)
    in_transaction(db, record_decision, OPERATOR, Decision(
        initiative_id="INI-1", kind=DecisionKind.PARK, decided_by="x", decided_on=AS_OF,
        rationale="not now", next_review_on=AS_OF + timedelta(days=10)),
        lesson="Wait for the new case system.")
    assert in_reading(db, agenda, OPERATOR, AS_OF + timedelta(days=5))[0].why[0].cause == REVISIT


def test_park_is_a_close_with_reason_not_now_that_follows_a_close_recommendation(db):
    register(db)
    stored = in_transaction(db, record_decision, OPERATOR, Decision(
        initiative_id="INI-1", kind=DecisionKind.PARK, decided_by="x", decided_on=AS_OF,
        recommendation=Recommendation.CLOSE), lesson="Not before the new system.")
    assert stored.reason_code == "not_now"
    view = in_reading(db, search_lessons, OPERATOR, "digital")
    assert view.shelf[0].parked and view.shelf[0].initiative.stage is Stage.CLOSED


def test_only_scale_spreads_and_a_new_department_it_spreads_to_is_registered(db):
    register(db)
    with pytest.raises(ValidationFailed, match="Only a SCALE"):
        in_transaction(db, record_decision, OPERATOR, Decision(
            initiative_id="INI-1", kind=DecisionKind.CONTINUE, decided_by="x",
            decided_on=AS_OF, spread_to=("Social services",),
            next_review_on=AS_OF + timedelta(days=30)))
    in_transaction(db, record_decision, OPERATOR, Decision(
        initiative_id="INI-1", kind=DecisionKind.SCALE, decided_by="x", decided_on=AS_OF,
        rationale="spread it", spread_to=("Health",), next_review_on=AS_OF + timedelta(days=30)))
    with db.reading() as store:
        assert store.departments.get("Health") is not None


def test_lessons_are_found_by_their_text_across_departments(db):
    register(db, make_initiative(id="A", department="North"),
             [make_kpi(initiative_id="A")])
    register(db, make_initiative(id="B", title="Chatbot", department="South"),
             [make_kpi(initiative_id="B")])
    in_transaction(db, record_decision, OPERATOR, Decision(
        initiative_id="B", kind=DecisionKind.CLOSE, decided_by="x", decided_on=AS_OF,
        reason_code="no_effect"), lesson="Citizens preferred the phone.")
    hits = in_reading(db, search_lessons, OPERATOR, "phone").lessons
    assert [(h.initiative.id, h.initiative.department) for h in hits] == [("B", "South")]
    assert in_reading(db, search_lessons, OPERATOR, "phone", department="North").lessons == ()


def test_what_if_names_the_recommendations_a_stricter_policy_would_change(db):
    register(db)
    evaluate_now(db, OPERATOR, AS_OF, "r1")
    stricter = default_policy().next_version(evidence={"min_measurements": 10})
    preview = in_reading(db, what_if, OPERATOR, stricter, AS_OF)
    assert [(c.initiative.id, c.after) for c in preview.changes] == [
        ("INI-1", Recommendation.NEEDS_DATA)]


def test_activating_a_policy_stores_the_next_version_and_audits_it(db):
    policy = in_transaction(db, activate_policy, OPERATOR, default_policy().next_version(
        guardrail={"max_worsening": 0.2}))
    overview = in_reading(db, policy_overview, OPERATOR)
    assert overview.active.version == policy.version == 3  # the shipped default is 2
    assert [p.version for p in overview.versions] == [2, 3]


def test_a_policy_with_unchanged_thresholds_is_refused(db):
    with pytest.raises(ValidationFailed, match="same thresholds"):
        in_transaction(db, activate_policy,
                       OPERATOR, default_policy().next_version(description="same"))


def test_only_an_admin_may_preview_or_change_the_policy(db):
    leader = Actor(username="l", role=Role.LEADER, departments=("Social services",))
    with pytest.raises(NotAllowed):
        in_reading(db, what_if, leader, default_policy(), AS_OF)


def test_the_board_shows_the_latest_evaluation(db):
    register(db)
    [evaluation] = evaluate_now(db, OPERATOR, AS_OF, "r1")
    [row] = in_reading(db, portfolio_board, OPERATOR, AS_OF).rows.to_dict("records")
    assert row["recommendation"] == evaluation.recommendation.value
    assert row["score"] == pytest.approx(evaluation.score)
