"""CSV text as columns, split exactly as csv.reader splits it, for the fast import path (#7).

Without a quote character csv.reader splits records at line ends ("\r\n", "\r" or "\n")
and cells at the delimiter, nowhere else, and reads an empty line as a record without
cells. Such text, when every record is as wide as the header, is tokenised by pyarrow's CSV
reader on both cores straight into one column per header cell (an empty line becomes a row
of empty cells, blank as the empty record is). A ragged record makes it give up: the lines
are then split in C as lists, or by csv.reader when a lone "\r" ends one. Text with quotes
is read by csv.reader itself, so quoting behaves exactly as in read_table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from portfolio.importing.reading import csv_records

_LINE_END = re.compile(r"\r\n|\r|\n")


class CsvBody:
    """The records after the header; record i is the spreadsheet's row `first_row + i`."""

    first_row: int

    def __len__(self) -> int:
        raise NotImplementedError

    def widths(self) -> np.ndarray:
        """Number of cells of every record."""
        raise NotImplementedError

    def cells(self, i: int) -> list[str]:
        raise NotImplementedError

    def records(self, indices: np.ndarray) -> list[list[str]]:
        """The cells of the records at `indices`."""
        return [self.cells(i) for i in indices]

    def columns(self, indices: np.ndarray, width: int) -> list[pa.Array | pa.ChunkedArray]:
        """The cells of the records at `indices` (all `width` wide), column by column."""
        raise NotImplementedError

    def number(self, i: int) -> int:
        return int(i) + self.first_row

    def numbers(self, indices: np.ndarray) -> np.ndarray:
        """The row numbers of the records at `indices`."""
        return indices + self.first_row

    def index_of(self, number: int) -> int:
        """The record whose row number is `number`."""
        return number - self.first_row


@dataclass
class _Records(CsvBody):
    rows: list[list[str]]
    first_row: int

    def __len__(self) -> int:
        return len(self.rows)

    def widths(self) -> np.ndarray:
        return np.fromiter(map(len, self.rows), np.int64, len(self.rows))

    def cells(self, i: int) -> list[str]:
        return self.rows[i]

    def columns(self, indices: np.ndarray, width: int) -> list[pa.Array]:
        chosen = [self.rows[i] for i in indices]
        return [pa.array([r[j] for r in chosen], pa.string()) for j in range(width)]


@dataclass
class NumberedRecords(CsvBody):
    """Records of text whose row numbers are given, not consecutive: the rows of a Table
    (an XLSX sheet without its blank rows, the REST API's records) for the columnar path."""

    rows: list[list[str]]
    row_numbers: list[int]
    first_row: int = 0

    def __post_init__(self) -> None:
        self._index = {n: i for i, n in enumerate(self.row_numbers)}

    def __len__(self) -> int:
        return len(self.rows)

    def widths(self) -> np.ndarray:
        return np.fromiter(map(len, self.rows), np.int64, len(self.rows))

    def cells(self, i: int) -> list[str]:
        return self.rows[i]

    def columns(self, indices: np.ndarray, width: int) -> list[pa.Array]:
        chosen = [self.rows[i] for i in indices]
        return [pa.array([r[j] for r in chosen], pa.string()) for j in range(width)]

    def number(self, i: int) -> int:
        return self.row_numbers[int(i)]

    def numbers(self, indices: np.ndarray) -> np.ndarray:
        return np.asarray(self.row_numbers, np.int64)[indices]

    def index_of(self, number: int) -> int:
        return self._index[number]


@dataclass
class _Lines(CsvBody):
    lines: pa.Array
    delimiter: str
    first_row: int

    def __post_init__(self) -> None:
        self._split = pc.split_pattern(self.lines, self.delimiter)  # split once, in C

    def __len__(self) -> int:
        return len(self.lines)

    def widths(self) -> np.ndarray:
        counts = pc.list_value_length(self._split).to_numpy(zero_copy_only=False)
        empty = pc.equal(self.lines, "").to_numpy(zero_copy_only=False)
        return np.where(empty, 0, counts)

    def cells(self, i: int) -> list[str]:
        line = self.lines[int(i)].as_py()
        return line.split(self.delimiter) if line else []

    def columns(self, indices: np.ndarray, width: int) -> list[pa.Array]:
        split = self._split.take(pa.array(indices))
        return [pc.list_element(split, j) for j in range(width)]


@dataclass
class _Columns(CsvBody):
    """Records all as wide as the header, tokenised by pyarrow's CSV reader: a column each."""

    cells_by_column: list[pa.ChunkedArray]
    first_row: int

    def __len__(self) -> int:
        return len(self.cells_by_column[0])

    def widths(self) -> np.ndarray:
        return np.full(len(self), len(self.cells_by_column), np.int64)

    def cells(self, i: int) -> list[str]:
        return [column[int(i)].as_py() for column in self.cells_by_column]

    def records(self, indices: np.ndarray) -> list[list[str]]:
        chosen = pa.array(indices, pa.int64())  # one take per column, not one per cell
        return [list(r) for r in zip(*(c.take(chosen).to_pylist()
                                       for c in self.cells_by_column), strict=True)]

    def columns(self, indices: np.ndarray, width: int) -> list[pa.Array | pa.ChunkedArray]:
        if len(indices) == len(self):  # every record: no copy
            return self.cells_by_column
        chosen = pa.array(indices)
        return [column.take(chosen) for column in self.cells_by_column]


def _tokenised(text: pa.Buffer, delimiter: str, width: int) -> list[pa.ChunkedArray] | None:
    """Records of `width` cells (UTF-8 text) split at newlines and `delimiter` only, as
    csv.reader splits unquoted text; None when a record has another width."""
    if not text.size:
        return [pa.chunked_array([], pa.string()) for _ in range(width)]
    names = [f"c{j}" for j in range(width)]
    try:
        table = pa_csv.read_csv(
            text,
            read_options=pa_csv.ReadOptions(column_names=names, block_size=1 << 23),
            parse_options=pa_csv.ParseOptions(
                delimiter=delimiter, quote_char=False, escape_char=False,
                newlines_in_values=False, ignore_empty_lines=False),
            convert_options=pa_csv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()), null_values=[],
                strings_can_be_null=False, quoted_strings_can_be_null=False),
        )
    except pa.ArrowInvalid:  # a record of another width: the caller splits lines instead
        return None
    return table.columns


def split_csv(
    name: str, text: str, delimiter: str, utf8: bytes | None = None,
) -> tuple[list[str] | None, CsvBody]:
    """The first non-blank record (the header; None if there is none) and the rest.
    `utf8`: the text in UTF-8 if at hand (saves encoding it)."""
    if '"' in text:
        return _records(name, text, delimiter)
    found = _header_line(text, delimiter)
    if found is None:
        return None, _Records([], 0)
    number, header, after = found
    if utf8 is None:
        body = pa.py_buffer(text[after:].encode("utf-8"))
    else:  # the same bytes, not a copy: skip the header's bytes
        body = pa.py_buffer(utf8).slice(len(text[:after].encode("utf-8")))
    cells = _tokenised(body, delimiter, len(header))
    if cells is not None:
        return header, _Columns(cells, number + 1)
    if text.count("\r") != text.count("\r\n"):  # lines end at lone carriage returns too
        return _records(name, text, delimiter)
    return header, _Lines(_lines(text[after:]), delimiter, number + 1)


def _records(name: str, text: str, delimiter: str) -> tuple[list[str] | None, CsvBody]:
    records = csv_records(name, text, delimiter)
    start = next((i for i, r in enumerate(records) if any(c.strip() for c in r)), None)
    if start is None:
        return None, _Records([], 0)
    return records[start], _Records(records[start + 1:], start + 2)


def _lines(text: str) -> pa.Array:
    """The lines of text without a lone carriage return, split in C: one Arrow string, not a
    Python list of a million strings."""
    if not text:
        return pa.array([], pa.string())
    # The last line's newline ends a record; it does not start one. Every "\r" here is the
    # first half of a "\r\n", so it can only end a line.
    lines = pc.list_flatten(pc.split_pattern(pa.array([text.removesuffix("\n")],
                                                       pa.large_string()), "\n"))
    if "\r" in text:
        lines = pc.utf8_rtrim(lines, "\r")
    return lines.cast(pa.string())


def _header_line(text: str, delimiter: str) -> tuple[int, list[str], int] | None:
    """The first non-blank record's row number and cells, and where the text after it starts.
    Records end where csv.reader ends them: at "\r\n", "\r" or "\n"."""
    start, number = 0, 1
    while start < len(text):
        end = _LINE_END.search(text, start)
        stop, after = (end.start(), end.end()) if end else (len(text), len(text))
        cells = text[start:stop].split(delimiter)
        if any(c.strip() for c in cells):
            return number, cells, after
        start, number = after, number + 1
    return None
