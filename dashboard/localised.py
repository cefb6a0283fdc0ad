"""Tables shown in the reader's number and date formats (issue #13).

Streamlit formats a raw number in the browser ("1,200,000", "57.76%", "2026-06-01"), in
no particular language. A pandas Styler's display values travel with the table instead,
so every cell reads as the user's language writes it while sorting still uses the value:
`localised(frame, lang, money=[…], shares=[…])` formats the columns it is told about and
every other number, date and time by its type. Exports keep raw values (tables.to_csv).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any

import pandas as pd
from pandas.io.formats.style import Styler

from portfolio import formats

Formatter = Callable[[Any], str]

# The light's pale tint behind a score: the bar of #19 coloured by its light, readable in
# black text (contrast ≥ 4.5:1 on each tint).
LIGHT_TINTS = {"green": "#c8e6c9", "yellow": "#fff3c4", "red": "#ffcdd2"}


def _missing(value: Any) -> bool:
    return value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value))


def _guard(fmt: Formatter) -> Formatter:
    return lambda value: "" if _missing(value) else fmt(value)


def _moment(lang: str) -> Formatter:
    def fmt(value: Any) -> str:
        if isinstance(value, pd.Timestamp):
            value = value.to_pydatetime()
        if isinstance(value, datetime):
            return formats.moment(value, lang)
        return formats.short_day(value, lang)
    return fmt


def _by_type(series: pd.Series, lang: str) -> Formatter | None:
    """A formatter for a column nobody described, from its values' type."""
    values = [v for v in series if not _missing(v)]
    if not values:
        return None
    first = values[0]
    if isinstance(first, bool):
        return None  # a checkbox
    if isinstance(first, datetime | pd.Timestamp | date):
        return _moment(lang)
    if all(isinstance(v, int) or (isinstance(v, float) and v.is_integer()) for v in values) \
            and pd.api.types.is_numeric_dtype(series):
        return lambda v: formats.count(int(v), lang)
    if pd.api.types.is_numeric_dtype(series):
        return lambda v: formats.number(float(v), lang)
    return None


def formatters(frame: pd.DataFrame, lang: str, *, money: Iterable[str] = (),
               shares: Iterable[str] = (), fixed: Iterable[str] = ()) -> dict[str, Formatter]:
    """One formatter per column that shows a number, a date or a time."""
    chosen: dict[str, Formatter] = {}
    money, shares, fixed = set(money), set(shares), set(fixed)
    for column in frame.columns:
        if column in money:
            chosen[column] = lambda v: formats.money(float(v), lang)
        elif column in shares:
            chosen[column] = lambda v: formats.share(float(v), lang, decimals=1)
        elif column in fixed:
            chosen[column] = lambda v: formats.fixed(float(v), lang)
        elif (fmt := _by_type(frame[column], lang)) is not None:
            chosen[column] = fmt
    return {column: _guard(fmt) for column, fmt in chosen.items()}


def localised(frame: pd.DataFrame | Styler, lang: str, *, money: Iterable[str] = (),
              shares: Iterable[str] = (), fixed: Iterable[str] = ()) -> Styler:
    """The table (or a Styler of it) with every number, share, amount and date formatted
    for `lang`; column names are the labels the table shows."""
    styler = frame if isinstance(frame, Styler) else frame.style
    data = styler.data
    return styler.format(formatters(data, lang, money=money, shares=shares, fixed=fixed),
                         na_rep="")


def tinted(styler: Styler, column: str, lights: Iterable[str | None]) -> Styler:
    """Each cell of `column` behind its row's light's tint (a score read at a glance)."""
    tints = [LIGHT_TINTS.get(v or "", "") for v in lights]
    if column not in styler.data:
        return styler
    return styler.apply(lambda _col: [f"background-color: {c}" if c else "" for c in tints],
                        subset=[column])
