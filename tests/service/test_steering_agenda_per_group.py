"""A steering group's agenda and meeting pack read only its own rows (#7) and say the same
as the whole-portfolio computation they replaced, kept here as the oracle."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from portfolio.models import Actor, Decision, DecisionKind, GroupKey, Stage
from portfolio.review.agenda import AgendaReason
from portfolio.service.decisions import record_decision
from portfolio.service.evaluation import evaluate_now
from portfolio.service.reports import agenda_material
from portfolio.service.steering import (
    DUE,
    REVISIT,
    SteeringItem,
    Why,
    agenda,
    agenda_view,
    steering_groups,
)
from portfolio.storage import Database
from portfolio.synth import SynthSpec, generate_portfolio
from tests.agenda_models import build_agenda
from tests.factories import AS_OF
from tests.units import in_reading, in_transaction

OPERATOR = Actor.operator()
HORIZON_DAYS = 30


@pytest.fixture(scope="module")
def portfolio(tmp_path_factory) -> Database:
    """A few hundred evaluated initiatives in several steering groups, some of them parked."""
    db = Database(tmp_path_factory.mktemp("steering") / "portfolio.duckdb")
    generate_portfolio(db, OPERATOR, SynthSpec(600, 6_000, 5, AS_OF))
    evaluate_now(db, OPERATOR, AS_OF, "run-1")
    with db.reading() as store:
        running = [i for i in store.initiatives.all(active_only=True)
                   if i.stage is Stage.EXPERIMENT][:6]
    for n, initiative in enumerate(running):
        in_transaction(db, record_decision, OPERATOR, Decision(
            initiative_id=initiative.id, kind=DecisionKind.PARK, decided_by="x",
            decided_on=AS_OF, rationale="not now",
            next_review_on=AS_OF + timedelta(days=5 + 20 * n)),
            lesson="Wait for the new case system.")
    return db


def whole_portfolio_agenda(db: Database, today: date, group: GroupKey) -> list[SteeringItem]:
    """The agenda as it was computed before #7: every initiative, latest verdict and
    decision read as models, the follow-ups built from them, then one group's kept."""
    with db.reading() as store:
        departments = store.departments.all()
        initiatives = store.initiatives.all()
        latest = {e.initiative_id: e for e in store.evaluations.latest()}
        decisions = store.decisions.all()
        last = store.decisions.latest_per_initiative()
    groups = {d.name: d.group for d in departments}
    follow_ups = {
        item.initiative.id: item for item in build_agenda(
            [i for i in initiatives if i.stage is not Stage.CLOSED], latest, decisions,
            departments, today).for_steering_groups().get(group, ())
    }
    horizon = today + timedelta(days=HORIZON_DAYS)
    items = []
    for ini in initiatives:
        if groups.get(ini.department) != group:
            continue
        why: list[Why] = []
        base = follow_ups.get(ini.id)
        if base:
            review_on = ini.review_on
            params = {
                "review_on": review_on.isoformat() if review_on else "",
                "days": (today - review_on).days if review_on else 0,
                "on": base.follow_up_on.isoformat() if base.follow_up_on else "",
                "months": base.follow_up_months or "",
                "recommendation": base.recommendation.value if base.recommendation else "",
                "previous": (base.last_decision.recommendation.value
                             if base.last_decision and base.last_decision.recommendation
                             else ""),
            }
            why += [Why(reason.value, params) for reason in base.reasons]
        decided = last.get(ini.id)
        if ini.stage is Stage.CLOSED:
            if (decided and decided.kind is DecisionKind.PARK and ini.review_on
                    and ini.review_on <= horizon):
                why = [Why(REVISIT, {"review_on": ini.review_on.isoformat()})]
        elif (AgendaReason.OVERDUE not in (base.reasons if base else ())
              and ini.review_on and today <= ini.review_on <= horizon):
            why.append(Why(DUE, {"review_on": ini.review_on.isoformat(),
                                 "days": (ini.review_on - today).days}))
        if why:
            items.append(SteeringItem(ini, latest.get(ini.id), decided, tuple(why), group.name))
    return sorted(items, key=lambda i: (not i.overdue, i.initiative.review_on or horizon,
                                        i.initiative.id))


def test_each_groups_agenda_equals_the_whole_portfolio_agenda_filtered_to_it(portfolio):
    today = AS_OF + timedelta(days=10)
    groups = in_reading(portfolio, steering_groups, OPERATOR)
    assert len(groups) > 1

    for group in groups:
        assert in_reading(portfolio, agenda, OPERATOR, today, group) == whole_portfolio_agenda(
            portfolio, today, group), group

    causes = {w.cause for g in groups for i in in_reading(portfolio, agenda, OPERATOR, today, g)
              for w in i.why}
    assert {AgendaReason.OVERDUE, DUE, REVISIT} <= causes


def test_every_groups_agenda_holds_each_groups_items_most_urgent_first(portfolio):
    every = in_reading(portfolio, agenda, OPERATOR, AS_OF)

    by_group = {g: in_reading(portfolio, agenda, OPERATOR, AS_OF, g)
                for g in in_reading(portfolio, steering_groups, OPERATOR)}
    assert sorted(every, key=lambda i: i.initiative.id) == sorted(
        (i for items in by_group.values() for i in items), key=lambda i: i.initiative.id)
    overdue = [i.overdue for i in every]
    assert overdue == sorted(overdue, reverse=True)


def test_a_bounded_agenda_shows_its_most_urgent_items_and_counts_them_all(portfolio):
    every = in_reading(portfolio, agenda, OPERATOR, AS_OF)

    view = in_reading(portfolio, agenda_view, OPERATOR, AS_OF, rows=25)

    assert list(view.items) == every[:25]
    assert view.total == len(every) > 25


def test_a_groups_meeting_pack_lists_what_the_whole_portfolio_agenda_lists_for_it(portfolio):
    with portfolio.reading() as store:
        as_of = max(e.as_of for e in store.evaluations.latest())
    for group in in_reading(portfolio, steering_groups, OPERATOR):
        pack = in_reading(portfolio, agenda_material, OPERATOR, group)

        with portfolio.reading() as store:
            departments = {d.name for d in store.departments.all() if d.group == group}
            active = [i for i in store.initiatives.all(active_only=True)
                      if i.department in departments]
            expected = build_agenda(
                active, {e.initiative_id: e for e in store.evaluations.latest()},
                store.decisions.all(), store.departments.all(), as_of,
            ).for_steering_groups().get(group, ())
        assert pack.as_of == as_of
        assert pack.active == len(active)
        assert [(i.file.initiative.id, i.reasons) for i in pack.items] == [
            (i.initiative.id, tuple(str(r) for r in i.reasons)) for i in expected]
        assert all(i.file.evaluation is not None for i in pack.items)
