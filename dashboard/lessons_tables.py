"""The lessons page's tables, labelled per language: shown (with links) and exported."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from dashboard.labels import enum_label, reason_code, t
from portfolio.models import Initiative
from portfolio.radar.parse import RadarTechnology
from portfolio.service.lessons import LessonHit, ShelvedInitiative, Spread
from portfolio.service.radar import RadarBasis, radar_basis


def basis_label(initiative: Initiative, radar: RadarTechnology, lang: str) -> str:
    """Why `initiative` is among a radar technology's (#18): classed with it directly,
    through its technology class, or naming it."""
    basis = radar_basis(initiative, radar)
    if basis is RadarBasis.CLASS and radar.technology is not None:
        return t("radar_basis_class", lang, technology=enum_label(radar.technology, lang))
    return t(f"radar_basis_{basis.value}", lang, name=radar.name)


def _basis(initiative: Initiative, radar: RadarTechnology | None, lang: str
           ) -> dict[str, str]:
    return {t("radar_technology", lang): basis_label(initiative, radar, lang)} if radar else {}


def shelf_table(
    shelf: Sequence[ShelvedInitiative], lang: str, *, links: bool = True,
    radar: RadarTechnology | None = None,
) -> pd.DataFrame:
    """Closed and parked initiatives with the decision that closed them; `links=False` for
    exports (no app-relative URLs); with `radar`, why each is among its initiatives."""
    return pd.DataFrame([
        {t("id", lang): s.initiative.id, t("title", lang): s.initiative.title,
         t("word.department", lang): s.initiative.department,
         t("word.technology", lang): enum_label(s.initiative.technology, lang),
         t("status", lang): t("word.parked" if s.parked else "stage.closed", lang),
         t("word.reason_for_closing", lang):
             reason_code(s.decision.reason_code, lang) if s.decision else "",
         t("word.date", lang): s.decision.decided_on if s.decision else None,
         t("word.rationale", lang): s.decision.rationale if s.decision else "",
         **_basis(s.initiative, radar, lang),
         **({t("open", lang): f"initiative?id={s.initiative.id}"} if links else {})}
        for s in shelf])


def spread_table(spread: Sequence[Spread], lang: str,
                 radar: RadarTechnology | None = None) -> pd.DataFrame:
    """Departments adopted against planned (the owner counted on both sides); with
    `radar`, why each is among its initiatives."""
    return pd.DataFrame([
        {t("id", lang): s.initiative.id, t("title", lang): s.initiative.title,
         t("word.department", lang): s.initiative.department,
         t("adopted", lang): ", ".join(s.adopted), t("planned", lang): ", ".join(s.planned),
         t("word.still_to_adopt", lang): ", ".join(s.still_to_adopt),
         t("kpi_kind.adoption", lang): s.share, **_basis(s.initiative, radar, lang)}
        for s in spread])


def lessons_table(hits: Sequence[LessonHit], lang: str) -> pd.DataFrame:
    """Every lesson found, newest first, with its initiative: the export of the cards."""
    return pd.DataFrame([
        {t("word.date", lang): h.lesson.created_on, t("word.lesson", lang): h.lesson.text,
         t("author", lang): h.lesson.author, t("tags", lang): ", ".join(h.lesson.tags),
         t("id", lang): h.initiative.id, t("title", lang): h.initiative.title,
         t("word.department", lang): h.initiative.department,
         t("word.stage", lang): enum_label(h.initiative.stage, lang)}
        for h in hits])
