"""Tables the pages show and export: built from use-case results, labelled per language."""

from __future__ import annotations

import io

import pandas as pd

from dashboard.labels import LIGHT_COLOURS, enum_label, light_text, recommendation, t
from portfolio.models import AuditEvent, KpiKind, KpiStats
from portfolio.review.policy import ReviewPolicy
from portfolio.service.board_metrics import BoardView


def board_frame(view: BoardView, lang: str, *, links: bool = True) -> pd.DataFrame:
    """The board's table with lights; `links=False` for exports (no app-relative URLs)."""
    rows = []
    for r in view.rows:
        ini, ev = r.initiative, r.evaluation
        row = {
            t("light", lang): light_text(ev.light if ev else None, lang),
            t("id", lang): ini.id,
            t("title", lang): ini.title,
            t("department", lang): ini.department,
            t("stage", lang): enum_label(ini.stage, lang),
            t("recommendation", lang): recommendation(r.recommendation, lang),
            t("score", lang): ev.score if ev else None,
            t("review_on", lang): ini.review_on,
            t("overdue_flag", lang): r.overdue,
            t("technology", lang): enum_label(ini.technology, lang),
            t("focus_area", lang): enum_label(ini.focus_area, lang),
            t("budget", lang): ini.budget_dkk,
            t("spent", lang): ini.spent_dkk,
        }
        if links:
            row[t("open", lang)] = f"initiative?id={ini.id}"
        rows.append(row)
    return pd.DataFrame(rows)


def style_lights(frame: pd.DataFrame, lang: str) -> pd.io.formats.style.Styler:
    """Colour the lamp column (made by light_text) green, yellow or red."""
    colours = {light_text(light, lang): colour for light, colour in LIGHT_COLOURS.items()}
    column = t("light", lang)
    return frame.style.map(lambda v: f"color: {colours.get(v, '#9e9e9e')}; font-weight: 600",
                           subset=[column] if column in frame else [])


def to_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 with BOM, so Excel opens Danish letters correctly."""
    return frame.to_csv(index=False).encode("utf-8-sig")


def to_xlsx(frame: pd.DataFrame, sheet: str) -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.to_excel(writer, index=False, sheet_name=sheet[:31])
    return buffer.getvalue()


def kpi_frame(kpis: tuple[KpiStats, ...], lang: str, *, compact: bool = False) -> pd.DataFrame:
    """What the evaluation knew of each KPI: latest value, progress, provenance and age.

    A guardrail has no progress towards a target (it must only not get worse), so its
    progress is left empty rather than shown as 0 %.
    """
    rows = []
    for k in kpis:
        row = {
            t("kpi", lang): k.name,
            t("kind", lang): enum_label(k.kind, lang),
            t("baseline", lang): k.baseline,
            t("target", lang): k.target,
            t("latest", lang): k.latest_value,
            t("progress", lang): None if k.kind is KpiKind.GUARDRAIL else k.progress,
            t("n_measurements", lang): k.count,
            t("age_days", lang): k.age_days,
            t("sources", lang): ", ".join(enum_label(s, lang) for s in k.sources),
        }
        if compact:
            row = {key: row[t(key, lang)] for key in ("kpi", "latest", "target", "age_days")}
            row = {t(key, lang): value for key, value in row.items()}
        rows.append(row)
    return pd.DataFrame(rows)


def changed_fields(event: AuditEvent) -> str:
    """Which fields an audited change touched, for a one-line trail."""
    before, after = event.before or {}, event.after or {}
    return ", ".join(sorted(k for k in after if before.get(k) != after.get(k)))


def policy_frame(versions: tuple[ReviewPolicy, ...]) -> pd.DataFrame:
    """One row per policy version with every threshold as a column (section.setting)."""
    return pd.DataFrame(
        [{"name": p.name, "version": p.version, "description": p.description,
          **pd.json_normalize(p.thresholds()).iloc[0].to_dict()} for p in versions]
    )
