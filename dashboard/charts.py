"""Altair charts, every title, legend, axis and tooltip in the reader's language.

Numbers and dates are formatted by Vega in the browser, so each chart carries the
reader's CLDR number and time locale (`config.locale`, from portfolio/formats.py):
"1.200.000", "57 %" and "6. sep." for a Danish reader. Count axes tick whole numbers.
"""

from __future__ import annotations

from datetime import date

import altair as alt
import pandas as pd

from dashboard.labels import dimension_name, dimension_value, recommendation, source, t
from portfolio import formats
from portfolio.models import Kpi, KpiStats, Measurement, Recommendation, Stage
from portfolio.reports.kpi_layers import kpi_layers

REC_COLOURS = {
    Recommendation.SCALE: "#2e7d32",
    Recommendation.CONTINUE: "#1565c0",
    Recommendation.PIVOT: "#ef6c00",
    Recommendation.CLOSE: "#c62828",
    Recommendation.NEEDS_DATA: "#9e9e9e",
}
NOT_EVALUATED = "#d0d0d0"


def localised(chart: alt.TopLevelMixin, lang: str) -> alt.TopLevelMixin:
    """The chart with the reader's number and time locale (Vega's config.locale)."""
    return chart.configure(locale=formats.vega_locale(lang))


def _count_axis() -> alt.Axis:
    """Whole-number ticks: a count has no 0.2."""
    return alt.Axis(tickMinStep=1, format=",d")


def _rec_scale(lang: str) -> alt.Scale:
    domain = [recommendation(r, lang) for r in REC_COLOURS] + [recommendation(None, lang)]
    return alt.Scale(domain=domain, range=[*REC_COLOURS.values(), NOT_EVALUATED])


def kpi_chart(
    kpi: Kpi, measurements: list[Measurement], lang: str, today: date,
    stats: KpiStats | None = None,
) -> alt.TopLevelMixin:
    """A KPI over time against baseline and target; points coloured by provenance; with
    the evaluation's statistics, the band the proof rule judged and the forecast (#18)."""
    values = pd.DataFrame(
        [{"date": m.on.isoformat(), "value": m.value, "provenance": source(m.provenance, lang),
          "source": m.source,
          "age": (today - m.on).days, "by": m.recorded_by} for m in measurements]
    )
    lines = pd.DataFrame(
        [{"label": t("word.baseline", lang), "value": kpi.baseline},
         {"label": t("word.target", lang), "value": kpi.target}]
    )
    x = alt.X("date:T", title=t("word.date", lang),
              axis=alt.Axis(format=formats.time_axis_format(lang), labelOverlap=True))
    y = alt.Y("value:Q", title=kpi.unit or t("value", lang), scale=alt.Scale(zero=False),
              axis=alt.Axis(format=",~r"))
    line = alt.Chart(values).mark_line(color="#607d8b").encode(x=x, y=y)
    points = alt.Chart(values).mark_point(filled=True, size=60).encode(
        x=x, y=y,
        shape=alt.Shape("provenance:N", title=t("word.provenance", lang)),
        color=alt.Color("provenance:N", title=t("word.provenance", lang)),
        tooltip=[alt.Tooltip("date:T", title=t("word.date", lang)),
                 alt.Tooltip("value:Q", title=t("value", lang)),
                 alt.Tooltip("provenance:N", title=t("word.provenance", lang)),
                 alt.Tooltip("source:N", title=t("source", lang)),
                 alt.Tooltip("age:Q", title=t("age_days", lang)),
                 alt.Tooltip("by:N", title=t("recorded_by", lang))],
    )
    rules = alt.Chart(lines).mark_rule(strokeDash=[6, 4]).encode(
        y="value:Q", strokeDash=alt.StrokeDash("label:N", title=None),
    )
    layers = kpi_layers(stats, measurements)
    judged: list[alt.Chart] = []
    if layers.band:
        band = pd.DataFrame([{**layers.band, "label": t("kpi_band", lang)}])
        judged.append(alt.Chart(band).mark_rect(color="#2a9d8f", opacity=0.15).encode(
            x="start:T", x2="end:T", y="low:Q", y2="high:Q",
            tooltip=[alt.Tooltip("label:N", title=""), alt.Tooltip("low:Q", title="min"),
                     alt.Tooltip("high:Q", title="max")]))
    if layers.forecast:
        forecast = pd.DataFrame([{**p, "label": t("kpi_forecast", lang)}
                                 for p in layers.forecast])
        judged.append(alt.Chart(forecast).mark_line(color="#e9a23b", strokeDash=[2, 2]).encode(
            x="date:T", y="value:Q",
            tooltip=[alt.Tooltip("label:N", title=""), alt.Tooltip("date:T", title="")]))
    return localised(
        alt.layer(*judged, line, points, rules)
        .resolve_scale(color="independent", shape="independent")
        .properties(title=kpi.name, height=220), lang)


def portfolio_chart(rows: pd.DataFrame, axis: str, lang: str) -> alt.TopLevelMixin:
    """Benefit attainment against spend or time, coloured by recommendation, sized by budget.

    `rows` are PortfolioBoard rows: active, evaluated initiatives with a score are shown.
    """
    shown = rows[(rows["stage"] != Stage.CLOSED.value) & rows["recommendation"].notna()
                 & rows["score"].notna()]
    recs = {r.value: recommendation(r, lang) for r in Recommendation}
    frame = pd.DataFrame({
        "id": shown["id"],
        "title": shown["title"],
        "x": shown["spent_dkk"] if axis == "spend" else shown["pilot_age_days"],
        "score": shown["score"],
        "budget": shown["budget_dkk"],
        "rec": shown["recommendation"].map(recs),
    }, columns=["id", "title", "x", "score", "budget", "rec"]).reset_index(drop=True)
    x_title = t("spent", lang) if axis == "spend" else t("days_since_start", lang)
    return localised(
        alt.Chart(frame, title=t("portfolio_chart", lang))
        .mark_circle(opacity=0.75, stroke="#333", strokeWidth=0.5)
        .encode(
            x=alt.X("x:Q", title=x_title,
                    axis=alt.Axis(format=",.0f") if axis == "spend" else _count_axis()),
            y=alt.Y("score:Q", title=t("word.benefit_attainment", lang), axis=alt.Axis(format="%"),
                    scale=alt.Scale(domain=[0, 1.05])),
            color=alt.Color("rec:N", title=t("word.recommendation", lang), scale=_rec_scale(lang)),
            size=alt.Size("budget:Q", title=t("budget", lang), scale=alt.Scale(range=[40, 900])),
            tooltip=[alt.Tooltip("id:N", title="ID"),
                     alt.Tooltip("title:N", title=t("title", lang)),
                     alt.Tooltip("rec:N", title=t("word.recommendation", lang)),
                     alt.Tooltip("score:Q", title=t("word.benefit_attainment", lang), format=".0%"),
                     alt.Tooltip("budget:Q", title=t("budget", lang), format="$,.0f")],
        )
        .properties(height=340), lang)


def breakdown_chart(
    counts: list[tuple[str, Recommendation | None, int]], dimension: str, lang: str
) -> alt.TopLevelMixin:
    """Active initiatives per value of a dimension, stacked by recommendation."""
    frame = pd.DataFrame(
        [{"key": dimension_value(dimension, key, lang), "rec": recommendation(rec, lang),
          "n": n} for key, rec, n in counts],
        columns=["key", "rec", "n"],
    )
    return localised(
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("sum(n):Q", title=t("count", lang), axis=_count_axis()),
            y=alt.Y("key:N", sort="-x", title=None, axis=alt.Axis(labelLimit=220)),
            color=alt.Color("rec:N", title=t("word.recommendation", lang), scale=_rec_scale(lang)),
            tooltip=[alt.Tooltip("key:N", title=dimension_name(dimension, lang)),
                     alt.Tooltip("rec:N", title=t("word.recommendation", lang)),
                     alt.Tooltip("n:Q", title=t("count", lang), format=",d")],
        )
        .properties(height=alt.Step(22)), lang)
