"""A run's agenda a steering group at a time (#15) is the whole agenda, split: every item
once, in its own group's part, and nothing else."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from portfolio.models import Actor
from portfolio.service.agenda import review_agenda
from portfolio.service.evaluation import evaluate_now
from portfolio.storage import Database
from portfolio.synth import SynthSpec, generate_portfolio
from tests.seeds import evaluated_demo
from tests.units import by_group, in_reading

AS_OF = date(2025, 6, 30)


def evaluated_synthetic(db: Database) -> None:
    generate_portfolio(db, Actor.operator(), SynthSpec(400, 30_000, 5, AS_OF, 4))
    evaluate_now(db, Actor.operator(), AS_OF, "run")


@pytest.mark.parametrize("portfolio", [evaluated_demo, evaluated_synthetic])
def test_the_agendas_by_steering_group_are_the_agenda_split_by_group(
    seeded: Callable[..., Database], operator: Actor, portfolio: Callable[[Database], None]
) -> None:
    db = seeded(portfolio)
    whole = in_reading(db, review_agenda, operator, AS_OF)

    parts = in_reading(db, by_group, operator, AS_OF)

    groups = [{item.steering_group for item in part.items} for part in parts if part.items]
    assert all(len(g) == 1 for g in groups)
    assert len({g.pop() for g in groups}) == len(groups)  # each group in one part
    split = sorted((item for part in parts for item in part.items),
                   key=lambda item: item.initiative.id)
    assert len(whole.items) > 10
    assert split == list(whole.items)
    merged: dict[str, tuple] = {}
    for part in parts:
        merged.update(part.for_steering_groups())
    assert merged == whole.for_steering_groups()
    assert [m for part in parts for m in part.overdue().for_steering_groups().items()] == list(
        whole.overdue().for_steering_groups().items())
