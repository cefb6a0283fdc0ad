"""The demo's benefit-realisation plans (#18): kroner per year and the hours freed.

Every started initiative with a cashable KPI plans three years of savings from its start,
rising as it spreads (30 %, 60 %, 80 % of its budget a year), taken home from its
department's budget line (the kommunale kontoplan's function numbers). What was realised
follows the spec's own reach: a year that has ended realised planned × reach, the current
year so far the elapsed part of that; later years are not yet realised. Hours freed
(a cashable KPI counted in hours) are planned as a non-cashable line beside it.
Pure and deterministic, like the rest of the demo.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from portfolio.demo.org import CHILDREN, CULTURE, FINANCE, HEALTH, SOCIAL, TECHNICAL
from portfolio.demo.spec import InitiativeSpec
from portfolio.models import BenefitKind, BenefitLine, Initiative, Stage

BUDGET_LINES = {
    SOCIAL: "5.57.72 Sociale ydelser — administration",
    HEALTH: "5.32.32 Pleje og omsorg",
    CHILDREN: "3.22.01 Folkeskoler",
    FINANCE: "6.45.51 Sekretariat og forvaltninger",
    TECHNICAL: "0.28.20 Vejvedligeholdelse",
    CULTURE: "6.45.50 Borgerservice",
}
RAMP = (0.3, 0.6, 0.8)


def plan_lines(spec: InitiativeSpec, initiative: Initiative,
               anchor: date) -> Iterator[BenefitLine]:
    cashable = [k for k in spec.kpis if k.cashable]
    if not cashable or initiative.started_on is None or initiative.stage is Stage.IDEA:
        return
    reach = max(0.0, min(1.2, sum(k.reach for k in cashable) / len(cashable)))
    hours = next((k for k in cashable if "timer" in k.unit), None)
    elapsed = anchor.timetuple().tm_yday / 365
    for n, share in enumerate(RAMP):
        year = initiative.started_on.year + n
        done = 1.0 if year < anchor.year else elapsed if year == anchor.year else None
        planned = round(spec.budget * share, -3)
        yield BenefitLine(
            initiative_id=spec.id, year=year, kind=BenefitKind.CASHABLE,
            benefit="Budgetgevinst", budget_line=BUDGET_LINES.get(spec.department, "Øvrige"),
            planned=planned, realised=None if done is None else round(planned * reach * done, -3),
            updated_by=spec.owner)
        if hours is not None:
            planned_hours = round(hours.target * 12 * share)
            yield BenefitLine(
                initiative_id=spec.id, year=year, kind=BenefitKind.NON_CASHABLE,
                benefit="Frigjorte timer", unit="timer", planned=planned_hours,
                realised=None if done is None else round(planned_hours * hours.reach * done),
                updated_by=spec.owner)
