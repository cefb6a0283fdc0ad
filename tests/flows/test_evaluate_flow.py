"""The evaluate-portfolio flow under a real (test) Prefect server."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from flows.evaluate import evaluate_portfolio
from portfolio.models import Actor, Kpi, KpiKind, Measurement, Recommendation, Source
from portfolio.service.initiatives import record_measurement, save_initiative
from portfolio.storage import Database
from tests.factories import make_initiative, make_kpi

pytestmark = [pytest.mark.flow, pytest.mark.usefixtures("prefect_harness")]

AS_OF = date(2025, 6, 30)


def seed(db: Database, actor: Actor) -> None:
    """One experiment on target (SCALE) and one with too little evidence (NEEDS_DATA)."""
    good = make_initiative(id="GOOD")
    thin = make_initiative(id="THIN", title="Thin evidence")
    save_initiative(db, actor, good, [make_kpi(initiative_id="GOOD")])
    save_initiative(db, actor, thin, [make_kpi(initiative_id="THIN")])
    for days, value in ((90, 70.0), (60, 85.0), (30, 95.0)):
        record_measurement(db, actor, Measurement(
            initiative_id="GOOD", kpi="digital share", on=AS_OF - timedelta(days=days),
            value=value, source=Source.SYSTEM_EXPORT,
        ))
    record_measurement(db, actor, Measurement(
        initiative_id="THIN", kpi="digital share", on=AS_OF, value=99.0,
    ))


def test_flow_stores_explained_verdicts_with_run_id_and_policy_version(
    db: Database, operator: Actor
) -> None:
    seed(db, operator)

    summary = evaluate_portfolio(as_of=AS_OF, db_path=str(db.path))

    with db.reading() as store:
        stored = {e.initiative_id: e for e in store.evaluations.for_run(summary["run_id"])}
        run = store.evaluations.last_run()
    assert summary["recommendations"]["SCALE"] == 1
    assert stored["GOOD"].recommendation is Recommendation.SCALE
    assert stored["THIN"].recommendation is Recommendation.NEEDS_DATA
    assert stored["GOOD"].policy_version == 1 and stored["GOOD"].as_of == AS_OF
    assert any("95" in r.render("en") for r in stored["GOOD"].reasons)
    assert run is not None and run.status == "completed" and run.evaluated == 2


def test_re_running_for_the_same_date_and_policy_duplicates_nothing(
    db: Database, operator: Actor
) -> None:
    seed(db, operator)
    evaluate_portfolio(as_of=AS_OF, db_path=str(db.path))
    second = evaluate_portfolio(as_of=AS_OF, db_path=str(db.path))

    with db.reading() as store:
        history = store.evaluations.history("GOOD")
        latest = store.evaluations.latest()
    assert len(history) == 1 and history[0].run_id == second["run_id"]
    assert len(latest) == 2


def test_closed_initiatives_are_not_evaluated(db: Database, operator: Actor) -> None:
    seed(db, operator)
    closed = make_initiative(id="DONE", stage="closed")
    save_initiative(db, operator, closed, [
        Kpi(initiative_id="DONE", name="x", baseline=0, target=1, kind=KpiKind.BENEFIT)
    ])
    summary = evaluate_portfolio(as_of=AS_OF, db_path=str(db.path))
    assert summary["evaluated"] == 2
