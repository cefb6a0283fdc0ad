"""The columnar shapes of a portfolio-wide evaluation, in and out (issue #7).

PortfolioFrames is what storage reads set-based: one row per active initiative and one
per KPI with its statistics. VerdictFrames is what the engine (vectorised.py) returns: one
row per verdict, one per reason, one per KPI. `to_verdicts()` turns the latter into
Verdict models for those who read verdicts one by one (pages, e-mails, the reference
comparison in tests/oracles/).
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
    Stage,
    Verdict,
)
from portfolio.review.criteria import CRITERIA, PARAM_TYPES
from portfolio.review.recommend import RECOMMEND, RULES
from portfolio.review.urgency import URGENCY

__all__ = ["CRITERIA_ORDER", "PARAM_TYPES", "REASON_PARAMS", "RECOMMEND", "PortfolioFrames",
           "VerdictFrames", "VerdictTable"]

CRITERIA_ORDER = tuple(CRITERIA)
"""The registered criteria, in the order a verdict lists them."""

REASON_PARAMS: dict[str, tuple[str, ...]] = {
    **{code: () for _, code in RULES},
    **{code: params for c in CRITERIA.values() for code, params in c.reasons.items()},
}
"""Which params each reason code carries, as the criteria write them."""


@dataclass(frozen=True)
class PortfolioFrames:
    """Active initiatives (ordered by id) and their KPIs' statistics (by initiative, KPI)."""

    initiatives: pa.Table
    kpis: pa.Table

    def in_stage(self, stage: Stage) -> PortfolioFrames:
        """The same initiatives as if all were in `stage`: to judge them as they stood
        before a decision moved them on."""
        table = self.initiatives
        stages = pa.array([stage.value] * table.num_rows, pa.string())
        return PortfolioFrames(
            table.set_column(table.schema.get_field_index("stage"), "stage", stages), self.kpis)


@dataclass(frozen=True)
class VerdictFrames:
    """One evaluation run's verdicts as three tables: verdicts and KPIs ordered as the
    verdicts are; reasons in the order the engine added them, each verdict's placed by
    its `position` and `seq` (to_verdicts and storage order them so)."""

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
        # Reasons come in the order the criteria added them; a verdict lists its own by
        # position, then seq (a stable sort: the order of each initiative's is all that
        # counts, and _grouped keeps it).
        ordered = self.reasons.sort_by([("position", "ascending"), ("seq", "ascending")])
        reasons = _grouped(ordered.to_pylist())
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
        # urgency_key's order, sorted by Arrow: 45 k Python tuples sorted cost ~0.1 s
        rank = pc.fill_null(pc.index_in(table.column("recommendation"),
                                        value_set=pa.array([r.value for r in URGENCY])),
                            len(URGENCY))
        keys = pa.table({"later": pc.invert(table.column("overdue")), "rank": rank,
                         "id": table.column("initiative_id")})
        order = pc.sort_indices(keys, sort_keys=[("later", "ascending"), ("rank", "ascending"),
                                                 ("id", "ascending")])
        wanted = keys.column("id").take(order[:limit]).combine_chunks()
        chosen = wanted.to_pylist()

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
        kpis=tuple(kpi_stats_of(k) for k in kpis),
        overdue=row["overdue"],
    )


def kpi_stats_of(row: dict[str, Any]) -> KpiStats:
    """One row of PortfolioFrames.kpis (or VerdictFrames.kpis) as the KpiStats model."""
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
        first_on=row.get("first_on"),
        band_min=row.get("band_min"),
        band_max=row.get("band_max"),
        forecast_on=row.get("forecast_on"),
    )
