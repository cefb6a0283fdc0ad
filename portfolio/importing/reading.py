"""Read a CSV or XLSX file into a Table: normalised header names and numbered rows.

Only the shape of the file is judged here (encoding, delimiter, header, ragged rows);
what the cells mean is for rows.py. A file that cannot be read at all raises
FileUnreadable with a message saying what to do; a single bad row never does.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from portfolio.errors import FileUnreadable
from portfolio.importing.columns import normalise_header
from portfolio.importing.problems import Problem
from portfolio.importing.values import Cell, cell_text, is_blank

CSV_SUFFIXES = (".csv", ".txt")
XLSX_SUFFIXES = (".xlsx", ".xlsm")


@dataclass(frozen=True)
class Table:
    """A file's header (canonical English names) and its non-empty rows.

    `rows` holds (row_number, values) where row_number is what a spreadsheet shows:
    the header is usually row 1 and the first data row row 2. `row_errors` holds rows
    whose shape is wrong (more cells than headers); they stay in `rows` so they are
    counted and reported, never silently dropped.
    """

    source_name: str
    columns: tuple[str, ...]
    rows: tuple[tuple[int, dict[str, Cell]], ...]
    row_errors: Mapping[int, Problem] = field(default_factory=dict)


def read_table(path: Path) -> Table:
    """Read the first sheet of an XLSX file or a whole CSV file."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in CSV_SUFFIXES + XLSX_SUFFIXES:
        raise FileUnreadable(code="import.unsupported_type", params={"file": path.name})
    if not path.is_file():
        raise FileUnreadable(code="import.no_such_file", params={"path": str(path)})
    if suffix in XLSX_SUFFIXES:
        return _table(path.name, _xlsx_rows(path), delimiter=None)
    text, delimiter = csv_text(path)
    return _table(path.name, enumerate(csv_records(path.name, text, delimiter), start=1),
                  delimiter=delimiter)


@dataclass(frozen=True)
class CsvSource:
    """A CSV file's decoded text and sniffed delimiter."""

    text: str
    delimiter: str
    utf8: bytes | None
    """The file's bytes when they are the text in UTF-8 already (most files), so a fast
    reader need not encode a copy; None otherwise."""


def csv_source(path: Path) -> CsvSource:
    """Raises FileUnreadable when the file is missing, empty or not text."""
    if not path.is_file():
        raise FileUnreadable(code="import.no_such_file", params={"path": str(path)})
    text, utf8 = _decode(path)
    return CsvSource(text, sniff_delimiter(text), utf8)


def csv_text(path: Path) -> tuple[str, str]:
    """A CSV file's decoded text and its sniffed delimiter."""
    source = csv_source(path)
    return source.text, source.delimiter


def csv_records(name: str, text: str, delimiter: str) -> list[list[str]]:
    """The records of CSV text; record n is what a spreadsheet shows as row n."""
    records: list[list[str]] = []
    try:
        records.extend(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise FileUnreadable(code="import.malformed_csv", params={
            "file": name, "row": len(records) + 1, "detail": str(exc)}) from None
    return records


def _decode(path: Path) -> tuple[str, bytes | None]:
    """UTF-8 (with or without BOM) or UTF-16 with BOM, else Windows-1252 as Danish Excel saves;
    and the bytes, when they are the text in UTF-8."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FileUnreadable(code="import.cannot_open",
                             params={"file": path.name, "detail": exc.strerror}) from None
    utf8 = None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    elif data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="replace")
    else:
        try:
            text, utf8 = data.decode("utf-8"), data
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    if "\x00" in text:
        raise FileUnreadable(code="import.not_text", params={"file": path.name})
    if not text.strip():
        raise FileUnreadable(code="import.empty", params={"file": path.name})
    return text, utf8


def sniff_delimiter(text: str) -> str:
    """Semicolon, comma or tab: whichever occurs most, outside quotes, in the header line."""
    line = _first_line(text)
    counts = {";": 0, ",": 0, "\t": 0}
    quoted = False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > counts[","] else ","


def _first_line(text: str) -> str:
    """The first non-blank line as text.splitlines() has it, from a prefix of the text:
    splitting a million-line file to read its header cost 0.1 s (#7)."""
    size = 1 << 12
    while True:
        lines = text[:size].splitlines()
        if size < len(text):
            lines.pop()  # may be cut short, or end in half of a "\r\n"
        line = next((ln for ln in lines if ln.strip()), None)
        if line is not None or size >= len(text):
            return line or ""
        size *= 8


def _xlsx_rows(path: Path) -> Iterator[tuple[int, Sequence[Cell]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for corrupt zips/XML
        raise FileUnreadable(code="import.bad_workbook",
                             params={"file": path.name, "detail": type(exc).__name__}) from None
    try:
        if not workbook.worksheets:
            raise FileUnreadable(code="import.no_worksheet", params={"file": path.name})
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # other tools write wrong dimensions; read every cell
        yield from enumerate(sheet.iter_rows(values_only=True), start=1)
    except FileUnreadable:
        raise
    except Exception as exc:
        raise FileUnreadable(code="import.bad_sheet",
                             params={"file": path.name, "detail": type(exc).__name__}) from None
    finally:
        workbook.close()


def _table(
    name: str, numbered: Iterable[tuple[int, Sequence[Cell]]], delimiter: str | None
) -> Table:
    header: tuple[str, ...] | None = None
    rows: list[tuple[int, dict[str, Cell]]] = []
    row_errors: dict[int, Problem] = {}
    for number, raw in numbered:
        cells = [clean(c) for c in raw]
        if all(is_blank(c) for c in cells):
            continue
        if header is None:
            header = header_of(name, cells)
            continue
        values, error = row_values(header, cells, delimiter)
        if error:
            row_errors[number] = error
        rows.append((number, values))
    if header is None:
        raise FileUnreadable(code="import.no_header", params={"file": name})
    return Table(name, header, tuple(rows), row_errors)


def row_values(
    header: tuple[str, ...], cells: list[Cell], delimiter: str | None
) -> tuple[dict[str, Cell], Problem | None]:
    """A non-blank row's cells by column, and why its shape is wrong (None when it is not)."""
    values = {column: cells[i] if i < len(cells) else "" for i, column in enumerate(header)}
    width = 1 + max(i for i, c in enumerate(cells) if not is_blank(c))
    if width > len(header):
        return values, _ragged_reason(len(header), width, delimiter)
    return values, None


def clean(cell: Cell) -> Cell:
    if cell is None:
        return ""
    return cell.strip() if isinstance(cell, str) else cell


def header_of(name: str, cells: list[Cell]) -> tuple[str, ...]:
    last = max(i for i, c in enumerate(cells) if not is_blank(c))
    header = [
        normalise_header(cell_text(c)) or f"column_{i + 1}" for i, c in enumerate(cells[: last + 1])
    ]
    seen: dict[str, int] = {}
    for i, column in enumerate(header):
        if column in seen:
            raise FileUnreadable(code="import.duplicate_column", params={
                "file": name, "first": seen[column] + 1, "second": i + 1, "column": column})
        seen[column] = i
    return tuple(header)


def _ragged_reason(expected: int, found: int, delimiter: str | None) -> Problem:
    if delimiter is None:
        return Problem(code="import.beyond_header", params={"found": found, "expected": expected})
    shown = {"\t": "tab"}.get(delimiter, f"'{delimiter}'")
    return Problem(code="import.too_many_values",
                   params={"found": found, "expected": expected, "delimiter": shown})
