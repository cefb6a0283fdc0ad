"""The lessons page's tables, labelled per language: shown (with links) and exported."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from dashboard.labels import enum_label, reason_code, t
from portfolio.service.lessons import LessonHit, ShelvedInitiative, Spread


def shelf_table(
    shelf: Sequence[ShelvedInitiative], lang: str, *, links: bool = True
) -> pd.DataFrame:
    """Closed and parked initiatives with the decision that closed them; `links=False` for
    exports (no app-relative URLs)."""
    return pd.DataFrame([
        {t("id", lang): s.initiative.id, t("title", lang): s.initiative.title,
         t("department", lang): s.initiative.department,
         t("technology", lang): enum_label(s.initiative.technology, lang),
         t("status", lang): t("parked" if s.parked else "closed", lang),
         t("reason_code", lang): reason_code(s.decision.reason_code, lang) if s.decision else "",
         t("date", lang): s.decision.decided_on if s.decision else None,
         t("rationale", lang): s.decision.rationale if s.decision else "",
         **({t("open", lang): f"initiative?id={s.initiative.id}"} if links else {})}
        for s in shelf])


def spread_table(spread: Sequence[Spread], lang: str) -> pd.DataFrame:
    """Departments adopted against planned (the owner counted on both sides)."""
    return pd.DataFrame([
        {t("id", lang): s.initiative.id, t("title", lang): s.initiative.title,
         t("department", lang): s.initiative.department,
         t("adopted", lang): ", ".join(s.adopted), t("planned", lang): ", ".join(s.planned),
         t("still_to_adopt", lang): ", ".join(s.still_to_adopt),
         t("adoption", lang): s.share}
        for s in spread])


def lessons_table(hits: Sequence[LessonHit], lang: str) -> pd.DataFrame:
    """Every lesson found, newest first, with its initiative: the export of the cards."""
    return pd.DataFrame([
        {t("date", lang): h.lesson.created_on, t("lesson", lang): h.lesson.text,
         t("author", lang): h.lesson.author, t("tags", lang): ", ".join(h.lesson.tags),
         t("id", lang): h.initiative.id, t("title", lang): h.initiative.title,
         t("department", lang): h.initiative.department,
         t("stage", lang): enum_label(h.initiative.stage, lang)}
        for h in hits])
