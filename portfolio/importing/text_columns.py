"""Shape checks on Arrow text columns done on their UTF-8 bytes with numpy (#7).

A regular expression per cell (Arrow's RE2) cost 60-80 ms per column of a million cells;
looking at the bytes through the column's offsets costs a few. Everything here is
conservative: a cell it cannot vouch for is reported as not plain, and the caller sends it
through the row-by-row parser, which has the last word.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

# Where the digits of YYYY-MM-DD and DD-MM-YYYY are, and the latter's in ISO order.
_ISO = [0, 1, 2, 3, 5, 6, 8, 9]
_DAY_FIRST = [0, 1, 3, 4, 6, 7, 8, 9]
_DAY_FIRST_AS_ISO = [6, 7, 8, 9, 3, 4, 0, 1]
# By [leap year, month 1-12] (month 0 unused).
_MONTH_LENGTH = np.array([[0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31],
                          [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]])
_DAYS_BEFORE_MONTH = np.concatenate(
    [np.zeros((2, 1), np.int64), np.cumsum(_MONTH_LENGTH, axis=1)[:, :-1]], axis=1)


Text = pa.Array | pa.ChunkedArray


def _chunks(column: Text) -> list[pa.Array]:
    return column.chunks if isinstance(column, pa.ChunkedArray) else [column]


def distinct_codes(column: Text) -> tuple[pa.Array, np.ndarray]:
    """The distinct values of a column, and each cell's position among them."""
    encoded = column.dictionary_encode()
    if isinstance(encoded, pa.ChunkedArray):
        encoded = encoded.combine_chunks()  # one dictionary for all chunks
    return encoded.dictionary, encoded.indices.to_numpy()


def _utf8_bytes(column: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """Where each cell starts and ends (n + 1 offsets) and the bytes they point into."""
    if column.null_count:
        raise ValueError("text columns of a file have no nulls")
    _, offsets, data = column.buffers()
    edges = np.frombuffer(offsets, np.int32)[column.offset:column.offset + len(column) + 1]
    text = np.frombuffer(data, np.uint8) if data is not None else np.zeros(0, np.uint8)
    return edges, text if text.size else np.zeros(1, np.uint8)  # all empty: nothing to index


def ragged_edges(column: Text) -> np.ndarray:
    """Cells that start or end with anything but printable ASCII: the only ones str.strip()
    could change (Arrow's idea of whitespace is not Python's)."""
    return np.concatenate([_ragged_edges(c) for c in _chunks(column)] or [np.zeros(0, bool)])


def _ragged_edges(column: pa.Array) -> np.ndarray:
    edges, data = _utf8_bytes(column)
    starts, ends = edges[:-1], edges[1:]
    filled = ends > starts
    first = data[np.where(filled, starts, 0)]
    last = data[np.where(filled, ends - 1, 0)]
    printable = ((first >= 0x21) & (first <= 0x7E)) & ((last >= 0x21) & (last <= 0x7E))
    return filled & ~printable


def _fixed_width(column: pa.Array, width: int) -> tuple[np.ndarray, np.ndarray]:
    """Which cells have exactly `width` bytes, and those bytes as a (cells, width) matrix
    (zeros in the rows of the other cells)."""
    edges, data = _utf8_bytes(column)
    starts = edges[:-1]
    fits = (edges[1:] - starts) == width
    if fits.all() and edges[-1] - edges[0] == width * len(column):  # laid out back to back
        return fits, data[edges[0]:edges[-1]].reshape(len(column), width)
    matrix = np.zeros((len(column), width), np.uint8)
    matrix[fits] = data[starts[fits][:, None] + np.arange(width)]
    return fits, matrix


def calendar_dates(column: Text, years: tuple[int, int]) -> tuple[pa.ChunkedArray, np.ndarray]:
    """Cells written YYYY-MM-DD or DD-MM-YYYY in ASCII digits naming a real day within
    `years` (inclusive), as date32, and which cells those are."""
    parts = [_calendar_dates(c, years) for c in _chunks(column)]
    return (pa.chunked_array([days for days, _ in parts], pa.date32()),
            np.concatenate([ok for _, ok in parts] or [np.zeros(0, bool)]))


def _calendar_dates(column: pa.Array, years: tuple[int, int]) -> tuple[pa.Array, np.ndarray]:
    fits, matrix = _fixed_width(column, 10)
    digits = matrix - np.uint8(ord("0"))  # wraps around below "0": anything but a digit > 9
    is_digit = digits <= 9
    dash = matrix == ord("-")
    iso = fits & dash[:, 4] & dash[:, 7] & is_digit[:, _ISO].all(axis=1)
    day_first = fits & dash[:, 2] & dash[:, 5] & is_digit[:, _DAY_FIRST].all(axis=1)
    ymd = np.where(iso[:, None], digits[:, _ISO], digits[:, _DAY_FIRST_AS_ISO]).astype(np.int32)
    year = ((ymd[:, 0] * 10 + ymd[:, 1]) * 10 + ymd[:, 2]) * 10 + ymd[:, 3]
    month, day = ymd[:, 4] * 10 + ymd[:, 5], ymd[:, 6] * 10 + ymd[:, 7]
    new_year, leap = _years(*years)
    known = ((iso | day_first) & (year >= years[0]) & (year <= years[1])
             & (month >= 1) & (month <= 12))
    nth_year, month = np.where(known, year - years[0], 0), np.where(known, month, 1)
    leap_year = leap[nth_year]
    ok = known & (day >= 1) & (day <= _MONTH_LENGTH[leap_year, month])
    days = new_year[nth_year] + _DAYS_BEFORE_MONTH[leap_year, month] + day - 1
    return pa.array(np.where(ok, days, 0).astype(np.int32), pa.date32()), ok


def _years(first: int, last: int) -> tuple[np.ndarray, np.ndarray]:
    """Days from 1970-01-01 to each year's 1 January, and whether it is a leap year (1, 0)."""
    years = np.arange(first, last + 1)
    new_year = (years - 1970).astype("datetime64[Y]").astype("datetime64[D]").astype(np.int64)
    leap = (years % 4 == 0) & ((years % 100 != 0) | (years % 400 == 0))
    return new_year, leap.astype(np.intp)
