"""`failscale evaluate --json` reads a run's verdicts a page at a time without models (#15),
and prints exactly what the model-based read (kept here as the oracle) printed."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from failscale.evaluate_output import write_json
from portfolio.models import Actor, Evaluation
from portfolio.service.evaluation import evaluate_now, run_verdict_pages
from portfolio.service.setup import seed_demo
from portfolio.storage import Database
from portfolio.synth import SynthSpec, generate_portfolio

AS_OF = date(2025, 6, 30)


def oracle(e: Evaluation, places: dict[str, tuple[str, str]]) -> dict[str, Any]:
    """What the command printed when it read every verdict back as an Evaluation model
    (and, since #13, the initiative's organisation and department)."""
    organisation, department = places[e.initiative_id]
    return {
        "initiative_id": e.initiative_id, "organisation": organisation,
        "department": department, "recommendation": e.recommendation.value,
        "light": e.light.value, "score": e.score,
        "reasons": [r.render("en") for r in e.reasons], "overdue": e.overdue,
        "as_of": e.as_of.isoformat(), "policy_version": e.policy_version, "run_id": e.run_id,
        "lights": {name: light.value if light else None for name, light in e.lights.items()},
    }


def printed(db: Database, run_id: str, page_size: int) -> str:
    out = io.StringIO()
    write_json(run_verdict_pages(db, Actor.operator(), run_id, page_size), out)
    return out.getvalue()


def two_runs_of_the_demo(db: Database) -> None:
    operator = Actor.operator()
    seed_demo(db, operator, AS_OF)
    evaluate_now(db, operator, date(2025, 5, 31), "earlier")  # another run stays out
    evaluate_now(db, operator, AS_OF, "run-1")


@pytest.mark.parametrize("page_size", [1, 7, 2_000])
def test_the_json_of_a_run_is_what_the_model_based_read_printed(
    seeded: Callable[..., Database], page_size: int
) -> None:
    db = seeded(two_runs_of_the_demo)
    with db.reading() as store:
        places = {i.id: (i.organisation, i.department) for i in store.initiatives.all()}
        expected = [oracle(e, places) for e in store.evaluations.for_run("run-1")]

    text = printed(db, "run-1", page_size)

    assert len(expected) > 20
    assert text == json.dumps(expected, ensure_ascii=False, indent=2) + "\n"


def test_a_synthetic_run_reads_back_alike_in_pages(db: Database, operator: Actor) -> None:
    generate_portfolio(db, operator, SynthSpec(300, 20_000, 3, AS_OF, 3))
    evaluate_now(db, operator, AS_OF, "synthetic")
    with db.reading() as store:
        places = {i.id: (i.organisation, i.department) for i in store.initiatives.all()}
        expected = [oracle(e, places) for e in store.evaluations.for_run("synthetic")]

    assert json.loads(printed(db, "synthetic", 50)) == expected


def test_an_unknown_run_prints_an_empty_array(db: Database) -> None:
    assert printed(db, "no-such-run", 10) == "[]\n"
