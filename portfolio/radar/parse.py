"""Reading a Teknologiradar file: bounded, every row accepted or refused with its reason.

The file is a CSV (comma or semicolon, UTF-8 with or without BOM, or Windows-1252) with
the columns `teknologi`, `ring` and optionally `klasse` (English `technology`, `ring`,
`class`). The ring is one of KL's four maturity stages; the class names the product's
technology (`portfolio.models.Technology`) the radar technology corresponds to, so
"has anyone tried this?" can be asked per radar technology.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from portfolio.errors import FileUnreadable
from portfolio.importing.limits import ReadLimits, check_file
from portfolio.importing.reading import csv_records, csv_text
from portfolio.models import Technology

RADAR_LIMITS = ReadLimits(max_file_bytes=1_000_000, max_uncompressed_bytes=1_000_000,
                          max_rows=1_000, max_columns=20, max_field_bytes=1_000)
"""A radar has a few dozen technologies: anything far beyond is not a radar."""

MAX_NAME = 120


class Ring(StrEnum):
    """KL's four maturity stages, innermost (most mature) first."""

    KLAR = "klar"
    AFPROEV = "afprøv"
    HOLD_OEJE = "hold øje"
    AFVENT = "afvent"


_RING_WORDS = {"klar": Ring.KLAR, "ready": Ring.KLAR, "afprøv": Ring.AFPROEV,
               "afproev": Ring.AFPROEV, "trial": Ring.AFPROEV, "hold øje": Ring.HOLD_OEJE,
               "hold oeje": Ring.HOLD_OEJE, "watch": Ring.HOLD_OEJE,
               "afvent": Ring.AFVENT, "wait": Ring.AFVENT}
_HEADERS = {"teknologi": "name", "technology": "name", "ring": "ring",
            "modenhed": "ring", "klasse": "technology", "class": "technology"}


@dataclass(frozen=True)
class RadarTechnology:
    name: str
    ring: Ring
    technology: Technology | None
    position: int
    """The row's place in the file: the radar's own order is kept."""


@dataclass(frozen=True)
class RadarRefusal:
    row: int
    reason: str
    """In English; the rows and reasons are shown as they are, like a quarantine."""
    values: tuple[str, ...]


@dataclass(frozen=True)
class ParsedRadar:
    accepted: tuple[RadarTechnology, ...]
    refused: tuple[RadarRefusal, ...]


def read_radar(path: Path) -> ParsedRadar:
    """Every row of the file, accepted or refused; FileUnreadable when it is no radar."""
    path = Path(path)
    if path.suffix.lower() not in (".csv", ".txt"):
        raise FileUnreadable(code="import.unsupported_type", params={"file": path.name})
    if not path.is_file():
        raise FileUnreadable(code="import.no_such_file", params={"path": str(path)})
    check_file(path, RADAR_LIMITS)
    text, delimiter = csv_text(path)
    records = [r for r in csv_records(path.name, text, delimiter) if any(c.strip() for c in r)]
    if not records:
        raise FileUnreadable(code="import.empty", params={"file": path.name})
    header = [_HEADERS.get(h.strip().lower().lstrip("\ufeff"), "") for h in records[0]]
    if "name" not in header or "ring" not in header:
        raise FileUnreadable(code="import.missing_columns", params={
            "file": path.name, "kind": "Teknologiradar", "columns": "teknologi, ring",
            "required": "teknologi, ring", "header": ", ".join(records[0])[:200]})
    return parse_rows(header, records[1:])


def parse_rows(header: list[str], records: list[list[str]]) -> ParsedRadar:
    accepted: list[RadarTechnology] = []
    refused: list[RadarRefusal] = []
    seen: set[str] = set()
    for number, record in enumerate(records, start=2):
        cells = dict(zip(header, (c.strip() for c in record), strict=False))
        reason = _refusal(cells, record, len(header), seen)
        if reason is not None:
            refused.append(RadarRefusal(number, reason, tuple(record)))
            continue
        klasse = cells.get("technology", "")
        accepted.append(RadarTechnology(
            name=cells["name"], ring=_RING_WORDS[cells["ring"].lower()],
            technology=Technology(klasse) if klasse else None, position=len(accepted) + 1))
        seen.add(cells["name"].casefold())
    return ParsedRadar(tuple(accepted), tuple(refused))


def _refusal(cells: dict[str, str], record: list[str], width: int,
             seen: set[str]) -> str | None:
    name, ring, klasse = cells.get("name", ""), cells.get("ring", ""), cells.get(
        "technology", "")
    if len(record) > width:
        return f"{len(record)} cells, the header has {width}"
    if not name:
        return "no technology name (column teknologi)"
    if len(name) > MAX_NAME or any(ord(c) < 32 for c in name):
        return f"the name is longer than {MAX_NAME} characters or holds control characters"
    if name[0] in "=+-@\t\r":
        return "a name may not start with = + - @ (it would be a formula in a spreadsheet)"
    if name.casefold() in seen:
        return f"{name!r} is already on the radar (an earlier row)"
    if ring.lower() not in _RING_WORDS:
        return f"unknown ring {ring!r}: use klar, afprøv, hold øje or afvent"
    if klasse and klasse not in {t.value for t in Technology}:
        choices = ", ".join(t.value for t in Technology)
        return f"unknown class {klasse!r}: use one of {choices}, or leave it empty"
    return None


def shipped_radar() -> Path:
    """The radar the product ships: KL's Teknologiradar 2023 as modelled here (see
    docs/teknologiradar.md), replaced by `failscale radar import FILE`."""
    return Path(__file__).with_name("kl_teknologiradar_2023.csv")
