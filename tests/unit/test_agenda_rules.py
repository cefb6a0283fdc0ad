"""The vectorised agenda rules equal the rules one initiative at a time (#15).

Production judges every initiative's facts at once (review.agenda_rules) and keeps the
items as columns (review.agenda_items); tests/oracles/agenda.py is the same rules in plain
Python. On random facts, both give the same items with the same reasons, follow-ups and
stale KPIs, the same groups and owners, the same zombies and the same most urgent slices.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from portfolio.models import DecisionKind, Light, Recommendation, Stage
from portfolio.review.agenda import (
    OWNER_REASONS,
    STEERING_REASONS,
    AgendaFacts,
    AgendaReason,
    LastDecision,
    Subject,
)
from portfolio.review.agenda_rules import add_months, agenda_of
from tests.agenda_models import facts_table
from tests.oracles import agenda as oracle

pytestmark = pytest.mark.oracle

AS_OF = date(2025, 6, 30)


def _around(rng: random.Random, spread: int, anchor: date) -> date:
    """A day around `anchor`; one in ten is the anchor itself, where `<` and `<=` part."""
    if rng.random() < 0.1:
        return anchor
    return anchor + timedelta(days=rng.randint(-spread, 120))


def _maybe(rng: random.Random, value: object, p: float = 0.7) -> object:
    return value if rng.random() < p else None


def random_facts(seed: int, n: int = 400, as_of: date = AS_OF) -> list[AgendaFacts]:
    rng = random.Random(seed)

    def _day(rng: random.Random, spread: int = 900) -> date:
        return _around(rng, spread, as_of)

    groups = [("Aarhus", "Styregruppe A"), ("Aarhus", ""), ("Odense", "Styregruppe A"),
              ("", "Digital")]
    owners = ["Hanne Lund", "Jens Ø", "", "Åse Berg"]
    facts = []
    for i in range(n):
        organisation, group = rng.choice(groups)
        decided = rng.random() < 0.6
        last = LastDecision(_day(rng), rng.choice(list(DecisionKind)),
                            _maybe(rng, rng.choice(list(Recommendation)))) if decided else None
        evaluated = rng.random() < 0.8
        kpis = tuple((f"kpi {k}", _maybe(rng, _day(rng, 200), 0.85))
                     for k in range(rng.randint(0, 4)))
        facts.append(AgendaFacts(
            initiative=Subject(f"I-{rng.randint(0, 10**6):07d}-{i}", f"Titel {i}",
                               rng.choice(["Børn og Unge", "Social"]), rng.choice(owners),
                               rng.choice(list(Stage)), _maybe(rng, _day(rng)), organisation),
            steering_group=group,
            recommendation=rng.choice(list(Recommendation)) if evaluated else None,
            evaluated_on=_day(rng, 300) if evaluated else None,
            kpis_latest_on=kpis,
            last_decision=last,
            scaled_on=_maybe(rng, _day(rng, 800), 0.5) if decided else None,
            lights=tuple(_maybe(rng, rng.choice(list(Light))) for _ in range(3))
            if evaluated else (None, None, None),
            forecast_late=rng.random() < 0.2,
        ))
    return facts


POLICIES = [((6, 12), 60), ((3,), 30), ((12, 6, 24), 90), ((1, 2, 5), 0)]


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize(("months", "stale"), POLICIES)
def test_the_vectorised_agenda_equals_the_rules_one_initiative_at_a_time(
        seed: int, months: tuple[int, ...], stale: int) -> None:
    as_of = AS_OF + timedelta(days=seed * 37)
    facts = random_facts(seed, as_of=as_of)
    agenda = agenda_of(facts_table(facts), as_of, stale_after_days=stale,
                       follow_up_months=months)
    expected = oracle.agenda_items(facts, as_of, stale_after_days=stale,
                                   follow_up_months=months)
    assert len(agenda.items) == len(expected)
    assert tuple(agenda.items) == expected
    assert agenda.for_steering_groups() == oracle.grouped(
        expected, STEERING_REASONS, lambda i: i.group)
    assert agenda.for_owners() == oracle.grouped(expected, OWNER_REASONS, lambda i: i.owner)
    assert tuple(agenda.overdue().items) == oracle.overdue(expected)
    for limit in (0, 1, 7, 50, 10_000):
        assert agenda.items.most_urgent(limit) == oracle.most_urgent_items(expected, limit)
        for group, items in agenda.for_steering_groups().items():
            assert items.most_urgent(limit) == oracle.most_urgent_items(
                tuple(items), limit), group
    assert sum(len(a.items) for a in agenda.by_steering_group().values()) == len(expected)


def test_random_facts_reach_every_reason() -> None:
    """The property above is only as good as its facts: they give every reason."""
    seen = {reason for seed in range(6) for months, stale in POLICIES
            for item in oracle.agenda_items(random_facts(seed), AS_OF, stale_after_days=stale,
                                            follow_up_months=months)
            for reason in item.reasons}
    assert seen == set(AgendaReason)


def test_slices_and_indexes_read_the_same_items() -> None:
    facts = random_facts(1)
    items = agenda_of(facts_table(facts), AS_OF).items
    expected = oracle.agenda_items(facts, AS_OF)
    assert items[3] == expected[3]
    assert items[-1] == expected[-1]
    assert tuple(items[10:20]) == expected[10:20]


def test_an_empty_portfolio_has_an_empty_agenda() -> None:
    agenda = agenda_of(facts_table([]), AS_OF)
    assert agenda.items == ()
    assert agenda.for_steering_groups() == {}
    assert agenda.items.most_urgent(5) == []


@pytest.mark.parametrize(("day", "months"), [
    (date(2025, 8, 31), 6), (date(2023, 8, 31), 6), (date(2024, 1, 31), 1),
    (date(2024, 12, 15), 12), (date(2024, 3, 31), 25), (date(2025, 1, 1), 0),
])
def test_adding_months_clamps_to_the_end_of_the_month_as_the_calendar_does(
        day: date, months: int) -> None:
    import numpy as np
    got = add_months(np.array([day], dtype="datetime64[D]"), months)[0].astype(object)
    assert got == oracle.add_months(day, months)
