"""Follow-up after scaling, then versus now (issue #18): each KPI's value in the evidence
the SCALE decision was made on beside today's, and the spread (departments adopted
against planned). Pure: a decision's stored evidence and an evaluation in, rows out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from portfolio.models import Decision, DecisionKind, Evaluation, Initiative


@dataclass(frozen=True)
class KpiThenNow:
    kpi: str
    unit: str
    target: float
    then: float | None
    now: float | None


@dataclass(frozen=True)
class ThenAndNow:
    scaled_on: date
    kpis: tuple[KpiThenNow, ...]
    adopted: tuple[str, ...]
    planned: tuple[str, ...]


def then_and_now(initiative: Initiative, decisions: Sequence[Decision],
                 evaluation: Evaluation | None) -> ThenAndNow | None:
    """Against the newest SCALE decision; None when the initiative was never scaled."""
    scaled = [d for d in decisions if d.kind is DecisionKind.SCALE]
    if not scaled:
        return None
    decision = max(scaled, key=lambda d: (d.decided_on, d.id or 0))
    then = _latest_values(decision.evidence)
    now = {k.name: k for k in evaluation.kpis} if evaluation else {}
    names = list(dict.fromkeys([*then, *now]))
    rows = tuple(
        KpiThenNow(
            kpi=name,
            unit=now[name].unit if name in now else str(then[name].get("unit") or ""),
            target=now[name].target if name in now else float(then[name].get("target") or 0),
            then=_number(then.get(name, {}).get("latest_value")),
            now=now[name].latest_value if name in now else None,
        )
        for name in names
    )
    return ThenAndNow(decision.decided_on, rows, initiative.adopted_departments,
                      initiative.planned_departments)


def _latest_values(evidence: dict[str, Any]) -> dict[str, dict[str, Any]]:
    kpis = evidence.get("kpis") if isinstance(evidence, dict) else None
    if not isinstance(kpis, list):
        return {}
    return {str(k["name"]): k for k in kpis if isinstance(k, dict) and "name" in k}


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) else None
