"""The follow-up agenda: its reasons, items and facts.

What is due for each steering group and each owner is a pure function of stored facts and
a date (portfolio.review.agenda_rules): no clock, no database, so the scheduled flows,
the e-mails and the tests all see the same agenda for the same data. The facts are slim,
one row per initiative read set-based by portfolio.storage.agenda_facts: a national agenda
built from Initiative and Evaluation models took 28 s, 22 s of it parsing 45 k
evaluations' JSON (#7).
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from portfolio.models import (
    DecisionKind,
    GroupKey,
    Light,
    PersonKey,
    Recommendation,
    Stage,
)

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


class Items(Sequence[AgendaItem]):
    """An agenda's items, read-only. agenda_items.DueItems keeps them as columns, so 45 k
    items are counted, narrowed, grouped and ranked without building each (#15)."""

    __slots__ = ()

    @abstractmethod
    def only(self, reasons: Collection[AgendaReason]) -> Items:
        """The items with a reason among `reasons`, each with those reasons only."""
        ...

    @abstractmethod
    def by_group(self) -> dict[GroupKey, Items]:
        """By steering group (organisation + name, #13), groups sorted."""
        ...

    @abstractmethod
    def by_owner(self) -> dict[PersonKey, Items]:
        """By owner (organisation + name, #13), owners sorted."""
        ...

    @abstractmethod
    def most_urgent(self, limit: int) -> list[AgendaItem]:
        """At most `limit` items, the most urgent (overdue, then CLOSE, NEEDS_DATA, …:
        review.urgency), in the agenda's order (by initiative id)."""
        ...


@dataclass(frozen=True)
class Agenda:
    """What is due as of a date. Its items are lazy (agenda_items.DueItems): built as
    AgendaItem models only where they are shown."""

    as_of: date
    items: Items
    judged: int | None = None
    """How many initiatives were judged (active ones); None for a part of an agenda."""

    def for_steering_groups(self) -> dict[GroupKey, Items]:
        """Items a steering group must look at, by group: organisation + name (#13; name
        '' when a department has none), each with the reasons of STEERING_REASONS."""
        return self.items.only(STEERING_REASONS).by_group()

    def for_owners(self) -> dict[PersonKey, Items]:
        """Items an owner must act on, by owner: organisation + name (#13; name '' when an
        initiative has none), so namesakes of two organisations are two owners."""
        return self.items.only(OWNER_REASONS).by_owner()

    def overdue(self) -> Agenda:
        """Only the zombies: reviews passed without a decision, escalated every run, each
        with the one reason OVERDUE."""
        return Agenda(self.as_of, self.items.only({AgendaReason.OVERDUE}))

    def by_steering_group(self) -> dict[GroupKey, Agenda]:
        """The agenda split by steering group, every reason kept: together the parts are
        the whole agenda (what a run escalates and publishes group by group)."""
        return {group: Agenda(self.as_of, items)
                for group, items in self.items.by_group().items()}
