"""The portfolio report's figures come from the database, and equal the models' (#7, #15):
the realised benefits, and the headline counts and long tables' rows chosen in SQL."""

from __future__ import annotations

import math

import pytest

from portfolio.models import Actor, Role, Stage
from portfolio.reports.figures import PortfolioFigures, Realised, portfolio_figures
from portfolio.service.access import within
from portfolio.service.evaluation import evaluate_now
from portfolio.service.reports import InitiativeFile, portfolio_material
from portfolio.storage import Database
from portfolio.synth import SynthSpec, generate_portfolio
from tests.oracles.portfolio_tables import Tables, portfolio_tables
from tests.reports.conftest import ANCHOR
from tests.reports.realised_oracle import RUNNING, grouped, quarterly, realised_kpis, summarise
from tests.units import in_reading


def _model_files(db: Database) -> list[InitiativeFile]:
    """Every initiative with all its KPIs and measurements as models: the old read."""
    with db.reading() as store:
        initiatives = store.initiatives.all()
        ids = [i.id for i in initiatives]
        kpis = store.kpis.for_initiatives(ids)
        measurements = store.measurements.for_initiatives(ids, store.evaluations.newest_as_of())
        decisions = store.decisions.for_initiatives(ids)
        lessons = store.lessons.for_initiatives(ids)
    return [
        InitiativeFile(
            i, tuple(k for k in kpis if k.initiative_id == i.id),
            tuple(m for m in measurements if m.initiative_id == i.id), None,
            tuple(d for d in decisions if d.initiative_id == i.id),
            tuple(x for x in lessons if x.initiative_id == i.id),
        )
        for i in initiatives
    ]


def _same(a: Realised, b: Realised) -> bool:
    def close(x: float | None, y: float | None) -> bool:
        return (x is None and y is None) or (
            x is not None and y is not None and math.isclose(x, y, abs_tol=1e-9))

    return (a.label, a.kpis) == (b.label, b.kpis) and all(
        close(getattr(a, f), getattr(b, f)) for f in ("cashable", "non_cashable", "overall"))


def _assert_equals_the_models(db: Database, figures: PortfolioFigures) -> None:
    files = _model_files(db)
    as_of = in_reading(db, portfolio_material, Actor.operator()).as_of
    now = realised_kpis([f for f in files if f.initiative.stage in RUNNING], as_of)

    assert _same(figures.overall, summarise("", now))
    for got, want in ((figures.by_department, grouped(now, "department")),
                      (figures.by_technology, grouped(now, "technology"))):
        assert len(got) == len(want) and all(map(_same, got, want))
    assert [(k.file.initiative.id, k.kpi.name, k.latest) for k in figures.cashable] == [
        (k.file.initiative.id, k.kpi.name, k.latest) for k in now if k.kpi.cashable]
    assert all(math.isclose(a.share, b.share, abs_tol=1e-9) for a, b in zip(
        figures.cashable, [k for k in now if k.kpi.cashable], strict=True))
    oracle = quarterly(files, as_of)
    assert [(q.year, q.number, q.decisions) for q in figures.quarters] == [
        (q.year, q.number, q.decisions) for q in oracle]
    assert all(_same(q.realised, o.realised) for q, o in zip(figures.quarters, oracle, strict=True))
    assert figures.closed_total == sum(f.initiative.stage is Stage.CLOSED for f in files)


def test_the_demo_portfolios_benefit_figures_equal_the_model_based_ones(
    demo_db: Database,
) -> None:
    figures = portfolio_figures(in_reading(demo_db, portfolio_material, Actor.operator()))

    assert figures.overall.kpis > 0 and any(q.realised.kpis for q in figures.quarters)
    _assert_equals_the_models(demo_db, figures)


@pytest.fixture
def synthetic_db(db: Database, operator: Actor) -> Database:
    generate_portfolio(db, operator, SynthSpec(initiatives=300, measurements=30_000, seed=7,
                                               anchor=ANCHOR))
    evaluate_now(db, operator, ANCHOR, "run-1")
    return db


def test_a_synthetic_portfolios_benefit_figures_equal_the_model_based_ones(
    synthetic_db: Database,
) -> None:
    figures = portfolio_figures(in_reading(synthetic_db, portfolio_material, Actor.operator()))

    assert figures.overall.kpis > 50 and figures.cashable and figures.closed_total
    _assert_equals_the_models(synthetic_db, figures)


def test_long_tables_list_the_most_recent_rows_up_to_the_setting_and_say_how_many_exist(
    synthetic_db: Database,
) -> None:
    everything = portfolio_figures(in_reading(synthetic_db, portfolio_material, Actor.operator()))
    bounded = portfolio_figures(
        in_reading(synthetic_db, portfolio_material, Actor.operator(), table_rows=5))

    assert len(bounded.scaled) == len(bounded.closed) == len(bounded.cashable) == 5
    assert (bounded.scaled_total, bounded.closed_total, bounded.cashable_total) == (
        len(everything.scaled), len(everything.closed), len(everything.cashable))
    closed_on = [c.decision.decided_on for c in everything.closed if c.decision]
    assert [c.decision.decided_on for c in bounded.closed if c.decision] == sorted(
        closed_on, reverse=True)[:5]


def _tables_from_models(db: Database, actor: Actor, rows: int | None) -> Tables:
    """The report's old read: every initiative in scope and all their decisions as models."""
    with db.reading() as store:
        initiatives = [i for i in store.initiatives.all() if within(actor, i.organisation)]
        decisions = store.decisions.for_initiatives([i.id for i in initiatives])
        lessons = store.lessons.for_initiatives(
            [i.id for i in initiatives if i.stage is Stage.CLOSED])
    files = [
        InitiativeFile(i, (), (), None,
                       tuple(d for d in decisions if d.initiative_id == i.id),
                       tuple(x for x in lessons if x.initiative_id == i.id))
        for i in initiatives
    ]
    return portfolio_tables(files, rows)


def _assert_tables_equal_the_models(db: Database, actor: Actor, rows: int | None) -> None:
    material = in_reading(db, portfolio_material, actor, table_rows=rows)
    figures = portfolio_figures(material)
    oracle = _tables_from_models(db, actor, rows)

    assert material.counts == oracle.counts
    assert [(s.file.initiative, s.scaled_on, s.planned, s.adopted) for s in figures.scaled] == [
        (s.file.initiative, s.scaled_on, s.planned, s.adopted) for s in oracle.scaled]
    # Lessons of one day come in no particular order, in either read.
    assert [(c.file.initiative, c.decision, sorted(x.text for x in c.lessons))
            for c in figures.closed] == [
        (c.file.initiative, c.decision, sorted(x.text for x in c.lessons))
        for c in oracle.closed]
    started = oracle.counts.started
    assert figures.decided_share == (oracle.counts.decided / started if started else None)


@pytest.mark.oracle
def test_the_demo_reports_counts_and_table_rows_equal_the_model_based_ones(
    demo_db: Database,
) -> None:
    _assert_tables_equal_the_models(demo_db, Actor.operator(), None)


@pytest.mark.oracle
def test_a_synthetic_reports_counts_and_table_rows_equal_the_model_based_ones(
    synthetic_db: Database,
) -> None:
    tables = _tables_from_models(synthetic_db, Actor.operator(), None)
    assert tables.counts.scaled > 5 and tables.counts.closed > 5
    assert tables.counts.adopted > tables.counts.scaled  # some adopted beyond the owner
    assert any(c.lessons for c in tables.closed)

    for rows in (None, 5, 1):
        _assert_tables_equal_the_models(synthetic_db, Actor.operator(), rows)
    with synthetic_db.reading() as store:
        organisation = next(i.organisation for i in store.initiatives.all() if i.organisation)
    _assert_tables_equal_the_models(
        synthetic_db, Actor(username="v", role=Role.VIEWER, organisation=organisation), 5)
