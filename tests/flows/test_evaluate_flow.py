"""The evaluate-portfolio flow under a real (test) Prefect server."""

from __future__ import annotations

import os
from datetime import date, timedelta
from pathlib import Path

import pytest
from prefect.artifacts import Artifact

from flows.evaluate import evaluate_portfolio
from flows.steps import slug
from portfolio.models import (
    Actor,
    Department,
    Kpi,
    KpiKind,
    Measurement,
    Person,
    Recommendation,
    Source,
)
from portfolio.service.evaluation import evaluate_now, last_run
from portfolio.service.initiatives import record_measurement, save_initiative
from portfolio.service.people import save_person
from portfolio.storage import Database
from tests.factories import make_initiative, make_kpi
from tests.units import in_transaction

pytestmark = [pytest.mark.flow, pytest.mark.usefixtures("prefect_harness")]

AS_OF = date(2025, 6, 30)


def seed(db: Database, actor: Actor) -> None:
    """One experiment on target for four months (SCALE: a steady run, #18) and one with
    too little evidence (NEEDS_DATA)."""
    good = make_initiative(id="GOOD")
    thin = make_initiative(id="THIN", title="Thin evidence")
    in_transaction(db, save_initiative, actor, good, [make_kpi(initiative_id="GOOD")])
    in_transaction(db, save_initiative, actor, thin, [make_kpi(initiative_id="THIN")])
    for days, value in ((120, 88.0), (90, 90.0), (60, 92.0), (30, 95.0)):
        in_transaction(db, record_measurement, actor, Measurement(
            initiative_id="GOOD", kpi="digital share", on=AS_OF - timedelta(days=days),
            value=value, source=Source.SYSTEM_EXPORT,
        ))
    in_transaction(db, record_measurement, actor, Measurement(
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
    assert stored["GOOD"].policy_version == 2 and stored["GOOD"].as_of == AS_OF
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
    in_transaction(db, save_initiative, operator, closed, [
        Kpi(initiative_id="DONE", name="x", baseline=0, target=1, kind=KpiKind.BENEFIT)
    ])
    summary = evaluate_portfolio(as_of=AS_OF, db_path=str(db.path))
    assert summary["evaluated"] == 2


def test_a_run_publishes_its_recommendations_and_each_groups_agenda_and_escalates_zombies(
    db_env: Database, operator: Actor
) -> None:
    seed(db_env, operator)
    late = make_initiative(id="LATE", title="Zombie pilot", department="Ældre",
                           review_on=AS_OF - timedelta(days=40))
    in_transaction(db_env, save_initiative, operator, late, [make_kpi(initiative_id="LATE")])
    with db_env.transaction() as store:
        store.departments.save(Department(name="Ældre", steering_group="Velfærdsstyregruppen"))
        save_person(store, operator, Person(name="Velfærdsstyregruppen",
                                            email="velfaerd@demo.example", language="da"))

    summary = evaluate_portfolio(as_of=AS_OF, db_path=str(db_env.path))

    table = Artifact.get("recommendations")
    with db_env.reading() as store:  # a group's artifact is keyed by organisation + name (#13)
        home = store.initiatives.get("LATE").organisation  # type: ignore[union-attr]
    agenda = Artifact.get(f"agenda-{slug(home)}-velfaerdsstyregruppen")
    assert table is not None and "GOOD" in str(table.data) and "SCALE" in str(table.data)
    assert agenda is not None and "LATE" in str(agenda.data) and "overdue" in str(agenda.data)
    assert summary["mail"]["written"] == 1
    (mail,) = (Path(os.environ["FAILSCALE_DATA_DIR"]) / "outbox").glob("*.eml")
    assert b"velfaerd@demo.example" in mail.read_bytes()


def test_a_failed_run_leaves_the_evaluations_as_they_were_and_shows_on_the_status_line(
    db: Database, operator: Actor
) -> None:
    seed(db, operator)
    evaluate_now(db, operator, AS_OF - timedelta(days=1), "earlier-run")
    with db.connect() as con:  # break the schema under the run: persist cannot write
        con.execute("ALTER TABLE evaluations RENAME TO evaluations_away")

    with pytest.raises(Exception, match="evaluations"):
        evaluate_portfolio(as_of=AS_OF, db_path=str(db.path))

    with db.connect() as con:
        con.execute("ALTER TABLE evaluations_away RENAME TO evaluations")
    run = last_run(db, Actor.operator())
    with db.reading() as store:
        kept = {e.run_id for e in store.evaluations.latest()}
    assert run is not None and run.status == "failed" and "evaluations" in (run.error or "")
    assert kept == {"earlier-run"}
