"""Altair charts: a KPI over time against its baseline and target."""

from __future__ import annotations

import altair as alt
import pandas as pd

from dashboard.labels import t
from portfolio.models import Kpi, Measurement


def kpi_chart(kpi: Kpi, measurements: list[Measurement], lang: str) -> alt.LayerChart:
    values = pd.DataFrame(
        [{"date": m.on.isoformat(), "value": m.value, "source": m.source.value}
         for m in measurements]
    )
    lines = pd.DataFrame(
        [{"label": t("baseline", lang), "value": kpi.baseline},
         {"label": t("target", lang), "value": kpi.target}]
    )
    points = (
        alt.Chart(values)
        .mark_line(point=True)
        .encode(
            x=alt.X("date:T", title=t("date", lang)),
            y=alt.Y("value:Q", title=kpi.unit or t("value", lang), scale=alt.Scale(zero=False)),
            tooltip=[alt.Tooltip("date:T"), alt.Tooltip("value:Q"), alt.Tooltip("source:N")],
        )
    )
    rules = (
        alt.Chart(lines)
        .mark_rule(strokeDash=[6, 4])
        .encode(
            y="value:Q",
            color=alt.Color(
                "label:N", scale=alt.Scale(range=["#888888", "#2e7d32"]), title=None
            ),
        )
    )
    return alt.layer(points, rules).properties(title=kpi.name, height=220)
