"""The meeting pack's hand-written KPI chart (#15): what a steering chair reads off it."""

from __future__ import annotations

import re
from datetime import date, timedelta

from portfolio.models import Kpi, KpiKind, Measurement
from portfolio.reports.kpi_svg import kpi_svg, month_ticks, nice_ticks
from portfolio.reports.words import Words


def _chart(lang: str, count: int, kind: KpiKind = KpiKind.BENEFIT) -> str:
    target = 40 if kind is KpiKind.GUARDRAIL else 20
    kpi = Kpi(initiative_id="X-1", name="<b>ventetid</b>", baseline=40, target=target,
              kind=kind)
    start = date(2024, 11, 20)
    measurements = [Measurement(initiative_id="X-1", kpi=kpi.name, on=start + timedelta(14 * i),
                                value=40 - i) for i in range(count)]
    return kpi_svg(kpi, measurements, Words.of(lang))


def test_value_ticks_are_round_and_cover_the_range() -> None:
    assert nice_ticks(18.0, 42.0) == (5.0, [20.0, 25.0, 30.0, 35.0, 40.0])
    step, ticks = nice_ticks(0.12, 0.31)
    assert step == 0.05 and [round(t, 2) for t in ticks] == [0.15, 0.2, 0.25, 0.3]


def test_month_ticks_are_first_days_at_most_five_from_january() -> None:
    assert month_ticks(date(2024, 11, 20), date(2025, 6, 30)) == [
        date(2025, 1, 1), date(2025, 3, 1), date(2025, 5, 1)]
    assert month_ticks(date(2025, 3, 2), date(2025, 5, 30)) == [date(2025, 4, 1),
                                                                 date(2025, 5, 1)]
    assert len(month_ticks(date(2015, 1, 1), date(2025, 6, 30))) <= 5


def test_the_chart_reads_in_danish_with_its_lines_and_labels() -> None:
    svg = _chart("da", 12)
    texts = re.findall(r">([^<]+)</text>", svg)
    assert "Baseline" in texts and "Mål" in texts
    assert any(t.startswith(("feb.", "apr.", "jun.")) for t in texts), texts
    assert svg.count("<polyline") == 1 and "a2.4 2.4" in svg  # the line, and its dots
    assert "ventetid" not in svg  # the KPI's name is the caption, in HTML, not in the chart


def test_a_long_series_is_a_bare_line_and_a_guardrail_has_one_reference() -> None:
    svg = _chart("en", 30, KpiKind.GUARDRAIL)
    assert "a2.4 2.4" not in svg
    assert svg.count('stroke-dasharray="5 3"') == 1
