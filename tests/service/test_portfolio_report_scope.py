"""The management report of one municipality holds only that municipality (#13): its
initiatives, departments, realised benefits, cashable KPIs and decisions per quarter; a
national actor's report holds both."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from portfolio.models import Actor, Decision, DecisionKind, Role, Stage
from portfolio.service import initiatives
from portfolio.service.decisions import record_decision
from portfolio.service.evaluation import evaluate_now
from portfolio.service.imports import import_file
from portfolio.service.reports import portfolio_material
from portfolio.storage import Database
from tests.factories import AS_OF, make_initiative, make_kpi, make_measurements
from tests.units import in_reading, in_transaction

AARHUS, ODENSE = "Aarhus Kommune", "Odense Kommune"
ORGANISATION_FILE = (
    "kommune;afdeling;styregruppe\n"
    f"{AARHUS};Børn og Unge;Digi Aarhus\n"
    f"{ODENSE};Børn og Unge;Digi Odense\n"
    f"{ODENSE};Kultur;Digi Odense\n"
)


@pytest.fixture
def two(db: Database, operator: Actor, tmp_path: Path) -> Database:
    """A running initiative with a cashable benefit KPI half way in each municipality, and
    a closed one with a decision in Odense."""
    path = tmp_path / "org.csv"
    path.write_text(ORGANISATION_FILE, "utf-8")
    assert import_file(db, operator, path, "organisation").exit_code == 0
    for initiative_id, home, share in (("A-1", AARHUS, 20.0), ("O-1", ODENSE, 80.0)):
        running = make_initiative(id=initiative_id, department="Børn og Unge",
                                  organisation=home)
        in_transaction(db, initiatives.save_initiative, operator,
                                    running.model_copy(update={"stage": Stage.IDEA}))
        kpi = make_kpi(initiative_id=initiative_id, cashable=True)
        in_transaction(db, initiatives.save_kpi, operator, kpi)
        in_transaction(db, initiatives.save_initiative, operator, running)
        for measurement in make_measurements(kpi, [share / 2, share]):
            in_transaction(db, initiatives.record_measurement, operator, measurement)
    in_transaction(db, initiatives.save_initiative, operator, make_initiative(
        id="O-2", department="Kultur", organisation=ODENSE, stage=Stage.IDEA))
    evaluate_now(db, operator, AS_OF, "run-1")
    in_transaction(db, record_decision, operator, Decision(
        initiative_id="O-2", kind=DecisionKind.CLOSE, decided_by="Digi Odense",
        decided_on=AS_OF - timedelta(days=1), rationale="No effect.",
        reason_code="no_effect"),
        lesson="Borgerne brugte den ikke.")
    return db


def test_one_municipalitys_report_holds_only_its_own_portfolio(two: Database) -> None:
    aarhus = Actor(username="a", role=Role.VIEWER, organisation=AARHUS)
    material = in_reading(two, portfolio_material, aarhus)
    assert (material.counts.total, material.counts.closed) == (1, 0)
    assert [f.initiative.id for f in material.scaled + material.closed] == []
    assert material.departments == ("Børn og Unge",)
    assert [s.file.initiative.id for s in material.cashable] == ["A-1"]
    assert material.cashable_total == 1
    now = next(g for g in material.realised if g.point == 0 and g.dimension == "all")
    assert now.kpis == 1
    assert now.overall == pytest.approx(0.2)
    assert sum(n for kinds in material.decisions_by_quarter.values()
               for n in kinds.values()) == 0


def test_the_national_report_holds_both(two: Database, operator: Actor) -> None:
    material = in_reading(two, portfolio_material, operator)
    assert (material.counts.total, material.counts.closed) == (3, 1)
    assert [f.initiative.id for f in material.closed] == ["O-2"]
    assert material.cashable_total == 2
    now = next(g for g in material.realised if g.point == 0 and g.dimension == "all")
    assert now.kpis == 2
    assert now.overall == pytest.approx(0.5)
    assert sum(n for kinds in material.decisions_by_quarter.values()
               for n in kinds.values()) >= 1
