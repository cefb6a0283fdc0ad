"""Read use cases behind the printed reports: one consistent read per report.

Each returns the models a report shows (no SQL, no layout); portfolio/reports/ turns them
into HTML and PDF. Each reads in the unit of work its caller opened (#16); the renderers
of portfolio/reports/documents.py open it and close it before laying a report out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TypeVar

from portfolio.errors import NotAllowed, NotFound
from portfolio.models import (
    Actor,
    Decision,
    DecisionKind,
    Evaluation,
    GroupKey,
    Initiative,
    Kpi,
    KpiStats,
    Lesson,
    Measurement,
)
from portfolio.review.agenda import AgendaItem as FollowUp
from portfolio.review.agenda import AgendaReason
from portfolio.service.access import Permission, authorize, within
from portfolio.service.agenda import review_agenda
from portfolio.service.steering import group_named
from portfolio.storage import Store
from portfolio.storage.portfolio_tables import PortfolioCounts
from portfolio.storage.realised import RealisedGroup

T = TypeVar("T", Kpi, Measurement, Decision, Lesson)

@dataclass(frozen=True)
class InitiativeFile:
    """Everything the reports show about one initiative."""

    initiative: Initiative
    kpis: tuple[Kpi, ...]
    measurements: tuple[Measurement, ...]
    evaluation: Evaluation | None
    decisions: tuple[Decision, ...]
    """Newest first."""
    lessons: tuple[Lesson, ...]
    kpi_stats: tuple[KpiStats, ...] = ()
    """Each KPI's statistics as of the file's date, computed as a run computes them."""

    @property
    def last_decision(self) -> Decision | None:
        return self.decisions[0] if self.decisions else None

    def measurements_of(self, kpi: Kpi) -> list[Measurement]:
        return [m for m in self.measurements if m.kpi == kpi.name]


@dataclass(frozen=True)
class AgendaItem:
    file: InitiativeFile
    reasons: tuple[str, ...]
    """Codes of portfolio.review.agenda.AgendaReason."""


@dataclass(frozen=True)
class AgendaMaterial:
    group: str
    departments: tuple[str, ...]
    as_of: date
    active: int
    due: tuple[FollowUp, ...]
    """Every item due for the group, as the follow-up flow and the steering page find it,
    in the pack's order: what the pack's table lists."""
    items: tuple[AgendaItem, ...]
    """The first `detailed` of `due` (all without it), each with its initiative's file."""
    evaluated: bool
    organisation: str = ""
    """The group's organisation: a group is organisation + name (#13)."""


@dataclass(frozen=True)
class MinutesEntry:
    decision: Decision
    initiative: Initiative
    lessons: tuple[Lesson, ...]


@dataclass(frozen=True)
class MinutesMaterial:
    group: str
    departments: tuple[str, ...]
    on: date
    entries: tuple[MinutesEntry, ...]
    organisation: str = ""
    """The group's organisation (#13)."""


@dataclass(frozen=True)
class CashableFile:
    file: InitiativeFile
    kpi: Kpi
    latest: float
    share: float


@dataclass(frozen=True)
class PortfolioMaterial:
    """The portfolio at its evidence date, read to cost what the report's figures cost (#7).

    Nothing here grows with the portfolio beyond a table's bound (#15): the headline
    numbers are counted in DuckDB (`counts`), benefits come as grouped means (`realised`,
    point 0 being now and point i the end of `quarters[i - 1]`), and only the initiatives a
    long table lists are read as files, with their decisions (and a closed one's lessons)
    but no KPIs or measurements.
    """

    as_of: date
    departments: tuple[str, ...]
    counts: PortfolioCounts
    scaled: tuple[InitiativeFile, ...]
    """The first `table_rows` scaled initiatives, most recently scaled first."""
    closed: tuple[InitiativeFile, ...]
    """The first `table_rows` closed initiatives, most recently closed first."""
    quarters: tuple[tuple[int, int, date], ...]
    """(year, number, end) of the last quarters, oldest first; the running one ends at as_of."""
    realised: tuple[RealisedGroup, ...]
    decisions_by_quarter: dict[tuple[int, int], dict[DecisionKind, int]]
    cashable: tuple[CashableFile, ...]
    cashable_total: int
    table_rows: int | None
    """Most rows a long table lists; None: all."""


def steering_groups(store: Store, actor: Actor) -> list[GroupKey]:
    """Every steering group with departments, organisation + name (#13)."""
    authorize(actor, Permission.READ)
    return sorted({d.group for d in store.departments.all() if d.group})


def group_key(store: Store, actor: Actor, group: GroupKey | str) -> GroupKey:
    """The group a pack is asked for: a GroupKey as it is (within the actor's
    organisation), a name alone resolved by `steering.group_named`."""
    if not isinstance(group, tuple):
        return group_named(store, actor, group)
    key = GroupKey(*group)
    if not within(actor, key.organisation):
        raise NotAllowed(code="access.other_organisation",
                         params={"user": actor.username, "organisation": key.organisation})
    return key


def _group_departments(store: Store, group: GroupKey) -> tuple[str, ...]:
    departments = store.departments.all()
    members = tuple(d.name for d in departments if group.name and d.group == group)
    if not members:
        known = sorted({d.group.label() for d in departments if d.group})
        raise NotFound(code="steering.unknown_group" if known else "steering.no_groups",
                       params={"group": group.name,
                               **({"known": tuple(known)} if known else {})})
    return members


def _of_group(group: GroupKey, initiatives: list[Initiative]) -> list[Initiative]:
    """The initiatives of `group`'s organisation (#13): read by department name, a
    namesake department of another organisation's group came along."""
    return [i for i in initiatives if not i.organisation or i.organisation == group.organisation]


def _files(
    store: Store, initiatives: list[Initiative], latest: dict[str, Evaluation], as_of: date,
) -> list[InitiativeFile]:
    """The initiatives' files: KPIs, measurements up to `as_of`, decisions, lessons and
    the KPIs' statistics, with each one's latest evaluation from `latest`."""
    ids = [i.id for i in initiatives]
    kpis = _by_initiative(store.kpis.for_initiatives(ids))
    measurements = _by_initiative(store.measurements.for_initiatives(ids, as_of))
    decisions = _by_initiative(store.decisions.for_initiatives(ids))
    lessons = _by_initiative(store.lessons.for_initiatives(ids))
    stats = store.kpi_stats.of_initiatives(ids, as_of)
    return [
        InitiativeFile(
            initiative=i,
            kpis=tuple(kpis[i.id]),
            measurements=tuple(measurements[i.id]),
            evaluation=latest.get(i.id),
            decisions=tuple(decisions[i.id]),
            lessons=tuple(lessons[i.id]),
            kpi_stats=tuple(stats.get(i.id, ())),
        )
        for i in initiatives
    ]


def _by_initiative(items: Iterable[T]) -> defaultdict[str, list[T]]:
    grouped: defaultdict[str, list[T]] = defaultdict(list)
    for item in items:
        grouped[item.initiative_id].append(item)
    return grouped


def overdue_first(items: tuple[FollowUp, ...]) -> tuple[FollowUp, ...]:
    """Overdue reviews first, otherwise in the agenda's order: a meeting cannot discuss
    hundreds of initiatives (#7), so a pack with more than it details lists them in this
    order and details the first ones; a pack that details every item keeps the agenda's."""
    return tuple(sorted(items, key=lambda item: AgendaReason.OVERDUE not in item.reasons))


def agenda_material(
    store: Store, actor: Actor, group: GroupKey | str, *, detailed: int | None = None
) -> AgendaMaterial:
    """What a steering group must decide on, as of the latest evaluation: the items the
    follow-up flow and the steering page find (service.agenda.review_agenda over the
    group's departments' facts: one set-based read, no model per active initiative).

    With `detailed`, a longer agenda comes overdue reviews first (`overdue_first`) and
    only its first `detailed` items are read with their files (evaluation, KPIs,
    measurements, decisions, lessons): the pack details those alone, and reading a
    national group's ~450 files as models cost ~0.6 s of its ~1 s (#15)."""
    authorize(actor, Permission.READ)
    group = group_key(store, actor, group)
    departments = _group_departments(store, group)
    evidence_on = store.evaluations.newest_as_of()
    as_of = evidence_on or date.today()
    agenda = review_agenda(store, actor, as_of,
                           departments=[(group.organisation, name) for name in departments])
    due = tuple(agenda.for_steering_groups().get(group, ()))
    if detailed is not None and len(due) > detailed:
        due = overdue_first(due)
    chosen = due if detailed is None else due[:detailed]
    ids = [item.initiative.id for item in chosen]
    initiatives = {i.id: i for i in store.initiatives.for_ids(ids)}
    latest = {e.initiative_id: e for e in store.evaluations.latest_for_ids(ids)}
    files = {f.initiative.id: f for f in _files(store, list(initiatives.values()), latest,
                                                as_of)}
    items = tuple(AgendaItem(files[item.initiative.id], tuple(str(r) for r in item.reasons))
                  for item in chosen)
    return AgendaMaterial(group.name, departments, as_of, agenda.judged or 0, due, items,
                          evidence_on is not None, group.organisation)


def minutes_material(store: Store, actor: Actor, group: GroupKey | str,
                     on: date) -> MinutesMaterial:
    """The decisions a steering group (organisation + name, #13) recorded on one day."""
    authorize(actor, Permission.READ)
    group = group_key(store, actor, group)
    departments = _group_departments(store, group)
    initiatives = {i.id: i for i in _of_group(
        group, store.initiatives.for_departments(departments))}
    decisions = [d for d in store.decisions.on_date(on) if d.initiative_id in initiatives]
    if not decisions:
        days = sorted({
            d.decided_on for d in store.decisions.for_initiatives(list(initiatives))
        }, reverse=True)[:5]
        raise NotFound(code="steering.no_decisions_on", params={
            "group": group.name, "on": on.isoformat(),
            "recent": tuple(d.isoformat() for d in days)})
    entries = tuple(
        MinutesEntry(
            decision=d,
            initiative=initiatives[d.initiative_id],
            lessons=tuple(x for x in store.lessons.for_initiative(d.initiative_id)
                          if x.created_on == on),
        )
        for d in decisions
    )
    return MinutesMaterial(group.name, departments, on, entries, group.organisation)


def quarter_of(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def _quarter_end(year: int, number: int) -> date:
    first_of_next = date(year + number // 4, number % 4 * 3 + 1, 1)
    return first_of_next - timedelta(days=1)


def _previous(year: int, number: int) -> tuple[int, int]:
    return (year, number - 1) if number > 1 else (year - 1, 4)


def last_quarters(as_of: date, count: int) -> tuple[tuple[int, int, date], ...]:
    """(year, number, end) of the `count` quarters up to `as_of`, oldest first; the running
    quarter ends at `as_of`."""
    keys = [quarter_of(as_of)]
    while len(keys) < count:
        keys.append(_previous(*keys[-1]))
    return tuple((y, n, min(_quarter_end(y, n), as_of)) for y, n in reversed(keys))


def portfolio_material(
    store: Store, actor: Actor, *, quarters: int = 8, table_rows: int | None = None
) -> PortfolioMaterial:
    """The whole portfolio for management: counts, the long tables' rows, and realised
    benefits now and at each of the last `quarters` quarter ends, all chosen in the database
    (#15: no model per initiative or decision of the portfolio). One organisation's people
    get their organisation's portfolio, a national actor all (#13)."""
    authorize(actor, Permission.READ)
    organisation = actor.organisation or ""
    as_of = store.evaluations.newest_as_of() or date.today()
    calendar = last_quarters(as_of, quarters)
    departments = tuple(d.name for d in store.departments.all()
                        if within(actor, d.organisation))
    tables = store.portfolio_tables
    counts = tables.counts(organisation)
    scaled_ids = tables.scaled_ids(table_rows, organisation)
    closed_ids = tables.closed_ids(table_rows, organisation)
    realised = store.realised.groups(as_of, [end for _, _, end in calendar], organisation)
    by_quarter = store.realised.decisions_by_quarter(
        _quarter_end(*_previous(*calendar[0][:2])) + timedelta(days=1), as_of, organisation
    )
    shares, cashable_total = store.realised.cashable(as_of, table_rows, organisation)
    files = _listed_files(store, {*scaled_ids, *closed_ids,
                                  *(s.initiative_id for s in shares)}, set(closed_ids))
    kpis = {(k.initiative_id, k.name): k for k in store.kpis.for_initiatives(
        sorted({s.initiative_id for s in shares}))}
    cashable = tuple(
        CashableFile(files[s.initiative_id], kpis[s.initiative_id, s.kpi], s.latest, s.share)
        for s in shares
    )
    return PortfolioMaterial(
        as_of, departments, counts, tuple(files[i] for i in scaled_ids),
        tuple(files[i] for i in closed_ids), calendar, tuple(realised), by_quarter,
        cashable, cashable_total, table_rows,
    )


def _listed_files(store: Store, ids: set[str], closed: set[str]) -> dict[str, InitiativeFile]:
    """The files of the initiatives a table lists: decisions newest first, and a closed
    one's lessons."""
    decisions = _by_initiative(store.decisions.for_initiatives(ids))
    lessons = _by_initiative(store.lessons.for_initiatives(closed))
    return {
        i.id: InitiativeFile(i, (), (), None, tuple(decisions[i.id]), tuple(lessons[i.id]))
        for i in store.initiatives.for_ids(ids)
    }
