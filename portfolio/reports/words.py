"""One language's words and number formats, handed to the templates as `w`.

Everything returns plain strings, so the templates' autoescaping applies to whatever a
user typed (titles, rationales, lessons) that ends up in a label.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from portfolio.i18n import LANGUAGES, LIGHTS, format_number, format_share, render_reason
from portfolio.models import Reason
from portfolio.reports import labels


@dataclass(frozen=True)
class Words:
    lang: str

    @classmethod
    def of(cls, lang: str) -> Words:
        return cls(lang if lang in LANGUAGES else "en")

    def t(self, key: str, **params: object) -> str:
        text = labels.LABELS[key][self.lang]
        return text.format(**params) if params else text

    def due(self, reason: str) -> str:
        """Why an item is on the agenda; a reason added to the agenda later shows its code."""
        key = f"due_{reason}"
        return self.t(key) if key in labels.LABELS else reason.replace("_", " ")

    def _lookup(self, table: dict[str, dict[str, str]], value: object) -> str:
        if value is None:
            return "—"
        key = str(getattr(value, "value", value))
        return table.get(key, {}).get(self.lang, key)

    def recommendation(self, value: object) -> str:
        return self._lookup(labels.RECOMMENDATIONS, value)

    def stage(self, value: object) -> str:
        return self._lookup(labels.STAGES, value)

    def kpi_kind(self, value: object) -> str:
        return self._lookup(labels.KPI_KINDS, value)

    def source(self, value: object) -> str:
        return self._lookup(labels.SOURCES, value)

    def sources(self, values: Iterable[object]) -> str:
        return ", ".join(self.source(v) for v in values)

    def reason_code(self, value: object) -> str:
        return self._lookup(labels.REASON_CODES, value)

    def technology(self, value: object) -> str:
        return self._lookup(labels.TECHNOLOGIES, value or "other")

    def light(self, value: object) -> str:
        return self._lookup(LIGHTS, value)

    def reason(self, reason: Reason) -> str:
        return render_reason(reason, self.lang)

    def day(self, value: date | None) -> str:
        if value is None:
            return "—"
        month = labels.MONTHS[self.lang][value.month - 1]
        if self.lang == "da":
            return f"{value.day}. {month} {value.year}"
        return f"{value.day} {month} {value.year}"

    def short_day(self, value: date | None) -> str:
        """For table cells: 28 Sep 2025, 28. sep. 2025."""
        if value is None:
            return "—"
        name = labels.MONTHS[self.lang][value.month - 1]
        month = name[:3]
        if self.lang == "da":
            dot = "." if len(name) > 3 else ""  # "maj" is not abbreviated
            return f"{value.day}. {month}{dot} {value.year}"
        return f"{value.day} {month} {value.year}"

    def quarter(self, year: int, number: int) -> str:
        return f"{'K' if self.lang == 'da' else 'Q'}{number} {year}"

    def number(self, value: float | None) -> str:
        return "—" if value is None else format_number(value, self.lang)

    def dkk(self, value: float) -> str:
        amount = format_number(round(value), self.lang)
        return f"{amount} kr." if self.lang == "da" else f"{amount} DKK"

    def share(self, value: float | None, *, signed: bool = False) -> str:
        return "—" if value is None else format_share(value, self.lang, signed=signed)
