"""The follow-up agenda: who must look at what, and why, from stored facts and a date."""

from __future__ import annotations

from datetime import date, timedelta

from portfolio.models import (
    Actor,
    Decision,
    DecisionKind,
    Department,
    GroupKey,
    PersonKey,
    Recommendation,
    Stage,
)
from portfolio.review.agenda import AgendaReason
from portfolio.review.policy import default_policy
from portfolio.service.agenda import review_agenda
from portfolio.service.evaluation import evaluate_now
from portfolio.service.initiatives import save_initiative
from portfolio.service.policy_admin import activate_policy
from portfolio.storage import Database
from tests.agenda_models import build_agenda
from tests.factories import AS_OF, make_evaluation, make_initiative, make_kpi
from tests.oracles.agenda import add_months
from tests.units import in_reading, in_transaction

GROUP = GroupKey("", "Velfærdsstyregruppen")
"""A group is organisation + name (#13); these departments and initiatives name none."""
DEPARTMENTS = [Department(name="Social services", steering_group=GROUP.name)]


def decision(kind: DecisionKind, days_ago: int, recommendation: Recommendation | None = None,
             initiative_id: str = "INI-1") -> Decision:
    return Decision(initiative_id=initiative_id, kind=kind, decided_by="karen",
                    decided_on=AS_OF - timedelta(days=days_ago),
                    recommendation=recommendation or Recommendation(kind.value))


def reasons_of(agenda_items: tuple, initiative_id: str = "INI-1") -> set[AgendaReason]:
    return next(set(i.reasons) for i in agenda_items if i.initiative.id == initiative_id)


def test_a_review_date_passed_without_a_decision_since_puts_it_on_the_group_agenda() -> None:
    late = make_initiative(review_on=AS_OF - timedelta(days=10))
    agenda = build_agenda([late], {}, [decision(DecisionKind.CONTINUE, 200)], DEPARTMENTS,
                          AS_OF)

    assert reasons_of(agenda.for_steering_groups()[GROUP]) == {AgendaReason.OVERDUE}


def test_a_decision_after_the_review_date_takes_it_off_the_agenda() -> None:
    late = make_initiative(review_on=AS_OF - timedelta(days=10))
    agenda = build_agenda([late], {}, [decision(DecisionKind.CONTINUE, 5)], DEPARTMENTS, AS_OF)

    assert agenda.items == ()


def test_a_recommendation_that_changed_since_the_last_decision_goes_on_the_agenda() -> None:
    agenda = build_agenda(
        [make_initiative()], {"INI-1": make_evaluation("INI-1", Recommendation.CLOSE)},
        [decision(DecisionKind.CONTINUE, 100)], DEPARTMENTS, AS_OF,
    )

    assert reasons_of(agenda.items) == {AgendaReason.RECOMMENDATION_CHANGED}


def test_needs_data_goes_to_the_group_and_to_the_owner() -> None:
    agenda = build_agenda([make_initiative(owner="Hanne Lund")],
                          {"INI-1": make_evaluation("INI-1", Recommendation.NEEDS_DATA)}, [],
                          DEPARTMENTS, AS_OF)

    assert reasons_of(agenda.for_steering_groups()[GROUP]) == {AgendaReason.NEEDS_DATA}
    assert reasons_of(agenda.for_owners()[PersonKey("", "Hanne Lund")]) == {
        AgendaReason.NEEDS_DATA}


def test_the_latest_follow_up_checkpoint_after_scaling_is_due_until_someone_decides() -> None:
    scaled = make_initiative(stage=Stage.SCALING, review_on=AS_OF + timedelta(days=90))
    scale = decision(DecisionKind.SCALE, 400)

    due = build_agenda([scaled], {}, [scale], DEPARTMENTS, AS_OF).items[0]
    after_six = build_agenda([scaled], {}, [decision(DecisionKind.SCALE, 200)], DEPARTMENTS,
                             AS_OF).items[0]
    followed_up = build_agenda([scaled], {}, [scale, decision(DecisionKind.CONTINUE, 20)],
                               DEPARTMENTS, AS_OF)

    assert due.reasons == (AgendaReason.FOLLOW_UP_12,)
    assert due.follow_up_on == add_months(scale.decided_on, 12)
    assert after_six.reasons == (AgendaReason.FOLLOW_UP_6,)
    assert followed_up.items == ()


def test_stale_measurements_remind_the_owner_but_do_not_burden_the_group(
    db: Database, operator: Actor
) -> None:
    in_transaction(db, save_initiative, operator, make_initiative(owner="Hanne Lund"),
                    [make_kpi()])
    evaluate_now(db, operator, AS_OF, "run-1")

    agenda = in_reading(db, review_agenda, operator, AS_OF, stale_after_days=60)

    (owner_items,) = [v for k, v in agenda.for_owners().items() if k.name == "Hanne Lund"]
    owner_item = owner_items[0]
    assert AgendaReason.STALE_MEASUREMENTS in owner_item.reasons
    assert owner_item.stale_kpis == ("digital share",)
    assert all(AgendaReason.STALE_MEASUREMENTS not in i.reasons
               for items in agenda.for_steering_groups().values() for i in items)


def test_closed_initiatives_are_never_on_the_agenda() -> None:
    closed = make_initiative(stage=Stage.CLOSED, review_on=AS_OF - timedelta(days=30))
    assert build_agenda([closed], {}, [], DEPARTMENTS, AS_OF).items == ()


def test_adding_six_months_to_the_end_of_august_lands_on_the_end_of_february() -> None:
    assert add_months(date(2025, 8, 31), 6) == date(2026, 2, 28)


def test_the_follow_up_after_scaling_comes_at_the_policy_s_months(
    db: Database, operator: Actor
) -> None:
    scaled = make_initiative(stage=Stage.SCALING, review_on=AS_OF + timedelta(days=90))
    in_transaction(db, save_initiative, operator, scaled, [make_kpi()])
    with db.transaction() as store:
        store.decisions.add(decision(DecisionKind.SCALE, 100))  # about 3 months ago
    assert in_reading(db, review_agenda, operator, AS_OF).items == ()  # +6/+12 by default: not yet

    in_transaction(db, activate_policy, operator, default_policy().next_version(
        followup={"months_after_scaling": [3, 9]}))
    (item,) = in_reading(db, review_agenda, operator, AS_OF).items

    assert item.reasons == (AgendaReason.FOLLOW_UP,)
    assert item.follow_up_months == 3
    assert item.follow_up_on == add_months(AS_OF - timedelta(days=100), 3)
