"""Registering initiatives: the decision rule comes first, and every change is audited."""

from __future__ import annotations

from datetime import date

import pytest

from portfolio.errors import NotAllowed, ValidationFailed
from portfolio.models import Actor, KpiKind, Measurement, Role, Stage
from portfolio.service.initiatives import record_measurement, save_initiative
from portfolio.storage import Database
from tests.factories import make_initiative, make_kpi
from tests.units import in_transaction


def test_no_baseline_no_experiment(db: Database, operator: Actor) -> None:
    idea = make_initiative(stage=Stage.IDEA, review_on=None)
    in_transaction(db, save_initiative, operator, idea)

    with pytest.raises(ValidationFailed) as refused:
        in_transaction(db, save_initiative,
                       operator, idea.model_copy(update={"stage": Stage.EXPERIMENT}))

    assert refused.value.field == "stage"
    assert "benefit KPI" in str(refused.value) and "review date" in str(refused.value)
    with db.reading() as store:
        assert store.initiatives.get(idea.id).stage is Stage.IDEA  # type: ignore[union-attr]


def test_an_experiment_with_a_decision_rule_is_accepted(db: Database, operator: Actor) -> None:
    in_transaction(db, save_initiative, operator, make_initiative(), [make_kpi()])
    with db.reading() as store:
        assert store.initiatives.get("INI-1").stage is Stage.EXPERIMENT  # type: ignore[union-attr]


def test_a_guardrail_alone_is_not_a_decision_rule(db: Database, operator: Actor) -> None:
    with pytest.raises(ValidationFailed, match="benefit KPI"):
        in_transaction(db, save_initiative, operator, make_initiative(),
                        [make_kpi("complaints", kind=KpiKind.GUARDRAIL)])


def test_an_edit_is_audited_with_before_and_after(db: Database, operator: Actor) -> None:
    initiative = make_initiative()
    in_transaction(db, save_initiative, operator, initiative, [make_kpi()])
    in_transaction(db, save_initiative,
                   operator, initiative.model_copy(update={"spent_dkk": 750_000.0}))
    with db.reading() as store:
        events = store.audit.for_entity("initiative", initiative.id)
    assert [e.action for e in events] == ["update", "create"]
    assert events[0].before["spent_dkk"] == 500_000.0  # type: ignore[index]
    assert events[0].after["spent_dkk"] == 750_000.0  # type: ignore[index]


def test_saving_an_unchanged_initiative_writes_no_audit_event(
    db: Database, operator: Actor
) -> None:
    initiative = make_initiative()
    in_transaction(db, save_initiative, operator, initiative, [make_kpi()])
    in_transaction(db, save_initiative, operator, initiative, [make_kpi()])
    with db.reading() as store:
        assert len(store.audit.for_entity("initiative", initiative.id)) == 1


def test_a_viewer_changes_nothing(db: Database) -> None:
    viewer = Actor(username="borgmester", role=Role.VIEWER)
    with pytest.raises(NotAllowed, match="may not edit initiative"):
        in_transaction(db, save_initiative, viewer, make_initiative(), [make_kpi()])
    with db.reading() as store:
        assert store.initiatives.count() == 0


def test_a_measurement_of_an_unknown_kpi_is_refused_with_the_fix(
    db: Database, operator: Actor
) -> None:
    in_transaction(db, save_initiative, operator, make_initiative(), [make_kpi()])
    with pytest.raises(ValidationFailed, match="add it first"):
        in_transaction(db, record_measurement, operator, Measurement(
            initiative_id="INI-1", kpi="nonexistent", on=date(2025, 1, 1), value=1,
        ))


def test_a_measurement_records_who_entered_it(db: Database, operator: Actor) -> None:
    in_transaction(db, save_initiative, operator, make_initiative(), [make_kpi()])
    in_transaction(db, record_measurement, operator, Measurement(
        initiative_id="INI-1", kpi="digital share", on=date(2025, 1, 1), value=5,
        recorded_by="someone else",
    ))
    with db.reading() as store:
        assert store.measurements.for_initiative("INI-1")[0].recorded_by == "operator"
