"""A realised-benefit chart of a national portfolio (600 departments) shows its best and
worst ends, not 1,200 bars, and says so; the table beside it keeps every group (#15)."""

from __future__ import annotations

from portfolio.reports.documents import CHART_ENDS, charted
from portfolio.reports.figures import Realised


def group(n: int) -> Realised:
    return Realised(f"Dept {n:03d}", 3, None, None, 1 - n / 1000)


def test_a_few_groups_are_all_charted() -> None:
    rows = tuple(group(n) for n in range(2 * CHART_ENDS))
    assert charted(rows) == rows


def test_many_groups_chart_the_best_and_the_worst_in_rank_order() -> None:
    rows = tuple(group(n) for n in range(600))
    shown = charted(rows)
    assert len(shown) == 2 * CHART_ENDS
    assert shown[:CHART_ENDS] == rows[:CHART_ENDS]
    assert shown[CHART_ENDS:] == rows[-CHART_ENDS:]
