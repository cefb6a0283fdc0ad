"""A number typed as the reader writes it: "12,5" and "1.200.000" in Danish (issue #13).

Streamlit's number input shows and reads numbers with a decimal point only ("1.00",
"0.80"), so a Danish user's "12,5" would be refused or misread. This field is a text input
prefilled in the reader's format (CLDR, portfolio/formats.py) and read back with the
reader's separators first; the other convention is accepted when it is unambiguous (a
Danish user typing "12.5" means 12,5). A value that reads as no number is refused next to
the field, in the reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass

from babel.numbers import NumberFormatError, parse_decimal
from streamlit.delta_generator import DeltaGenerator

from dashboard.labels import t
from portfolio import formats


@dataclass(frozen=True)
class Typed:
    """What was typed: the number (None when empty or unreadable) and why it was refused."""

    value: float | None
    problem: str | None = None


def read_number(text: str, lang: str) -> Typed:
    """The number in `text` written in `lang`'s convention (or, unambiguously, the other)."""
    text = text.strip().replace(formats.NBSP, "").replace(" ", "")
    if not text:
        return Typed(None)
    for convention in dict.fromkeys((lang, "en" if lang == "da" else "da")):
        try:
            return Typed(float(parse_decimal(text, locale=formats.locale(convention),
                                             strict=True)))
        except NumberFormatError:
            continue
    return Typed(None, t("not_a_number_typed", lang, value=text))


def number_field(where: DeltaGenerator, label: str, value: float | None, lang: str, *,
                 key: str, decimals: int = 2, min_value: float | None = None,
                 help: str | None = None) -> Typed:
    """A text input showing `value` in the reader's format; returns what was typed."""
    shown = "" if value is None else formats.number(value, lang, decimals=decimals)
    text = where.text_input(label, value=shown, key=key, help=help)
    typed = read_number(text, lang)
    if typed.value is not None and min_value is not None and typed.value < min_value:
        return Typed(None, t("at_least", lang, min=formats.number(min_value, lang)))
    return typed


def show_problem(where: DeltaGenerator, typed: Typed) -> bool:
    """Show the refusal under the field; True when there is one."""
    if typed.problem:
        where.error(typed.problem)
    return typed.problem is not None
