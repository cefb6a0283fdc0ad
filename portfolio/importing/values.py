"""Turn one cell into one typed value, or say exactly what is wrong with it.

Cells come from CSV (always text) or XLSX (text, numbers, dates, booleans). Every
parser accepts both, so an XLSX number never takes a detour through a locale-dependent
string. Errors are CellError: the message names the field, the bad value and the fix, and
its `problem` is the catalogue entry the dashboard renders in the reader's language.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from datetime import date, datetime, time

from portfolio.importing.problems import Problem

Cell = str | int | float | bool | date | datetime | time | None
"""What a table cell can hold: CSV gives str, XLSX may give native values."""

MAX_MAGNITUDE = 1e15


class CellError(ValueError):
    """A cell that cannot become the value its column needs."""

    def __init__(
        self, field: str, value: Cell, *, code: str, params: Mapping[str, object],
    ) -> None:
        self.problem = Problem(code=code, params=params)
        super().__init__(str(self.problem))
        self.field = field
        self.value = value


def is_blank(value: Cell) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value: Cell) -> str:
    """A cell as the text a spreadsheet user would recognise (for text fields and reports)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < MAX_MAGNITUDE:
        return str(int(value))
    return str(value).strip()


_FORMULA = re.compile(r"^(?:[=@]|[+-][A-Za-z])")


def looks_like_formula(text: str) -> bool:
    """Spreadsheet formula syntax: inert in our database, but never a number."""
    return bool(_FORMULA.match(text.strip()))


_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_NUMBER_SHAPES = (
    (re.compile(r"\d+(?:[.,]\d*)?|[.,]\d+"), None),  # 1234 · 1234,5 · 1234.5 · ,5
    (re.compile(r"\d+(?:\.\d+)?[eE][+-]?\d+"), None),  # 1.5e3 (system exports)
    (re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d*)?"), "."),  # 1.234.567,89
    (re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d*)?"), ","),  # 1,234,567.89
    (re.compile(r"\d{1,3}(?: \d{3})+(?:[.,]\d*)?"), " "),  # 1 234 567,89
)
_CURRENCY = re.compile(r"\s*(?:kr\.?|dkk)$", re.IGNORECASE)
_SPREADSHEET_ERROR = re.compile(r"^#[A-Z0-9/]+[!?]?$")
_NOT_FINITE = {"nan", "inf", "infinity"}


def parse_number(value: Cell, field: str) -> float:
    """A finite number of sane size from '1.234,50', '1,234.50', '1 234,5', '-3' or a float."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise CellError(field, value, code="import.not_a_number",
                        params={"column": field, "value": cell_text(value)})
    number = _number_from_text(value, field) if isinstance(value, str) else float(value)
    if not math.isfinite(number):
        raise CellError(field, value, code="import.not_finite",
                        params={"column": field, "value": cell_text(value)})
    if abs(number) > MAX_MAGNITUDE:
        raise CellError(field, value, code="import.too_large",
                        params={"column": field, "value": cell_text(value)})
    return number


def _number_from_text(raw: str, field: str) -> float:
    text = raw.strip()
    if text.lower().lstrip("+-") in _NOT_FINITE:
        raise CellError(field, raw, code="import.not_finite_fill",
                        params={"column": field, "value": text})
    if looks_like_formula(text):
        raise CellError(field, raw, code="import.formula", params={"column": field, "value": text})
    if _SPREADSHEET_ERROR.match(text):
        raise CellError(field, raw, code="import.spreadsheet_error",
                        params={"column": field, "value": text})
    body = _CURRENCY.sub("", text.replace("\u2212", "-"))
    sign = -1.0 if body.startswith("-") else 1.0
    body = body.lstrip("+-").strip()
    body = _SPACES.sub(" ", body)
    for shape, thousands in _NUMBER_SHAPES:
        if shape.fullmatch(body):
            if thousands:
                body = body.replace(thousands, "")
            return sign * float(body.replace(",", "."))
    raise CellError(field, raw, code="import.not_a_number", params={"column": field, "value": text})


_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?")
_DAY_FIRST = re.compile(r"(\d{1,2})([-./])(\d{1,2})\2(\d{4})")
MIN_YEAR, MAX_YEAR = 1900, 2100


def parse_date(value: Cell, field: str) -> date:
    """A calendar date from ISO, dd-mm-yyyy, dd.mm.yyyy, dd/mm/yyyy or a native XLSX date."""
    if isinstance(value, datetime):
        found = value.date()
    elif isinstance(value, date):
        found = value
    elif isinstance(value, str):
        found = _date_from_text(value.strip(), field)
    else:
        raise CellError(field, value, code="import.not_a_date",
                        params={"column": field, "value": cell_text(value)})
    if not MIN_YEAR <= found.year <= MAX_YEAR:
        raise CellError(field, value, code="import.implausible_year",
                        params={"column": field, "value": cell_text(value), "year": found.year})
    return found


def _date_from_text(text: str, field: str) -> date:
    if iso := _ISO.fullmatch(text):
        year, month, day = (int(g) for g in iso.groups())
    elif day_first := _DAY_FIRST.fullmatch(text):
        day, month, year = int(day_first[1]), int(day_first[3]), int(day_first[4])
    else:
        raise CellError(field, text, code="import.not_a_date",
                        params={"column": field, "value": text})
    try:
        return date(year, month, day)
    except ValueError:
        raise CellError(field, text, code="import.no_such_day",
                        params={"column": field, "value": text}) from None


_TRUE = {"yes", "y", "true", "1", "ja", "j", "x", "sand"}
_FALSE = {"no", "n", "false", "0", "nej", "falsk"}


def parse_bool(value: Cell, field: str) -> bool:
    """Yes/no in English or Danish; XLSX TRUE/FALSE and 1/0 too."""
    if isinstance(value, bool):
        return value
    text = cell_text(value).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise CellError(field, value, code="import.not_yes_no",
                    params={"column": field, "value": cell_text(value)})
