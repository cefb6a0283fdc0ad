"""The portfolio report's counts and long tables computed from models: the reference (#15).

Production counts and chooses these rows in DuckDB (portfolio.storage.portfolio_tables)
instead of reading every initiative and decision of the portfolio as a model (5-12 s at
national scale). This is the computation the report made before, kept to hold the SQL to.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from portfolio.models import DecisionKind, Stage
from portfolio.reports.figures import Closure, Spread, closure, spread
from portfolio.service.reports import InitiativeFile
from portfolio.storage.portfolio_tables import PortfolioCounts


@dataclass(frozen=True)
class Tables:
    counts: PortfolioCounts
    scaled: tuple[Spread, ...]
    closed: tuple[Closure, ...]


def was_scaled(file: InitiativeFile) -> bool:
    return file.initiative.stage in (Stage.SCALING, Stage.OPERATION) or any(
        d.kind is DecisionKind.SCALE for d in file.decisions
    )


def _newest_scaled_first(s: Spread) -> tuple[bool, int, str]:
    return s.scaled_on is None, -(s.scaled_on or date.min).toordinal(), s.file.initiative.id


def _newest_closed_first(c: Closure) -> tuple[bool, int, str]:
    day = c.decision.decided_on if c.decision else None
    return day is None, -(day or date.min).toordinal(), c.file.initiative.id


def portfolio_tables(files: list[InitiativeFile], rows: int | None) -> Tables:
    """`files`: every initiative in scope with all its decisions (newest first) and, when
    closed, its lessons."""
    started = [f for f in files if f.initiative.stage is not Stage.IDEA]
    scaled = sorted((spread(f) for f in files if was_scaled(f)), key=_newest_scaled_first)
    closed = sorted((closure(f) for f in files if f.initiative.stage is Stage.CLOSED),
                    key=_newest_closed_first)
    counts = PortfolioCounts(
        total=len(files),
        active=sum(f.initiative.stage is not Stage.CLOSED for f in files),
        started=len(started),
        decided=sum(bool(f.decisions) for f in started),
        scaled=len(scaled),
        adopted=sum(s.adopted_count for s in scaled),
        planned=sum(s.planned_count for s in scaled),
        closed=len(closed),
    )
    return Tables(counts, tuple(scaled[:rows]), tuple(closed[:rows]))
