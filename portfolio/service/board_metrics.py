"""The fail-or-scale board's definitions: filters, headline numbers, breakdowns.

Overdue and zombie status are computed for *today*, not taken from the last evaluation, so a
decision recorded a minute ago takes an initiative off the board at once. How "realised
benefit" is defined is documented in docs/dashboard.md.

`board_view` reads the board as models, one Initiative and Evaluation per row: seconds at
national scale, so no page uses it any more (#7). It stays as the reference the set-based
board (service.board) is tested against, as the per-initiative engine is for the policy.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from statistics import median

from portfolio.models import (
    Actor,
    Evaluation,
    FocusArea,
    Initiative,
    KpiKind,
    Recommendation,
    Stage,
    Technology,
)
from portfolio.service.access import Permission, authorize
from portfolio.storage import Database

DIMENSIONS = ("department", "stage", "technology", "focus_area")


@dataclass(frozen=True)
class BoardFilters:
    """What a board view is narrowed to; every field is optional (None: all)."""

    department: str | None = None
    stage: Stage | None = None
    technology: Technology | None = None
    focus_area: FocusArea | None = None
    recommendation: Recommendation | None = None
    organisation: str | None = None
    """Set for an actor of one organisation whatever they ask (#13); a national one's
    filter."""

    def admits(self, row: PortfolioRow) -> bool:
        ini = row.initiative
        return (
            (self.department is None or ini.department == self.department)
            and (self.stage is None or ini.stage is self.stage)
            and (self.technology is None or ini.technology is self.technology)
            and (self.focus_area is None or ini.focus_area is self.focus_area)
            and (self.recommendation is None or row.recommendation is self.recommendation)
            and (self.organisation is None or ini.organisation == self.organisation)
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
class BenefitRealisation:
    """Realised against expected benefit, in weighted KPI targets (see docs/dashboard.md)."""

    realised: float = 0.0
    expected: float = 0.0
    kpis: int = 0

    @property
    def share(self) -> float | None:
        return self.realised / self.expected if self.expected else None


@dataclass(frozen=True)
class BoardMetrics:
    active: int
    to_scale: int
    to_close: int
    needs_data: int
    overdue: int
    zombies: int
    pilot_age_median_days: int | None
    pilot_age_max_days: int | None
    started: int
    decided: int
    cashable: BenefitRealisation
    non_cashable: BenefitRealisation
    self_reported_only: int = 0
    """Active initiatives whose benefits are capped at yellow: fed by self-reports alone."""

    @property
    def decided_share(self) -> float | None:
        return self.decided / self.started if self.started else None


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
        if filters.admits(row := _row(i, latest.get(i.id), decided.get(i.id), today))
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
