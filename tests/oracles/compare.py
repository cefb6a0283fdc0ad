"""Verdicts compared as the oracle tests require: identical in everything judged.

The trend is summed by DuckDB in another order than the reference sums it, so it agrees
to 1e-6, not to the bit; the forecast divides by it, so its date may differ by a day, and
near the horizon one side may say "not at this trend" where the other gives a date
(issue #18). Both are shown, never judged; everything else must be equal.
"""

from __future__ import annotations

import math
from datetime import date

from portfolio.models import Verdict
from tests.oracles.stats import FORECAST_HORIZON_DAYS

_FORECASTS = ("attainment.forecast", "attainment.forecast_passed",
              "attainment.not_at_this_trend")


def judged_part(verdict: Verdict) -> Verdict:
    """The verdict without trend and forecast."""
    kpis = tuple(k.model_copy(update={"trend_per_30d": None, "forecast_on": None})
                 for k in verdict.kpis)
    criteria = tuple(
        c.model_copy(update={"reasons": tuple(r for r in c.reasons if r.code not in _FORECASTS)})
        for c in verdict.criteria)
    reasons = tuple(r for r in verdict.reasons if r.code not in _FORECASTS)
    return verdict.model_copy(update={"kpis": kpis, "criteria": criteria, "reasons": reasons})


def _close_forecasts(a: date | None, b: date | None, latest: date | None) -> bool:
    if a is None and b is None:
        return True
    if a is not None and b is not None:
        return abs((a - b).days) <= 1
    shown = a or b
    assert shown is not None and latest is not None
    return (shown - latest).days >= FORECAST_HORIZON_DAYS - 1


def assert_same_verdicts(got: list[Verdict], expected: list[Verdict]) -> None:
    assert [v.initiative_id for v in got] == [v.initiative_id for v in expected]
    for mine, theirs in zip(got, expected, strict=True):
        assert judged_part(mine) == judged_part(theirs)
        for a, b in zip(mine.kpis, theirs.kpis, strict=True):
            assert (a.trend_per_30d is None) == (b.trend_per_30d is None)
            if a.trend_per_30d is not None and b.trend_per_30d is not None:
                assert math.isclose(a.trend_per_30d, b.trend_per_30d, rel_tol=1e-6, abs_tol=1e-6)
            assert _close_forecasts(a.forecast_on, b.forecast_on, a.latest_on), (a, b)



