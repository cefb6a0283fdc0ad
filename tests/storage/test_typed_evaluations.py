"""Verdicts are stored as typed rows (schema version 4, #7) and read back as the same models."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from portfolio.models import Actor, Evaluation, Stage
from portfolio.service.evaluation import evaluate_now
from portfolio.service.setup import seed_demo
from portfolio.storage import Database
from portfolio.storage.migrations import current_version, latest_version
from tests.factories import AS_OF, make_initiative
from tests.storage.old_schema import at_version

OPERATOR = Actor.operator()


def evaluated_demo(db: Database) -> None:
    seed_demo(db, OPERATOR, AS_OF)
    with db.transaction() as store:
        store.initiatives.save(make_initiative(id="NO-KPIS"))
    evaluate_now(db, OPERATOR, AS_OF, "demo-run")


@pytest.fixture
def demo(seeded: Callable[..., Database]) -> Database:
    return seeded(evaluated_demo)


def demo_evaluations(db: Database) -> list[Evaluation]:
    """The demo's verdicts as stored, in initiative order."""
    with db.reading() as store:
        return sorted(store.evaluations.for_run("demo-run"), key=lambda e: e.initiative_id)


def third_version_database(path: Path, evaluations: list[Evaluation]) -> None:
    """What release 3 left behind: verdicts with their criteria, reasons and KPI
    statistics as JSON documents, written as its Evaluations.replace wrote them."""
    with at_version(path, 3) as con:
        for e in evaluations:
            documents = e.model_dump(mode="json", include={"criteria", "reasons", "kpis"})
            con.execute(
                "INSERT INTO evaluations (initiative_id, as_of, policy_name, policy_version, "
                "run_id, recommendation, light, score, overdue, criteria, reasons, kpis, "
                "evaluated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [e.initiative_id, e.as_of, e.policy_name, e.policy_version, e.run_id,
                 e.recommendation.value, e.light.value, e.score, e.overdue,
                 json.dumps(documents["criteria"]), json.dumps(documents["reasons"]),
                 json.dumps(documents["kpis"]), e.evaluated_at],
            )


def test_a_third_version_database_with_evaluations_upgrades_to_identical_evaluations(
    demo: Database, tmp_path: Path
) -> None:
    # What release 3 stored: no proof criterion, band, first date or forecast (#18,
    # schema 10); such a verdict reads back without them.
    evaluations = [before_schema_10(e) for e in demo_evaluations(demo)]
    assert any(e.kpis for e in evaluations) and any(not e.kpis for e in evaluations)
    path = tmp_path / "v3" / "portfolio.duckdb"
    path.parent.mkdir()
    third_version_database(path, evaluations)

    upgraded = Database(path)
    held = evaluations
    with upgraded.reading() as store:
        assert current_version(store.con) == latest_version()
        by_id = sorted(store.evaluations.for_run("demo-run"), key=lambda e: e.initiative_id)
        assert by_id == held
        assert sorted(store.evaluations.latest(), key=lambda e: e.initiative_id) == held


def before_schema_10(e: Evaluation) -> Evaluation:
    proof = e.criterion("proof")
    kpis = tuple(k.model_copy(update={"first_on": None, "band_min": None, "band_max": None,
                                      "forecast_on": None}) for k in e.kpis)
    new = {"attainment.forecast", "attainment.forecast_passed", "attainment.not_at_this_trend"}
    criteria = tuple(
        c.model_copy(update={"reasons": tuple(r for r in c.reasons if r.code not in new)})
        for c in e.criteria if c.name != "proof")
    reasons = tuple(r for r in e.reasons
                    if r.code not in new and not (proof and r in proof.reasons))
    return e.model_copy(update={"criteria": criteria, "kpis": kpis, "reasons": reasons})


def test_re_running_an_as_of_date_replaces_the_verdicts_with_their_kpi_statistics(
    demo: Database,
) -> None:
    db = demo
    first = demo_evaluations(db)
    again = sorted(evaluate_now(db, OPERATOR, AS_OF, "demo-run-again"),
                   key=lambda e: e.initiative_id)

    with db.reading() as store:
        assert store.evaluations.for_run("demo-run") == []
        for earlier, later in zip(first, again, strict=True):
            (stored,) = store.evaluations.history(earlier.initiative_id)
            assert stored == later
            assert stored.kpis == earlier.kpis and stored.reasons == earlier.reasons


def test_an_initiative_left_out_of_a_re_run_keeps_its_verdict_and_kpi_statistics(
    demo: Database,
) -> None:
    db = demo
    first = {e.initiative_id: e for e in demo_evaluations(db)}
    closed = next(e for e in first.values() if e.kpis)
    with db.transaction() as store:
        initiative = store.initiatives.get(closed.initiative_id)
        assert initiative is not None
        store.initiatives.save(initiative.model_copy(update={"stage": Stage.CLOSED}))

    again = evaluate_now(db, OPERATOR, AS_OF, "demo-run-again")

    assert closed.initiative_id not in {e.initiative_id for e in again}
    with db.reading() as store:
        assert store.evaluations.latest_for(closed.initiative_id) == closed
