"""The numbers of the portfolio report, as pure functions of the stored portfolio.

"Realised" is the share of the improvement from baseline to target that a benefit KPI's
newest measurement shows, clamped to [0, 1] as in the review engine, so kroner, hours
and percentages can be averaged honestly without pretending they add up.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from portfolio.models import Decision, DecisionKind, Kpi, KpiKind, Lesson, Stage
from portfolio.review.stats import kpi_stats
from portfolio.service.lessons import with_owner
from portfolio.service.reports import InitiativeFile, PortfolioMaterial

RUNNING = (Stage.EXPERIMENT, Stage.SCALING, Stage.OPERATION)
CLOSING = (DecisionKind.CLOSE, DecisionKind.PARK)
QUARTERS = 8


@dataclass(frozen=True)
class KpiRealised:
    file: InitiativeFile
    kpi: Kpi
    latest: float
    share: float


@dataclass(frozen=True)
class Realised:
    """Mean share realised over a set of benefit KPIs; None where there is none."""

    label: str
    kpis: int
    cashable: float | None
    non_cashable: float | None
    overall: float | None


@dataclass(frozen=True)
class Spread:
    file: InitiativeFile
    scaled_on: date | None
    planned: tuple[str, ...]
    adopted: tuple[str, ...]

    @property
    def planned_count(self) -> int:
        return len(self.planned)

    @property
    def adopted_count(self) -> int:
        return len(self.adopted)

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(d for d in self.planned if d not in self.adopted)


@dataclass(frozen=True)
class Closure:
    file: InitiativeFile
    decision: Decision | None
    lessons: tuple[Lesson, ...]


@dataclass(frozen=True)
class Quarter:
    year: int
    number: int
    decisions: dict[DecisionKind, int]
    realised: Realised


@dataclass(frozen=True)
class PortfolioFigures:
    total: int
    active: int
    scaled: tuple[Spread, ...]
    closed: tuple[Closure, ...]
    decided_share: float | None
    overall: Realised
    by_department: tuple[Realised, ...]
    by_technology: tuple[Realised, ...]
    cashable: tuple[KpiRealised, ...]
    quarters: tuple[Quarter, ...]


def portfolio_figures(material: PortfolioMaterial) -> PortfolioFigures:
    files = material.files
    running = [f for f in files if f.initiative.stage in RUNNING]
    now = realised_kpis(running, material.as_of)
    started = [f for f in files if f.initiative.stage is not Stage.IDEA]
    return PortfolioFigures(
        total=len(files),
        active=sum(f.initiative.stage is not Stage.CLOSED for f in files),
        scaled=tuple(spread(f) for f in files if _was_scaled(f)),
        closed=tuple(closure(f) for f in files if f.initiative.stage is Stage.CLOSED),
        decided_share=(
            sum(bool(f.decisions) for f in started) / len(started) if started else None
        ),
        overall=summarise("", now),
        by_department=_grouped(now, lambda k: k.file.initiative.department),
        by_technology=_grouped(
            now, lambda k: str(k.file.initiative.technology or "other")
        ),
        cashable=tuple(k for k in now if k.kpi.cashable),
        quarters=quarterly(files, material.as_of),
    )


def realised_kpis(files: Iterable[InitiativeFile], as_of: date) -> list[KpiRealised]:
    """Every benefit KPI with a measurement by `as_of`, and the share it realised."""
    found = []
    for file in files:
        for kpi in file.kpis:
            if kpi.kind is not KpiKind.BENEFIT:
                continue
            stats = kpi_stats(kpi, file.measurements_of(kpi), as_of)
            if stats.progress is None or stats.latest_value is None:
                continue
            share = min(1.0, max(0.0, stats.progress))
            found.append(KpiRealised(file, kpi, stats.latest_value, share))
    return found


def summarise(label: str, kpis: list[KpiRealised]) -> Realised:
    def mean(values: list[float]) -> float | None:
        return sum(values) / len(values) if values else None

    return Realised(
        label=label,
        kpis=len(kpis),
        cashable=mean([k.share for k in kpis if k.kpi.cashable]),
        non_cashable=mean([k.share for k in kpis if not k.kpi.cashable]),
        overall=mean([k.share for k in kpis]),
    )


def _grouped(kpis: list[KpiRealised], key: Callable[[KpiRealised], str]) -> tuple[Realised, ...]:
    groups: dict[str, list[KpiRealised]] = {}
    for k in kpis:
        groups.setdefault(key(k), []).append(k)
    rows = [summarise(label, members) for label, members in groups.items()]
    return tuple(sorted(rows, key=lambda r: (-(r.overall or 0), r.label)))  # best first


def _was_scaled(file: InitiativeFile) -> bool:
    return file.initiative.stage in (Stage.SCALING, Stage.OPERATION) or any(
        d.kind is DecisionKind.SCALE for d in file.decisions
    )


def spread(file: InitiativeFile) -> Spread:
    scale_days = [d.decided_on for d in file.decisions if d.kind is DecisionKind.SCALE]
    initiative = file.initiative
    return Spread(
        file=file,
        scaled_on=min(scale_days, default=None),
        planned=with_owner(initiative, initiative.planned_departments),
        adopted=with_owner(initiative, initiative.adopted_departments),
    )


def closure(file: InitiativeFile) -> Closure:
    closing = next((d for d in file.decisions if d.kind in CLOSING), None)
    return Closure(file=file, decision=closing, lessons=file.lessons)


def _closed_on(file: InitiativeFile) -> date | None:
    closing = next((d for d in file.decisions if d.kind in CLOSING), None)
    return closing.decided_on if closing else None


def quarter_of(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def _quarter_end(year: int, number: int) -> date:
    first_of_next = date(year + number // 4, number % 4 * 3 + 1, 1)
    return first_of_next - timedelta(days=1)


def _previous(year: int, number: int) -> tuple[int, int]:
    return (year, number - 1) if number > 1 else (year - 1, 4)


def quarterly(files: tuple[InitiativeFile, ...], as_of: date) -> tuple[Quarter, ...]:
    """The last quarters up to `as_of`: decisions taken, and benefits realised at the end.

    A quarter's benefits count the initiatives that were not closed by its end, measured
    with what had been recorded by then; the running quarter ends at `as_of`.
    """
    keys = [quarter_of(as_of)]
    while len(keys) < QUARTERS:
        keys.append(_previous(*keys[-1]))
    quarters = []
    for year, number in reversed(keys):
        end = min(_quarter_end(year, number), as_of)
        open_then = [
            f for f in files
            if (closed := _closed_on(f)) is None or closed > end
        ]
        decisions = {kind: 0 for kind in DecisionKind}
        for f in files:
            for d in f.decisions:
                if quarter_of(d.decided_on) == (year, number) and d.decided_on <= as_of:
                    decisions[d.kind] += 1
        quarters.append(
            Quarter(year, number, decisions, summarise("", realised_kpis(open_then, end)))
        )
    return tuple(quarters)
