"""The board read as models: the reference the set-based board is held equal to (#16).

One Initiative and one Evaluation per row, the headline numbers counted in plain Python:
seconds at national scale, so production reads the board set-based (service.board), but
short enough to check by eye against docs/dashboard.md. Tests marked `oracle` hold the two
to the same numbers, rows and breakdowns.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from statistics import median

from portfolio.models import Actor, Evaluation, Initiative, KpiKind, Recommendation, Stage
from portfolio.service.access import Permission, authorize
from portfolio.service.board_metrics import (
    DIMENSIONS,
    BenefitRealisation,
    BoardFilters,
    BoardMetrics,
)
from portfolio.storage import Database


def admits(filters: BoardFilters, row: PortfolioRow) -> bool:
    """Whether a row is in the view the filters narrow the board to."""
    ini = row.initiative
    return (
        (filters.department is None or ini.department == filters.department)
        and (filters.stage is None or ini.stage is filters.stage)
        and (filters.technology is None or ini.technology is filters.technology)
        and (filters.focus_area is None or ini.focus_area is filters.focus_area)
        and (filters.recommendation is None or row.recommendation is filters.recommendation)
        and (filters.organisation is None or ini.organisation == filters.organisation)
    )


@dataclass(frozen=True)
class PortfolioRow:
    initiative: Initiative
    evaluation: Evaluation | None
    last_decision_on: date | None
    overdue: bool
    pilot_age_days: int | None
    """Days since start for initiatives past the idea stage: the chart's time axis."""

    @property
    def recommendation(self) -> Recommendation | None:
        return self.evaluation.recommendation if self.evaluation else None

    @property
    def active(self) -> bool:
        return self.initiative.stage is not Stage.CLOSED

    @property
    def zombie(self) -> bool:
        """An experiment past its review date that nobody has decided on."""
        return self.overdue and self.initiative.stage is Stage.EXPERIMENT


@dataclass(frozen=True)
class BoardView:
    rows: tuple[PortfolioRow, ...]
    metrics: BoardMetrics
    departments: tuple[str, ...]
    today: date
    filters: BoardFilters = field(default_factory=BoardFilters)

    def breakdown(self, dimension: str) -> list[tuple[str, Recommendation | None, int]]:
        """Active initiatives counted by (value of the dimension, recommendation)."""
        if dimension not in DIMENSIONS:
            raise ValueError(f"unknown dimension {dimension!r}")
        counts: Counter[tuple[str, Recommendation | None]] = Counter()
        for row in self.rows:
            if row.active:
                value = getattr(row.initiative, dimension)
                key = "" if value is None else str(getattr(value, "value", value))
                counts[(key, row.recommendation)] += 1
        return [(key, rec, n) for (key, rec), n in sorted(counts.items(), key=_order)]


def _order(item: tuple[tuple[str, Recommendation | None], int]) -> tuple[str, int]:
    (key, rec), _ = item
    return key, list(Recommendation).index(rec) if rec else len(Recommendation)


def is_overdue(initiative: Initiative, last_decision_on: date | None, today: date) -> bool:
    """The time criterion of the policy, for today: review passed, no decision since."""
    review_on = initiative.review_on
    if initiative.stage is Stage.CLOSED or review_on is None or today <= review_on:
        return False
    return last_decision_on is None or last_decision_on < review_on


def board_view(
    db: Database, actor: Actor, today: date, filters: BoardFilters | None = None
) -> BoardView:
    authorize(actor, Permission.READ)
    filters = filters or BoardFilters()
    with db.reading() as store:
        initiatives = store.initiatives.all()
        latest = {e.initiative_id: e for e in store.evaluations.latest()}
        decided = store.decisions.last_dates()
        cashable = {(k.initiative_id, k.name) for k in store.kpis.all() if k.cashable}
        departments = tuple(d.name for d in store.departments.all())
    rows = tuple(
        row
        for i in initiatives
        if admits(filters, row := _row(i, latest.get(i.id), decided.get(i.id), today))
    )
    return BoardView(rows, compute_metrics(rows, cashable), departments, today, filters)


def _row(
    initiative: Initiative, evaluation: Evaluation | None, decided: date | None, today: date
) -> PortfolioRow:
    started = initiative.started_on
    age = (today - started).days if started and initiative.stage is not Stage.IDEA else None
    return PortfolioRow(initiative, evaluation, decided, is_overdue(initiative, decided, today),
                        age)


def compute_metrics(
    rows: tuple[PortfolioRow, ...], cashable: set[tuple[str, str]]
) -> BoardMetrics:
    """The headline numbers of a set of rows (pure: the board's filter is already applied)."""
    active = [r for r in rows if r.active]
    recs = Counter(r.recommendation for r in active)
    pilots = [r.pilot_age_days for r in active
              if r.initiative.stage is Stage.EXPERIMENT and r.pilot_age_days is not None]
    started = [r for r in rows if r.initiative.stage is not Stage.IDEA and r.initiative.started_on]
    return BoardMetrics(
        active=len(active),
        to_scale=recs[Recommendation.SCALE],
        to_close=recs[Recommendation.CLOSE],
        needs_data=recs[Recommendation.NEEDS_DATA],
        overdue=sum(r.overdue for r in active),
        zombies=sum(r.zombie for r in active),
        pilot_age_median_days=round(median(pilots)) if pilots else None,
        pilot_age_max_days=max(pilots, default=None),
        started=len(started),
        decided=sum(1 for r in started if r.last_decision_on is not None),
        cashable=_realisation(active, cashable, want_cashable=True),
        non_cashable=_realisation(active, cashable, want_cashable=False),
        self_reported_only=sum(
            1 for r in active if r.evaluation and any(
                reason.code == "attainment.self_reported_cap" for reason in r.evaluation.reasons)),
    )


def _realisation(
    rows: list[PortfolioRow], cashable: set[tuple[str, str]], *, want_cashable: bool
) -> BenefitRealisation:
    """Σ weight × progress clamped to [0, 1] over benefit KPIs, against Σ weight."""
    realised = expected = 0.0
    n = 0
    for row in rows:
        for kpi in row.evaluation.kpis if row.evaluation else ():
            if kpi.kind is not KpiKind.BENEFIT:
                continue
            if ((row.initiative.id, kpi.name) in cashable) is not want_cashable:
                continue
            n += 1
            expected += kpi.weight
            realised += kpi.weight * min(1.0, max(0.0, kpi.progress or 0.0))
    return BenefitRealisation(round(realised, 4), round(expected, 4), n)
