"""The agenda read set-based (#7) is the agenda the models gave, at any scale."""

from __future__ import annotations

from datetime import timedelta

import pytest

from portfolio.models import Actor, Measurement, Source
from portfolio.review.agenda import AgendaReason
from portfolio.service.agenda import review_agenda
from portfolio.service.evaluation import evaluate_now
from portfolio.service.initiatives import record_measurement, save_initiative
from portfolio.storage import Database
from portfolio.synth import SynthSpec, generate_portfolio
from tests.agenda_models import build_agenda
from tests.factories import AS_OF, make_initiative, make_kpi
from tests.seeds import evaluated_demo
from tests.units import in_reading, in_transaction

OPERATOR = Actor.operator()


def synthetic(db: Database) -> None:
    generate_portfolio(db, OPERATOR, SynthSpec(400, 4_000, 3, AS_OF))
    evaluate_now(db, OPERATOR, AS_OF, "run-1")


def from_models(db: Database, stale_after_days: int):
    with db.reading() as store:
        return build_agenda(
            store.initiatives.all(active_only=True),
            {e.initiative_id: e for e in store.evaluations.latest()},
            store.decisions.all(), store.departments.all(), AS_OF,
            stale_after_days=stale_after_days)


@pytest.mark.parametrize("portfolio", [evaluated_demo, synthetic])
@pytest.mark.parametrize("stale_after_days", [30, 60])
def test_the_set_based_agenda_equals_the_agenda_built_from_models(
    seeded, portfolio, stale_after_days
):
    db = seeded(portfolio)

    agenda = in_reading(db, review_agenda, OPERATOR, AS_OF, stale_after_days=stale_after_days)

    assert agenda.items, "the portfolio should have something due"
    assert agenda == from_models(db, stale_after_days)


def test_a_measurement_recorded_after_the_run_no_longer_counts_as_stale(db):
    in_transaction(db, save_initiative, OPERATOR, make_initiative(owner="Hanne Lund"), [make_kpi()])
    in_transaction(db, record_measurement, OPERATOR, Measurement(
        initiative_id="INI-1", kpi="digital share", on=AS_OF - timedelta(days=100),
        value=50.0, source=Source.SYSTEM_EXPORT))
    evaluate_now(db, OPERATOR, AS_OF, "run-1")
    owners = in_reading(db, review_agenda, OPERATOR, AS_OF).for_owners()
    (stale,) = [items[0] for owner, items in owners.items() if owner.name == "Hanne Lund"]

    in_transaction(db, record_measurement, OPERATOR, Measurement(
        initiative_id="INI-1", kpi="digital share", on=AS_OF, value=60.0,
        source=Source.SYSTEM_EXPORT))

    assert stale.stale_kpis == ("digital share",)
    owners = in_reading(db, review_agenda, OPERATOR, AS_OF).for_owners()
    assert all(AgendaReason.STALE_MEASUREMENTS not in item.reasons
               for items in owners.values() for item in items)
