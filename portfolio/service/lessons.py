""""Has anyone tried this?": lessons, the shelf of closed and parked initiatives, and spread.

Closing is a result: what was closed or parked stays findable across departments, with the
reason and the lesson, and scaled initiatives show how far they have spread.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from portfolio.models import Actor, Decision, DecisionKind, Initiative, Lesson, Stage
from portfolio.service.access import Permission, authorize, within
from portfolio.storage import Store
from portfolio.storage.lessons_index import LessonsQuery

SPREADING = (Stage.SCALING, Stage.OPERATION)
"""The stages of a scaled initiative: the ones other departments adopt."""


@dataclass(frozen=True)
class LessonHit:
    lesson: Lesson
    initiative: Initiative


@dataclass(frozen=True)
class ShelvedInitiative:
    """A closed initiative and the decision that closed (or parked) it."""

    initiative: Initiative
    decision: Decision | None

    @property
    def parked(self) -> bool:
        return self.decision is not None and self.decision.kind is DecisionKind.PARK


@dataclass(frozen=True)
class Spread:
    """Departments adopted against planned. The owning department has the initiative from
    the start, so it counts on both sides; the others adopt it (service/adoption.py)."""

    initiative: Initiative

    @property
    def planned(self) -> tuple[str, ...]:
        return with_owner(self.initiative, self.initiative.planned_departments)

    @property
    def adopted(self) -> tuple[str, ...]:
        return with_owner(self.initiative, self.initiative.adopted_departments)

    @property
    def still_to_adopt(self) -> tuple[str, ...]:
        return tuple(d for d in self.planned if d not in self.adopted)

    @property
    def share(self) -> float | None:
        planned = set(self.planned) | set(self.adopted)
        return len(set(self.adopted)) / len(planned) if planned else None


def with_owner(initiative: Initiative, departments: tuple[str, ...]) -> tuple[str, ...]:
    """The owning department first, then `departments`, each once."""
    return tuple(dict.fromkeys((initiative.department, *departments)))


@dataclass(frozen=True)
class LessonsView:
    """What matches a search; each list bounded as asked, with the total it was cut from."""

    lessons: tuple[LessonHit, ...]
    """Newest first."""
    shelf: tuple[ShelvedInitiative, ...]
    """The most recently closed or parked, in id order."""
    spread: tuple[Spread, ...]
    """In id order."""
    scaled: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(
        columns=["id", "title", "department"]))
    """Every matching scaled initiative (id, title, department; in id order): those other
    departments may adopt. Slim, because a nation has tens of thousands."""
    lessons_total: int = 0
    shelf_total: int = 0
    spread_total: int = 0


def readable_organisations(store: Store, actor: Actor) -> tuple[str, ...] | None:
    """Whose lessons `actor` reads: a national actor every organisation's; the others
    their own organisation's and those of every organisation that shares them (#13)."""
    if not actor.organisation:
        return None
    return tuple(dict.fromkeys((actor.organisation, *store.organisations.sharing())))


def shared(actor: Actor, initiative: Initiative) -> Initiative:
    """Another organisation's initiative as its lessons are shared: what was tried, how it
    ended and why, never its budget or its people (#13)."""
    if within(actor, initiative.organisation):
        return initiative
    return initiative.model_copy(update={"owner": "", "budget_dkk": 0.0, "spent_dkk": 0.0})


def search_lessons(
    store: Store, actor: Actor, text: str = "", department: str | None = None,
    *, lessons: int | None = None, shelf: int | None = None, spread: int | None = None,
    technology: str | None = None, radar: str | None = None,
) -> LessonsView:
    """Lessons, closed/parked initiatives and spread matching `text`, across departments.

    `department` narrows to the department an initiative belongs to; the text matches
    titles, hypotheses, core tasks, tags and lesson texts, ignoring case. Each list holds
    at most as many as its keyword says (None: all), with its total. `radar` narrows to
    one radar technology's initiatives (see service.radar.lessons_for_radar).
    """
    authorize(actor, Permission.READ)
    query = LessonsQuery(text.strip(), department, tuple(s.value for s in SPREADING),
                         readable_organisations(store, actor), technology, radar)
    index = store.lessons_index
    totals = index.totals(query)
    hits = tuple(LessonHit(lesson, shared(actor, initiative))
                 for lesson, initiative in index.lessons(query, lessons))
    shelved = tuple(ShelvedInitiative(shared(actor, initiative), decision)
                    for initiative, decision in index.shelf(query, shelf))
    spreads = tuple(Spread(shared(actor, initiative))
                    for initiative in index.spread(query, spread))
    scaled = index.scaled(query)
    return LessonsView(hits, shelved, spreads, scaled, totals.lessons, totals.shelf,
                       totals.spread)
