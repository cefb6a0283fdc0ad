"""A run without a Prefect server (#15): the flow's steps in-process, no temporary server,
and a record in the database's run table."""

from __future__ import annotations

import os
from datetime import date, timedelta
from pathlib import Path

import pytest

from flows.local_run import LOCAL_PREFIX, evaluate_locally
from portfolio.models import Actor, Department, Person
from portfolio.service.evaluation import last_run
from portfolio.service.initiatives import save_initiative
from portfolio.service.people import save_person
from portfolio.storage import Database
from tests.factories import make_initiative, make_kpi
from tests.units import in_transaction

AS_OF = date(2025, 6, 30)


def test_a_run_without_a_server_stores_records_and_escalates_like_the_flow(
    db_env: Database, operator: Actor
) -> None:
    late = make_initiative(id="LATE", title="Zombie pilot", department="Ældre",
                           review_on=AS_OF - timedelta(days=40))
    in_transaction(db_env, save_initiative, operator, late, [make_kpi(initiative_id="LATE")])
    with db_env.transaction() as store:
        store.departments.save(Department(name="Ældre", steering_group="Velfærdsstyregruppen"))
        save_person(store, operator, Person(name="Velfærdsstyregruppen",
                                            email="velfaerd@demo.example", language="da"))

    summary = evaluate_locally(AS_OF, str(db_env.path))

    run = last_run(db_env, operator)
    assert summary["run_id"].startswith(LOCAL_PREFIX)
    assert run is not None and (run.run_id, run.status, run.evaluated) == (
        summary["run_id"], "completed", 1)
    assert summary["agenda"] == 1 and summary["mail"]["written"] == 1
    (mail,) = (Path(os.environ["FAILSCALE_DATA_DIR"]) / "outbox").glob("*.eml")
    assert b"velfaerd@demo.example" in mail.read_bytes()


def test_a_failed_run_without_a_server_shows_on_the_status_line(
    db: Database, operator: Actor
) -> None:
    in_transaction(db, save_initiative,
                   operator, make_initiative(id="A"), [make_kpi(initiative_id="A")])
    with db.connect() as con:  # break the schema under the run: persist cannot write
        con.execute("ALTER TABLE evaluation_reasons RENAME TO reasons_away")
    with pytest.raises(Exception, match="evaluation_reasons"):
        evaluate_locally(AS_OF, str(db.path))

    run = last_run(db, operator)
    assert run is not None and run.status == "failed" and run.run_id.startswith(LOCAL_PREFIX)
