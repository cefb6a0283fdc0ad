"""The portfolio report's charts for print: Altair specs rendered offline to SVG data URIs
by vl-convert (a KPI's chart in the meeting pack is hand-written: kpi_svg.py).

SVG stays vector in the PDF (crisp at any zoom, small files) and renders twice as fast
as PNG at print resolution. Names typed by
users stay out of the charts where possible (captions are HTML, escaped there); the
charts carry numbers, dates and our own labels. No chart may fetch anything.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from typing import Any

import altair as alt
import vl_convert

from portfolio import formats
from portfolio.models import DecisionKind
from portfolio.reports.figures import Quarter, Realised
from portfolio.reports.words import Words

INK = "#1d3557"
GREY = "#8d99ae"
GREEN = "#2a9d8f"
AMBER = "#e9a23b"
RED = "#c8553d"
FONT = "DejaVu Sans"
WIDTH = 230
DECISION_COLOURS = {
    DecisionKind.SCALE: GREEN, DecisionKind.CONTINUE: "#457b9d", DecisionKind.PIVOT: AMBER,
    DecisionKind.CLOSE: RED, DecisionKind.PARK: GREY,
}
_CONFIG: dict[str, Any] = {
    "font": FONT,
    "view": {"stroke": None},
    "axis": {"labelColor": "#333333", "titleColor": "#333333", "gridColor": "#e5e8ec",
             "domainColor": "#b0b7c0", "tickColor": "#b0b7c0", "labelFontSize": 10,
             "titleFontSize": 10, "titleFontWeight": "normal"},
    "legend": {"labelFontSize": 10, "titleFontSize": 10, "orient": "bottom"},
}


def to_data_uri(chart: alt.TopLevelMixin, lang: str) -> str:
    """Render a chart to an SVG data URI, offline, in the language's date and number style."""
    return spec_to_data_uri(chart.to_dict(validate=False), lang)


def spec_to_data_uri(spec: dict[str, Any], lang: str) -> str:
    """Render a Vega-Lite spec as `to_data_uri` does; vl-convert releases the GIL here."""
    locale = formats.vega_locale(lang)  # the same CLDR rules as the dashboard's charts
    svg = vl_convert.vegalite_to_svg(
        spec, config=_CONFIG, allowed_base_urls=[],
        format_locale=locale["number"], time_format_locale=locale["time"],
    )
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")


def realised_bars(rows: Sequence[Realised], w: Words, label_of: dict[str, str]) -> str:
    """Share of expected benefits realised per group, cashable next to non-cashable."""
    values = [
        {"group": label_of.get(r.label, r.label), "kind": w.t(kind), "share": share}
        for r in rows
        for kind, share in (("cashable", r.cashable), ("non_cashable", r.non_cashable))
        if share is not None
    ]
    kinds = [w.t("cashable"), w.t("non_cashable")]
    chart = alt.Chart(alt.Data(values=values)).mark_bar().encode(
        y=alt.Y("group:N", title=None, sort=[label_of.get(r.label, r.label) for r in rows],
                axis=alt.Axis(labelLimit=220, labelFontSize=10),
                scale=alt.Scale(paddingInner=0.35, paddingOuter=0.2)),
        yOffset=alt.YOffset("kind:N", sort=kinds, scale=alt.Scale(paddingInner=0.1)),
        x=alt.X("share:Q", title=None, scale=alt.Scale(domain=[0, 1]),
                axis=alt.Axis(format=".0%", tickCount=5)),
        color=alt.Color("kind:N", title=None, sort=kinds,
                        scale=alt.Scale(domain=kinds, range=[INK, GREEN])),
    )
    return to_data_uri(chart.properties(width=300, height=alt.Step(8)), w.lang)


def trend_chart(quarters: Sequence[Quarter], w: Words) -> str:
    """Decisions per quarter (bars) above the share of benefits realised (lines)."""
    names = [w.quarter(q.year, q.number) for q in quarters]
    kinds = [k for k in DecisionKind if any(q.decisions[k] for q in quarters)]
    bars_data = [
        {"quarter": name, "kind": w.recommendation(k), "n": q.decisions[k]}
        for name, q in zip(names, quarters, strict=True) for k in kinds if q.decisions[k]
    ]
    bars = alt.Chart(alt.Data(values=bars_data)).mark_bar(size=26).encode(
        x=alt.X("quarter:N", title=None, sort=names, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("n:Q", title=w.t("word.decisions"), axis=alt.Axis(tickMinStep=1)),
        color=alt.Color(
            "kind:N", title=None, sort=[w.recommendation(k) for k in kinds],
            scale=alt.Scale(domain=[w.recommendation(k) for k in kinds],
                            range=[DECISION_COLOURS[k] for k in kinds]),
        ),
    ).properties(width=440, height=120)
    series = (("all_benefits", "overall", INK), ("cashable", "cashable", GREEN),
              ("non_cashable", "non_cashable", AMBER))
    line_data = [
        {"quarter": name, "series": w.t(key), "share": share}
        for name, q in zip(names, quarters, strict=True)
        for key, field, _ in series
        if (share := getattr(q.realised, field)) is not None
    ]
    lines = alt.Chart(alt.Data(values=line_data)).mark_line(point=True, strokeWidth=2).encode(
        x=alt.X("quarter:N", title=None, sort=names, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("share:Q", title=w.t("word.realised"), scale=alt.Scale(domain=[0, 1]),
                axis=alt.Axis(format=".0%", tickCount=5)),
        color=alt.Color(
            "series:N", title=None, sort=[w.t(k) for k, _, _ in series],
            scale=alt.Scale(domain=[w.t(k) for k, _, _ in series],
                            range=[c for _, _, c in series]),
        ),
    ).properties(width=440, height=150)
    chart = alt.vconcat(bars, lines, spacing=18).resolve_scale(color="independent")
    return to_data_uri(chart, w.lang)
