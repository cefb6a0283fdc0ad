"""One language's words and number formats, handed to the templates as `w`.

Everything returns plain strings, so the templates' autoescaping applies to whatever a
user typed (titles, rationales, lessons) that ends up in a label.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from portfolio import formats, texts
from portfolio.i18n import (
    CLOSE_REASON_LABELS,
    LANGUAGES,
    LIGHTS,
    STAGE_LABELS,
    render_reason,
)
from portfolio.models import Reason
from portfolio.reports import labels


@dataclass(frozen=True)
class Words:
    lang: str

    @classmethod
    def of(cls, lang: str) -> Words:
        return cls(lang if lang in LANGUAGES else "en")

    def t(self, key: str, **params: object) -> str:
        """A report's text: `w.t("agenda_title")` is `report.agenda_title`; a word the
        reports share with the pages is named in full, `w.t("word.department")`."""
        return texts.text(texts.own("report", key), self.lang, **params)

    def due(self, reason: str) -> str:
        """Why an item is on the agenda; a reason added to the agenda later shows its code."""
        key = f"report.due_{reason}"
        return self.t(key) if texts.has(key) else reason.replace("_", " ")

    def _lookup(self, table: dict[str, dict[str, str]], value: object) -> str:
        if value is None:
            return "—"
        key = str(getattr(value, "value", value))
        return table.get(key, {}).get(self.lang, key)

    def recommendation(self, value: object) -> str:
        return self._lookup(labels.RECOMMENDATIONS, value)

    def stage(self, value: object) -> str:
        return self._lookup(STAGE_LABELS, value)

    def kpi_kind(self, value: object) -> str:
        return self._lookup(labels.KPI_KINDS, value)

    def source(self, value: object) -> str:
        return self._lookup(labels.SOURCES, value)

    def sources(self, values: Iterable[object]) -> str:
        return ", ".join(self.source(v) for v in values)

    def reason_code(self, value: object) -> str:
        return self._lookup(CLOSE_REASON_LABELS, value)

    def technology(self, value: object) -> str:
        return self._lookup(labels.TECHNOLOGIES, value or "other")

    def light(self, value: object) -> str:
        return self._lookup(LIGHTS, value)

    def reason(self, reason: Reason) -> str:
        return render_reason(reason, self.lang)

    def day(self, value: date | None) -> str:
        return formats.day(value, self.lang)

    def short_day(self, value: date | None) -> str:
        """For table cells: 28 Sept 2025, 28. sep. 2025."""
        return formats.short_day(value, self.lang)

    def quarter(self, year: int, number: int) -> str:
        return formats.quarter(year, number, self.lang)

    def number(self, value: float | None) -> str:
        return "—" if value is None else formats.number(value, self.lang)

    def count(self, value: int) -> str:
        return formats.count(value, self.lang)

    def dkk(self, value: float) -> str:
        return formats.money(value, self.lang)

    def share(self, value: float | None, *, signed: bool = False) -> str:
        return "—" if value is None else formats.share(value, self.lang, signed=signed)
