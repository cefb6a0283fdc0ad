"""Read use cases for the board and the initiative page."""

from __future__ import annotations

from dataclasses import dataclass, field

from portfolio.errors import NotFound
from portfolio.models import (
    Actor,
    AuditEvent,
    Decision,
    Department,
    Evaluation,
    Initiative,
    Kpi,
    Lesson,
    Measurement,
    Recommendation,
    Stage,
)
from portfolio.service.access import Permission, authorize
from portfolio.storage import Database


@dataclass(frozen=True)
class BoardRow:
    initiative: Initiative
    evaluation: Evaluation | None

    @property
    def recommendation(self) -> Recommendation | None:
        return self.evaluation.recommendation if self.evaluation else None


@dataclass(frozen=True)
class Board:
    rows: tuple[BoardRow, ...]
    departments: tuple[str, ...]

    def count_by_recommendation(self) -> dict[Recommendation, int]:
        counts = {r: 0 for r in Recommendation}
        for row in self.rows:
            if row.recommendation and row.initiative.stage is not Stage.CLOSED:
                counts[row.recommendation] += 1
        return counts

    def count_by_stage(self) -> dict[Stage, int]:
        counts = {s: 0 for s in Stage}
        for row in self.rows:
            counts[row.initiative.stage] += 1
        return counts


def board(db: Database, actor: Actor, *, department: str | None = None) -> Board:
    authorize(actor, Permission.READ)
    with db.reading() as store:
        initiatives = store.initiatives.all()
        latest = {e.initiative_id: e for e in store.evaluations.latest()}
        departments = tuple(d.name for d in store.departments.all())
    rows = tuple(
        BoardRow(i, latest.get(i.id))
        for i in initiatives
        if department is None or i.department == department
    )
    return Board(rows=rows, departments=departments)


@dataclass(frozen=True)
class InitiativeDetail:
    initiative: Initiative
    kpis: tuple[Kpi, ...]
    measurements: tuple[Measurement, ...]
    evaluation: Evaluation | None
    history: tuple[Evaluation, ...] = ()
    decisions: tuple[Decision, ...] = ()
    lessons: tuple[Lesson, ...] = ()
    audit: tuple[AuditEvent, ...] = field(default=())
    contributors: tuple[str, ...] = ()
    """Key employees assigned to record its measurements."""


def initiative_detail(db: Database, actor: Actor, initiative_id: str) -> InitiativeDetail:
    authorize(actor, Permission.READ)
    with db.reading() as store:
        initiative = store.initiatives.get(initiative_id)
        if initiative is None:
            raise NotFound(f"There is no initiative with id {initiative_id!r}.")
        history = store.evaluations.history(initiative_id, limit=50)
        return InitiativeDetail(
            initiative=initiative,
            kpis=tuple(store.kpis.for_initiative(initiative_id)),
            measurements=tuple(store.measurements.for_initiative(initiative_id)),
            evaluation=history[0] if history else None,
            history=tuple(history),
            decisions=tuple(store.decisions.for_initiative(initiative_id)),
            lessons=tuple(store.lessons.for_initiative(initiative_id)),
            audit=tuple(store.audit.for_initiative(initiative_id)),
            contributors=store.contributors.for_initiative(initiative_id),
        )


def departments(db: Database, actor: Actor) -> list[Department]:
    authorize(actor, Permission.READ)
    with db.reading() as store:
        return store.departments.all()
