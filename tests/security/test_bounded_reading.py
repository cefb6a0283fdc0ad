"""An import file is measured before it is read (#14): a zip bomb of an .xlsx, a sheet of
too many rows or columns, a CSV too large or with an endless field are refused within
seconds, with a message that says why; the command line exits 2, the inbox files it under
failed/ with its reason."""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest

from portfolio.errors import FileUnreadable
from portfolio.importing.limits import ReadLimits, check_file
from portfolio.models import Actor
from portfolio.service.imports import import_file
from portfolio.service.inbox import ingest_inbox
from portfolio.storage import Database

pytestmark = pytest.mark.security

FAILSCALE = str(Path(sys.executable).parent / "failscale")
OPERATOR = Actor.operator()
HEADER = b"initiative_id,kpi,date,value\n"

_PARTS = {
    "[Content_Types].xml": (
        b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org'
        b'/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
        b'openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="'
        b'application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.'
        b'openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/'
        b'worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        b'spreadsheetml.worksheet+xml"/></Types>'),
    "_rels/.rels": (
        b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        b'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
        b'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        b'Target="xl/workbook.xml"/></Relationships>'),
    "xl/workbook.xml": (
        b'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats'
        b'.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/>'
        b'</sheets></workbook>'),
    "xl/_rels/workbook.xml.rels": (
        b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        b'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
        b'schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
        b'Target="worksheets/sheet1.xml"/></Relationships>'),
}
_SHEET_HEAD = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.'
               b'openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
_SHEET_TAIL = b"</sheetData></worksheet>"


def _deflated(head: bytes, block: bytes, repeats: int, tail: bytes) -> tuple[bytes, int, int]:
    """Raw deflate of head + block * repeats + tail without compressing every copy: after a
    full flush the compressor forgets, so the same block compresses to the same bytes."""
    squeeze = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = squeeze.compress(head) + squeeze.flush(zlib.Z_FULL_FLUSH)
    once = squeeze.compress(block) + squeeze.flush(zlib.Z_FULL_FLUSH)
    last = squeeze.compress(tail) + squeeze.flush()
    crc = zlib.crc32(head)
    for _ in range(repeats):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(tail, crc)
    return first + once * repeats + last, crc, len(head) + len(block) * repeats + len(tail)


def write_xlsx(path: Path, block: bytes, repeats: int) -> Path:
    """A valid .xlsx whose only sheet holds `block` (rows) `repeats` times: a zip written by
    hand, so a gigabyte-sized sheet costs a second to make."""
    entries = [(name, zlib.compress(data)[2:-4], zlib.crc32(data), len(data))
               for name, data in _PARTS.items()]
    entries.append(("xl/worksheets/sheet1.xml",
                    *_deflated(_SHEET_HEAD, block, repeats, _SHEET_TAIL)))
    out, central = bytearray(), bytearray()
    for name, data, crc, size in entries:
        offset = len(out)
        raw = name.encode()
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(data), size,
                           len(raw), 0) + raw + data
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc,
                               len(data), size, len(raw), 0, 0, 0, 0, 0, offset) + raw
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries),
                      len(central), len(out), 0)
    path.write_bytes(bytes(out + central + end))
    return path


ROW = (b'<row><c t="inlineStr"><is><t>X-1</t></is></c><c t="inlineStr"><is><t>k</t></is></c>'
       b'<c t="inlineStr"><is><t>2025-01-01</t></is></c><c><v>1</v></c></row>')


@pytest.fixture(scope="module")
def bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """1.5 GB of sheet in a file of a few megabytes: the attack of #14."""
    folder = tmp_path_factory.mktemp("bomb")
    return write_xlsx(folder / "measurements.xlsx", ROW * 10_000, 1_500_000_000 // (
        len(ROW) * 10_000))


def test_a_zip_bomb_is_refused_before_it_is_unpacked(portfolio: Database, bomb: Path) -> None:
    assert bomb.stat().st_size < 8_000_000  # ~250 times smaller than what it unpacks to
    started = time.perf_counter()
    with pytest.raises(FileUnreadable, match="bytes unpacked"):
        import_file(portfolio, OPERATOR, bomb, "measurements")
    assert time.perf_counter() - started < 5


def test_rows_and_columns_beyond_the_limits_are_refused(tmp_path: Path) -> None:
    limits = ReadLimits(max_rows=1_000, max_columns=20)
    many_rows = write_xlsx(tmp_path / "rows.xlsx", ROW, 1_001)
    wide = write_xlsx(tmp_path / "wide.xlsx", b'<row r="1"><c r="AA1"><v>1</v></c></row>', 1)
    fine = write_xlsx(tmp_path / "fine.xlsx", ROW, 999)
    with pytest.raises(FileUnreadable, match="1001 rows, more than the 1000"):
        check_file(many_rows, limits)
    with pytest.raises(FileUnreadable, match="27 columns, more than the 20"):
        check_file(wide, limits)
    check_file(fine, limits)


def test_a_csv_too_large_or_with_an_endless_field_is_refused(tmp_path: Path) -> None:
    limits = ReadLimits(max_file_bytes=1 << 20, max_field_bytes=1_000)
    big = tmp_path / "big.csv"
    big.write_bytes(HEADER + b"X-1,k,2025-01-01,1\n" * 60_000)
    endless = tmp_path / "endless.csv"
    endless.write_bytes(HEADER + b"X-1," + b"k" * 1_001 + b",2025-01-01,1\n")
    fine = tmp_path / "fine.csv"
    fine.write_bytes(HEADER + b"X-1," + b"k" * 1_000 + b",2025-01-01,1\n")
    with pytest.raises(FileUnreadable, match="more than the 1048576"):
        check_file(big, limits)
    with pytest.raises(FileUnreadable, match="1001 bytes in one field"):
        check_file(endless, limits)
    check_file(fine, limits)


def _field_at(path: Path, start: int, length: int) -> Path:
    """A CSV whose field of `length` bytes starts at byte `start`, in plain rows."""
    before = start - len(HEADER) - 1
    padding = b"X-1,k,2025-01-01,1\n" * (before // 19) + b"x" * (before % 19)
    path.write_bytes(HEADER + padding + b"," + b"k" * length + b",2025-01-01,1\n")
    return path


def test_a_field_one_byte_beyond_a_screened_limit_is_refused_wherever_it_starts(
    tmp_path: Path
) -> None:
    """A limit of 4,096 bytes or more takes the fast screen: every offset over more than
    a whole screen block (2,049 bytes at this limit) is tried, at and one past the limit."""
    limits = ReadLimits(max_field_bytes=4_096)
    for start in range(30, 30 + 2_100):
        with pytest.raises(FileUnreadable, match="4097 bytes in one field"):
            check_file(_field_at(tmp_path / "too_long.csv", start, 4_097), limits)
        check_file(_field_at(tmp_path / "at_limit.csv", start, 4_096), limits)


@pytest.mark.parametrize("start", [30, 8_388_600, 8_388_737, 8_454_140])
def test_at_the_default_limit_a_long_field_is_found_across_the_8_mb_chunks(
    tmp_path: Path, start: int
) -> None:
    with pytest.raises(FileUnreadable, match="131073 bytes in one field"):
        check_file(_field_at(tmp_path / "too_long.csv", start, 131_073), ReadLimits())
    check_file(_field_at(tmp_path / "at_limit.csv", start, 131_072), ReadLimits())


def test_at_the_default_field_limit_too_many_lines_are_refused(tmp_path: Path) -> None:
    many = tmp_path / "many.csv"
    many.write_bytes(HEADER + b"X-1,k,2025-01-01,1\n" * 1_001)
    with pytest.raises(FileUnreadable, match="more than the 1000"):
        check_file(many, ReadLimits(max_rows=1_000))
    check_file(many, ReadLimits(max_rows=1_001))


def test_the_command_line_exits_2_and_says_why(
    portfolio: Database, bomb: Path, tmp_path: Path
) -> None:
    env = {**os.environ, "FAILSCALE_DB": str(portfolio.path),
           "FAILSCALE_DATA_DIR": str(tmp_path / "data"), "PREFECT_API_URL": ""}
    started = time.perf_counter()
    result = subprocess.run([FAILSCALE, "import", "measurements", str(bomb), "--json"], env=env,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 2, result.stderr
    assert "bytes unpacked" in result.stderr and "Split it into smaller files" in result.stderr
    assert time.perf_counter() - started < 30  # a process start under load; the check is ms


def test_the_inbox_files_a_bomb_under_failed_with_its_reason(
    portfolio: Database, bomb: Path, tmp_path: Path
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / bomb.name).write_bytes(bomb.read_bytes())
    os.utime(inbox / bomb.name, (time.time() - 60, time.time() - 60))
    [outcome] = ingest_inbox(portfolio, OPERATOR, inbox, settle_seconds=0)
    assert outcome.status == "failed" and outcome.moved_to.parent == inbox / "failed"
    report = json.loads(outcome.moved_to.with_name(outcome.moved_to.name + ".report.json")
                        .read_text(encoding="utf-8"))
    assert "bytes unpacked" in report["message"]
