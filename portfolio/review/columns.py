"""Column helpers of the set-based review engine: lights as numbers, Arrow and numpy
columns, rounding and summing exactly as Python does, and the reason rows a run collects.

The criteria (criteria.py) are written in these terms so that each stays a small function
over whole columns; nothing here knows a particular criterion.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

GREEN, YELLOW, RED, NO_LIGHT = 0, 1, 2, -1
LIGHT_NAMES = pa.array(["green", "yellow", "red"], pa.string())

RATIO_DIGITS = 9
"""Ratios are compared with thresholds after rounding away binary noise, so that a value
that is exactly on a threshold in decimal (110 / 100 - 1 == 0.10000000000000009) is
judged as being on it, as PRODUCT.md's "≤ 10 %" promises."""

BAND_POINTS = 4
"""A KPI's band is the spread (lowest to highest) of its this many newest measurements."""

FORECAST_HORIZON_DAYS = 3650
"""A target further away than this at the current trend is "not at this trend"."""

LATE = 1 << 40
"""Sequence number after every per-KPI reason of a criterion (KPI row numbers are less)."""


def col(table: pa.Table, name: str) -> np.ndarray:
    return table.column(name).to_numpy()


def equals(table: pa.Table, name: str, value: str) -> np.ndarray:
    """`column == value` as a numpy bool array, compared in Arrow (no Python strings)."""
    return pc.fill_null(pc.equal(table.column(name), value), False).to_numpy()


def text(table: pa.Table, name: str) -> pa.Array:
    return table.column(name).combine_chunks().cast(pa.string())


def nullable(values: np.ndarray) -> pa.Array:
    return pa.array(values, pa.float64(), mask=np.isnan(values))


def light_names(light: np.ndarray) -> pa.Array:
    """GREEN/YELLOW/RED/NO_LIGHT as 'green'/'yellow'/'red'/null, taken in Arrow (no
    Python strings)."""
    return LIGHT_NAMES.take(pa.array(light, pa.int64(), mask=light == NO_LIGHT))


def day_texts(days: np.ndarray) -> pa.Array:
    """datetime64[D] as ISO dates ('2025-06-30'), NaT as null, formatted in Arrow."""
    return pa.array(days, pa.date32(), mask=np.isnat(days)).cast(pa.string())


@dataclass(frozen=True)
class Strings:
    """A text column kept in Arrow: indexing with positions takes in C, not as objects."""

    values: pa.Array

    def __getitem__(self, positions: np.ndarray) -> pa.Array:
        return self.values.take(positions)


def round_like_python(values: np.ndarray, digits: int) -> np.ndarray:
    """Python's round(v, digits), element-wise, to the bit.

    round() rounds the exact binary value half-to-even and returns the double nearest to
    k / 10**digits. rint(v * 10**digits) finds the same k unless the product's own
    rounding error could have moved it across a half (near a tie, or too large to hold a
    fraction); those few go through round() itself. k / 10**digits is one correctly
    rounded division, so it is that nearest double.
    """
    scale = 10.0**digits
    with np.errstate(invalid="ignore", over="ignore"):
        scaled = values * scale
        margin = 1e-6 + np.abs(scaled) * 1e-15
        unsure = ~(np.abs(np.abs(scaled - np.trunc(scaled)) - 0.5) > margin) | ~(
            np.abs(scaled) < 2.0**52)
        rounded = np.rint(scaled) / scale
    exact = np.flatnonzero(unsure)
    rounded[exact] = [round(v, digits) for v in values[exact].tolist()]
    return rounded


def sequential_sum(groups: np.ndarray, values: np.ndarray, n: int) -> np.ndarray:
    """Per-group sums of `values` added left to right (as Python's sum(); numpy sums
    pairwise); `groups` is sorted. Step r adds every group's r-th value at once."""
    total = np.zeros(n)
    if groups.size == 0:
        return total
    starts = np.flatnonzero(np.r_[True, groups[1:] != groups[:-1]])
    counts = np.diff(np.r_[starts, groups.size])
    owners = groups[starts]
    for r in range(int(counts.max())):
        live = counts > r
        total[owners[live]] += values[starts[live] + r]
    return total


class Reasons:
    """Reason rows collected criterion by criterion, sorted into verdict order at the end.

    `order` names the groups in the order a verdict lists their reasons (the
    recommendation's own first, then each criterion's).
    """

    def __init__(self, order: Sequence[str], param_types: dict[str, pa.DataType]) -> None:
        self._order = tuple(order)
        self._position = {name: i for i, name in enumerate(self._order)}
        self._param_types = param_types
        self._pieces: list[tuple[np.ndarray, int, np.ndarray, str, dict[str, Any]]] = []

    def add(self, ini: np.ndarray, criterion: str, seq: np.ndarray | int, code: str,
            **params: Any) -> None:
        if ini.size:
            sequence = np.broadcast_to(np.asarray(seq, dtype=np.int64), ini.shape)
            self._pieces.append((ini, self._position[criterion], sequence, code, params))

    def table(self, ids: pa.Array) -> pa.Table:
        """One row per reason, in the order the criteria added them: `position` and
        `seq` give each its place in its verdict (VerdictFrames.to_verdicts sorts by
        them, storage reads them so ordered).

        Each param column is the pieces' own values end to end, an Arrow chunk each, and
        a slice of one null array where a piece does not give the param: nothing is
        copied or sorted per param and row (that cost more than all criteria together on
        the ~670 k reasons of a national run, #15)."""
        pieces = self._pieces
        sizes = [p[0].size for p in pieces]
        ini = np.concatenate([p[0] for p in pieces] or [np.zeros(0, np.int64)])
        position = np.repeat([p[1] for p in pieces], sizes).astype(np.int64)
        seq = np.concatenate([p[2] for p in pieces] or [np.zeros(0, np.int64)])
        names = pa.array(self._order, pa.string())
        codes = pa.array([p[3] for p in pieces], pa.string())
        piece = np.repeat(np.arange(len(pieces), dtype=np.int64), sizes)
        columns: dict[str, pa.Array | pa.ChunkedArray] = {
            "initiative_id": ids.take(ini),
            "criterion": names.take(position),
            "position": pa.array(position),
            "seq": pa.array(seq),
            "code": codes.take(piece),
        }
        longest = max(sizes, default=0)
        for name, kind in self._param_types.items():
            nulls = pa.nulls(longest, kind)
            columns[name] = pa.chunked_array(
                [_values(p[4][name], kind, size) if name in p[4] else nulls.slice(0, size)
                 for p, size in zip(pieces, sizes, strict=True)], kind)
        return pa.table(columns)


def _values(value: Any, kind: pa.DataType, size: int) -> pa.Array:
    """A piece's param as `size` Arrow values of `kind` (a float's NaN as null, as it is
    stored): an array as it is, a single value repeated."""
    if isinstance(value, pa.Array):
        return value.cast(kind)
    if np.ndim(value) == 0:
        missing = value is None or (pa.types.is_floating(kind) and np.isnan(value))
        return pa.repeat(pa.scalar(None if missing else value, kind), size)
    values = np.asarray(value, dtype=kind.to_pandas_dtype())
    return pa.array(values, kind, mask=np.isnan(values) if pa.types.is_floating(kind) else None)


@dataclass(frozen=True)
class KpiColumns:
    """The KPI statistics as numpy columns, with the row's initiative as a position."""

    ini: np.ndarray
    name: Strings
    unit: Strings
    benefit: np.ndarray
    guardrail: np.ndarray
    lower: np.ndarray
    baseline: np.ndarray
    target: np.ndarray
    weight: np.ndarray
    count: np.ndarray
    has: np.ndarray
    latest: np.ndarray
    age: np.ndarray
    progress: np.ndarray
    self_reported_only: np.ndarray
    span_days: np.ndarray
    """Days from the oldest to the newest measurement (-1 without any)."""
    band_low: np.ndarray
    band_high: np.ndarray
    """Progress at the band's worse and better edge (NaN without measurements)."""
    trend: np.ndarray
    forecast_on: np.ndarray
    """datetime64[D]: when the target is reached at the current trend (NaT: not shown)."""

    @classmethod
    def of(cls, kpis: pa.Table, ids: pa.Array) -> KpiColumns:
        count = col(kpis, "count").astype(np.int64)
        has = count > 0
        latest = col(kpis, "latest_value").astype(float)
        baseline = col(kpis, "baseline").astype(float)
        target = col(kpis, "target").astype(float)
        higher = equals(kpis, "direction", "higher")
        progress = _progress(latest, baseline, target, higher)
        band_edges = [_progress(col(kpis, name).astype(float), baseline, target, higher)
                      for name in ("band_min", "band_max")]
        latest_on = col(kpis, "latest_on").astype("datetime64[D]")
        first_on = col(kpis, "first_on").astype("datetime64[D]")
        trend = col(kpis, "trend_per_30d").astype(float)
        benefit = equals(kpis, "kind", "benefit")
        self_only = (
            col(kpis, "has_self_reported")
            & ~col(kpis, "has_system_export")
            & ~col(kpis, "has_manual")
        )
        return cls(
            ini=pc.index_in(kpis.column("initiative_id"), value_set=ids).to_numpy()
            .astype(np.int64),
            name=Strings(text(kpis, "name")),
            unit=Strings(text(kpis, "unit")),
            benefit=benefit,
            guardrail=equals(kpis, "kind", "guardrail"),
            lower=equals(kpis, "direction", "lower"),
            baseline=baseline,
            target=target,
            weight=col(kpis, "weight").astype(float),
            count=count,
            has=has,
            latest=latest,
            age=np.nan_to_num(col(kpis, "age_days").astype(float), nan=-1).astype(np.int64),
            progress=np.where(has, progress, np.nan),
            self_reported_only=self_only,
            span_days=np.where(has, (latest_on - first_on).astype(np.int64), -1),
            band_low=np.where(has, np.minimum(*band_edges), np.nan),
            band_high=np.where(has, np.maximum(*band_edges), np.nan),
            trend=trend,
            forecast_on=_forecast(benefit & has, progress, target, latest, trend, latest_on),
        )


def _progress(value: np.ndarray, baseline: np.ndarray, target: np.ndarray,
              higher: np.ndarray) -> np.ndarray:
    """(value - baseline) / (target - baseline); with target = baseline, met (1) or not (0)."""
    span = target - baseline
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        ratio = (value - baseline) / span
    met = np.where(higher, value >= target, value <= target)
    return np.where(span == 0, met.astype(float), ratio)


def _forecast(judged: np.ndarray, progress: np.ndarray, target: np.ndarray,
              latest: np.ndarray, trend: np.ndarray, latest_on: np.ndarray) -> np.ndarray:
    """The day a benefit KPI not yet at its target reaches it at its trend, or NaT."""
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        days = (target - latest) / (trend / 30)
    shown = judged & ~np.isnan(trend) & (progress < 1) & (trend != 0) & (days > 0) & (
        days <= FORECAST_HORIZON_DAYS)
    ahead = np.ceil(np.where(shown, days, 0)).astype(np.int64).astype("timedelta64[D]")
    return np.where(shown, latest_on + ahead, np.datetime64("NaT"))
