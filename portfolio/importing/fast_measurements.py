"""The one production path for measurements (#7, #16): every channel's rows, set-based.

A CSV file (CLI import, dashboard upload, inbox flow) is split into columns; an XLSX sheet
or the REST API's records arrive as a Table and take the same path. Rows whose cells all
have a common, unambiguous shape (ids present, a YYYY-MM-DD or DD-MM-YYYY date, a plain
decimal number, a source of ordinary length, a known provenance) are checked and
converted column by column; every other row is judged by the shared row rules
(rows.parse_row), so a rejected row gets exactly the reason the row rules give it.
Repeated keys are judged over all accepted rows in file order. The row-by-row batch
parser (rows.parse_table) is the reference for measurements, never called for them in
production: tests/unit/test_setbased_import.py (marked `oracle`) holds the two to the same
accepted rows and the same reasons on random files and records.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from portfolio.errors import FileUnreadable
from portfolio.importing.choices import parse_choice
from portfolio.importing.columns import ImportKind, ignored_columns, resolve_columns
from portfolio.importing.csv_columns import CsvBody, NumberedRecords, split_csv
from portfolio.importing.problems import Problem
from portfolio.importing.reading import (
    CSV_SUFFIXES,
    Table,
    clean,
    csv_source,
    header_of,
    read_table,
    row_values,
)
from portfolio.importing.rejection import Rejection
from portfolio.importing.rows import (
    AcceptedRow,
    duplicate_reason,
    parse_row,
    provenance_named_by,
)
from portfolio.importing.text_columns import Text, calendar_dates, distinct_codes, ragged_edges
from portfolio.importing.values import (
    MAX_MAGNITUDE,
    MAX_YEAR,
    MIN_YEAR,
    Cell,
    CellError,
    cell_text,
    is_blank,
)
from portfolio.models import MAX_SOURCE_LENGTH, Measurement, Provenance

KIND = ImportKind.MEASUREMENTS
_PLAIN_NUMBER = r"^-?[0-9]+([.,][0-9]+)?$"


@dataclass(frozen=True)
class MeasurementColumns:
    """A parsed measurement file: accepted rows as columns, rejected rows with reasons."""

    source_name: str
    rows_read: int
    accepted: pa.Table
    """row, initiative_id, kpi, measured_on, value, source, provenance; in file order."""
    rejected: tuple[Rejection, ...]
    ignored_columns: tuple[str, ...] = ()

    def records(self) -> list[AcceptedRow]:
        """The accepted rows as models (for comparisons; slow on big files)."""
        return [
            AcceptedRow(r["row"], Measurement(initiative_id=r["initiative_id"], kpi=r["kpi"],
                                              on=r["measured_on"], value=r["value"],
                                              source=r["source"],
                                              provenance=Provenance(r["provenance"])))
            for r in self.accepted.to_pylist()
        ]


_SCHEMA = pa.schema([
    ("row", pa.int64()), ("initiative_id", pa.string()), ("kpi", pa.string()),
    ("measured_on", pa.date32()), ("value", pa.float64()), ("source", pa.string()),
    ("provenance", pa.string()),
])
_SlowRow = tuple[int, Measurement | None, tuple[Problem, ...], dict[str, str]]


def read_measurements(path: Path, *,
                      provenance: Provenance = Provenance.MANUAL) -> MeasurementColumns:
    """A measurement file as columns: CSV split in C, XLSX read as a Table; both set-based.
    `provenance`: what a row that names none came as (the channel decides)."""
    if Path(path).suffix.lower() in CSV_SUFFIXES:
        return parse_measurements_csv(Path(path), provenance=provenance)
    return measurements_of_table(read_table(Path(path)), provenance=provenance)


def measurements_of_table(table: Table, *,
                          provenance: Provenance = Provenance.MANUAL) -> MeasurementColumns:
    """A Table's measurement rows (an XLSX sheet, the REST API's records) as columns.

    A row whose cells read as the text a CSV file would hold takes the columnar path; a
    row with any other cell (a time of day, a boolean, a number not written plainly) or a
    wrong shape is judged by the row rules with its cells as they are. Raises
    FileUnreadable when a required column is missing; bad rows never raise."""
    columns = resolve_columns(KIND, table.columns, table.source_name)
    header = table.columns
    texts: list[list[str]] = []
    numbers: list[int] = []
    slow: list[_SlowRow] = []
    for number, values in table.rows:
        shape = table.row_errors.get(number)
        cells = None if shape else _as_text(values, columns)
        if cells is None:
            slow.append((number, *parse_row(KIND, columns, values, shape,
                                            provenance=provenance)))
        else:
            texts.append([cells.get(name, "") for name in header])
            numbers.append(number)
    body = NumberedRecords(texts, numbers)
    fast, odd = _parse_regular(header, columns, body, np.arange(len(texts)), provenance)
    accepted, rejected = _without_repeats(fast, [*slow, *odd], header, body)
    return MeasurementColumns(
        source_name=table.source_name,
        rows_read=accepted.num_rows + len(rejected),
        accepted=accepted,
        rejected=tuple(rejected),
        ignored_columns=ignored_columns(KIND, header),
    )


_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _as_text(values: Mapping[str, Cell], columns: Mapping[str, str]) -> dict[str, str] | None:
    """The row's cells as text when that text reads exactly as the cells do (None when
    not, or when the row is blank, which the row rules reject rather than skip): text as
    it is; a number in the value column written plainly; a whole day in the date column."""
    text: dict[str, str] = {}
    for name, cell in values.items():
        shown = cell if isinstance(cell, str) else _plain(cell, name, columns)
        if shown is None:
            return None
        text[name] = shown
    return None if all(is_blank(c) for c in text.values()) else text


def _plain(cell: Cell, name: str, columns: Mapping[str, str]) -> str | None:
    """A value or date cell's text when it reads back as the very cell, else None."""
    if isinstance(cell, bool):
        return None
    shown = cell_text(cell)
    if name == columns["value"] and isinstance(cell, int | float):
        return shown if re.match(_PLAIN_NUMBER, shown) and float(shown) == cell else None
    if name == columns["date"] and isinstance(cell, date):
        return shown if _ISO_DAY.match(shown) else None
    return None


def parse_measurements_csv(path: Path, *,
                           provenance: Provenance = Provenance.MANUAL) -> MeasurementColumns:
    """Raises FileUnreadable as read_table and parse_table do; bad rows never raise."""
    source = csv_source(path)
    delimiter = source.delimiter
    first, body = split_csv(path.name, source.text, delimiter, source.utf8)
    if first is None:
        raise FileUnreadable(code="import.no_header", params={"file": path.name})
    header = header_of(path.name, [clean(c) for c in first])
    columns = resolve_columns(KIND, header, path.name)
    widths = body.widths()
    fast, slow = _parse_regular(header, columns, body, np.flatnonzero(widths == len(header)),
                                provenance)
    for i in np.flatnonzero(widths != len(header)):
        cells = [clean(c) for c in body.cells(i)]
        if any(cells):
            values, error = row_values(header, cells, delimiter)
            slow.append((body.number(i), *parse_row(KIND, columns, values, error,
                                                    provenance=provenance)))
    accepted, rejected = _without_repeats(fast, slow, header, body)
    return MeasurementColumns(
        source_name=path.name,
        rows_read=accepted.num_rows + len(rejected),
        accepted=accepted,
        rejected=tuple(rejected),
        ignored_columns=ignored_columns(KIND, header),
    )


def _stripped_cells(header: tuple[str, ...], body: CsvBody, i: int) -> dict[str, str]:
    return _stripped_row(header, body.cells(i))


def _stripped_row(header: tuple[str, ...], cells: list[str]) -> dict[str, str]:
    return dict(zip(header, (c.strip() for c in cells), strict=True))


def _stripped(column: Text) -> Text:
    """str.strip() of every cell; only cells that start or end with something other than
    printable ASCII are stripped in Python (arrow's idea of whitespace is not Python's)."""
    odd = ragged_edges(column)
    if not odd.any():
        return column
    cells = column.to_numpy(zero_copy_only=False).copy()
    cells[odd] = [c.strip() for c in cells[odd]]
    return pa.array(cells, pa.string())


def _parse_regular(
    header: tuple[str, ...], columns: dict[str, str], body: CsvBody, regular: np.ndarray,
    provenance: Provenance,
) -> tuple[pa.Table, list[_SlowRow]]:
    """Rows as wide as the header: the plain ones column-wise, the rest row by row."""
    if not regular.size:
        return _SCHEMA.empty_table(), []
    cells = [_stripped(c) for c in body.columns(regular, len(header))]
    blank = np.logical_and.reduce([_true(pc.equal(c, "")) for c in cells])
    get = {name: cells[header.index(columns[name])] for name in columns}
    day, day_ok = calendar_dates(get["date"], (MIN_YEAR, MAX_YEAR))
    value, value_ok = _numbers(get["value"])
    source = get.get("source", pa.repeat(pa.scalar("", pa.string()), regular.size))
    source_ok = _true(pc.less_equal(pc.utf8_length(source), MAX_SOURCE_LENGTH))
    kind, kind_ok = _provenances(get.get("provenance"), source, provenance)
    plain = (~_true(pc.equal(get["initiative_id"], "")) & ~_true(pc.equal(get["kpi"], ""))
             & day_ok & value_ok & source_ok & kind_ok & ~blank)
    mask = pa.array(plain)
    fast = pa.Table.from_arrays(
        [pa.array(body.numbers(regular[plain])), get["initiative_id"].filter(mask),
         get["kpi"].filter(mask), day.filter(mask), pa.array(value[plain]), source.filter(mask),
         kind.filter(mask)],
        schema=_SCHEMA,
    )
    odd = regular[~plain & ~blank]
    slow = [(body.number(i), *parse_row(KIND, columns, _stripped_row(header, cells),
                                        provenance=provenance))
            for i, cells in zip(odd, body.records(odd), strict=True)]
    return fast, slow


def _true(mask: Text) -> np.ndarray:
    return pc.fill_null(mask, False).to_numpy(zero_copy_only=False)


def _numbers(text: Text) -> tuple[np.ndarray, np.ndarray]:
    """Plain decimal numbers (point or comma) as floats, converted by Arrow as float() would,
    and which cells those are (0 in the others)."""
    plain = _true(pc.match_substring_regex(text, _PLAIN_NUMBER))
    values = np.zeros(len(text))
    chosen = text.filter(pa.array(plain))
    values[plain] = pc.cast(pc.replace_substring(chosen, ",", "."), pa.float64()).to_numpy()
    return values, plain & (np.abs(values) <= MAX_MAGNITUDE)


def _provenances(given: Text | None, source: Text,
                 channel: Provenance) -> tuple[pa.Array, np.ndarray]:
    """Each row's provenance as rows.parse_row decides it: the provenance column, else a
    provenance word in the source column, else the channel's. Each distinct spelling is
    looked up once; an unknown provenance goes row by row for the reason."""
    words, word_codes = distinct_codes(source)
    named = [(p or channel).value
             for p in (provenance_named_by(w) for w in words.to_pylist())]
    fallback = pa.array(named, pa.string()).take(pa.array(word_codes))
    if given is None:
        return fallback, np.ones(len(fallback), bool)
    spellings, codes = distinct_codes(given)
    known: list[str | None] = []
    for spelling in spellings.to_pylist():
        try:
            known.append(parse_choice(Provenance, spelling, "provenance").value if spelling
                         else "")
        except CellError:
            known.append(None)
    names = pa.array(known, pa.string()).take(pa.array(codes))
    chosen = pc.if_else(pc.equal(names, ""), fallback, names)
    return chosen, _true(pc.is_valid(chosen))


def _without_repeats(
    fast: pa.Table, slow: list[_SlowRow], header: tuple[str, ...], body: CsvBody,
) -> tuple[pa.Table, list[Rejection]]:
    """Accepted rows in file order, a repeated key rejected as the row-by-row parser does."""
    rejected = [Rejection.of(n, problems, raw) for n, record, problems, raw in slow
                if record is None]
    parsed = pa.Table.from_pylist(
        [{"row": n, "initiative_id": m.initiative_id, "kpi": m.kpi, "measured_on": m.on,
          "value": m.value, "source": m.source, "provenance": m.provenance.value}
         for n, m, _, _ in slow if m is not None],
        schema=_SCHEMA,
    )
    table = fast  # in file order already
    if parsed.num_rows:
        table = pa.concat_tables([fast, parsed])
        table = table.take(pc.sort_indices(table, [("row", "ascending")]))
    keys = pd.Series(_keys(table))
    repeated = keys.duplicated(keep="first").to_numpy()
    if repeated.any():
        rows = table.column("row").to_numpy()
        first = pd.Series(rows).groupby(keys, sort=False).transform("first").to_numpy()
        position = {n: i for i, n in enumerate(rows.tolist())}
        raws = {n: raw for n, _, _, raw in slow}
        for i in np.flatnonzero(repeated):
            number, earlier = int(rows[i]), int(first[i])
            raw = raws.get(number) or _stripped_cells(header, body, body.index_of(number))
            repeat = duplicate_reason((earlier, _model(table, position[earlier])),
                                       _model(table, i))
            rejected.append(Rejection.of(number, (repeat,), raw))
        table = table.filter(pa.array(~repeated))
    rejected.sort(key=lambda e: e.row)
    return table, rejected


def _keys(table: pa.Table) -> np.ndarray:
    """(initiative_id, kpi, measured_on) of every row as one integer: equal keys, equal
    integers. Comparing integers costs a fraction of comparing three columns (#7)."""
    _, initiatives = distinct_codes(table.column("initiative_id"))
    kpi_names, kpis = distinct_codes(table.column("kpi"))
    _, pairs = distinct_codes(pa.array(initiatives.astype(np.int64) * max(len(kpi_names), 1)
                                       + kpis))
    days = table.column("measured_on").cast(pa.int32()).to_numpy().astype(np.int64)
    if not len(days):
        return days
    return pairs.astype(np.int64) * (days.max() - days.min() + 1) + (days - days.min())


def _model(table: pa.Table, i: int) -> Measurement:
    row = table.slice(i, 1).to_pylist()[0]
    return Measurement(initiative_id=row["initiative_id"], kpi=row["kpi"],
                       on=row["measured_on"], value=row["value"], source=row["source"],
                       provenance=Provenance(row["provenance"]))
