"""Spreadsheet files the product writes (board, lessons, audit log, …): one rule for all.

A cell that begins with =, +, -, @, tab or carriage return is one a spreadsheet may run as
a formula (OWASP's CSV-injection rule): a title `=HYPERLINK("http://evil","x")` would
become a live link in the reader's Excel. Such a cell is written with a leading
apostrophe, which every spreadsheet shows as text. A cell that already begins with an
apostrophe gets one more, so the rule is reversible (`original`) and text round-trips
exactly. In XLSX every text cell is written as a string cell, never a formula; the control
characters XML cannot hold are written as U+FFFD there (a CSV keeps them).

The rule looks at every cell, whatever its column's dtype: pandas 3 gives text columns
the string dtype, and a check for `object` columns escaped nothing (#14).
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_QUOTE = "'"
SUFFIXES = (".csv", ".xlsx")


def inert(cell: str) -> str:
    """A cell a spreadsheet shows as text, never evaluates."""
    return _QUOTE + cell if cell.startswith((*FORMULA_START, _QUOTE)) else cell


def original(cell: str) -> str:
    """The text `inert` was given: its leading apostrophe, if it added one, removed."""
    if cell.startswith(_QUOTE) and cell[1:].startswith((*FORMULA_START, _QUOTE)):
        return cell[1:]
    return cell


def inert_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Every text cell (and column name) made inert, whatever the dtype."""
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        out[column] = pd.Series([inert(v) if isinstance(v, str) else v for v in values],
                                index=values.index, dtype=object)
    out.columns = [inert(c) if isinstance(c, str) else c for c in out.columns]
    return out


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with BOM, so Excel opens Danish letters correctly. Lines end in CRLF (RFC
    4180): a text holding a bare carriage return is then quoted, where with "\n" it was
    written unquoted and split its row in two for every reader (found by the hostile-text
    fuzzing)."""
    return inert_frame(frame).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def xlsx_bytes(frame: pd.DataFrame, sheet: str) -> bytes:
    """One sheet; text cells are string cells (openpyxl would turn "=…" into a formula)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    book = Workbook(write_only=True)
    ws = book.create_sheet(inert(sheet)[:31] or "Sheet")  # a catalogue label
    safe = inert_frame(frame)

    def cells(values: Iterable[object]) -> list[object]:
        row: list[object] = []
        for value in values:
            if value is None or (not isinstance(value, str) and pd.isna(value)):
                row.append(None)
            elif isinstance(value, str):
                # XML cannot hold most control characters (openpyxl refuses the whole
                # file): shown as U+FFFD in the workbook; the CSV keeps them as they are.
                cell = WriteOnlyCell(ws, value=ILLEGAL_CHARACTERS_RE.sub("\ufffd", value))
                cell.data_type = "s"
                row.append(cell)
            elif isinstance(value, pd.Timestamp):
                row.append(value.to_pydatetime())
            else:
                row.append(value.item() if hasattr(value, "item") else value)
        return row

    ws.append(cells(str(c) for c in safe.columns))
    for values in safe.itertuples(index=False, name=None):
        ws.append(cells(values))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def spreadsheet_bytes(frame: pd.DataFrame, suffix: str, sheet: str) -> bytes:
    """CSV or XLSX by suffix (".csv", ".xlsx")."""
    suffix = suffix.lower()
    if suffix == ".csv":
        return csv_bytes(frame)
    if suffix == ".xlsx":
        return xlsx_bytes(frame, sheet)
    raise ValueError(f"not a spreadsheet suffix: {suffix}")


def write_spreadsheet(frame: pd.DataFrame, path: Path, sheet: str) -> int:
    """Write `frame` to `path` (CSV or XLSX by its suffix); returns the rows written."""
    path.write_bytes(spreadsheet_bytes(frame, path.suffix, sheet))
    return len(frame)
