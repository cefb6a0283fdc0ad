"""The follow-up agenda, as a pure function of stored facts and a date.

What is due for each steering group and each owner: no clock, no database, so the
scheduled flows, the e-mails and the tests all see the same agenda for the same data.
The facts are slim (AgendaFacts: one row per initiative, read set-based by
portfolio.storage.agenda_facts): a national agenda built from Initiative and Evaluation
models took 28 s, 22 s of it parsing 45 k evaluations' JSON (#7). `build_agenda` takes
the models, for callers that hold them already.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from typing import TypeVar

from portfolio.models import (
    Decision,
    DecisionKind,
    Department,
    Evaluation,
    GroupKey,
    Initiative,
    KpiKind,
    Light,
    PersonKey,
    Recommendation,
    Stage,
)
from portfolio.review.urgency import urgency_key

K = TypeVar("K", GroupKey, PersonKey)

FOLLOW_UP_MONTHS = (6, 12)
"""The default checkpoints after a SCALE decision; the policy's
`followup.months_after_scaling` is what runs (only the latest one due is shown)."""


class AgendaReason(StrEnum):
    OVERDUE = "overdue"
    RECOMMENDATION_CHANGED = "recommendation_changed"
    NEEDS_DATA = "needs_data"
    FOLLOW_UP_6 = "follow_up_6"
    FOLLOW_UP_12 = "follow_up_12"
    FOLLOW_UP = "follow_up"
    """A follow-up at a policy's other month (`AgendaItem.follow_up_months` says which)."""
    STALE_MEASUREMENTS = "stale_measurements"
    RECOMMENDED = "recommended"
    FORECAST_LATE = "forecast_late"
    """At its trend a benefit KPI reaches its target after the review date, or never: on
    the agenda before the date, so a pivot is not months late (#18)."""


ACTION_RECOMMENDATIONS = frozenset(
    {Recommendation.SCALE, Recommendation.PIVOT, Recommendation.CLOSE}
)
"""Recommendations that call for a decision even before the review date."""

STEERING_REASONS = frozenset(AgendaReason) - {AgendaReason.STALE_MEASUREMENTS}
"""What a steering group must look at; stale data alone is the owner's job."""

OWNER_REASONS = frozenset(AgendaReason) - {
    AgendaReason.RECOMMENDATION_CHANGED, AgendaReason.RECOMMENDED
}
"""What an owner is reminded of: data to record and reviews to prepare."""


@dataclass(frozen=True)
class Subject:
    """What the agenda shows and needs of an initiative."""

    id: str
    title: str
    department: str
    owner: str
    stage: Stage
    review_on: date | None = None
    organisation: str = ""
    """Of its department: with the group's name, the steering group's identity (#13)."""


@dataclass(frozen=True)
class LastDecision:
    decided_on: date
    kind: DecisionKind
    recommendation: Recommendation | None = None


@dataclass(frozen=True)
class AgendaFacts:
    """Everything the agenda is a function of, for one initiative."""

    initiative: Subject
    steering_group: str
    recommendation: Recommendation | None = None
    """Of the latest evaluation (None: never evaluated)."""
    evaluated_on: date | None = None
    """As-of date of the latest evaluation."""
    kpis_latest_on: tuple[tuple[str, date | None], ...] = ()
    """Each KPI's name and the date of its newest measurement (None: none yet)."""
    last_decision: LastDecision | None = None
    scaled_on: date | None = None
    """Date of the newest SCALE decision."""
    lights: tuple[Light | None, ...] = (None, None, None)
    """Budget, time and benefit of the latest evaluation (models.Verdict.lights)."""
    forecast_late: bool = False
    """A benefit KPI of the latest evaluation reaches its target after the review date at
    its trend, or not at this trend."""


@dataclass(frozen=True)
class AgendaItem:
    initiative: Subject
    steering_group: str
    reasons: tuple[AgendaReason, ...]
    recommendation: Recommendation | None = None
    last_decision: LastDecision | None = None
    follow_up_on: date | None = None
    follow_up_months: int | None = None
    stale_kpis: tuple[str, ...] = ()
    lights: tuple[Light | None, ...] = (None, None, None)
    """Budget, time and benefit (AgendaFacts.lights)."""

    @property
    def group(self) -> GroupKey:
        """Its steering group: organisation + name (#13; name '' when it has none)."""
        return GroupKey(self.initiative.organisation, self.steering_group)

    @property
    def owner(self) -> PersonKey:
        """Its owner: the person of that name in the initiative's organisation (#13)."""
        return PersonKey(self.initiative.organisation, self.initiative.owner)


@dataclass(frozen=True)
class Agenda:
    as_of: date
    items: tuple[AgendaItem, ...]

    def for_steering_groups(self) -> dict[GroupKey, tuple[AgendaItem, ...]]:
        """Items a steering group must look at, by group: organisation + name (#13; name
        '' when a department has none)."""
        return _grouped(self.items, STEERING_REASONS, lambda i: i.group)

    def for_owners(self) -> dict[PersonKey, tuple[AgendaItem, ...]]:
        """Items an owner must act on, by owner: organisation + name (#13; name '' when an
        initiative has none), so namesakes of two organisations are two owners."""
        return _grouped(self.items, OWNER_REASONS, lambda i: i.owner)

    def overdue(self) -> Agenda:
        """Only the zombies: reviews passed without a decision, escalated every run."""
        only = (AgendaReason.OVERDUE,)
        items = tuple(
            i if i.reasons == only else replace(i, reasons=only)
            for i in self.items
            if AgendaReason.OVERDUE in i.reasons
        )
        return Agenda(self.as_of, items)


def build_agenda(
    initiatives: Sequence[Initiative],
    latest: Mapping[str, Evaluation],
    decisions: Sequence[Decision],
    departments: Sequence[Department],
    as_of: date,
    *,
    stale_after_days: int = 60,
    follow_up_months: Sequence[int] = FOLLOW_UP_MONTHS,
) -> Agenda:
    """The agenda of `agenda_of`, from models."""
    groups = {(d.organisation, d.name): d.steering_group for d in departments}
    named = {d.name: d for d in departments}  # an initiative of no organisation
    by_initiative: dict[str, list[Decision]] = defaultdict(list)
    for decision in sorted(decisions, key=lambda d: (d.decided_on, d.id or 0)):
        by_initiative[decision.initiative_id].append(decision)
    facts = [_facts(i, latest.get(i.id), by_initiative[i.id],
                    groups.get((i.organisation, i.department), "") if i.organisation
                    else _named_group(named.get(i.department)))
             for i in initiatives]
    return agenda_of(facts, as_of, stale_after_days=stale_after_days,
                     follow_up_months=follow_up_months)


def _named_group(department: Department | None) -> GroupKey:
    """The group of a department found by name alone (an initiative of no organisation)."""
    return GroupKey(department.organisation, department.steering_group) if department \
        else GroupKey("", "")


def _facts(initiative: Initiative, evaluation: Evaluation | None, decisions: list[Decision],
           group: str | GroupKey) -> AgendaFacts:
    last = decisions[-1] if decisions else None
    scaled = [d.decided_on for d in decisions if d.kind is DecisionKind.SCALE]
    organisation, name = ((group.organisation or initiative.organisation, group.name)
                          if isinstance(group, GroupKey) else (initiative.organisation, group))
    return AgendaFacts(
        initiative=Subject(initiative.id, initiative.title, initiative.department,
                           initiative.owner, initiative.stage, initiative.review_on,
                           organisation),
        steering_group=name,
        recommendation=evaluation.recommendation if evaluation else None,
        evaluated_on=evaluation.as_of if evaluation else None,
        kpis_latest_on=tuple((k.name, k.latest_on) for k in evaluation.kpis) if evaluation
        else (),
        last_decision=LastDecision(last.decided_on, last.kind, last.recommendation) if last
        else None,
        scaled_on=scaled[-1] if scaled else None,
        lights=tuple(evaluation.lights.values()) if evaluation else (None, None, None),
        forecast_late=_forecast_late(initiative, evaluation),
    )


def _forecast_late(initiative: Initiative, evaluation: Evaluation | None) -> bool:
    if evaluation is None or initiative.review_on is None:
        return False
    codes = {r.code for r in evaluation.reasons}
    # A forecast date already past (the target should have been reached) is late too.
    return bool({"attainment.not_at_this_trend", "attainment.forecast_passed"} & codes) or any(
        k.forecast_on is not None
        and (k.forecast_on > initiative.review_on or k.forecast_on < evaluation.as_of)
        for k in evaluation.kpis if k.kind is KpiKind.BENEFIT)


def agenda_of(facts: Iterable[AgendaFacts], as_of: date, *, stale_after_days: int = 60,
              follow_up_months: Sequence[int] = FOLLOW_UP_MONTHS) -> Agenda:
    """Every initiative that is not closed and has something due, with why; follow-ups
    after scaling at the policy's `followup.months_after_scaling`."""
    newest_first = tuple(sorted(set(follow_up_months), reverse=True))
    items = []
    for fact in facts:
        if fact.initiative.stage is Stage.CLOSED:
            continue
        item = _item(fact, as_of, stale_after_days, newest_first)
        if item.reasons:
            items.append(item)
    return Agenda(as_of, tuple(items))


def _item(facts: AgendaFacts, as_of: date, stale_after_days: int,
          follow_up_months: tuple[int, ...]) -> AgendaItem:
    initiative, last, now = facts.initiative, facts.last_decision, facts.recommendation
    reasons = []
    if _overdue(initiative, last, as_of):
        reasons.append(AgendaReason.OVERDUE)
    if last and last.recommendation and now and now is not last.recommendation:
        reasons.append(AgendaReason.RECOMMENDATION_CHANGED)
    if now is Recommendation.NEEDS_DATA:
        reasons.append(AgendaReason.NEEDS_DATA)
    if (now in ACTION_RECOMMENDATIONS
            and AgendaReason.RECOMMENDATION_CHANGED not in reasons
            and not (last and facts.evaluated_on and last.decided_on >= facts.evaluated_on)):
        reasons.append(AgendaReason.RECOMMENDED)
    follow_up = _follow_up_due(facts, as_of, follow_up_months)
    if follow_up:
        reasons.append(follow_up[0])
    stale = _stale_kpis(facts, as_of, stale_after_days)
    if stale:
        reasons.append(AgendaReason.STALE_MEASUREMENTS)
    review_on = initiative.review_on
    if facts.forecast_late and review_on is not None and as_of <= review_on:
        reasons.append(AgendaReason.FORECAST_LATE)
    return AgendaItem(
        initiative=initiative, steering_group=facts.steering_group, reasons=tuple(reasons),
        recommendation=now, last_decision=last,
        follow_up_on=follow_up[1] if follow_up else None,
        follow_up_months=follow_up[2] if follow_up else None, stale_kpis=stale,
        lights=facts.lights,
    )


def _overdue(initiative: Subject, last: LastDecision | None, as_of: date) -> bool:
    """Past the review date with no decision since: the definition of the `time` criterion."""
    review_on = initiative.review_on
    if review_on is None or as_of <= review_on:
        return False
    return last is None or last.decided_on < review_on


def _follow_up_due(facts: AgendaFacts, as_of: date, months_newest_first: tuple[int, ...]
                   ) -> tuple[AgendaReason, date, int] | None:
    """The latest checkpoint after scaling (the policy's months, +6/+12 by default) that
    has passed with no decision."""
    if facts.initiative.stage not in (Stage.SCALING, Stage.OPERATION):
        return None
    if facts.scaled_on is None or facts.last_decision is None:
        return None
    last_on = facts.last_decision.decided_on
    for months in months_newest_first:
        checkpoint = add_months(facts.scaled_on, months)
        if checkpoint <= as_of:
            if last_on < checkpoint:
                named = f"follow_up_{months}"
                reason = (AgendaReason(named) if named in {r.value for r in AgendaReason}
                          else AgendaReason.FOLLOW_UP)
                return reason, checkpoint, months
            return None
    return None


def _stale_kpis(facts: AgendaFacts, as_of: date, max_age: int) -> tuple[str, ...]:
    """KPIs of a running, evaluated initiative whose newest value is missing or older than
    max_age."""
    if facts.evaluated_on is None or facts.initiative.stage is Stage.IDEA:
        return ()
    return tuple(
        name for name, latest_on in facts.kpis_latest_on
        if latest_on is None or (as_of - latest_on).days > max_age
    )


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the month's end (31 Aug + 6 → 28/29 Feb)."""
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _grouped(
    items: tuple[AgendaItem, ...],
    wanted: frozenset[AgendaReason],
    key: Callable[[AgendaItem], K],
) -> dict[K, tuple[AgendaItem, ...]]:
    grouped: dict[K, list[AgendaItem]] = defaultdict(list)
    for item in items:
        reasons = item.reasons
        if not wanted.issuperset(reasons):
            reasons = tuple(r for r in reasons if r in wanted)
        if reasons:
            # most items keep every reason: a copy of each cost ~1 s at 50 k (#15)
            grouped[key(item)].append(
                item if reasons == item.reasons else replace(item, reasons=reasons))
    return {k: tuple(v) for k, v in sorted(grouped.items())}


def most_urgent_items(items: Sequence[AgendaItem], limit: int) -> list[AgendaItem]:
    """At most `limit` items, the most urgent (overdue, then CLOSE, NEEDS_DATA, …:
    review.urgency), in the agenda's order (by initiative id): what a bounded e-mail or
    artifact shows of a long agenda, with a link to the rest."""
    if len(items) <= limit:
        return list(items)
    chosen = sorted(items, key=_urgency)[:limit]
    return sorted(chosen, key=lambda item: item.initiative.id)


def _urgency(item: AgendaItem) -> tuple[bool, int, str]:
    rec = item.recommendation.value if item.recommendation else None
    return urgency_key(AgendaReason.OVERDUE in item.reasons, rec, item.initiative.id)
