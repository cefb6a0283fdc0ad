"""The production engine (set-based, #7) gives the reference's verdicts on any portfolio.

Random portfolios are stored in a real DuckDB file; the reference (tests/oracles/) reads
them initiative by initiative (load_snapshots) and runs its engine.evaluate; production
reads per-KPI statistics in one pass and applies the policy column-wise. Everything must
be identical
except the trend, which DuckDB sums in another order (it is shown, never judged).
"""

from __future__ import annotations

import itertools
import shutil
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portfolio.models import (
    Actor,
    Decision,
    DecisionKind,
    Direction,
    Evaluation,
    Initiative,
    Kpi,
    KpiKind,
    Measurement,
    Source,
    Stage,
    Verdict,
)
from portfolio.review.policy import ReviewPolicy, default_policy
from portfolio.service import evaluation
from portfolio.service.setup import initialise
from portfolio.storage import Database
from tests.factories import AS_OF, make_initiative
from tests.oracles.compare import assert_same_verdicts
from tests.oracles.engine import evaluate_all
from tests.oracles.snapshots import load_snapshots

PORTFOLIOS = settings(
    max_examples=25, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
_files = itertools.count()

# Round numbers land exactly on thresholds (110 vs 100 is exactly 10 % worse).
numbers = st.sampled_from([0.0, 50.0, 80.0, 90.0, 100.0, 110.0, 125.0]) | st.floats(
    min_value=-1e4, max_value=1e4, allow_nan=False, allow_infinity=False
)
days = st.integers(min_value=-60, max_value=120).map(lambda d: AS_OF + timedelta(days=d))

pytestmark = pytest.mark.oracle


@st.composite
def kpi_with_measurements(draw, initiative_id: str, index: int) -> tuple[Kpi, list[Measurement]]:
    kpi = Kpi(
        initiative_id=initiative_id,
        name=f"kpi {index}",
        kind=draw(st.sampled_from(KpiKind)),
        direction=draw(st.sampled_from(Direction)),
        baseline=draw(numbers),
        target=draw(numbers),
        weight=draw(st.sampled_from([0.0, 0.5, 1.0, 3.0])),
        unit=draw(st.sampled_from(["", "%", "dage"])),
    )
    ages = draw(st.lists(st.integers(min_value=-20, max_value=150), max_size=6, unique=True))
    measurements = [
        Measurement(initiative_id=initiative_id, kpi=kpi.name, on=AS_OF - timedelta(days=age),
                    value=draw(numbers), source=draw(st.sampled_from(Source)))
        for age in ages
    ]
    return kpi, measurements


@st.composite
def portfolios(draw) -> tuple[list[Initiative], list[Kpi], list[Measurement], list[Decision]]:
    initiatives, kpis, measurements, decisions = [], [], [], []
    for i in range(draw(st.integers(min_value=1, max_value=6))):
        budget = draw(st.sampled_from([0.0, 100.0, 1_000_000.0]))
        initiative = make_initiative(
            id=f"INI-{i}",
            stage=draw(st.sampled_from(Stage)),
            review_on=draw(st.none() | days),
            budget_dkk=budget,
            spent_dkk=draw(st.sampled_from([0.0, 110.0, 125.0, 126.0]) | st.floats(0, 3e6)),
        )
        initiatives.append(initiative)
        for k in range(draw(st.integers(min_value=0, max_value=4))):
            kpi, own = draw(kpi_with_measurements(initiative.id, k))
            kpis.append(kpi)
            measurements += own
        if decided := draw(st.none() | days):
            decisions.append(Decision(initiative_id=initiative.id, kind=DecisionKind.CONTINUE,
                                      decided_by="steering", decided_on=decided))
    return initiatives, kpis, measurements, decisions


@pytest.fixture(scope="module")
def initialised(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An initialised database file, copied for each example (initialising one is most of
    an example's time)."""
    db = Database(tmp_path_factory.mktemp("initialised") / "portfolio.duckdb")
    initialise(db, Actor.operator())
    return db.path


def stored(tmp_path: Path, initialised: Path, portfolio) -> Database:
    path = tmp_path / f"portfolio-{next(_files)}.duckdb"
    shutil.copy(initialised, path)
    db = Database(path, lock_timeout=5)
    initiatives, kpis, measurements, decisions = portfolio
    with db.transaction() as store:
        for initiative in initiatives:
            store.initiatives.save(initiative)
        for kpi in kpis:
            store.kpis.save(kpi)
        store.measurements.upsert_many(measurements)
        for decision in decisions:
            store.decisions.add(decision)
    return db


def reference(db: Database, policy: ReviewPolicy) -> list[Verdict]:
    with db.reading() as store:
        return evaluate_all(load_snapshots(store, AS_OF), policy, AS_OF)


@PORTFOLIOS
@given(portfolios())
def test_set_based_engine_gives_the_reference_verdicts_on_any_portfolio(
    tmp_path, initialised, portfolio
):
    db = stored(tmp_path, initialised, portfolio)
    policy = default_policy()
    run = evaluation.prepare_run(db, Actor.operator(), AS_OF)
    assert_same_verdicts(list(evaluation.evaluate_run(run)), reference(db, policy))


@PORTFOLIOS
@given(portfolios(), st.integers(1, 5), st.integers(1, 200), st.sampled_from([0.0, 0.3]))
def test_set_based_engine_follows_every_policy_threshold(
    tmp_path, initialised, portfolio, min_measurements, max_age_days, max_worsening
):
    db = stored(tmp_path, initialised, portfolio)
    policy = default_policy().next_version(
        evidence={"min_measurements": min_measurements, "max_age_days": max_age_days},
        guardrail={"max_worsening": max_worsening},
        attainment={"green": 0.5, "yellow": 0.25},
    )
    frames = evaluation.prepare_run(db, Actor.operator(), AS_OF).frames
    run = evaluation.RunInput(AS_OF, policy, frames)
    assert_same_verdicts(list(evaluation.evaluate_run(run)), reference(db, policy))


@settings(max_examples=10, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(portfolios())
def test_bulk_stored_evaluations_equal_those_stored_row_by_row(tmp_path, initialised, portfolio):
    db = stored(tmp_path, initialised, portfolio)
    operator = Actor.operator()
    policy = evaluation.store_run(db, operator, "bulk", AS_OF).run.policy
    with db.reading() as store:
        bulk = store.evaluations.for_run("bulk")
    now = datetime(2025, 6, 30, 12)
    with db.transaction() as store:
        store.evaluations.start_run("rows", AS_OF, policy.name, policy.version, now)
        store.evaluations.replace([
            Evaluation(**v.model_dump(), run_id="rows", policy_name=policy.name,
                       policy_version=policy.version, evaluated_at=now)
            for v in reference(db, policy)])
    with db.reading() as store:
        rows = store.evaluations.for_run("rows")
    assert_same_verdicts([Verdict(**e.model_dump(include=set(Verdict.model_fields))) for e in bulk],
                         [Verdict(**e.model_dump(include=set(Verdict.model_fields))) for e in rows])


def test_an_initiative_without_kpis_needs_data_and_stores_empty_kpi_statistics(db):
    with db.transaction() as store:
        store.initiatives.save(make_initiative(id="EMPTY"))
    evaluation.store_run(db, Actor.operator(), "run", AS_OF)
    with db.reading() as store:
        (stored_evaluation,) = store.evaluations.for_run("run")
    assert stored_evaluation.recommendation.value == "NEEDS_DATA"
    assert stored_evaluation.kpis == ()
    assert stored_evaluation.reasons[1].code == "evidence.no_benefit_kpi"


def test_closed_initiatives_are_not_evaluated(db):
    with db.transaction() as store:
        store.initiatives.save(make_initiative(id="OPEN"))
        store.initiatives.save(make_initiative(id="SHUT", stage=Stage.CLOSED))
    run = evaluation.prepare_run(db, Actor.operator(), AS_OF)
    assert [v.initiative_id for v in evaluation.evaluate_run(run)] == ["OPEN"]
    assert run.titles() == {"OPEN": make_initiative().title}


def test_recommendations_are_counted_without_building_models(db):
    with db.transaction() as store:
        store.initiatives.save(make_initiative(id="A"))
        store.initiatives.save(make_initiative(id="B", review_on=date(2020, 1, 1)))
    verdicts = evaluation.evaluate_run(evaluation.prepare_run(db, Actor.operator(), AS_OF))
    assert evaluation.count_recommendations(verdicts)["NEEDS_DATA"] == 2
    assert [v.recommendation.value for v in verdicts] == ["NEEDS_DATA", "NEEDS_DATA"]
