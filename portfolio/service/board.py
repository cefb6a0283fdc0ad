"""The board at any scale (#7): headline numbers, breakdowns and the table, set-based.

The numbers are defined in service.board_metrics and by the model-based reference in
tests/oracles/board.py (#16), read as one slim frame instead of a model per initiative and
evaluation: a national board is one query, not 50 k pydantic models and 150 k parsed JSON
documents.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

import pandas as pd

from portfolio.models import Actor, Recommendation, Stage
from portfolio.review.urgency import urgency_rank
from portfolio.service.access import Permission, authorize, within
from portfolio.service.board_metrics import (
    DIMENSIONS,
    BenefitRealisation,
    BoardFilters,
    BoardMetrics,
)
from portfolio.service.organisation import SetupProblem, problems_of
from portfolio.storage import Store
from portfolio.storage.board import BoardQuery


@dataclass(frozen=True)
class PortfolioBoard:
    rows: pd.DataFrame
    """One row per initiative in the view, ordered by id (columns: storage.board)."""
    metrics: BoardMetrics
    departments: tuple[str, ...]
    today: date
    filters: BoardFilters = field(default_factory=BoardFilters)
    organisations: tuple[str, ...] = ()
    """Those the reader may filter by (a national reader: every one; else their own)."""
    problems: tuple[SetupProblem, ...] = ()
    """Departments without a steering group (their escalations reach nobody), with the fix."""

    def active(self) -> pd.DataFrame:
        return self.rows[self.rows["stage"] != Stage.CLOSED.value]

    def breakdown(self, dimension: str) -> list[tuple[str, Recommendation | None, int]]:
        """Active initiatives counted by (value of the dimension, recommendation)."""
        if dimension not in DIMENSIONS:
            raise ValueError(f"unknown dimension {dimension!r}")
        active = self.active()
        keys = active[dimension].fillna("").astype(str)
        recs = active["recommendation"].fillna("")
        counts = pd.DataFrame({"key": keys, "rec": recs}).value_counts()
        found = [(key, Recommendation(rec) if rec else None, int(n))
                 for (key, rec), n in counts.items()]
        order = list(Recommendation)
        return sorted(found, key=lambda f: (f[0], order.index(f[1]) if f[1] else len(order)))

    def most_urgent(self, limit: int) -> pd.DataFrame:
        """At most `limit` rows: overdue first, then by recommendation (review.urgency);
        shown in the view's own order, so a view that fits is shown as it is."""
        if len(self.rows) <= limit:
            return self.rows
        rank = pd.DataFrame({"overdue": ~self.rows["overdue"].astype(bool),
                             "rec": self.rows["recommendation"].map(urgency_rank),
                             "id": self.rows["id"]})
        chosen = rank.sort_values(["overdue", "rec", "id"]).index[:limit]
        return self.rows.loc[sorted(chosen)]


def _query(filters: BoardFilters) -> BoardQuery:
    def value(member: object) -> str | None:
        return None if member is None else str(getattr(member, "value", member))

    return BoardQuery(value(filters.department), value(filters.stage),
                      value(filters.technology), value(filters.focus_area),
                      value(filters.recommendation), filters.organisation)


def portfolio_board(
    store: Store, actor: Actor, today: date, filters: BoardFilters | None = None
) -> PortfolioBoard:
    authorize(actor, Permission.READ)
    filters = filters or BoardFilters()
    if actor.organisation:  # one organisation's people see their organisation (#13)
        filters = replace(filters, organisation=actor.organisation)
    query = _query(filters)
    rows = store.board.rows(query, today)
    benefits = store.board.benefits(query)
    departments = tuple(dict.fromkeys(
        d.name for d in store.departments.all(filters.organisation)))
    organisations = tuple(o.name for o in store.organisations.all()
                          if within(actor, o.name))
    problems = tuple(p for p in problems_of(store, filters.organisation)
                     if p.code == "organisation.department_without_group")
    return PortfolioBoard(rows, headline_numbers(rows, benefits), departments, today, filters,
                          organisations, problems)


def board_version(store: Store, actor: Actor) -> tuple[int, ...]:
    """A cheap fingerprint of everything the board shows: a cache key that writes change."""
    authorize(actor, Permission.READ)
    return store.board.version()


def headline_numbers(
    rows: pd.DataFrame, benefits: dict[bool, tuple[int, float, float]]
) -> BoardMetrics:
    """The headline numbers, defined as the reference board (tests/oracles) defines them."""
    active = rows[rows["stage"] != Stage.CLOSED.value]
    recs = active["recommendation"].value_counts()
    experiment = active["stage"] == Stage.EXPERIMENT.value
    pilots = active.loc[experiment, "pilot_age_days"].dropna()
    started = rows[(rows["stage"] != Stage.IDEA.value) & rows["started_on"].notna()]
    return BoardMetrics(
        active=len(active),
        to_scale=int(recs.get(Recommendation.SCALE.value, 0)),
        to_close=int(recs.get(Recommendation.CLOSE.value, 0)),
        needs_data=int(recs.get(Recommendation.NEEDS_DATA.value, 0)),
        overdue=int(active["overdue"].sum()),
        zombies=int((active["overdue"] & experiment).sum()),
        pilot_age_median_days=round(pilots.median()) if len(pilots) else None,
        pilot_age_max_days=int(pilots.max()) if len(pilots) else None,
        started=len(started),
        decided=int(started["last_decision_on"].notna().sum()),
        cashable=_realisation(benefits.get(True)),
        non_cashable=_realisation(benefits.get(False)),
        self_reported_only=int(active["self_reported_only"].fillna(False).astype(bool).sum()),
    )


def _realisation(found: tuple[int, float, float] | None) -> BenefitRealisation:
    if found is None:
        return BenefitRealisation()
    n, expected, realised = found
    return BenefitRealisation(round(realised, 4), round(expected, 4), n)
