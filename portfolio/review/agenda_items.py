"""An agenda's items as columns: counted, narrowed, grouped and ranked without building
them, and built as AgendaItem models only where they are shown.

A national agenda holds ~45 k items. Each run counts them, groups them by steering group
and by owner, escalates the overdue ones and shows each group the most urgent few in an
e-mail, a chat post and a Prefect artifact: a few thousand items are read, none of the
rest need be objects (#15). `DueItems` is a read-only sequence of AgendaItem over the rows
of a `Due` (what agenda_rules judged of each row) and a mask of the reasons it keeps.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache, cached_property
from typing import Any, TypeVar, overload

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from portfolio.models import DecisionKind, GroupKey, Light, PersonKey, Recommendation, Stage
from portfolio.review.agenda import AgendaItem, AgendaReason, Items, LastDecision, Subject
from portfolio.review.urgency import URGENCY

OVERDUE, CHANGED, NEEDS_DATA, RECOMMENDED, FOLLOW_UP, STALE, FORECAST_LATE = (
    1, 2, 4, 8, 16, 32, 64)
"""One bit per reason, in the order an item lists its reasons."""

_BITS = (
    (OVERDUE, AgendaReason.OVERDUE),
    (CHANGED, AgendaReason.RECOMMENDATION_CHANGED),
    (NEEDS_DATA, AgendaReason.NEEDS_DATA),
    (RECOMMENDED, AgendaReason.RECOMMENDED),
    (FOLLOW_UP, AgendaReason.FOLLOW_UP),
    (STALE, AgendaReason.STALE_MEASUREMENTS),
    (FORECAST_LATE, AgendaReason.FORECAST_LATE),
)
_FOLLOW_UP_REASONS = frozenset({AgendaReason.FOLLOW_UP_6, AgendaReason.FOLLOW_UP_12,
                                AgendaReason.FOLLOW_UP})
EVERY = 127


def bits_of(reasons: Collection[AgendaReason]) -> int:
    """The mask of `reasons` (the follow-ups, whatever their month, are one bit)."""
    mask = 0
    for bit, reason in _BITS:
        if reason in reasons or (bit == FOLLOW_UP and _FOLLOW_UP_REASONS & set(reasons)):
            mask |= bit
    return mask


@cache
def _reasons(bits: int, months: int) -> tuple[AgendaReason, ...]:
    """The reasons of `bits`, the follow-up named by its month (+6 and +12 have names)."""
    named = f"follow_up_{months}"
    follow_up = (AgendaReason(named) if named in {r.value for r in AgendaReason}
                 else AgendaReason.FOLLOW_UP)
    return tuple(follow_up if bit == FOLLOW_UP else reason
                 for bit, reason in _BITS if bits & bit)


_STAGES = {m.value: m for m in Stage}
_RECOMMENDATIONS = {m.value: m for m in Recommendation}
_KINDS = {m.value: m for m in DecisionKind}
_LIGHTS = {m.value: m for m in Light}
_SHOWN = ("id", "title", "department", "owner", "stage", "review_on", "steering_group",
          "organisation", "recommendation", "decided_on", "decided_kind",
          "decided_recommendation", "budget_light", "time_light", "benefit_light")


@dataclass(frozen=True, eq=False)
class Due:
    """What the rules found due of each row of `facts` (agenda_rules.FACTS): its reason
    bits, the follow-up checkpoint due and its month (NaT and 0: none), and for each KPI
    value (`kpi_names`, rows' lists one after another from `kpi_offsets`) whether it is
    stale."""

    facts: pa.Table
    bits: np.ndarray
    follow_up_on: np.ndarray
    follow_up_months: np.ndarray
    stale: np.ndarray
    kpi_offsets: np.ndarray
    kpi_names: pa.Array | pa.ChunkedArray

    @cached_property
    def id_rank(self) -> np.ndarray:
        """Each row's place in initiative-id order."""
        ranks = np.empty(len(self.facts), dtype=np.int64)
        ranks[np.asarray(pc.sort_indices(self.facts["id"]))] = np.arange(len(self.facts))
        return ranks

    @cached_property
    def urgency_rank(self) -> np.ndarray:
        """Each row's recommendation's place in review.urgency.URGENCY (unevaluated last)."""
        ranks = pc.index_in(self.facts["recommendation"],
                            value_set=pa.array([r.value for r in URGENCY]))
        return np.asarray(pc.fill_null(ranks, len(URGENCY)).to_numpy(zero_copy_only=False))

    def column(self, name: str) -> list[Any]:
        """A column of every row as Python values (read once, for grouping)."""
        if name not in self._columns:
            self._columns[name] = self.facts[name].to_pylist()
        return self._columns[name]

    @cached_property
    def _columns(self) -> dict[str, list[Any]]:
        return {}

    def build(self, rows: np.ndarray, mask: int) -> list[AgendaItem]:
        """The items of `rows`, each with its reasons of `mask`."""
        if not len(rows):
            return []
        shown = self.facts.select(list(_SHOWN)).take(pa.array(rows)).to_pydict()
        return [self._item(int(r), k, shown, mask) for k, r in enumerate(rows)]

    def _item(self, row: int, k: int, shown: dict[str, list[Any]], mask: int) -> AgendaItem:
        def at(name: str) -> Any:
            return shown[name][k]

        bits = int(self.bits[row])
        months = int(self.follow_up_months[row])
        decided_on, recommended = at("decided_on"), at("decided_recommendation")
        stale: tuple[str, ...] = ()
        if bits & STALE:
            start, end = int(self.kpi_offsets[row]), int(self.kpi_offsets[row + 1])
            names = self.kpi_names.slice(start, end - start).to_pylist()
            stale = tuple(n for n, s in zip(names, self.stale[start:end], strict=True) if s)
        lights = tuple(_LIGHTS[v] if v else None
                       for v in (at("budget_light"), at("time_light"), at("benefit_light")))
        return AgendaItem(
            initiative=Subject(at("id"), at("title"), at("department"), at("owner"),
                               _STAGES[at("stage")], at("review_on"), at("organisation")),
            steering_group=at("steering_group"),
            reasons=_reasons(bits & mask, months),
            recommendation=_RECOMMENDATIONS.get(at("recommendation") or ""),
            last_decision=None if decided_on is None else LastDecision(
                decided_on, _KINDS[at("decided_kind")],
                _RECOMMENDATIONS[recommended] if recommended else None),
            follow_up_on=_date(self.follow_up_on[row]),
            follow_up_months=months or None,
            stale_kpis=stale,
            lights=lights,
        )


def _date(day: np.datetime64) -> date | None:
    return None if np.isnat(day) else day.astype(object)


K = TypeVar("K", GroupKey, PersonKey)
_CHUNK = 2_000


class DueItems(Items):
    """Agenda items as rows of a `Due`, each with its reasons of a mask; read-only and
    lazy: `len`, `only`, `by_group`, `by_owner` and `most_urgent` work on the columns,
    iterating or indexing builds the AgendaItem models."""

    __slots__ = ("_due", "_mask", "_rows")

    def __init__(self, due: Due, rows: np.ndarray, mask: int = EVERY) -> None:
        self._due, self._rows, self._mask = due, rows, mask

    @classmethod
    def every(cls, due: Due) -> DueItems:
        """Every row with something due."""
        return cls(due, np.flatnonzero(due.bits))

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, index: int) -> AgendaItem: ...

    @overload
    def __getitem__(self, index: slice) -> DueItems: ...

    def __getitem__(self, index: int | slice) -> AgendaItem | DueItems:
        if isinstance(index, slice):
            return DueItems(self._due, self._rows[index], self._mask)
        return self._due.build(self._rows[[index]], self._mask)[0]

    def __iter__(self) -> Iterator[AgendaItem]:
        for start in range(0, len(self._rows), _CHUNK):
            yield from self._due.build(self._rows[start:start + _CHUNK], self._mask)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(self) == len(other) and tuple(self) == tuple(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"DueItems({len(self)} items)"

    def only(self, reasons: Collection[AgendaReason]) -> DueItems:
        """The items with a reason among `reasons`, each with those reasons only."""
        mask = self._mask & bits_of(reasons)
        keep = (self._due.bits[self._rows] & mask) != 0
        return DueItems(self._due, self._rows[keep], mask)

    def by_group(self) -> dict[GroupKey, Items]:
        """The items by steering group (organisation + name, #13), groups sorted."""
        return self._by(GroupKey, "steering_group")

    def by_owner(self) -> dict[PersonKey, Items]:
        """The items by owner (organisation + name, #13), owners sorted."""
        return self._by(PersonKey, "owner")

    def _by(self, key: type[K], name: str) -> dict[K, Items]:
        organisations, names = self._due.column("organisation"), self._due.column(name)
        rows: dict[tuple[str, str], list[int]] = defaultdict(list)
        for row in self._rows.tolist():
            rows[(organisations[row], names[row])].append(row)
        return {key(*k): DueItems(self._due, np.array(v, dtype=np.int64), self._mask)
                for k, v in sorted(rows.items())}

    def most_urgent(self, limit: int) -> list[AgendaItem]:
        """At most `limit` items, the most urgent (overdue, then CLOSE, NEEDS_DATA, …:
        review.urgency), in the agenda's order (by initiative id): what a bounded e-mail,
        chat post or artifact shows of a long agenda, with a link to the rest."""
        if len(self) <= limit:
            return list(self)
        due, rows = self._due, self._rows
        overdue = (due.bits[rows] & self._mask & OVERDUE) != 0
        order = np.lexsort((due.id_rank[rows], due.urgency_rank[rows], ~overdue))
        chosen = rows[order[:limit]]
        return due.build(chosen[np.argsort(due.id_rank[chosen])], self._mask)
