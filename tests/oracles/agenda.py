"""The agenda rules one initiative at a time: the reference the vectorised rules are held
equal to (#15).

Production judges every initiative's facts at once, in column arrays
(portfolio.review.agenda_rules): building 45 k AgendaItem objects one by one took ~1.5 s
of a national run's follow-up. These are the same rules as plain Python over AgendaFacts,
short enough to check by eye against docs/operations.md; tests marked `oracle` hold the
two to the same items, reasons, groups and most urgent slices on random facts.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import date
from typing import TypeVar

from portfolio.models import GroupKey, PersonKey, Recommendation, Stage
from portfolio.review.agenda import (
    ACTION_RECOMMENDATIONS,
    AgendaFacts,
    AgendaItem,
    AgendaReason,
    LastDecision,
    Subject,
)
from portfolio.review.urgency import urgency_key

K = TypeVar("K", GroupKey, PersonKey)


def agenda_items(facts: Iterable[AgendaFacts], as_of: date, *, stale_after_days: int = 60,
                 follow_up_months: Sequence[int] = (6, 12)) -> tuple[AgendaItem, ...]:
    """Every initiative that is not closed and has something due, with why."""
    newest_first = tuple(sorted(set(follow_up_months), reverse=True))
    items = []
    for fact in facts:
        if fact.initiative.stage is Stage.CLOSED:
            continue
        item = _item(fact, as_of, stale_after_days, newest_first)
        if item.reasons:
            items.append(item)
    return tuple(items)


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
    """The latest checkpoint after scaling that has passed with no decision."""
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


def grouped(items: Sequence[AgendaItem], wanted: frozenset[AgendaReason],
            key: Callable[[AgendaItem], K]) -> dict[K, tuple[AgendaItem, ...]]:
    """Items with a reason in `wanted`, those reasons only, by `key`, keys sorted."""
    by_key: dict[K, list[AgendaItem]] = defaultdict(list)
    for item in items:
        reasons = tuple(r for r in item.reasons if r in wanted)
        if reasons:
            by_key[key(item)].append(replace(item, reasons=reasons))
    return {k: tuple(v) for k, v in sorted(by_key.items())}


def overdue(items: Sequence[AgendaItem]) -> tuple[AgendaItem, ...]:
    """The zombies only, each with the one reason OVERDUE."""
    return tuple(replace(i, reasons=(AgendaReason.OVERDUE,)) for i in items
                 if AgendaReason.OVERDUE in i.reasons)


def most_urgent_items(items: Sequence[AgendaItem], limit: int) -> list[AgendaItem]:
    """At most `limit` items, the most urgent, in the agenda's order (by initiative id)."""
    if len(items) <= limit:
        return list(items)
    chosen = sorted(items, key=lambda item: urgency_key(
        AgendaReason.OVERDUE in item.reasons,
        item.recommendation.value if item.recommendation else None, item.initiative.id))
    return sorted(chosen[:limit], key=lambda item: item.initiative.id)
