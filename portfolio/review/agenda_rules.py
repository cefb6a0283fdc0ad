"""The agenda rules, judged for every initiative at once over a column table of facts.

One row per initiative (FACTS, read set-based by portfolio.storage.agenda_facts); each
rule of docs/operations.md is an array expression over all rows, so a national agenda of
45 k items is judged in ~50 ms instead of building 45 k AgendaFacts and AgendaItem
objects one by one (~1.5 s of a national run's follow-up, #15). The result is an Agenda
whose items are lazy (agenda_items.DueItems): counted, grouped and ranked as columns, built
as models only for what a message, a page or an artifact shows. The same rules one
initiative at a time are tests/oracles/agenda.py, the reference this is held equal to.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from portfolio.models import (
    Recommendation,
    Stage,
)
from portfolio.review.agenda import (
    ACTION_RECOMMENDATIONS,
    FOLLOW_UP_MONTHS,
    Agenda,
)
from portfolio.review.agenda_items import (
    CHANGED,
    FOLLOW_UP,
    FORECAST_LATE,
    NEEDS_DATA,
    OVERDUE,
    RECOMMENDED,
    STALE,
    Due,
    DueItems,
)

FACTS = pa.schema([
    ("id", pa.string()), ("title", pa.string()), ("department", pa.string()),
    ("owner", pa.string()), ("stage", pa.string()), ("review_on", pa.date32()),
    ("steering_group", pa.string()),
    ("organisation", pa.string()),
    ("recommendation", pa.string()),
    ("evaluated_on", pa.date32()),
    ("decided_on", pa.date32()), ("decided_kind", pa.string()),
    ("decided_recommendation", pa.string()),
    ("scaled_on", pa.date32()),
    ("kpi_names", pa.list_(pa.string())), ("kpi_latest_on", pa.list_(pa.date32())),
    ("budget_light", pa.string()), ("time_light", pa.string()),
    ("benefit_light", pa.string()),
    ("forecast_late", pa.bool_()),
])
"""The agenda's facts of one initiative per row: its AgendaFacts as columns.
`organisation` is its steering group's (Subject.organisation); `evaluated_on` and
`recommendation` are of its latest evaluation; `decided_*` of its last decision;
`scaled_on` the date of its newest SCALE decision; `kpi_names`/`kpi_latest_on` each
KPI's name and newest measurement date; the lights of its latest evaluation; and whether
a benefit KPI reaches its target too late at its trend (#18)."""

_NONE = np.datetime64("NaT", "D")


def agenda_of(facts: pa.Table, as_of: date, *, stale_after_days: int = 60,
              follow_up_months: Sequence[int] = FOLLOW_UP_MONTHS) -> Agenda:
    """Every initiative of `facts` (FACTS) that is not closed and has something due, with
    why; follow-ups after scaling at the policy's `followup.months_after_scaling` (only
    the latest checkpoint passed is due)."""
    facts = facts.filter(pc.not_equal(facts["stage"], Stage.CLOSED.value)) \
        if len(facts) else facts
    due = _due(facts, as_of, stale_after_days, tuple(sorted(set(follow_up_months),
                                                             reverse=True)))
    return Agenda(as_of, DueItems.every(due), judged=len(facts))


def _days(column: pa.ChunkedArray | pa.Array) -> np.ndarray:
    """Dates as numpy days, NaT where missing (comparisons with NaT are False)."""
    return np.asarray(column.to_numpy(zero_copy_only=False), dtype="datetime64[D]")


def _is(column: pa.ChunkedArray, values: Iterable[str]) -> np.ndarray:
    return np.asarray(pc.fill_null(pc.is_in(column, pa.array(list(values), pa.string())),
                                   False).to_numpy(zero_copy_only=False), dtype=bool)


def _due(facts: pa.Table, as_of: date, stale_after_days: int,
         months_newest_first: tuple[int, ...]) -> Due:
    n = len(facts)
    today = np.datetime64(as_of, "D")
    review_on, decided_on = _days(facts["review_on"]), _days(facts["decided_on"])
    evaluated_on, scaled_on = _days(facts["evaluated_on"]), _days(facts["scaled_on"])
    decided = ~np.isnat(decided_on)
    now, then = facts["recommendation"], facts["decided_recommendation"]
    bits = np.zeros(n, dtype=np.uint8)

    # Past the review date with no decision since: the definition of the `time` criterion.
    bits |= np.where((review_on < today) & ~(decided_on >= review_on), OVERDUE, 0
                     ).astype(np.uint8)
    changed = np.asarray(pc.fill_null(pc.not_equal(now, then), False)
                         .to_numpy(zero_copy_only=False), dtype=bool)
    bits |= np.where(changed, CHANGED, 0).astype(np.uint8)
    bits |= np.where(_is(now, [Recommendation.NEEDS_DATA.value]), NEEDS_DATA, 0
                     ).astype(np.uint8)
    # An action the group has not decided on since the evidence it rests on.
    decided_since = decided & (decided_on >= evaluated_on)
    recommended = _is(now, [r.value for r in ACTION_RECOMMENDATIONS]) & ~changed \
        & ~decided_since
    bits |= np.where(recommended, RECOMMENDED, 0).astype(np.uint8)

    # The latest checkpoint after scaling that has passed, when no decision came since.
    follow_up_on = np.full(n, _NONE)
    follow_up_months = np.zeros(n, dtype=np.int16)
    open_ = _is(facts["stage"], [Stage.SCALING.value, Stage.OPERATION.value]) \
        & ~np.isnat(scaled_on) & decided
    for months in months_newest_first:
        checkpoint = add_months(scaled_on, months)
        passed = open_ & (checkpoint <= today)
        hit = passed & (decided_on < checkpoint)
        follow_up_on[hit] = checkpoint[hit]
        follow_up_months[hit] = months
        open_ &= ~passed
    bits |= np.where(follow_up_months > 0, FOLLOW_UP, 0).astype(np.uint8)

    # KPIs of a running, evaluated initiative whose newest value is missing or too old.
    names, dates = facts["kpi_names"], facts["kpi_latest_on"]
    lengths = np.asarray(pc.fill_null(pc.list_value_length(dates), 0)
                         .to_numpy(zero_copy_only=False), dtype=np.int64)
    offsets = np.concatenate([[0], np.cumsum(lengths)])
    latest_on = _days(pc.list_flatten(dates))
    too_old = np.isnat(latest_on) | ((today - latest_on).astype(np.int64) > stale_after_days)
    judged = ~np.isnat(evaluated_on) & ~_is(facts["stage"], [Stage.IDEA.value])
    stale_values = too_old & np.repeat(judged, lengths)
    parents = np.repeat(np.arange(n), lengths)
    stale_rows = np.bincount(parents[stale_values], minlength=n) > 0
    bits |= np.where(stale_rows, STALE, 0).astype(np.uint8)

    late = np.asarray(pc.fill_null(facts["forecast_late"], False)
                      .to_numpy(zero_copy_only=False), dtype=bool)
    bits |= np.where(late & (review_on >= today), FORECAST_LATE, 0).astype(np.uint8)
    return Due(facts=facts, bits=bits, follow_up_on=follow_up_on,
               follow_up_months=follow_up_months, stale=stale_values, kpi_offsets=offsets,
               kpi_names=pc.list_flatten(names))


def add_months(days: np.ndarray, months: int) -> np.ndarray:
    """The same days `months` later, each clamped to its month's end (31 Aug + 6 → 28/29
    Feb); NaT stays NaT."""
    month = days.astype("datetime64[M]")
    day_of_month = (days - month.astype("datetime64[D]")).astype(np.int64)
    target = month + np.timedelta64(months, "M")
    first = target.astype("datetime64[D]")
    last_day = ((target + np.timedelta64(1, "M")).astype("datetime64[D]") - first
                ).astype(np.int64) - 1
    return first + np.minimum(day_of_month, last_day).astype("timedelta64[D]")
