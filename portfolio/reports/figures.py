"""The numbers of the portfolio report, from the material the service read.

"Realised" is the share of the improvement from baseline to target that a benefit KPI's
newest measurement shows, clamped to [0, 1] as in the review engine, so kroner, hours
and percentages can be averaged honestly without pretending they add up. The shares are
computed in the database (portfolio.storage.realised); tests/reports/realised_oracle.py
keeps the model-based computation they must equal.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from portfolio.models import Decision, DecisionKind, Kpi, Lesson
from portfolio.service.lessons import with_owner
from portfolio.service.reports import InitiativeFile, PortfolioMaterial
from portfolio.storage.realised import CLOSING, RealisedGroup


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
    """The report's numbers; the long tables (scaled, closed, cashable) hold at most the
    material's `table_rows`, most recent first, and the *_total fields count them all."""

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
    scaled_total: int
    adopted_total: int
    planned_total: int
    closed_total: int
    cashable_total: int


def portfolio_figures(material: PortfolioMaterial) -> PortfolioFigures:
    counts = material.counts
    groups = {(g.point, g.dimension, g.label): g for g in material.realised}
    now = [g for g in material.realised if g.point == 0]
    return PortfolioFigures(
        total=counts.total,
        active=counts.active,
        scaled=tuple(spread(f) for f in material.scaled),
        closed=tuple(closure(f) for f in material.closed),
        decided_share=counts.decided / counts.started if counts.started else None,
        overall=_realised(groups.get((0, "all", ""))),
        by_department=_ranked([g for g in now if g.dimension == "department"]),
        by_technology=_ranked([g for g in now if g.dimension == "technology"]),
        cashable=tuple(KpiRealised(c.file, c.kpi, c.latest, c.share) for c in material.cashable),
        quarters=tuple(
            Quarter(year, number,
                    {kind: material.decisions_by_quarter.get((year, number), {}).get(kind, 0)
                     for kind in DecisionKind},
                    _realised(groups.get((point, "all", ""))))
            for point, (year, number, _) in enumerate(material.quarters, start=1)
        ),
        scaled_total=counts.scaled,
        adopted_total=counts.adopted,
        planned_total=counts.planned,
        closed_total=counts.closed,
        cashable_total=material.cashable_total,
    )


def _realised(group: RealisedGroup | None) -> Realised:
    if group is None:
        return Realised("", 0, None, None, None)
    return Realised(group.label, group.kpis, group.cashable, group.non_cashable, group.overall)


def _ranked(groups: list[RealisedGroup]) -> tuple[Realised, ...]:
    rows = [_realised(g) for g in groups]
    return tuple(sorted(rows, key=lambda r: (-(r.overall or 0), r.label)))  # best first


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
