"""`failscale synth` writes the steering history a national deployment has (#7), and it obeys
the rules the service enforces on decisions, lessons and adoptions."""

from __future__ import annotations

from pathlib import Path

import pytest

from portfolio.errors import ValidationFailed
from portfolio.models import (
    Actor,
    Adoption,
    Decision,
    DecisionKind,
    Initiative,
    Lesson,
    Stage,
)
from portfolio.service.decisions import REASON_CODES
from portfolio.service.lessons import SPREADING, search_lessons
from portfolio.service.setup import initialise
from portfolio.storage import Database
from portfolio.synth import SynthReport, SynthSpec, generate_portfolio
from tests.factories import AS_OF
from tests.units import in_reading

OPERATOR = Actor.operator()
CLOSING = (DecisionKind.CLOSE, DecisionKind.PARK)


def synthesised(folder: Path, seed: int) -> tuple[Database, SynthReport]:
    db = Database(folder / f"synth-{seed}.duckdb", lock_timeout=5)
    initialise(db, OPERATOR)
    return db, generate_portfolio(db, OPERATOR, SynthSpec(600, 6_000, seed, AS_OF))


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Database, SynthReport]:
    return synthesised(tmp_path_factory.mktemp("history"), 5)


@pytest.fixture(scope="module")
def portfolio(generated: tuple[Database, SynthReport]) -> Database:
    return generated[0]


def history(
    db: Database,
) -> tuple[dict[str, Initiative], list[Decision], dict[str, list[Lesson] | list[Adoption]]]:
    """Initiatives by id, every decision, and every lesson and adoption."""
    with db.reading() as store:
        initiatives = {i.id: i for i in store.initiatives.all()}
        decisions = store.decisions.all()
        lessons = store.lessons.search("")
        adoptions = [a for i in initiatives.values() if i.stage in SPREADING
                     for a in store.adoptions.for_initiative(i.id)]
    return initiatives, decisions, {"lessons": lessons, "adoptions": adoptions}


def test_every_closed_initiative_was_closed_or_parked_with_a_reason_code_and_a_lesson(
    portfolio: Database,
):
    initiatives, decisions, facts = history(portfolio)
    closing = {d.initiative_id: d for d in decisions if d.kind in CLOSING}
    lessons_on = {x.initiative_id for x in facts["lessons"]}
    closed = [i for i in initiatives.values() if i.stage is Stage.CLOSED]

    assert closed and set(closing) == {i.id for i in closed}
    assert all(d.reason_code in REASON_CODES and d.rationale.strip() for d in closing.values())
    assert {d.kind for d in closing.values()} == set(CLOSING)
    assert all(d.reason_code == "not_now" for d in closing.values()
               if d.kind is DecisionKind.PARK)
    assert lessons_on >= set(closing)


def test_a_parked_initiative_is_revisited_after_it_was_parked_and_others_have_a_next_review(
    portfolio: Database,
):
    _, decisions, _ = history(portfolio)
    for decision in decisions:
        if decision.kind is not DecisionKind.CLOSE:
            assert decision.next_review_on is not None, decision
        if decision.next_review_on is not None:
            assert decision.next_review_on > decision.decided_on, decision
        assert decision.decided_on < AS_OF


def test_scaled_initiatives_were_scaled_to_other_departments_of_their_organisation(
    portfolio: Database,
):
    initiatives, decisions, _ = history(portfolio)
    with portfolio.reading() as store:
        organisation = {d.name: d.organisation for d in store.departments.all()}
    scaled = [i for i in initiatives.values() if i.stage in SPREADING]
    scale = {d.initiative_id: d for d in decisions if d.kind is DecisionKind.SCALE}

    assert scaled and set(scale) == {i.id for i in scaled}
    for initiative in scaled:
        planned = initiative.planned_departments
        assert planned and initiative.department not in planned
        assert {organisation[d] for d in planned} == {organisation[initiative.department]}
        assert scale[initiative.id].spread_to == planned
    assert not any(i.planned_departments for i in initiatives.values() if i not in scaled)


def test_adoptions_are_of_scaled_initiatives_by_other_departments_after_the_scale_decision(
    portfolio: Database,
):
    initiatives, decisions, facts = history(portfolio)
    scale = {d.initiative_id: d for d in decisions if d.kind is DecisionKind.SCALE}
    adoptions = facts["adoptions"]

    assert adoptions
    for adoption in adoptions:
        initiative = initiatives[adoption.initiative_id]
        assert initiative.stage in SPREADING
        assert adoption.department != initiative.department
        assert adoption.department in initiative.planned_departments
        assert adoption.adopted_on is not None
        assert scale[initiative.id].decided_on < adoption.adopted_on <= AS_OF
        assert adoption.recorded_by == "synth"
    pairs = [(a.initiative_id, a.department) for a in adoptions]
    assert len(pairs) == len(set(pairs))
    assert sum(len(i.adopted_departments) for i in initiatives.values()) == len(adoptions)
    assert len(adoptions) < sum(len(i.planned_departments) for i in initiatives.values())


def test_some_continuing_initiatives_have_lessons_too_written_by_their_owner(
    portfolio: Database,
):
    initiatives, _, facts = history(portfolio)
    continuing = [x for x in facts["lessons"]
                  if initiatives[x.initiative_id].stage is not Stage.CLOSED]
    others = [i for i in initiatives.values() if i.stage is not Stage.CLOSED]

    assert 0.05 * len(others) < len(continuing) < 0.15 * len(others)
    for lesson in continuing:
        initiative = initiatives[lesson.initiative_id]
        assert lesson.author == initiative.owner
        assert initiative.started_on <= lesson.created_on <= AS_OF
        assert lesson.text.strip() and lesson.tags


def test_the_report_counts_the_history_it_wrote(generated: tuple[Database, SynthReport]):
    db, report = generated
    _, decisions, facts = history(db)
    assert report.counts.decisions == len(decisions)
    assert report.counts.lessons == len(facts["lessons"])
    assert report.counts.adoptions == len(facts["adoptions"])


def test_the_same_seed_gives_the_same_history_and_another_seed_another(
    portfolio: Database, tmp_path: Path
):
    def content(db: Database) -> tuple[object, ...]:
        initiatives, decisions, facts = history(db)
        return (
            sorted((i.id, i.stage, i.planned_departments) for i in initiatives.values()),
            sorted(d.model_dump_json(exclude={"id", "recorded_at"}) for d in decisions),
            sorted(x.model_dump_json(exclude={"id"}) for x in facts["lessons"]),
            sorted(a.model_dump_json(exclude={"recorded_at"}) for a in facts["adoptions"]),
        )

    again, _ = synthesised(tmp_path, 5)
    other, _ = synthesised(tmp_path, 6)
    assert content(again) == content(portfolio)
    assert content(other) != content(portfolio)


def test_the_lessons_search_finds_synthetic_lessons_by_a_word(portfolio: Database):
    found = in_reading(portfolio, search_lessons, OPERATOR, "telefonen", lessons=1_000)
    assert found.lessons_total > 0
    assert all("telefonen" in h.lesson.text.lower() + h.initiative.title.lower()
               for h in found.lessons)
    everything = in_reading(portfolio, search_lessons, OPERATOR, shelf=1_000, spread=1_000)
    assert any(s.parked for s in everything.shelf) and any(
        not s.parked for s in everything.shelf)
    assert any(s.initiative.adopted_departments for s in everything.spread)


def test_the_initiatives_can_be_shared_by_as_many_organisations_as_asked(
    tmp_path: Path,
) -> None:
    db = Database(tmp_path / "spread.duckdb", lock_timeout=5)
    initialise(db, OPERATOR)

    report = generate_portfolio(db, OPERATOR, SynthSpec(600, 6_000, 5, AS_OF, organisations=30))

    with db.reading() as store:
        organisations = {d.organisation for d in store.departments.all()}
        groups = {d.steering_group for d in store.departments.all()}
        in_use = {i.department for i in store.initiatives.all()}
    assert report.counts.departments == 180 and len(organisations) == len(groups) == 30
    assert len(in_use) == 180  # every organisation's six departments hold initiatives


@pytest.mark.parametrize("organisations", [0, 104])
def test_more_organisations_than_exist_are_refused(tmp_path: Path, organisations: int) -> None:
    db = Database(tmp_path / "none.duckdb", lock_timeout=5)
    with pytest.raises(ValidationFailed, match="between 1 and 103"):
        generate_portfolio(db, OPERATOR, SynthSpec(60, 600, 5, AS_OF, organisations))
