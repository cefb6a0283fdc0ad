"""Malformed import files never crash an import, and every row read is accounted for.

Files go through the real use case (portfolio.service.imports.import_file) into a real
DuckDB file: wrong encodings, ragged rows, huge numbers, spreadsheet formulas, empty files
and random bytes, as CSV and as XLSX, for initiatives, KPIs and measurements.
"""

from __future__ import annotations

import csv
import io
import itertools
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from portfolio.errors import FileUnreadable
from portfolio.importing import COLUMNS, ImportKind
from portfolio.models import Actor
from portfolio.service.imports import import_file
from portfolio.service.initiatives import save_initiative
from portfolio.service.setup import initialise
from portfolio.storage import Database
from tests.factories import make_initiative, make_kpi
from tests.units import in_transaction

pytestmark = pytest.mark.reliability

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_files = itertools.count()

NASTY = st.sampled_from([
    "=1+1", '=HYPERLINK("http://x","y")', "+SUM(A1:A9)", "-1", "@cmd", "1e400", "-1e400",
    "9" * 400, "NaN", "inf", "1.234,56", "1,5", "31-12-2024", "2024-02-30", "0000-00-00",
    "INI-1", "digital share", "experiment", "eksperiment", "gevinst", "higher", "",
    " ", "\u00a0", "æøå", "\ufeff", '"', "a;b", "a,b",
])
CELL = st.one_of(
    NASTY,
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Database, Path]:
    """One database for every example: INI-1 with the KPI 'digital share'."""
    folder = tmp_path_factory.mktemp("fuzz")
    db, actor = Database(folder / "portfolio.duckdb", lock_timeout=5), Actor.operator()
    initialise(db, actor)
    in_transaction(db, save_initiative, actor, make_initiative(), [make_kpi()])
    return db, folder


# Values each column might plausibly hold, so that many rows get past the parser and
# reach the database; NASTY and CELL mix in what should be rejected.
PLAUSIBLE = {
    "id": ["INI-1", "NEW-1", "NEW-2"], "initiative_id": ["INI-1", "NEW-1", "GHOST"],
    "title": ["Chatbot"], "department": ["Social services", "Health"], "owner": ["Ann"],
    "stage": ["idea", "experiment", "drift", "lukket"], "kpi": ["digital share", "walk-ins"],
    "started_on": ["2025-01-01", "01-02-2025"], "review_on": ["2025-12-31"],
    "date": ["2025-03-01", "15-04-2025", "2025-03-01"], "value": ["12", "3,5", "1e6"],
    "budget_dkk": ["100000", "1.000.000,50"], "spent_dkk": ["90000"], "unit": ["%"],
    "direction": ["higher", "lavere"], "baseline": ["0", "400"], "target": ["100", "300"],
    "kind": ["benefit", "værn", "adoption"], "weight": ["1", "0,5"],
    "source": ["system_export", "manual", "self_reported"],
}


def cell_for(column: str) -> st.SearchStrategy[str]:
    plausible = PLAUSIBLE.get(column)
    if not plausible:
        return CELL
    return st.integers(0, 4).flatmap(  # four times in five a plausible value
        lambda dice: CELL if dice == 0 else st.sampled_from(plausible))


@st.composite
def tables(draw: st.DrawFn) -> tuple[ImportKind, list[list[str]]]:
    """A header that mostly names the kind's columns (English or Danish), and rows."""
    kind = draw(st.sampled_from(list(ImportKind)))
    columns = [c for c in COLUMNS[kind] if c.required or draw(st.booleans())]
    header = [draw(st.sampled_from([c.name, c.danish, c.name.upper()])) for c in columns]
    header = draw(st.permutations(header)) + draw(st.lists(CELL, max_size=2))
    if draw(st.integers(0, 9)) == 0:
        header = draw(st.lists(CELL, max_size=10))  # now and then, no usable header at all
    canonical = {c.name.upper(): c.name for c in COLUMNS[kind]} | {
        n: c.name for c in COLUMNS[kind] for n in (c.name, c.danish)}
    row = st.tuples(*(cell_for(canonical.get(h, "")) for h in header)).map(list)
    ragged = st.tuples(row, st.lists(CELL, max_size=3)).map(lambda r: r[0][: len(r[1]) + 1]
                                                            + r[1] if r[1] else r[0])
    rows = draw(st.lists(st.one_of(row, row, ragged), max_size=10))
    return kind, [header, *rows]


def assert_accounted_for(db: Database, path: Path, kind: ImportKind) -> None:
    try:
        report = import_file(db, Actor.operator(), path, kind)
    except FileUnreadable:
        return
    assert report.accepted + report.rejected == report.rows_read
    assert report.added + report.updated + report.unchanged == report.accepted
    with db.reading() as store:
        quarantined = store.imports.quarantined(report.import_id)
    assert len(quarantined) == report.rejected
    assert sorted(q["row_number"] for q in quarantined) == [e.row for e in report.errors]


@FUZZ
@given(table=tables(), delimiter=st.sampled_from([",", ";", "\t"]),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16", "latin-1"]))
def test_a_malformed_csv_never_crashes_an_import_and_loses_no_row(
    seeded: tuple[Database, Path], table: tuple[ImportKind, list[list[str]]], delimiter: str,
    encoding: str,
) -> None:
    db, folder = seeded
    kind, rows = table
    text = io.StringIO()
    csv.writer(text, delimiter=delimiter).writerows(rows)
    path = folder / f"fuzz-{next(_files)}.csv"
    path.write_bytes(text.getvalue().encode(encoding, errors="replace"))
    assert_accounted_for(db, path, kind)


@FUZZ
@given(table=tables(), numbers=st.lists(st.one_of(
    st.integers(min_value=-(10**20), max_value=10**20), st.floats(allow_nan=True)), max_size=4))
def test_a_malformed_workbook_never_crashes_an_import_and_loses_no_row(
    seeded: tuple[Database, Path], table: tuple[ImportKind, list[list[str]]],
    numbers: list[float],
) -> None:
    db, folder = seeded
    kind, rows = table
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)  # cells starting with "=" are stored as formulas
    if numbers and len(rows) > 1:
        workbook.active.append([*rows[1][:1], *numbers])  # native numbers, huge and odd
    path = folder / f"fuzz-{next(_files)}.xlsx"
    workbook.save(path)
    assert_accounted_for(db, path, kind)


@FUZZ
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".csv", ".xlsx", ".txt"]),
       kind=st.sampled_from(list(ImportKind)))
def test_random_bytes_are_refused_as_unreadable_or_accounted_for(
    seeded: tuple[Database, Path], data: bytes, suffix: str, kind: ImportKind
) -> None:
    db, folder = seeded
    path = folder / f"fuzz-{next(_files)}{suffix}"
    path.write_bytes(data)
    assert_accounted_for(db, path, kind)
