"""Numbers, shares, money and dates as a Danish or English reader writes them, from CLDR.

Every page, report, e-mail and chart formats through this module (issue #13): the rules
come from the Unicode CLDR through Babel, not from hand-written separators, so "1.200.000
kr.", "57,8 %" and "1. juni 2026" are what Danish typography prescribes and the English
side reads "1,200,000", "57.8%" and "1 June 2026". Charts get the same rules as a Vega
format and time-format locale (`vega_locale`), built from the same CLDR data.

Pure: no Streamlit, no clock. An unknown language reads as English.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from functools import cache
from typing import Any

from babel import Locale
from babel.dates import format_date, format_time
from babel.numbers import (
    NumberPattern,
    format_currency,
    format_decimal,
    format_percent,
    parse_pattern,
)

from portfolio import texts

LANGUAGES = ("en", "da")
# English readers of a Danish product: British conventions (day before month, 24 h).
_LOCALES = {"da": "da_DK", "en": "en_GB"}
NBSP = "\u00a0"


@cache
def locale(lang: str) -> Locale:
    return Locale.parse(_LOCALES.get(lang, _LOCALES["en"]))


@cache
def _pattern(text: str) -> NumberPattern:
    """A number pattern parsed once: Babel parses a pattern given as text at every call,
    which was most of the time of formatting a table's cells (#15)."""
    return parse_pattern(text)


def _lang(lang: str) -> str:
    return lang if lang in LANGUAGES else "en"


def number(value: float | int, lang: str, *, decimals: int = 2) -> str:
    """Integers without decimals, others with up to `decimals` (trailing zeros dropped)."""
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    return format_decimal(value, format=_pattern(pattern), locale=locale(lang))


def fixed(value: float | int, lang: str, *, decimals: int = 2) -> str:
    """Exactly `decimals` decimals (a weight "1,00", a threshold "0,80")."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=_pattern(pattern), locale=locale(lang))


def count(n: int, lang: str) -> str:
    """A whole number with the reader's thousands separator: 1.200 / 1,200."""
    return format_decimal(int(n), format=_pattern("#,##0"), locale=locale(lang))


def share(value: float | None, lang: str, *, signed: bool = False, decimals: int = 0) -> str:
    """A share as a percentage in the locale's pattern: da "57,8 %", en "57.8%".

    `signed` writes a plus on gains (a change against a baseline); None reads "n/a".
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return texts.text("format.not_available", _lang(lang))
    loc = locale(lang)
    pattern = loc.percent_formats[None].pattern
    if decimals:
        pattern = pattern.replace("0", "0." + "0" * decimals, 1)
    if math.isinf(value):
        text = pattern.replace("#,##0", "∞").replace("%", loc.number_symbols["latn"]
                                                       ["percentSign"])
        return ("+" if signed and value > 0 else "-" if value < 0 else "") + text
    if signed:
        pattern = f"+{pattern};-{pattern}"
    return format_percent(value, format=_pattern(pattern), locale=loc)


def money(value: float, lang: str) -> str:
    """Whole kroner in the locale's currency pattern: "1.200.000 kr." / "DKK 1,200,000".

    CLDR puts a space between an alphabetic symbol and the digits (currencySpacing);
    Babel leaves that out, so it is added here.
    """
    loc = locale(lang)
    pattern = loc.currency_formats["standard"].pattern.split(";")[0].replace(".00", "")
    text = format_currency(round(value), "DKK", format=_pattern(pattern), locale=loc,
                           currency_digits=False)
    return re.sub(r"([A-Za-z.])(?=[\d-])", r"\1" + NBSP, text, count=1) \
        if pattern.startswith("¤") else text


def day(value: date | datetime | str | None, lang: str) -> str:
    """A date written out: "1. juni 2026" / "1 June 2026"; None reads "—"."""
    value = _as_date(value)
    return "—" if value is None else format_date(value, "long", locale=locale(lang))


def short_day(value: date | datetime | str | None, lang: str) -> str:
    """A date for a table cell: "1. jun. 2026" / "1 Jun 2026"; None reads "—"."""
    value = _as_date(value)
    return "—" if value is None else format_date(value, "medium", locale=locale(lang))


def moment(value: datetime, lang: str) -> str:
    """A point in time for a table cell: "6. sep. 2026 14.05" / "6 Sept 2026, 14:05"."""
    loc = locale(lang)
    return loc.datetime_formats["medium"].replace("'", "").format(
        format_time(value, "short", locale=loc), format_date(value, "medium", locale=loc))


def _as_date(value: date | datetime | str | None) -> date | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    if hasattr(value, "to_pydatetime"):  # a pandas Timestamp
        value = value.to_pydatetime()
    if isinstance(value, datetime):
        return value.date()
    return value


def month_names(lang: str) -> tuple[str, ...]:
    names = locale(lang).months["format"]["wide"]
    return tuple(names[i] for i in range(1, 13))


def quarter(year: int, number_: int, lang: str) -> str:
    """CLDR's abbreviated quarter: "3. kvt. 2026" / "Q3 2026"."""
    names = locale(lang).quarters["format"]["abbreviated"]
    return f"{names[number_]} {year}"


# --- charts -----------------------------------------------------------------------------

_D3_FIELDS = (("MMMM", "%B"), ("MMM", "%b"), ("MM", "%m"), ("M", "%-m"), ("dd", "%d"),
              ("d", "%-d"), ("y", "%Y"), ("EEEE", "%A"), ("EEE", "%a"), ("HH", "%H"),
              ("mm", "%M"), ("ss", "%S"))


def d3_pattern(cldr: str) -> str:
    """A CLDR date pattern ("d. MMM y") as a d3 time format ("%-d. %b %Y")."""
    out, i = [], 0
    while i < len(cldr):
        if cldr[i] == "'":  # quoted literal
            end = cldr.find("'", i + 1)
            end = len(cldr) if end < 0 else end
            out.append(cldr[i + 1:end].replace("%", "%%"))
            i = end + 1
            continue
        for field, directive in _D3_FIELDS:
            if cldr.startswith(field, i):
                out.append(directive)
                i += len(field)
                break
        else:
            out.append("%%" if cldr[i] == "%" else cldr[i])
            i += 1
    return "".join(out)


def _skeleton(lang: str, name: str) -> str:
    return d3_pattern(str(locale(lang).datetime_skeletons[name].pattern))


@cache
def vega_locale(lang: str) -> dict[str, Any]:
    """The reader's number and time locale for Vega (`config.locale`), from CLDR."""
    loc = locale(lang)
    symbols = loc.number_symbols["latn"]
    percent = loc.percent_formats[None].pattern.replace("#,##0", "")
    currency = money(0, lang).split("0")
    days = loc.days["format"]
    months = loc.months["format"]
    periods = loc.day_periods["format"]["abbreviated"]
    sunday_first = (6, 0, 1, 2, 3, 4, 5)  # Babel counts from Monday, d3 from Sunday
    return {
        "number": {
            "decimal": symbols["decimal"],
            "thousands": symbols["group"],
            "grouping": [3],
            "currency": [currency[0], currency[-1]],
            "percent": percent,
            "minus": symbols["minusSign"],
        },
        "time": {
            "dateTime": d3_pattern(f"{loc.date_formats['long'].pattern} "
                                   f"{loc.time_formats['medium'].pattern}"),
            "date": d3_pattern(str(loc.date_formats["short"].pattern)),
            "time": d3_pattern(str(loc.time_formats["medium"].pattern)),
            "periods": [periods["am"], periods["pm"]],
            "days": [days["wide"][i] for i in sunday_first],
            "shortDays": [days["abbreviated"][i] for i in sunday_first],
            "months": [months["wide"][i] for i in range(1, 13)],
            "shortMonths": [months["abbreviated"][i] for i in range(1, 13)],
        },
    }


@cache
def time_axis_format(lang: str) -> dict[str, str]:
    """Tick labels of a time axis per granularity (Vega's multi-format object): days as
    "6. sep." / "6 Sept", months as "sep. 2026", years as "2026"."""
    return {
        "year": "%Y",
        "quarter": _skeleton(lang, "yMMM"),
        "month": _skeleton(lang, "yMMM"),
        "week": _skeleton(lang, "MMMd"),
        "date": _skeleton(lang, "MMMd"),
        "hours": "%H:%M",
        "minutes": "%H:%M",
        "seconds": "%H:%M:%S",
        "milliseconds": "%H:%M:%S",
    }


def date_format(lang: str) -> str:
    """A d3 time format of a full date for tooltips: "%-d. %b %Y" / "%-d %b %Y"."""
    return d3_pattern(str(locale(lang).date_formats["medium"].pattern))
