"""The fail-or-scale board's definitions: filters, headline numbers, benefit realisation.

Overdue and zombie status are computed for *today*, not taken from the last evaluation, so a
decision recorded a minute ago takes an initiative off the board at once. How "realised
benefit" is defined is documented in docs/dashboard.md. The board itself is read set-based
(service.board); the model-based board that defined these numbers first is the reference in
tests/oracles/board.py (#16).
"""

from __future__ import annotations

from dataclasses import dataclass

from portfolio.models import FocusArea, Recommendation, Stage, Technology

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
