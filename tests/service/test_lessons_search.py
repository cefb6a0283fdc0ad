"""The set-based lessons search (#7) finds what the model-based one found, bounded.

The oracle is the model-based search as it was: every initiative and lesson read as a model
and filtered in Python; a search text is matched literally (`%` and `_` are characters).
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pandas as pd
import pytest

from portfolio.models import Actor, Adoption, Decision, DecisionKind, Lesson, Stage
from portfolio.service.lessons import (
    SPREADING,
    LessonHit,
    LessonsView,
    ShelvedInitiative,
    Spread,
    search_lessons,
)
from portfolio.service.setup import initialise
from portfolio.storage import Database
from portfolio.synth import SynthSpec, generate_portfolio
from tests.factories import AS_OF, make_initiative
from tests.units import in_reading

OPERATOR = Actor.operator()
TEXTS = ("", "robot", "ROBOT", "  robot  ", "%", "_", "'", "100%", "snake_case",
         "hjemmepleje", "telefonen", "æ", "tid til", "i s", "x_y", "ingen træf her")
LESSON_TEXTS = ("Borgerne foretrak telefonen.", "100% digital var for meget.",
                "Navne i snake_case forvirrede.", "Det er 'umuligt' uden data.",
                "ROBOTTEN larmede om natten.", "Æbler og pærer: sammenlign ikke.")


@pytest.fixture(scope="module")
def portfolio(tmp_path_factory: pytest.TempPathFactory) -> Database:
    """A synthetic portfolio with lessons (on closed and scaled initiatives, dates shared),
    parked closures, planned departments and adoptions, and awkward characters."""
    db = Database(Path(tmp_path_factory.mktemp("lessons")) / "portfolio.duckdb",
                  lock_timeout=5)
    initialise(db, OPERATOR)
    generate_portfolio(db, OPERATOR, SynthSpec(300, 3_000, 5, AS_OF))
    with db.transaction() as store:
        initiatives = store.initiatives.all()
        departments = sorted({i.department for i in initiatives})
        closed = [i for i in initiatives if i.stage is Stage.CLOSED]
        scaled = [i for i in initiatives if i.stage in SPREADING]
        for n, initiative in enumerate(closed + scaled[:5]):
            store.lessons.add(Lesson(
                initiative_id=initiative.id, text=LESSON_TEXTS[n % len(LESSON_TEXTS)],
                author=f"author {n}", created_on=AS_OF - timedelta(days=n // 3),
                tags=("x_y",) if n % 4 == 0 else ("chatbot", "tid")))
        store.lessons.add(Lesson(initiative_id="GHOST-1", text="robot", created_on=AS_OF))
        for initiative in closed[::3]:
            store.decisions.add(Decision(
                initiative_id=initiative.id, kind=DecisionKind.PARK, decided_by="x",
                decided_on=AS_OF + timedelta(days=1), reason_code="not_now",
                rationale="Ikke nu"))
        for n, initiative in enumerate(scaled[::4]):
            others = tuple(d for d in departments if d != initiative.department)
            store.initiatives.save(initiative.model_copy(update={
                "planned_departments": others[n % 3: n % 3 + 2],
                "tags": ("100% robot",) if n % 2 else ("snake_case",)}))
            if n % 3 and store.adoptions.get(initiative.id, others[n % 3]) is None:
                store.adoptions.add(Adoption(
                    initiative_id=initiative.id, department=others[n % 3],
                    adopted_on=None if n % 5 == 0 else AS_OF))
        if store.adoptions.get(scaled[1].id, departments[0]) is None:  # synth adopts too
            store.adoptions.add(Adoption(initiative_id=scaled[1].id, department=departments[0],
                                         adopted_on=AS_OF))
    return db


def oracle(db: Database, text: str, department: str | None) -> LessonsView:
    """The model-based search: everything read as models, filtered in Python."""
    needle = text.strip().lower()
    with db.reading() as store:
        everything = {i.id: i for i in store.initiatives.all()}
        lessons = sorted(store.lessons.search(""), key=lambda x: (x.created_on, x.id),
                         reverse=True)
        closing = store.decisions.latest_per_initiative()

    def found(*fields: str) -> bool:
        return any(needle in f.lower() for f in fields)

    def wanted(initiative_id: str) -> bool:
        return initiative_id in everything and department in (
            None, everything[initiative_id].department)

    matching = [i for i in everything.values() if wanted(i.id)
                and found(i.title, i.hypothesis, i.core_task, " ".join(i.tags))]
    ids = {i.id for i in matching}
    hits = tuple(LessonHit(x, everything[x.initiative_id]) for x in lessons
                 if wanted(x.initiative_id)
                 and (found(x.text, " ".join(x.tags)) or x.initiative_id in ids))
    shelf = tuple(ShelvedInitiative(i, closing.get(i.id)) for i in matching
                  if i.stage is Stage.CLOSED)
    scaled = [i for i in matching if i.stage in SPREADING]
    spread = tuple(Spread(i) for i in scaled if i.planned_departments or i.adopted_departments)
    return LessonsView(hits, shelf, spread, pd.DataFrame({"id": [i.id for i in scaled]}),
                       len(hits), len(shelf), len(spread))


def departments_of(db: Database) -> list[str | None]:
    with db.reading() as store:
        return [None, store.departments.all()[0].name, "Nowhere"]


@pytest.mark.parametrize("text", TEXTS)
def test_the_search_finds_what_the_model_based_search_found(portfolio: Database, text: str):
    for department in departments_of(portfolio):
        found = in_reading(portfolio, search_lessons, OPERATOR, text, department)
        expected = oracle(portfolio, text, department)
        assert found.lessons == expected.lessons
        assert found.shelf == expected.shelf
        assert found.spread == expected.spread
        assert list(found.scaled["id"]) == list(expected.scaled["id"])
        assert (found.lessons_total, found.shelf_total, found.spread_total) == (
            expected.lessons_total, expected.shelf_total, expected.spread_total)


def test_the_portfolio_exercises_every_part_of_the_search(portfolio: Database):
    everything = oracle(portfolio, "", None)
    assert len(everything.lessons) > 20 and len(everything.spread) > 5
    assert any(s.parked for s in everything.shelf) and any(
        not s.parked for s in everything.shelf)
    assert len({h.lesson.created_on for h in everything.lessons}) < len(everything.lessons)
    assert oracle(portfolio, "%", None).lessons != everything.lessons  # `%` is literal


def test_a_percent_sign_or_underscore_in_the_search_is_just_that_character(
    portfolio: Database,
):
    hits = in_reading(portfolio, search_lessons, OPERATOR, "0%").lessons
    assert "100% digital var for meget." in {h.lesson.text for h in hits}
    assert all("0%" in h.lesson.text + " ".join(h.initiative.tags) for h in hits)
    assert in_reading(portfolio, search_lessons,
                      OPERATOR, "robot").lessons  # as a pattern, r_b matches
    assert in_reading(portfolio, search_lessons, OPERATOR, "r_b").lessons == ()


def test_bounded_lists_keep_the_newest_lessons_and_the_latest_closures_with_the_totals(
    portfolio: Database,
):
    everything = oracle(portfolio, "", None)
    bounded = in_reading(portfolio, search_lessons, OPERATOR, lessons=7, shelf=4, spread=4)

    assert bounded.lessons == everything.lessons[:7]
    latest = sorted(everything.shelf, key=lambda s: (
        s.decision is None, -(s.decision.decided_on.toordinal() if s.decision else 0),
        s.initiative.id))[:4]
    assert bounded.shelf == tuple(sorted(latest, key=lambda s: s.initiative.id))
    assert bounded.spread == everything.spread[:4]
    assert (bounded.lessons_total, bounded.shelf_total, bounded.spread_total) == (
        len(everything.lessons), len(everything.shelf), len(everything.spread))
    assert len(bounded.scaled) == len(everything.scaled)


def test_a_list_that_fits_is_returned_whole(portfolio: Database):
    found = in_reading(portfolio, search_lessons, OPERATOR, "telefonen", lessons=1_000, shelf=1_000)
    assert found.lessons == oracle(portfolio, "telefonen", None).lessons
    assert len(found.lessons) == found.lessons_total > 0


def test_a_lesson_of_an_initiative_that_no_longer_exists_is_not_shown(portfolio: Database):
    assert "GHOST-1" not in {h.lesson.initiative_id
                             for h in in_reading(portfolio, search_lessons,
                                                 OPERATOR, "robot").lessons}


def test_a_closed_initiative_without_a_decision_is_on_the_shelf_without_one(db: Database):
    with db.transaction() as store:
        store.initiatives.save(make_initiative(id="OLD-1", stage="closed"))
    (shelved,) = in_reading(db, search_lessons, OPERATOR).shelf
    assert shelved.decision is None and not shelved.parked
