"""The public results page's use cases (#19): what an administrator chose to show the
public, and what the public sees of it.

Marking is an audited administrator's use case. Reading takes no actor on purpose: the
page is public. What it returns is chosen field by field, never a whole model, so nothing
personal reaches it — no owner, no decision maker, no lesson author, no rationale (free
text that may name people) — and budget lines only where the mark says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from portfolio.errors import NotFound
from portfolio.models import Actor, Decision, Kpi, KpiStats, Measurement
from portfolio.openness import PublicMark
from portfolio.service import audit
from portfolio.service.access import Permission, authorize
from portfolio.storage import Store


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def mark_public(store: Store, actor: Actor, initiative_id: str, *,
                show_budget: bool = False) -> PublicMark:
    """Show an initiative on the public results page (again marking it changes whether
    its budget lines show)."""
    authorize(actor, Permission.PUBLISH)
    if store.initiatives.get(initiative_id) is None:
        raise NotFound(code="initiative.not_found", params={"id": initiative_id})
    before = store.public_marks.get(initiative_id)
    mark = PublicMark(initiative_id=initiative_id, show_budget=show_budget,
                      marked_by=actor.username, marked_at=_now())
    if before is not None and before.show_budget == show_budget:
        return before
    store.public_marks.save(mark)
    audit.record(store, actor, "publish", "initiative", initiative_id, before, mark)
    return mark


def unmark_public(store: Store, actor: Actor, initiative_id: str) -> None:
    authorize(actor, Permission.PUBLISH)
    before = store.public_marks.get(initiative_id)
    if before is None:
        raise NotFound(code="public.not_marked", params={"id": initiative_id})
    store.public_marks.remove(initiative_id)
    audit.record(store, actor, "unpublish", "initiative", initiative_id, before, None)


def public_mark(store: Store, actor: Actor, initiative_id: str) -> PublicMark | None:
    """Whether (and how) one initiative is public; for the administrator's control."""
    authorize(actor, Permission.PUBLISH)
    return store.public_marks.get(initiative_id)


def public_marks(store: Store, actor: Actor) -> list[PublicMark]:
    authorize(actor, Permission.PUBLISH)
    return store.public_marks.all()


@dataclass(frozen=True)
class PublicResult:
    """A KPI's result as the public sees it."""

    name: str
    unit: str
    kind: str
    direction: str
    baseline: float
    target: float
    latest_value: float | None
    latest_on: date | None


@dataclass(frozen=True)
class PublicInitiative:
    id: str
    title: str
    organisation: str
    department: str
    stage: str
    technology: str | None
    core_task: str
    hypothesis: str
    started_on: date | None
    outcome: str | None
    """The latest decision: SCALE, CONTINUE, PIVOT, CLOSE or PARK."""
    outcome_on: date | None
    close_reason: str | None
    results: tuple[PublicResult, ...]
    lessons: tuple[str, ...]
    budget_dkk: float | None
    spent_dkk: float | None


def _result(stats: KpiStats) -> PublicResult:
    return PublicResult(stats.name, stats.unit, stats.kind.value, stats.direction.value,
                        stats.baseline, stats.target, stats.latest_value, stats.latest_on)


def _measured(kpis: list[Kpi], measurements: list[Measurement]) -> tuple[PublicResult, ...]:
    newest: dict[str, Measurement] = {}
    for m in sorted(measurements, key=lambda m: m.on):
        newest[m.kpi] = m
    return tuple(
        PublicResult(k.name, k.unit, k.kind.value, k.direction.value, k.baseline, k.target,
                     newest[k.name].value if k.name in newest else None,
                     newest[k.name].on if k.name in newest else None)
        for k in kpis
    )


def public_initiatives(
    store: Store, *, default_organisation: str, organisation: str | None = None,
) -> list[PublicInitiative]:
    """Every initiative marked public (of `organisation`, when given), by organisation and
    title. No actor: this is what anyone may see."""
    marks = {m.initiative_id: m for m in store.public_marks.all()}
    initiatives = store.initiatives.for_ids(marks)
    organisation_of = {d.name: d.organisation or default_organisation
                       for d in store.departments.all()}
    ids = [i.id for i in initiatives]
    latest = {e.initiative_id: e for e in store.evaluations.latest_for_ids(ids)}
    decisions: dict[str, Decision] = {}
    for decision in store.decisions.for_initiatives(ids):  # newest first
        decisions.setdefault(decision.initiative_id, decision)
    lessons: dict[str, list[str]] = {}
    for lesson in store.lessons.for_initiatives(ids):
        lessons.setdefault(lesson.initiative_id, []).append(lesson.text)
    results = {i: tuple(_result(k) for k in e.kpis) for i, e in latest.items() if e.kpis}
    for initiative_id in (i for i in ids if i not in results):
        # Closed before any evaluation kept its KPI statistics: the stored values.
        results[initiative_id] = _measured(store.kpis.for_initiative(initiative_id),
                                           store.measurements.for_initiative(initiative_id))
    shown = []
    for i in initiatives:
        where = organisation_of.get(i.department, default_organisation)
        if organisation is not None and where != organisation:
            continue
        decision = decisions.get(i.id)
        budget = marks[i.id].show_budget
        shown.append(PublicInitiative(
            id=i.id, title=i.title, organisation=where, department=i.department,
            stage=i.stage.value, technology=i.technology.value if i.technology else None,
            core_task=i.core_task, hypothesis=i.hypothesis, started_on=i.started_on,
            outcome=decision.kind.value if decision else None,
            outcome_on=decision.decided_on if decision else None,
            close_reason=decision.reason_code if decision else None,
            results=results.get(i.id, ()),
            lessons=tuple(lessons.get(i.id, ())),
            budget_dkk=i.budget_dkk if budget else None,
            spent_dkk=i.spent_dkk if budget else None,
        ))
    return sorted(shown, key=lambda p: (p.organisation, p.title.casefold(), p.id))
