""""Has anyone tried this?": lessons, the shelf of closed and parked initiatives, and spread.

Closing is a result: what was closed or parked stays findable across departments, with the
reason and the lesson, and scaled initiatives show how far they have spread.
"""

from __future__ import annotations

from dataclasses import dataclass

from portfolio.models import Actor, Decision, DecisionKind, Initiative, Lesson, Stage
from portfolio.service.access import Permission, authorize
from portfolio.storage import Database


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
    initiative: Initiative

    @property
    def planned(self) -> tuple[str, ...]:
        return self.initiative.planned_departments

    @property
    def adopted(self) -> tuple[str, ...]:
        return self.initiative.adopted_departments

    @property
    def still_to_adopt(self) -> tuple[str, ...]:
        return tuple(d for d in self.planned if d not in self.adopted)

    @property
    def share(self) -> float | None:
        planned = set(self.planned) | set(self.adopted)
        return len(set(self.adopted)) / len(planned) if planned else None


@dataclass(frozen=True)
class LessonsView:
    lessons: tuple[LessonHit, ...]
    shelf: tuple[ShelvedInitiative, ...]
    spread: tuple[Spread, ...]


def search_lessons(
    db: Database, actor: Actor, text: str = "", department: str | None = None
) -> LessonsView:
    """Lessons, closed/parked initiatives and spread matching `text`, across departments.

    `department` narrows to the department an initiative belongs to; the text matches
    titles, hypotheses, core tasks, tags and lesson texts.
    """
    authorize(actor, Permission.READ)
    text = text.strip()
    with db.reading() as store:
        matching = store.initiatives.search(text) if text else store.initiatives.all()
        everything = {i.id: i for i in store.initiatives.all()}
        by_text = {lesson.id for lesson in store.lessons.search(text)}
        lessons = store.lessons.search("")
        closing = store.decisions.latest_per_initiative()
    matching_ids = {i.id for i in matching}

    def wanted(initiative: Initiative | None) -> bool:
        return initiative is not None and department in (None, initiative.department)

    hits = tuple(
        LessonHit(lesson, everything[lesson.initiative_id])
        for lesson in lessons
        if (lesson.id in by_text or lesson.initiative_id in matching_ids)
        and wanted(everything.get(lesson.initiative_id))
    )
    shelf = tuple(
        ShelvedInitiative(i, closing.get(i.id))
        for i in matching if i.stage is Stage.CLOSED and wanted(i)
    )
    spread = tuple(
        Spread(i) for i in matching
        if i.stage in (Stage.SCALING, Stage.OPERATION) and (i.planned_departments
                                                            or i.adopted_departments)
        and wanted(i)
    )
    return LessonsView(hits, shelf, spread)
