"""What a KPI chart draws beside its measurements (issue #18): the band the proof rule
judges and the forecast of reaching the target. Pure, shared by the dashboard's chart and
the PDF's, so both show what the evaluation judged."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from portfolio.models import KpiStats, Measurement
from portfolio.review.columns import BAND_POINTS


@dataclass(frozen=True)
class KpiLayers:
    band: dict[str, Any] | None
    """{"start", "end", "low", "high"}: the newest measurements' dates and value spread."""
    forecast: tuple[dict[str, Any], ...]
    """Two points, latest value to (forecast date, target); empty without a forecast."""


def kpi_layers(stats: KpiStats | None, measurements: Sequence[Measurement]) -> KpiLayers:
    if stats is None or stats.latest_on is None or stats.band_min is None:
        return KpiLayers(None, ())
    dates = sorted({m.on for m in measurements if m.on <= stats.latest_on})
    start = dates[-BAND_POINTS] if len(dates) >= BAND_POINTS else (dates[0] if dates else
                                                                  stats.latest_on)
    band = {"start": start.isoformat(), "end": stats.latest_on.isoformat(),
            "low": stats.band_min, "high": stats.band_max}
    forecast: tuple[dict[str, Any], ...] = ()
    if stats.forecast_on is not None and stats.latest_value is not None:
        forecast = ({"date": stats.latest_on.isoformat(), "value": stats.latest_value},
                    {"date": stats.forecast_on.isoformat(), "value": stats.target})
    return KpiLayers(band, forecast)
