"""The columnar shapes of a portfolio-wide evaluation, in and out (issue #7).

PortfolioFrames is what storage reads set-based: one row per active initiative and one
per KPI with its statistics. VerdictFrames is what the vectorised policy returns: one
row per verdict, one per reason, one per KPI. `to_verdicts()` turns the latter into the
same Verdict models the per-initiative engine returns, so both can be compared.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, overload

import pyarrow as pa
import pyarrow.compute as pc

from portfolio.models import (
    CriterionResult,
    Direction,
    KpiKind,
    KpiStats,
    Light,
    Reason,
    Recommendation,
    Source,
    Verdict,
)
from portfolio.review.urgency import urgency_key

CRITERIA_ORDER = ("evidence", "guardrail", "attainment", "budget", "time")
RECOMMEND = "recommend"
"""Pseudo-criterion of the recommendation's own reason, which comes first."""

# Which params each reason code carries, as criteria.py writes them.
REASON_PARAMS: dict[str, tuple[str, ...]] = {
    "recommend.needs_data": (),
    "recommend.close_guardrail": (),
    "recommend.close_attainment": (),
    "recommend.close_budget": (),
    "recommend.pivot_guardrail": (),
    "recommend.scale": (),
    "recommend.pivot_attainment": (),
    "recommend.continue": (),
    "evidence.no_benefit_kpi": (),
    "evidence.too_few": ("kpi", "count", "min"),
    "evidence.stale": ("kpi", "age", "max"),
    "evidence.sufficient": ("min", "max"),
    "evidence.self_reported_only": ("kpi",),
    "guardrail.no_data": ("kpi",),
    "guardrail.breached": ("kpi", "latest", "baseline", "change_pct", "unit"),
    "guardrail.held": ("limit_pct",),
    "attainment.none": (),
    "attainment.value": ("value_pct", "light"),
    "attainment.kpi": ("kpi", "latest", "target", "baseline", "progress_pct", "unit"),
    "budget.none": (),
    "budget.overrun": ("spent_dkk", "budget_dkk", "overrun_pct", "light"),
    "time.no_review": (),
    "time.overdue": ("review_on", "days"),
    "time.due": ("review_on",),
    "time.upcoming": ("review_on", "days"),
}

PARAM_TYPES: dict[str, pa.DataType] = {
    "kpi": pa.string(), "unit": pa.string(), "light": pa.string(), "review_on": pa.string(),
    "count": pa.int64(), "min": pa.int64(), "age": pa.int64(), "max": pa.int64(),
    "days": pa.int64(),
    "latest": pa.float64(), "baseline": pa.float64(), "target": pa.float64(),
    "change_pct": pa.float64(), "progress_pct": pa.float64(), "value_pct": pa.float64(),
    "limit_pct": pa.float64(), "spent_dkk": pa.float64(), "budget_dkk": pa.float64(),
    "overrun_pct": pa.float64(),
}


@dataclass(frozen=True)
class PortfolioFrames:
    """Active initiatives (ordered by id) and their KPIs' statistics (by initiative, KPI)."""

    initiatives: pa.Table
    kpis: pa.Table


@dataclass(frozen=True)
class VerdictFrames:
    """One evaluation run's verdicts as three tables, each ordered as the verdicts are."""

    as_of: date
    verdicts: pa.Table
    reasons: pa.Table
    kpis: pa.Table

    def counts(self) -> dict[str, int]:
        """Verdicts per recommendation, without building a model per verdict."""
        found = self.verdicts.column("recommendation").value_counts().to_pylist()
        tally = {r.value: 0 for r in Recommendation}
        tally.update({entry["values"]: entry["counts"] for entry in found})
        return tally

    def to_verdicts(self) -> list[Verdict]:
        reasons = _grouped(self.reasons.to_pylist())
        kpis = _grouped(self.kpis.to_pylist())
        return [
            _verdict(row, self.as_of, reasons.get(row["initiative_id"], []),
                     kpis.get(row["initiative_id"], []))
            for row in self.verdicts.to_pylist()
        ]


@dataclass
class VerdictTable(Sequence[Verdict]):
    """The verdicts of a run as a sequence: models are built only when someone reads them.

    Bulk storage reads `frames` directly; building 50 k Verdict models (with their
    criteria, reasons and KPI statistics) would cost more than the evaluation itself.
    """

    frames: VerdictFrames
    _models: list[Verdict] | None = field(default=None, repr=False)

    def _all(self) -> list[Verdict]:
        if self._models is None:
            self._models = self.frames.to_verdicts()
        return self._models

    def __len__(self) -> int:
        return self.frames.verdicts.num_rows

    @overload
    def __getitem__(self, index: int) -> Verdict: ...
    @overload
    def __getitem__(self, index: slice) -> list[Verdict]: ...
    def __getitem__(self, index: int | slice) -> Verdict | list[Verdict]:
        return self._all()[index]

    def __iter__(self) -> Iterator[Verdict]:
        return iter(self._all())

    def most_urgent(self, limit: int) -> list[Verdict]:
        """At most `limit` verdicts in urgency order (review.urgency), building only their
        models: a bounded table for 50 k verdicts costs milliseconds, not seconds."""
        table = self.frames.verdicts
        keys = zip(table.column("overdue").to_pylist(),
                   table.column("recommendation").to_pylist(),
                   table.column("initiative_id").to_pylist(), strict=True)
        chosen = [key[2] for key in sorted(urgency_key(*k) for k in keys)[:limit]]
        wanted = pa.array(chosen, pa.string())

        def only(part: pa.Table) -> pa.Table:
            return part.filter(pc.is_in(part.column("initiative_id"), value_set=wanted))

        subset = VerdictFrames(self.frames.as_of, only(table), only(self.frames.reasons),
                               only(self.frames.kpis))
        by_id = {v.initiative_id: v for v in subset.to_verdicts()}
        return [by_id[i] for i in chosen]


def _grouped(rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(row["initiative_id"], []).append(row)
    return groups


def _reason(row: dict[str, Any]) -> Reason:
    params = {name: row[name] for name in REASON_PARAMS[row["code"]]}
    return Reason(code=row["code"], params=params)


def _light(value: str | None) -> Light | None:
    return Light(value) if value is not None else None


def _verdict(
    row: dict[str, Any], as_of: date, reasons: list[dict[str, Any]], kpis: list[dict[str, Any]]
) -> Verdict:
    by_criterion: dict[str, list[Reason]] = {}
    for reason in reasons:
        by_criterion.setdefault(reason["criterion"], []).append(_reason(reason))
    criteria = tuple(
        CriterionResult(
            name=name,
            light=_light(row[f"{name}_light"]),
            value=row[f"{name}_value"],
            passed=row[f"{name}_passed"],
            reasons=tuple(by_criterion.get(name, ())),
        )
        for name in CRITERIA_ORDER
    )
    return Verdict(
        initiative_id=row["initiative_id"],
        as_of=as_of,
        recommendation=Recommendation(row["recommendation"]),
        light=Light(row["light"]),
        score=row["score"],
        criteria=criteria,
        reasons=tuple(
            r for name in (RECOMMEND, *CRITERIA_ORDER) for r in by_criterion.get(name, ())
        ),
        kpis=tuple(_kpi_stats(k) for k in kpis),
        overdue=row["overdue"],
    )


def _kpi_stats(row: dict[str, Any]) -> KpiStats:
    flags = (
        (Source.SYSTEM_EXPORT, row["has_system_export"]),
        (Source.MANUAL, row["has_manual"]),
        (Source.SELF_REPORTED, row["has_self_reported"]),
    )
    return KpiStats(
        name=row["name"],
        kind=KpiKind(row["kind"]),
        direction=Direction(row["direction"]),
        unit=row["unit"],
        baseline=row["baseline"],
        target=row["target"],
        weight=row["weight"],
        count=row["count"],
        latest_value=row["latest_value"],
        latest_on=row["latest_on"],
        age_days=row["age_days"],
        progress=row["progress"],
        trend_per_30d=row["trend_per_30d"],
        sources=tuple(source for source, present in flags if present),
    )
