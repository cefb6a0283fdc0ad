"""read_table: encodings, delimiters, header names, row numbers and unreadable files."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from portfolio.errors import FileUnreadable
from portfolio.importing import ImportKind, normalise_header, parse_table, read_table

DANISH_HEADER = "initiativ_id;titel;afdeling;ejer;fase;startdato;reviewdato;budget_kr;forbrug_kr"
ENGLISH_COLUMNS = (
    "id",
    "title",
    "department",
    "owner",
    "stage",
    "started_on",
    "review_on",
    "budget_dkk",
    "spent_dkk",
)


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_danish_semicolon_windows_1252_file_gets_english_column_names(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "portefølje.csv",
        f"{DANISH_HEADER}\nI-1;Skærmbesøg;Ældre og Sundhed;Søren;idé;01-02-2025;"
        "01-08-2025;1.234,50;99,5\n",
        encoding="cp1252",
    )
    table = read_table(path)
    assert table.columns == ("initiative_id", *ENGLISH_COLUMNS[1:])
    assert table.rows == (
        (
            2,
            {
                "initiative_id": "I-1",
                "title": "Skærmbesøg",
                "department": "Ældre og Sundhed",
                "owner": "Søren",
                "stage": "idé",
                "started_on": "01-02-2025",
                "review_on": "01-08-2025",
                "budget_dkk": "1.234,50",
                "spent_dkk": "99,5",
            },
        ),
    )


def test_utf8_file_with_byte_order_mark_has_a_clean_first_header(tmp_path: Path) -> None:
    path = write(
        tmp_path, "m.csv", "\ufeffInitiative_ID,KPI,Date,Value\nI-1,Ventetid,2025-01-01,3\n"
    )
    table = read_table(path)
    assert table.columns == ("initiative_id", "kpi", "date", "value")
    assert table.rows[0] == (
        2,
        {"initiative_id": "I-1", "kpi": "Ventetid", "date": "2025-01-01", "value": "3"},
    )


def test_utf16_text_export_from_excel_is_read_with_tabs(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "m.txt",
        "initiative_id\tkpi\tdate\tvalue\r\nI-1\tK\t2025-01-01\t4\r\n",
        encoding="utf-16",
    )
    assert read_table(path).rows[0][1]["value"] == "4"


def test_the_delimiter_is_sniffed_outside_quotes(tmp_path: Path) -> None:
    path = write(tmp_path, "k.csv", '"a;b",kpi,date,value\n"x;y",K,2025-01-01,"1,5"\n')
    table = read_table(path)
    assert table.columns == ("a_b", "kpi", "date", "value")
    assert table.rows[0][1]["value"] == "1,5"


def test_headers_are_case_insensitive_trimmed_and_accept_danish_spellings() -> None:
    assert normalise_header("  Nøgletal ") == "kpi"
    assert normalise_header("NOEGLETAL") == "kpi"
    assert normalise_header("Mål") == "target"
    assert normalise_header("Type") == "kind"
    assert normalise_header("Vægt") == "weight"
    assert normalise_header("Værdi") == "value"
    assert normalise_header("Indsatsområde") == "focus_area"
    assert normalise_header("Review On") == "review_on"


def test_empty_rows_are_skipped_but_row_numbers_stay_those_a_spreadsheet_shows(
    tmp_path: Path,
) -> None:
    path = write(
        tmp_path,
        "m.csv",
        "\ninitiative_id,kpi,date,value\n,,,\nI-1,K,2025-01-01,1\n\nI-1,K,2025-02-01,2\n",
    )
    table = read_table(path)
    assert [number for number, _ in table.rows] == [4, 6]


def test_a_quoted_multiline_cell_counts_as_one_row(tmp_path: Path) -> None:
    path = write(tmp_path, "i.csv", 'id,hypothesis\nA,"line one\nline two"\nB,x\n')
    assert [n for n, _ in read_table(path).rows] == [2, 3]


def test_a_row_with_more_cells_than_headers_is_kept_with_a_row_error(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "m.csv",
        "initiative_id;kpi;date;value\nI-1;K;2025-01-01;1;5\nI-1;K;2025-01-02;2;\n",
    )
    table = read_table(path)
    assert len(table.rows) == 2
    assert {row: str(problem) for row, problem in table.row_errors.items()} == {
        2: "row has 5 values but the header has 4 columns; put values that contain ';' in "
        "double quotes"
    }


def test_a_row_with_fewer_cells_than_headers_has_blank_values(tmp_path: Path) -> None:
    path = write(tmp_path, "m.csv", "initiative_id,kpi,date,value\nI-1,K\n")
    table = read_table(path)
    assert table.rows[0][1] == {"initiative_id": "I-1", "kpi": "K", "date": "", "value": ""}
    assert table.row_errors == {}


def test_xlsx_first_sheet_is_read_with_native_dates_and_numbers(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([])
    sheet.append(["Initiativ_id", "Nøgletal", "Dato", "Værdi", None])
    sheet.append(["I-1", "Ventetid", datetime(2025, 1, 31), 12.5])
    sheet.append([None, None, None, None])
    sheet.append(["I-1", "Ventetid", datetime(2025, 2, 28), 11])
    workbook.create_sheet("other").append(["ignored"])
    path = tmp_path / "m.xlsx"
    workbook.save(path)
    table = read_table(path)
    assert table.columns == ("initiative_id", "kpi", "date", "value")
    assert table.rows == (
        (
            3,
            {
                "initiative_id": "I-1",
                "kpi": "Ventetid",
                "date": datetime(2025, 1, 31),
                "value": 12.5,
            },
        ),
        (
            5,
            {"initiative_id": "I-1", "kpi": "Ventetid", "date": datetime(2025, 2, 28), "value": 11},
        ),
    )


def test_xlsx_values_beyond_the_header_are_a_row_error(tmp_path: Path) -> None:
    workbook = Workbook()
    workbook.active.append(["initiative_id", "kpi", "date", "value"])
    workbook.active.append(["I-1", "K", "2025-01-01", 1, None, "stray"])
    path = tmp_path / "m.xlsx"
    workbook.save(path)
    assert "beyond the last header column" in str(read_table(path).row_errors[2])


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("report.pdf", b"%PDF-1.4", "only CSV (.csv, .txt) and Excel (.xlsx, .xlsm)"),
        ("empty.csv", b"", "the file is empty"),
        ("blank.csv", b"\xef\xbb\xbf \n\n \n", "the file is empty"),
        ("only-separators.csv", b";;;\n;;;\n", "no header row"),
        ("broken.xlsx", b"PK\x03\x04 not really a zip", "not a readable Excel workbook"),
        ("binary.csv", b"\x00\x01\x02abc", "not a text file"),
        ("twice.csv", b"dato,date\n1,2\n", "both mean 'date'"),
    ],
)
def test_files_that_cannot_be_read_raise_file_unreadable_with_a_fix(
    tmp_path: Path, name: str, content: bytes, fragment: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(FileUnreadable, match=re.escape(fragment)):
        read_table(path)


def test_a_missing_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(FileUnreadable, match="no such file"):
        read_table(tmp_path / "nowhere.csv")


def test_an_empty_xlsx_sheet_has_no_header_row(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    Workbook().save(path)
    with pytest.raises(FileUnreadable, match="no header row"):
        read_table(path)


def test_a_missing_required_column_names_it_in_english_and_danish(tmp_path: Path) -> None:
    path = write(tmp_path, "m.csv", "initiative_id,kpi,date\nI-1,K,2025-01-01\n")
    with pytest.raises(FileUnreadable) as caught:
        parse_table(read_table(path), ImportKind.MEASUREMENTS)
    message = str(caught.value)
    assert "missing required column(s) value (værdi)" in message
    assert "initiative_id (initiativ_id), kpi (nøgletal), date (dato), value (værdi)" in message
    assert "The header row has: initiative_id, kpi, date." in message
