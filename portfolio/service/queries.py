"""Read use cases of the pages: the initiatives' index, one initiative, departments."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

import pandas as pd

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
)
from portfolio.service.access import Permission, authorize, within
from portfolio.storage import Store


@dataclass(frozen=True)
class Matches:
    ids: tuple[str, ...]
    """The matches offered, ordered by id."""
    total: int
    """How many initiatives match in all."""


@dataclass(frozen=True)
class InitiativeIndex:
    """Id, title, department and stage of every initiative, for pickers that must work at
    national scale (#7): a search narrows 50 k initiatives to a few to choose from."""

    rows: pd.DataFrame
    """Columns id, title, department, stage; indexed by id, in id order."""

    def __contains__(self, initiative_id: object) -> bool:
        return initiative_id in self.rows.index

    def __len__(self) -> int:
        return len(self.rows)

    def title(self, initiative_id: str) -> str:
        return str(self.rows.at[initiative_id, "title"])

    def department(self, initiative_id: str) -> str:
        return str(self.rows.at[initiative_id, "department"])

    def search(
        self, text: str = "", departments: Collection[str] | None = None, *, limit: int
    ) -> Matches:
        """The first `limit` initiatives (by id) in `departments` (None: all) whose id or
        title contains every word of `text`, ignoring case."""
        haystack = self.rows.index.str.lower() + " " + self.rows["title"].str.lower()
        found = pd.Series(True, index=self.rows.index)
        for word in text.lower().split():
            found &= haystack.str.contains(word, regex=False)
        if departments is not None:
            found &= self.rows["department"].isin(list(departments))
        ids = found[found].index
        return Matches(tuple(ids[:limit]), len(ids))


def initiative_index(store: Store, actor: Actor) -> InitiativeIndex:
    """Every initiative the actor may read: all of their organisation's (everything, for a
    national reader); department names alone never say whose an initiative is (#13)."""
    authorize(actor, Permission.READ)
    rows = store.initiative_index.rows()
    if actor.organisation:
        rows = rows[[within(actor, o) for o in rows["organisation"]]]
    return InitiativeIndex(rows.set_index("id", drop=False))


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


def initiative_detail(store: Store, actor: Actor, initiative_id: str) -> InitiativeDetail:
    authorize(actor, Permission.READ)
    initiative = store.initiatives.get(initiative_id)
    if initiative is None:
        raise NotFound(code="initiative.not_found", params={"id": initiative_id})
    authorize(actor, Permission.READ, organisation=initiative.organisation)
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


def departments(store: Store, actor: Actor) -> list[Department]:
    authorize(actor, Permission.READ)
    return [d for d in store.departments.all() if within(actor, d.organisation)]
