"""How much an import file may hold, judged before it is read (issue #14).

An .xlsx is a zip: a 1.5 MB workbook expanded to 1.5 GB took 54 s and 3.3 GB of memory
before openpyxl gave up. So a file is measured first, cheaply: its size on disk; for a
workbook, the uncompressed sizes its zip directory declares (Python's zipfile never
inflates an entry beyond its declared size, and fails its CRC check if it lies), then the
first worksheet streamed through a counter of rows and of the widest column, without
building a cell. A CSV is bounded by its size, its lines and the longest run of bytes
between separators (a screen of bytes.find, numpy over the bytes when that fails). The
defaults are far beyond any real export of a municipality (Excel itself stops at 1,048,576
rows and 32,767 characters, at most 131,068 bytes of UTF-8, a cell); the operator sets
them (FAILSCALE_IMPORT_*).
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from portfolio.errors import FileUnreadable

MB = 1 << 20
_CHUNK = 8 * MB
_SEPARATORS = np.zeros(256, dtype=bool)
"""Whether a byte ends a field: indexed by the byte (7x faster than np.isin on a 40 MB file)."""
_SEPARATORS[np.frombuffer(b",;\t\r\n", dtype=np.uint8)] = True
# A cell reference's column letters (r="AB12"; a row's r="12" has none). Columns A-Z
# never exceed a limit of 26 or more, so only references of two or three letters are
# looked at then, which few files have: the scan runs at the speed of a search.
_WIDE_REF = re.compile(rb' r="([A-Z]{2,3})[0-9]')
_ANY_REF = re.compile(rb' r="([A-Z]{1,3})[0-9]')


@dataclass(frozen=True)
class ReadLimits:
    """The most an import file may hold; `from_settings` reads the operator's choice."""

    max_file_bytes: int = 256 * MB
    max_uncompressed_bytes: int = 256 * MB
    max_rows: int = 1_048_576
    max_columns: int = 1_000
    max_field_bytes: int = 131_072
    """Python csv's own field limit; Excel's longest cell (32,767 characters) fits in UTF-8."""

    @classmethod
    def from_settings(cls, settings: object) -> ReadLimits:
        return cls(
            max_file_bytes=int(getattr(settings, "import_max_file_mb", 256) * MB),
            max_uncompressed_bytes=int(getattr(settings, "import_max_uncompressed_mb", 256)
                                       * MB),
            max_rows=int(getattr(settings, "import_max_rows", cls.max_rows)),
            max_columns=int(getattr(settings, "import_max_columns", cls.max_columns)),
            max_field_bytes=int(getattr(settings, "import_max_field_bytes",
                                        cls.max_field_bytes)),
        )


def _refuse(path: Path, what: str, found: int, limit: int) -> FileUnreadable:
    return FileUnreadable(code="import.beyond_limit",
                          params={"file": path.name, "what": what, "found": found,
                                  "limit": limit})


def check_file(path: Path, limits: ReadLimits) -> None:
    """Refuse a file beyond the limits (FileUnreadable) before anything reads its content.
    A missing or unsupported file is left to the reader to explain."""
    try:
        size = path.stat().st_size
    except OSError:
        return
    if size > limits.max_file_bytes:
        raise _refuse(path, "bytes", size, limits.max_file_bytes)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        _check_workbook(path, limits)
    elif path.suffix.lower() in (".csv", ".txt"):
        _check_csv(path, limits)


def _check_workbook(path: Path, limits: ReadLimits) -> None:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        return  # not a zip: openpyxl says so in its own words
    with archive:
        entries = archive.infolist()
        declared = sum(e.file_size for e in entries)
        if declared > limits.max_uncompressed_bytes:
            raise _refuse(path, "uncompressed bytes", declared, limits.max_uncompressed_bytes)
        sheets = sorted((e for e in entries if re.fullmatch(r"xl/worksheets/sheet\d+\.xml",
                                                             e.filename)),
                        key=lambda e: int(re.sub(r"\D", "", e.filename) or 0))
        if sheets:
            _check_sheet(path, archive, sheets[0], limits)


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _check_sheet(path: Path, archive: zipfile.ZipFile, sheet: zipfile.ZipInfo,
                 limits: ReadLimits) -> None:
    """Count rows and the widest cell reference while streaming the sheet's XML."""
    rows, widest, tail = 0, 0, b""
    refs = _WIDE_REF if limits.max_columns >= 26 else _ANY_REF
    try:
        with archive.open(sheet) as stream:
            while chunk := stream.read(_CHUNK):
                text = tail + chunk
                cut = text.rfind(b"<")  # an element cut in two is counted in the next round
                cut = len(text) if cut < 0 else cut
                body, tail = text[:cut], text[cut:]
                rows += body.count(b"<row") + body.count(b":row ") + body.count(b":row>")
                letters = refs.findall(body)
                if letters:
                    widest = max(widest, max(_column_number(w) for w in set(letters)))
                if rows > limits.max_rows:
                    raise _refuse(path, "rows", rows, limits.max_rows)
                if widest > limits.max_columns:
                    raise _refuse(path, "columns", widest, limits.max_columns)
    except (zipfile.BadZipFile, OSError, EOFError):
        return  # corrupt: openpyxl says so in its own words


_SEPARATOR_BYTES = tuple(bytes([b]) for b in b",;\t\r\n")
_SMALLEST_SCREENED_FIELD = 4096
"""Below this a field limit is checked exactly at once: the screen's blocks would be too
many to look at one by one."""


def _check_csv(path: Path, limits: ReadLimits) -> None:
    """The longest run of bytes between separators (a field, or more when quoted text
    holds separators: then csv's own field limit applies too), and the line count.

    A file within the limits (nearly all of them) passes a screen 6x faster than the exact
    scan (0.04 against 0.27 s for 57 MB): any run longer than the limit covers a whole
    aligned block of half the limit, so a file whose every such block holds a separator
    (found by bytes.find, which stops at the first) has no field beyond it. Only a file
    that fails the screen is measured exactly, for the number the refusal names."""
    if limits.max_field_bytes >= _SMALLEST_SCREENED_FIELD and _screened(path, limits):
        return
    _measure_csv(path, limits)


def _screened(path: Path, limits: ReadLimits) -> bool:
    """True: no field beyond the limit and not too many lines. False: look exactly."""
    block = (limits.max_field_bytes + 2) // 2  # a run of limit+1 bytes covers one block
    lines = 0
    with path.open("rb") as stream:
        while chunk := stream.read(block * max(1, _CHUNK // block)):
            lines += chunk.count(b"\n")
            if lines > limits.max_rows + 1:
                return False
            for start in range(0, len(chunk) - block + 1, block):
                end = start + block
                if all(chunk.find(sep, start, end) < 0 for sep in _SEPARATOR_BYTES):
                    return False
    return True


def _measure_csv(path: Path, limits: ReadLimits) -> None:
    longest, since, lines = 0, 0, 0
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK):
            data = np.frombuffer(chunk, dtype=np.uint8)
            at = np.flatnonzero(_SEPARATORS[data])
            lines += chunk.count(b"\n")
            if not len(at):
                since += len(data)
            else:
                longest = max(longest, since + int(at[0]),
                              int(np.diff(at).max()) - 1 if len(at) > 1 else 0)
                since = len(data) - int(at[-1]) - 1
            longest = max(longest, since)
            if longest > limits.max_field_bytes:
                raise _refuse(path, "bytes in one field", longest, limits.max_field_bytes)
            if lines > limits.max_rows + 1:
                raise _refuse(path, "rows", lines, limits.max_rows)
