"""The set-based board (#7) shows the numbers the model-based reference computes (#16)."""

from __future__ import annotations

import pytest

from portfolio.models import Actor, Decision, DecisionKind, FocusArea, Recommendation, Stage
from portfolio.review.urgency import urgency_key
from portfolio.service.board import board_version, portfolio_board
from portfolio.service.board_metrics import DIMENSIONS, BoardFilters
from portfolio.service.decisions import record_decision
from portfolio.service.evaluation import evaluate_now, evaluate_run, most_urgent, prepare_run
from portfolio.synth import SynthSpec, generate_portfolio
from tests.factories import AS_OF
from tests.oracles.board import board_view
from tests.seeds import evaluated_demo
from tests.units import in_reading, in_transaction

OPERATOR = Actor.operator()
FILTERS = (
    BoardFilters(),
    BoardFilters(stage=Stage.EXPERIMENT),
    BoardFilters(department="Teknik og Miljø"),
    BoardFilters(focus_area=FocusArea.AUTOMATION),
    BoardFilters(recommendation=Recommendation.CLOSE),
    BoardFilters(stage=Stage.CLOSED),
)


def evaluated_synthetic(db):
    generate_portfolio(db, OPERATOR, SynthSpec(400, 4_000, 3, AS_OF))
    evaluate_now(db, OPERATOR, AS_OF, "synth-run")


@pytest.fixture
def demo(seeded):
    return seeded(evaluated_demo)


@pytest.fixture
def synthetic(seeded):
    return seeded(evaluated_synthetic)


def assert_same_board(db, filters):
    old = board_view(db, OPERATOR, AS_OF, filters)
    new = in_reading(db, portfolio_board, OPERATOR, AS_OF, filters)
    assert new.metrics == old.metrics
    assert list(new.rows["id"]) == [r.initiative.id for r in old.rows]
    assert list(new.rows["overdue"]) == [r.overdue for r in old.rows]
    for dimension in DIMENSIONS:
        assert new.breakdown(dimension) == old.breakdown(dimension)


@pytest.mark.oracle
@pytest.mark.parametrize("filters", FILTERS)
def test_the_set_based_board_equals_the_model_based_board_on_the_demo(demo, filters):
    assert_same_board(demo, filters)


@pytest.mark.oracle
@pytest.mark.parametrize("filters", FILTERS[:3])
def test_the_set_based_board_equals_the_model_based_board_on_a_synthetic_portfolio(
    synthetic, filters
):
    assert_same_board(synthetic, filters)


def test_the_demo_board_has_zombies_decisions_and_realised_benefits(demo):
    metrics = in_reading(demo, portfolio_board, OPERATOR, AS_OF).metrics
    assert metrics.zombies > 0 and metrics.decided > 0
    assert metrics.cashable.kpis > 0 and metrics.non_cashable.kpis > 0


def test_the_most_urgent_rows_are_overdue_first_and_in_the_views_order(synthetic):
    board = in_reading(synthetic, portfolio_board, OPERATOR, AS_OF)
    shown = board.most_urgent(50)
    assert len(shown) == 50
    assert shown["overdue"].all() and board.rows["overdue"].sum() > 50
    assert list(shown["id"]) == sorted(shown["id"])


def test_a_view_that_fits_is_shown_whole(demo):
    board = in_reading(demo, portfolio_board, OPERATOR, AS_OF)
    assert board.most_urgent(10_000).equals(board.rows)


def test_a_decision_changes_the_boards_data_version(demo):
    before = in_reading(demo, board_version, OPERATOR)
    rows = in_reading(demo, portfolio_board, OPERATOR, AS_OF).rows
    zombie = rows[rows["overdue"] & (rows["stage"] == Stage.EXPERIMENT.value)].iloc[0]
    in_transaction(demo, record_decision, OPERATOR, Decision(
        initiative_id=zombie["id"], kind=DecisionKind.CONTINUE, decided_by="operator",
        decided_on=AS_OF, rationale="Give it another quarter.",
        next_review_on=AS_OF.replace(year=AS_OF.year + 1)))
    assert in_reading(demo, board_version, OPERATOR) != before


@pytest.mark.parametrize("limit", [25, 1_000_000])
def test_the_most_urgent_verdicts_of_a_run_need_not_build_every_model(synthetic, limit):
    verdicts = evaluate_run(prepare_run(synthetic, Actor.operator(), AS_OF))
    urgent = most_urgent(verdicts, limit)
    assert verdicts._models is None
    everyone = sorted(verdicts, key=lambda v: urgency_key(
        v.overdue, v.recommendation.value, v.initiative_id))
    assert urgent == everyone[:limit]
    assert len({(v.overdue, v.recommendation) for v in urgent}) > 1 or limit == 25
