"""Charts for print: Altair specs rendered offline to SVG data URIs by vl-convert.

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
from portfolio.models import DecisionKind, Kpi, KpiKind, KpiStats, Measurement
from portfolio.reports.figures import Quarter, Realised
from portfolio.reports.kpi_layers import KpiLayers, kpi_layers
from portfolio.reports.words import Words

INK = "#1d3557"
GREY = "#8d99ae"
GREEN = "#2a9d8f"
AMBER = "#e9a23b"
RED = "#c8553d"
FONT = "DejaVu Sans"
WIDTH = 230
GUARDRAIL_SPAN = 0.15
MOST_POINTS = 24
"""Beyond this many measurements the dots merge into a band: a bare line reads better, and
each dot is an SVG node the PDF renderer draws (#7: half of a national pack's drawing)."""
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


def kpi_chart(kpi: Kpi, measurements: Sequence[Measurement], w: Words,
              stats: KpiStats | None = None) -> str:
    """A KPI's measurements over time against dashed baseline and target lines.

    A guardrail's target is its baseline, so it gets one line, and a scale wide enough
    that harmless noise around the baseline does not look like a trend. The spec is
    written as Vega-Lite JSON, not built with Altair: a meeting pack draws hundreds of
    these, and Altair's objects cost a third of each chart's time, holding the GIL (#7).
    """
    values = [{"date": m.on.isoformat(), "value": m.value} for m in measurements]
    reference = [{"label": w.t("baseline"), "value": kpi.baseline, "colour": GREY}]
    if kpi.target != kpi.baseline:
        reference.append({"label": w.t("target"), "value": kpi.target, "colour": GREEN})
    numbers = [m.value for m in measurements] + [kpi.baseline, kpi.target]
    if kpi.kind is KpiKind.GUARDRAIL:
        numbers += [kpi.baseline * (1 - GUARDRAIL_SPAN), kpi.baseline * (1 + GUARDRAIL_SPAN)]
    low, high = min(numbers), max(numbers)
    pad = (high - low) * 0.1 or abs(high) * 0.1 or 1.0
    y = {"axis": {"tickCount": 4}, "field": "value", "title": None, "type": "quantitative",
         "scale": {"domain": [low - pad, high + pad], "nice": True, "zero": False}}
    colour = {"field": "colour", "scale": None, "type": "nominal"}
    line: dict[str, Any] = {"type": "line", "color": INK, "strokeWidth": 2}
    if len(values) <= MOST_POINTS:
        line["point"] = {"color": INK, "size": 18}
    x = {"axis": {"format": "%b %y", "tickCount": 5}, "field": "date", "title": None,
         "type": "temporal"}
    spec = {
        "$schema": alt.SCHEMA_URL, "width": WIDTH, "height": 72,
        "layer": [
            {"data": {"values": values}, "mark": line, "encoding": {"x": x, "y": y}},
            {"data": {"values": reference},
             "mark": {"type": "rule", "strokeDash": [5, 3], "strokeWidth": 1.5},
             "encoding": {"color": colour, "y": y}},
            {"data": {"values": reference},
             "mark": {"type": "text", "align": "left", "dx": 4, "fontSize": 9,
                      "fontWeight": "bold"},
             "encoding": {"color": colour, "text": {"field": "label", "type": "nominal"},
                          "x": {"value": WIDTH}, "y": y}},
        ],
    }
    spec["layer"] = _judged_layers(kpi_layers(stats, measurements), x, y) + spec["layer"]
    return spec_to_data_uri(spec, w.lang)


def _judged_layers(layers: KpiLayers, x: dict[str, Any], y: dict[str, Any]
                   ) -> list[dict[str, Any]]:
    """The band the proof rule judged, under the line, and the forecast, dotted (#18)."""
    drawn: list[dict[str, Any]] = []
    if layers.band:
        drawn.append({"data": {"values": [layers.band]},
                      "mark": {"type": "rect", "color": GREEN, "opacity": 0.15},
                      "encoding": {"x": {**x, "field": "start"}, "x2": {"field": "end"},
                                   "y": {**y, "field": "low"}, "y2": {"field": "high"}}})
    if layers.forecast:
        drawn.append({"data": {"values": list(layers.forecast)},
                      "mark": {"type": "line", "color": AMBER, "strokeDash": [2, 2],
                               "strokeWidth": 1.5},
                      "encoding": {"x": x, "y": y}})
    return drawn


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
        y=alt.Y("n:Q", title=w.t("decisions"), axis=alt.Axis(tickMinStep=1)),
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
        y=alt.Y("share:Q", title=w.t("realised"), scale=alt.Scale(domain=[0, 1]),
                axis=alt.Axis(format=".0%", tickCount=5)),
        color=alt.Color(
            "series:N", title=None, sort=[w.t(k) for k, _, _ in series],
            scale=alt.Scale(domain=[w.t(k) for k, _, _ in series],
                            range=[c for _, _, c in series]),
        ),
    ).properties(width=440, height=150)
    chart = alt.vconcat(bars, lines, spacing=18).resolve_scale(color="independent")
    return to_data_uri(chart, w.lang)
