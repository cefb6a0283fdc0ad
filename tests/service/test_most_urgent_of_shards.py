"""A sharded run's recommendations artifact (#17): the shards' most urgent verdicts, read
back from the store bounded, are the rows an unsharded run of the same portfolio shows
from memory (`recommendation_rows`, the oracle here)."""

from __future__ import annotations

from datetime import date

import pytest

from flows.artifacts import recommendation_rows, urgent_table
from portfolio.models import Actor
from portfolio.service import evaluation
from portfolio.storage import Database
from portfolio.synth import SynthSpec, generate_portfolio

AS_OF = date(2025, 6, 30)
SPEC = SynthSpec(initiatives=120, measurements=4_000, seed=23, anchor=AS_OF, organisations=6)


@pytest.mark.parametrize("limit", [1, 17, 500])
def test_the_shards_most_urgent_are_what_one_run_shows(
    db: Database, operator: Actor, limit: int
) -> None:
    generate_portfolio(db, operator, SPEC)
    whole = evaluation.store_run(db, operator, "whole", AS_OF)
    expected = recommendation_rows(whole.verdicts, whole.run.titles(), "en", limit)
    runs = []
    for n, organisations in enumerate(evaluation.shards(db, operator, 3)):
        evaluation.store_run(db, operator, f"shard-{n}", AS_OF, organisations)
        runs.append(f"shard-{n}")

    with db.reading() as store:
        urgent = evaluation.most_urgent_of_runs(store, operator, runs, limit)
    table = urgent_table(urgent.verdicts, len(whole.verdicts), urgent.titles, AS_OF, "en")

    assert len(runs) == 3
    assert table.table == expected
    assert len(expected) == min(limit, len(whole.verdicts))
    # the order is tested only where rows of several kinds compete for the places
    assert limit == 1 or len({(r["overdue"], r["recommendation"]) for r in expected}) > 1
    assert ("most urgent of" in (table.description or "")) == (limit < len(whole.verdicts))


def test_another_runs_verdicts_stay_out(db: Database, operator: Actor) -> None:
    generate_portfolio(db, operator, SPEC)
    first, *rest = evaluation.shards(db, operator, 2)
    evaluation.store_run(db, operator, "mine", AS_OF, first)
    evaluation.store_run(db, operator, "other", AS_OF, rest[0])

    with db.reading() as store:
        urgent = evaluation.most_urgent_of_runs(store, operator, ["mine"], 500)

    assert {v.run_id for v in urgent.verdicts} == {"mine"}
    with db.reading() as store:
        mine = {i.id for i in store.initiatives.all() if i.organisation in first}
    assert {v.initiative_id for v in urgent.verdicts} <= mine
    assert set(urgent.titles) == {v.initiative_id for v in urgent.verdicts}
