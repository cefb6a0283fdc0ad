"""The set-based measurement path (#7) accepts and rejects exactly what the row parser does.

The row-by-row parser is the reference (tests/oracles/measurement_rows.py, #16): production
reads every channel set-based. Random CSV files mix plain rows with every shape the row
parser has a reason for (bad dates and numbers, formulas, blanks, unknown sources, ragged
and blank rows, repeated keys); both parsers must give the same accepted rows and the same
reasons, row by row: the same catalogue codes and params, so the same text in English and
in Danish. Random
records (the REST API's JSON, an XLSX sheet's typed cells) are held to it the same way.
"""

from __future__ import annotations

import csv
import io
import itertools
from datetime import date, datetime, time
from pathlib import Path

import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portfolio.importing import CellError, parse_date
from portfolio.importing.fast_measurements import (
    measurements_of_table,
    parse_measurements_csv,
    read_measurements,
)
from portfolio.importing.records import table_of_records
from portfolio.importing.text_columns import calendar_dates
from portfolio.importing.values import MAX_YEAR, MIN_YEAR
from portfolio.models import Provenance
from tests.oracles.measurement_rows import measurement_file_row_by_row, measurements_row_by_row

_files = itertools.count()

ids = st.sampled_from(["INI-1", "INI-2", " INI-1 ", "", "  ", "INI-1\xa0", "\x1cINI-2", "Ø-1 "])
kpis = st.sampled_from(["digital share", "klager", "", "Digital share"])
dates = st.sampled_from([
    "2025-06-30", "2025-06-01", "30-06-2025", "01-06-2025", "2025-02-30", "31-02-2025",
    "2025-6-1", "30.06.2025", "30/06/2025", "1899-12-31", "2101-01-01", "", "soon",
    " 2025-06-30 ", "2025-06-30T12:00", "00-00-2025", "2024-02-29", "2023-02-29",
    "29-02-2024", "29-02-1900", "2000-02-29", "1900-01-01", "31-12-2100", "2025-04-31",
    "31-04-2025", "2025-13-01", "2025-00-10", "2025-1a-01", "２０２５-06-30", "2025/06/30",
    "2025-06-3O", "30-06-2025\xa0",
])
values = st.sampled_from([
    "12", "-3.5", "1,5", "0", "-0", "007", "1.234,50", "1,234.50", "1 234,5", "", "abc",
    "1e3", "=A1", "-A1", "#N/A", "nan", "inf", "99999999999999999", " 7 ", "12.", ",5",
    "12 kr", "−4", "--5", "+5",
]) | st.floats(min_value=-1e6, max_value=1e6, allow_nan=False).map(repr)
sources = st.sampled_from(["", "system", "manuel", "selvrapporteret", "Self-Reported",
                           "bogus", "MANUAL", "system_export"])
HEADERS = [
    ["initiative_id", "kpi", "date", "value", "source"],
    ["Initiativ_ID", "Nøgletal", "Dato", "Værdi"],
    ["value", "date", "kpi", "initiative_id", "note"],
    ["initiative_id", "kpi", "date", "value", "kilde"],
]


@st.composite
def measurement_files(draw) -> tuple[list[str], list[list[str]], str]:
    header = draw(st.sampled_from(HEADERS))
    cells = {"initiative_id": ids, "kpi": kpis, "date": dates, "value": values,
             "source": sources, "note": st.just("x")}
    canonical = {"initiativ_id": "initiative_id", "nøgletal": "kpi", "dato": "date",
                 "værdi": "value", "kilde": "source"}
    names = [canonical.get(h.lower(), h.lower()) for h in header]
    # A file whose records are all as wide as its header (empty lines aside) is tokenised
    # by pyarrow's CSV reader; one ragged record sends it down the line-splitting path.
    odd_shapes = [] if draw(st.booleans()) else ["ragged", "short"]
    rows = []
    for _ in range(draw(st.integers(min_value=0, max_value=25))):
        shape = draw(st.sampled_from(["plain"] * 6 + ["blank", "empty", *odd_shapes]))
        row = [draw(cells[n]) for n in names]
        if shape == "blank":
            row = ["" for _ in names]
        elif shape == "ragged":
            row = [*row, draw(st.sampled_from(["", "extra"]))]
        elif shape == "empty":
            row = []
        elif shape == "short":
            row = row[: draw(st.integers(min_value=0, max_value=len(row) - 1))]
        rows.append(row)
    return (header, rows, draw(st.sampled_from([",", ";"])),
            draw(st.sampled_from(["\r\n", "\n", "\r"])),
            draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252"])))


def written(folder: Path, header: list[str], rows: list[list[str]], delimiter: str,
            newline: str = "\r\n", encoding: str = "utf-8") -> Path:
    path = folder / f"measurements-{next(_files)}.csv"
    text = io.StringIO(newline="")
    out = csv.writer(text, delimiter=delimiter, lineterminator=newline)
    out.writerow(header)
    out.writerows(rows)
    # Both parsers read the same bytes, so characters cp1252 lacks may become "?".
    path.write_bytes(text.getvalue().encode(encoding, errors="replace"))
    return path


def assert_same_as_the_reference(got, expected):
    assert got.rows_read == expected.rows_read
    assert got.records() == list(expected.accepted)
    assert list(got.rejected) == list(expected.rejected)
    assert [e.problems for e in got.rejected] == [e.problems for e in expected.rejected]
    assert all(e.problems for e in got.rejected)
    assert [e.in_language("da") for e in got.rejected] == [
        e.in_language("da") for e in expected.rejected]
    assert got.ignored_columns == expected.ignored_columns


@pytest.mark.oracle
@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(measurement_files())
def test_columnar_reader_accepts_and_rejects_exactly_what_the_row_parser_does(tmp_path, file):
    """Same rows read, same accepted records; for the rejected, the same raw cells and
    problems (codes and params), so the same reasons in both languages."""
    path = written(tmp_path, *file)
    assert_same_as_the_reference(parse_measurements_csv(path),
                                 measurement_file_row_by_row(path))


typed_values = values | st.sampled_from([4, 0, -7, 10**20, True, None, 2.5e-7, 1e16]) | st.floats(
    allow_nan=True, allow_infinity=True, width=64)
typed_dates = dates | st.sampled_from([
    date(2025, 6, 30), datetime(2025, 6, 30), datetime(2025, 6, 30, 12, 0), date(1899, 12, 31),
    datetime(2101, 1, 1), time(12, 0), 45000, None, True])
typed_ids = ids | st.sampled_from([None, 17, 1.0])
records = st.fixed_dictionaries({
    "initiative_id": typed_ids, "kpi": kpis | st.just(None), "date": typed_dates,
    "value": typed_values,
}, optional={"source": sources | st.just(None), "provenance": sources | st.just(None)})


@pytest.mark.oracle
@settings(max_examples=200, deadline=None)
@given(st.lists(records, max_size=20), st.sampled_from(list(Provenance)))
def test_records_take_the_set_based_path_to_the_row_parsers_verdicts(rows, provenance):
    """The REST API's records and an XLSX sheet's typed cells: numbers, days and times,
    booleans and nulls beside text, blank records and repeated keys."""
    table = table_of_records("api", rows)
    assert_same_as_the_reference(measurements_of_table(table, provenance=provenance),
                                 measurements_row_by_row(table, provenance=provenance))


def test_a_repeated_key_is_rejected_with_a_pointer_to_the_first_row(tmp_path):
    path = written(tmp_path, HEADERS[0], [
        ["INI-1", "klager", "2025-06-30", "4", ""],
        ["INI-1", "klager", "30-06-2025", "5", "system"],
        ["INI-1", "klager", "2025-06-30", "4", ""],
    ], ",")
    rejected = parse_measurements_csv(path).rejected
    assert [e.row for e in rejected] == [3, 4]
    assert rejected[0].reason.startswith("duplicate of row 2")
    assert rejected[1].reason == "exact duplicate of row 2; remove one of them"


def test_xlsx_measurements_are_read_as_the_row_parser_reads_them(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["initiative_id", "kpi", "date", "value"])
    book.active.append(["INI-1", "klager", "2025-06-30", 4])
    book.active.append(["INI-1", "klager", datetime(2025, 7, 31), 4.5])
    book.active.append([])
    book.active.append(["INI-1", "klager", datetime(2025, 7, 31), "5"])
    book.active.append(["INI-1", "klager", True, 1e-7])
    book.save(tmp_path / "m.xlsx")
    got = read_measurements(tmp_path / "m.xlsx")
    assert [a.record.value for a in got.records()] == [4.0, 4.5]
    assert [e.row for e in got.rejected] == [5, 6]
    assert got.rejected[0].reason.startswith("duplicate of row 3")
    assert_same_as_the_reference(got, measurement_file_row_by_row(tmp_path / "m.xlsx"))


def test_dates_read_column_wise_are_the_days_the_row_parser_reads():
    """Every YYYY-MM-DD and DD-MM-YYYY around the year limits, month ends and leap days:
    a date the columns accept is the one parse_date gives, and none it gives is missed."""
    cells = [text for year in (1899, 1900, 1904, 2000, 2023, 2024, 2100, 2101)
             for month in range(14) for day in range(33)
             for text in (f"{year:04d}-{month:02d}-{day:02d}", f"{day:02d}-{month:02d}-{year:04d}")]
    days, accepted = calendar_dates(pa.array(cells), (MIN_YEAR, MAX_YEAR))
    for text, day, ok in zip(cells, days.to_pylist(), accepted, strict=True):
        try:
            expected = parse_date(text, "date")
        except CellError:
            expected = None
        assert (day if ok else None) == expected, text
