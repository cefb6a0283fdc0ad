"""A KPI's chart for print as a small hand-written SVG: the meeting pack draws hundreds.

The pack's charts were Vega-Lite drawn by vl-convert: ~20 ms each to draw and ~80 SVG nodes
each for WeasyPrint to paint, most of a national pack's time (#15). This one writes the
same picture directly — measurements as a line (dots up to MOST_POINTS), dashed baseline
and target with their labels, the band the proof rule judged and the dotted forecast
(kpi_layers, as the dashboard's chart), four value ticks and month ticks in the reader's
language — in ~25 nodes, without importing Altair or vl-convert.

Pure: numbers and dates in, a data URI out. Only our own labels, numbers and month names
are written into the SVG, escaped all the same.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date

from portfolio import formats
from portfolio.models import Kpi, KpiKind, KpiStats, Measurement
from portfolio.reports.kpi_layers import kpi_layers
from portfolio.reports.svg import AMBER, FONT, GREEN, GREY, GRID, INK, data_uri, nice_ticks, text
from portfolio.reports.words import Words

SIZE = (308, 99)
PLOT = (32.0, 5.0, 230.0, 72.0)
"""Left, top, width, height of the plotting area inside SIZE; the right margin holds the
baseline and target labels."""
GUARDRAIL_SPAN = 0.15
MOST_POINTS = 24
"""Beyond this many measurements the dots merge into a band: a bare line reads better."""
MONTH_TICKS = 5
_MONTH_STEPS = (1, 2, 3, 4, 6, 12, 24, 36, 60, 120)


def _month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def month_ticks(start: date, end: date, count: int = MONTH_TICKS) -> list[date]:
    """First days of months within [start, end], every 1, 2, 3, 6, 12… months, at most
    `count` of them (January always among them when the step divides a year)."""
    first = _month_index(start) + (start.day > 1)
    last = _month_index(end)
    if last < first:
        return []
    step = next((s for s in _MONTH_STEPS if (last - first) // s + 1 <= count),
                _MONTH_STEPS[-1])
    begin = first + (-first) % step if step <= 12 else first
    return [date(m // 12, m % 12 + 1, 1) for m in range(begin, last + 1, step)]


def _month_label(day: date, lang: str) -> str:
    short = formats.vega_locale(lang)["time"]["shortMonths"][day.month - 1]
    return f"{short} {day.year % 100:02d}"


def _value_label(value: float, step: float, lang: str) -> str:
    decimals = max(0, -math.floor(math.log10(step) + 1e-9)) if step < 1 else 0
    return formats.number(round(value, decimals), lang, decimals=decimals)


def kpi_svg(kpi: Kpi, measurements: Sequence[Measurement], w: Words,
            stats: KpiStats | None = None) -> str:
    """The chart's SVG text. A guardrail's target is its baseline, so it gets one line and
    a scale wide enough that harmless noise around the baseline does not look like a
    trend."""
    left, top, width, height = PLOT
    layers = kpi_layers(stats, measurements)
    points = sorted((m.on, m.value) for m in measurements)
    numbers = [v for _, v in points] + [kpi.baseline, kpi.target]
    if kpi.kind is KpiKind.GUARDRAIL:
        numbers += [kpi.baseline * (1 - GUARDRAIL_SPAN), kpi.baseline * (1 + GUARDRAIL_SPAN)]
    days = [d for d, _ in points]
    if layers.band:
        numbers += [layers.band["low"], layers.band["high"]]
        days += [date.fromisoformat(layers.band["start"]), date.fromisoformat(layers.band["end"])]
    if layers.forecast:
        numbers += [p["value"] for p in layers.forecast]
        days += [date.fromisoformat(p["date"]) for p in layers.forecast]
    low, high = min(numbers), max(numbers)
    pad = (high - low) * 0.1 or abs(high) * 0.1 or 1.0
    step, _ = nice_ticks(low - pad, high + pad)
    y_low = math.floor((low - pad) / step) * step  # a nice scale, as Vega's "nice": true
    y_high = math.ceil((high + pad) / step) * step
    _, ticks = nice_ticks(y_low, y_high)
    x_start, x_end = min(days).toordinal(), max(days).toordinal()
    x_span = (x_end - x_start) or 1

    def x_of(day: date | str) -> float:
        ordinal = (date.fromisoformat(day) if isinstance(day, str) else day).toordinal()
        return left + width * (ordinal - x_start) / x_span if x_end > x_start else left + width / 2

    def y_of(value: float) -> float:
        return top + height * (y_high - value) / (y_high - y_low)

    bottom = top + height
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{SIZE[0]}" height="{SIZE[1]}"'
             f' viewBox="0 0 {SIZE[0]} {SIZE[1]}" font-family="{FONT}">']
    grid = "".join(f"M{left:.1f} {y_of(t):.1f}h{width:.1f}" for t in ticks)
    parts.append(f'<path d="{grid}" stroke="{GRID}" stroke-width="1" fill="none"/>')
    parts.append(f'<path d="M{left:.1f} {bottom:.1f}h{width:.1f}" stroke="#b0b7c0"'
                 ' stroke-width="1" fill="none"/>')
    parts += [text(left - 4, y_of(t) + 3, _value_label(t, step, w.lang), anchor="end")
              for t in ticks]
    parts += [text(x_of(m), bottom + 13, _month_label(m, w.lang), anchor="middle")
              for m in month_ticks(min(days), max(days))]
    if layers.band:
        band_left, band_right = x_of(layers.band["start"]), x_of(layers.band["end"])
        band_top, band_bottom = y_of(layers.band["high"]), y_of(layers.band["low"])
        parts.append(f'<rect x="{band_left:.1f}" y="{band_top:.1f}"'
                     f' width="{max(band_right - band_left, 1):.1f}"'
                     f' height="{max(band_bottom - band_top, 1):.1f}" fill="{GREEN}"'
                     ' fill-opacity="0.15"/>')
    if layers.forecast:
        line = " ".join(f"{x_of(p['date']):.1f},{y_of(p['value']):.1f}"
                        for p in layers.forecast)
        parts.append(f'<polyline points="{line}" fill="none" stroke="{AMBER}"'
                     ' stroke-width="1.5" stroke-dasharray="2 2"/>')
    line = " ".join(f"{x_of(d):.1f},{y_of(v):.1f}" for d, v in points)
    parts.append(f'<polyline points="{line}" fill="none" stroke="{INK}" stroke-width="2"'
                 ' stroke-linejoin="round"/>')
    if len(points) <= MOST_POINTS:
        dots = "".join(f"M{x_of(d) - 2.4:.1f} {y_of(v):.1f}a2.4 2.4 0 1 0 4.8 0"
                       f"a2.4 2.4 0 1 0 -4.8 0" for d, v in points)
        parts.append(f'<path d="{dots}" fill="{INK}"/>')
    references = [(w.t("word.baseline"), kpi.baseline, GREY)]
    if kpi.target != kpi.baseline:
        references.append((w.t("word.target"), kpi.target, GREEN))
    for label, value, colour in references:
        y = y_of(value)
        parts.append(f'<path d="M{left:.1f} {y:.1f}h{width:.1f}" stroke="{colour}"'
                     ' stroke-width="1.5" stroke-dasharray="5 3" fill="none"/>')
        parts.append(text(left + width + 4, y + 3, label, colour=colour, bold=True, size=9))
    parts.append("</svg>")
    return "".join(parts)


def kpi_chart(kpi: Kpi, measurements: Sequence[Measurement], w: Words,
              stats: KpiStats | None = None) -> str:
    """The chart as an SVG data URI for an <img> of a report."""
    return data_uri(kpi_svg(kpi, measurements, w, stats))
