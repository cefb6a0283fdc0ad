"""CSV text as columns, split exactly as csv.reader splits it, for the fast import path (#7).

Text without a quote character and without a lone carriage return (the usual system
export) is split by pyarrow in C: csv.reader then splits records at newlines and cells at
the delimiter and nowhere else, and reads an empty line as a record without cells. Any
other text is read by csv.reader itself, so quoting behaves exactly as in read_table.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from portfolio.importing.reading import csv_records


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

    def columns(self, indices: np.ndarray, width: int) -> list[pa.Array]:
        """The cells of the records at `indices` (all `width` wide), column by column."""
        raise NotImplementedError

    def number(self, i: int) -> int:
        return int(i) + self.first_row


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


def split_csv(name: str, text: str, delimiter: str) -> tuple[list[str] | None, CsvBody]:
    """The first non-blank record (the header; None if there is none) and the rest."""
    if '"' in text or text.count("\r") != text.count("\r\n"):
        records = csv_records(name, text, delimiter)
        start = next((i for i, r in enumerate(records) if any(c.strip() for c in r)), None)
        if start is None:
            return None, _Records([], 0)
        return records[start], _Records(records[start + 1:], start + 2)
    if text.endswith("\n"):
        text = text[:-1]  # the last line's newline ends a record; it does not start one
    # Split into lines in C: one Arrow string, not a Python list of a million strings.
    # Every "\r" here is the first half of a "\r\n", so it can only end a line.
    lines = pc.list_flatten(pc.split_pattern(pa.array([text], pa.large_string()), "\n"))
    if "\r" in text:
        lines = pc.utf8_rtrim(lines, "\r")
    lines = lines.cast(pa.string()) if text else pa.array([], pa.string())
    start = next((i for i, line in enumerate(_leading(lines))
                  if any(c.strip() for c in line.split(delimiter))), None)
    if start is None:
        return None, _Records([], 0)
    header = lines[start].as_py().split(delimiter)
    return header, _Lines(lines.slice(start + 1), delimiter, start + 2)


def _leading(lines: pa.Array) -> Iterator[str]:
    """The lines as Python strings, converted one at a time (the header is near the top)."""
    for line in lines:
        yield line.as_py()
