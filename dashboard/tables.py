"""Tables the pages show and export: built from use-case results, labelled per language."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
from pandas.io.formats.style import Styler

from dashboard.labels import (
    LIGHT_TEXT_COLOURS,
    NO_LIGHT_TEXT_COLOUR,
    enum_label,
    light_text,
    recommendation,
    t,
)
from portfolio import formats
from portfolio.export import csv_bytes, xlsx_bytes
from portfolio.i18n import policy_text
from portfolio.models import (
    AuditEvent,
    FocusArea,
    KpiKind,
    KpiStats,
    Light,
    Recommendation,
    Stage,
    Technology,
)
from portfolio.review.followup import ThenAndNow
from portfolio.review.policy import ReviewPolicy

XLSX_MAX_ROWS = 20_000
"""Largest board export offered as Excel: openpyxl writes ~5,000 rows/s here (#7)."""


def count(n: int, lang: str) -> str:
    """A whole number with thousands separators as the reader writes them (CLDR)."""
    return formats.count(n, lang)


def board_table(rows: pd.DataFrame, lang: str, *, links: bool = True) -> pd.DataFrame:
    """The board's table with lights, from PortfolioBoard rows (stored values, labelled
    here column by column); `links=False` for exports (no app-relative URLs)."""
    rows = rows.reset_index(drop=True)

    def labelled(column: str, label: Callable[[str | None], str]) -> pd.Series:
        values = [v if isinstance(v, str) else None for v in rows[column]]
        labels = {v: label(v) for v in set(values)}
        return pd.Series([labels[v] for v in values])

    def lamp(v: str | None) -> str:
        return light_text(Light(v) if v else None, lang)

    table = pd.DataFrame({
        t("light", lang): labelled("light", lamp),
        # The state IT council's three lights beside the overall one (#18).
        **{t(f"word.{name}", lang): labelled(f"{name}_light", lamp)
           for name in LIGHT_NAMES},
        t("id", lang): rows["id"],
        t("title", lang): rows["title"],
        t("word.department", lang): rows["department"],
        t("word.stage", lang): labelled("stage", lambda v: enum_label(Stage(v), lang)),
        t("word.recommendation", lang): labelled(
            "recommendation", lambda v: recommendation(Recommendation(v) if v else None, lang)),
        t("word.benefit_attainment", lang): rows["score"],
        t("word.review_date", lang): [d.date() if pd.notna(d) else None for d in rows["review_on"]],
        t("overdue_flag", lang): rows["overdue"].astype(bool),
        t("word.technology", lang): labelled(
            "technology", lambda v: enum_label(Technology(v) if v else None, lang)),
        t("focus_area", lang): labelled(
            "focus_area", lambda v: enum_label(FocusArea(v) if v else None, lang)),
        t("budget", lang): rows["budget_dkk"],
        t("spent", lang): rows["spent_dkk"],
    })
    if links:
        table[t("open", lang)] = "initiative?id=" + rows["id"]
    return table


LIGHT_NAMES = ("budget", "time", "benefit")
"""The three lights of a verdict (models.Verdict.lights), in the order they are shown."""


def style_lights(frame: pd.DataFrame | Styler, lang: str) -> Styler:
    """Colour the lamp columns (made by light_text) green, yellow or red."""
    styler = frame if isinstance(frame, Styler) else frame.style
    colours = {light_text(light, lang): colour for light, colour in LIGHT_TEXT_COLOURS.items()}
    columns = [t("light", lang), *(t(f"word.{name}", lang) for name in LIGHT_NAMES)]
    return styler.map(
        lambda v: f"color: {colours.get(v, NO_LIGHT_TEXT_COLOUR)}; font-weight: 600",
        subset=[c for c in columns if c in styler.data])


def to_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 with BOM; formula-like text kept as text (portfolio.export, #14)."""
    return csv_bytes(frame)


def to_xlsx(frame: pd.DataFrame, sheet: str) -> bytes:
    """String cells only for text; formula-like text kept as text (portfolio.export)."""
    return xlsx_bytes(frame, sheet)


def kpi_frame(kpis: tuple[KpiStats, ...], lang: str, *, compact: bool = False) -> pd.DataFrame:
    """What the evaluation knew of each KPI: latest value, progress, provenance and age.

    A guardrail has no progress towards a target (it must only not get worse), so its
    progress is left empty rather than shown as 0 %.
    """
    rows = []
    for k in kpis:
        row = {
            t("word.kpi", lang): k.name,
            t("word.kind", lang): enum_label(k.kind, lang),
            t("word.baseline", lang): k.baseline,
            t("word.target", lang): k.target,
            t("word.latest", lang): k.latest_value,
            t("word.progress", lang): None if k.kind is KpiKind.GUARDRAIL else k.progress,
            t("word.measurements", lang): k.count,
            t("age_days", lang): k.age_days,
            t("word.provenance", lang): ", ".join(enum_label(s, lang) for s in k.sources),
        }
        if compact:
            row = {key: row[t(key, lang)]
                   for key in ("word.kpi", "word.latest", "word.target", "age_days")}
            row = {t(key, lang): value for key, value in row.items()}
        rows.append(row)
    return pd.DataFrame(rows)


def changed_fields(event: AuditEvent) -> str:
    """Which fields an audited change touched, for a one-line trail."""
    before, after = event.before or {}, event.after or {}
    return ", ".join(sorted(k for k in after if before.get(k) != after.get(k)))


# The thresholds a policy version shows, each under the label of its field on the policy
# page; the shares read as percentages.
POLICY_COLUMNS = (
    ("evidence", "min_measurements", "evidence_min", False),
    ("evidence", "max_age_days", "evidence_age", False),
    ("guardrail", "max_worsening", "guardrail_worse", True),
    ("attainment", "green", "attainment_green", True),
    ("attainment", "yellow", "attainment_yellow", True),
    ("budget", "green_overrun", "budget_green", True),
    ("budget", "yellow_overrun", "budget_yellow", True),
    ("time", "red_after_days", "time_red", False),
    ("scale", "min_measurements", "scale_min", False),
    ("scale", "min_span_days", "scale_span", False),
)


def policy_frame(versions: tuple[ReviewPolicy, ...], lang: str) -> tuple[pd.DataFrame, list[str]]:
    """One row per policy version with every threshold as a labelled column, and the names
    of the columns that hold shares."""
    rows = []
    for p in versions:
        thresholds = p.thresholds()
        row: dict[str, object] = {t("policy_name", lang): policy_text(p.name, lang),
                                  t("version", lang): p.version,
                                  t("policy_description", lang): policy_text(p.description, lang)}
        for section, name, label, _share in POLICY_COLUMNS:
            row[t(label, lang)] = thresholds.get(section, {}).get(name)
        months = thresholds.get("followup", {}).get("months_after_scaling", ())
        row[t("followup_months", lang)] = ", ".join(str(m) for m in months)
        rows.append(row)
    return pd.DataFrame(rows), [t(label, lang) for *_, label, share in POLICY_COLUMNS if share]


def then_now_frame(follow_up: ThenAndNow, lang: str) -> pd.DataFrame:
    """Each KPI's value when scaling was decided beside today's (#18)."""
    return pd.DataFrame([
        {t("word.kpi", lang): row.kpi, t("unit", lang): row.unit,
         t("word.target", lang): row.target,
         t("then_value", lang, on=formats.day(follow_up.scaled_on, lang)): row.then,
         t("word.now", lang): row.now}
        for row in follow_up.kpis])


def spread_text(follow_up: ThenAndNow, lang: str) -> str:
    """Departments adopted against planned, in words."""
    return t("word.spread_then_now", lang, adopted=len(follow_up.adopted),
             planned=len(follow_up.planned),
             names=", ".join(follow_up.adopted) or "—")
