"""What one initiative's page shows, assembled from its file: pure, charts aside."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from portfolio.models import Kpi, KpiStats, Light
from portfolio.reports.kpi_svg import kpi_chart
from portfolio.reports.words import Words
from portfolio.review.followup import ThenAndNow, then_and_now
from portfolio.service.reports import AgendaItem, InitiativeFile


@dataclass(frozen=True)
class KpiView:
    kpi: Kpi
    stats: KpiStats | None
    chart: str | None
    stale: bool


@dataclass(frozen=True)
class InitiativeView:
    file: InitiativeFile
    due: tuple[str, ...]
    kpis: tuple[KpiView, ...]
    spent_share: float
    budget_light: Light | None
    then_now: ThenAndNow | None = None
    """At a +6/+12-month follow-up: the KPIs then (when scaled) and now, and the spread."""


def _stale_kpis(file: InitiativeFile) -> set[str]:
    """The KPIs the evaluation judged too old: the policy decides, not the report."""
    evidence = file.evaluation.criterion("evidence") if file.evaluation else None
    reasons = evidence.reasons if evidence else ()
    return {str(r.params.get("kpi")) for r in reasons if r.code == "evidence.stale"}


def initiative_view(
    file: InitiativeFile, as_of: date, w: Words, due: tuple[str, ...] = ()
) -> InitiativeView:
    evaluated = {k.name: k for k in file.evaluation.kpis} if file.evaluation else {}
    fresh = {k.name: k for k in file.kpi_stats}
    stale = _stale_kpis(file)
    kpis = []
    for kpi in file.kpis:
        measurements = file.measurements_of(kpi)
        stats = evaluated.get(kpi.name) or fresh.get(kpi.name)
        chart = kpi_chart(kpi, measurements, w, stats) if measurements else None
        kpis.append(KpiView(kpi, stats, chart, kpi.name in stale))
    initiative = file.initiative
    budget = file.evaluation.criterion("budget") if file.evaluation else None
    return InitiativeView(
        file=file,
        due=due,
        kpis=tuple(kpis),
        spent_share=initiative.spent_dkk / initiative.budget_dkk if initiative.budget_dkk else 0,
        budget_light=budget.light if budget else None,
        then_now=then_and_now(initiative, file.decisions, file.evaluation)
        if any(reason.startswith("follow_up") for reason in due) else None,
    )


def agenda_views(items: Sequence[AgendaItem], as_of: date, w: Words) -> list[InitiativeView]:
    """The pages of a meeting pack, in the items' order."""
    return [initiative_view(item.file, as_of, w, item.reasons) for item in items]
