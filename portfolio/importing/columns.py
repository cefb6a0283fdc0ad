"""Which columns each import kind needs, and the English and Danish names they go by.

Header names are folded (case, spacing, æ/ø/å spellings) so that a header typed by hand in
a spreadsheet still finds its column; the canonical English name is what the rest of the
import code and every error message uses.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from portfolio.errors import FileUnreadable


class ImportKind(StrEnum):
    # In the order an inbox imports them: an organisation file first (#13).
    ORGANISATION = "organisation"
    INITIATIVES = "initiatives"
    KPIS = "kpis"
    MEASUREMENTS = "measurements"
    BENEFITS = "benefits"  # the benefit-realisation plan (#18): after the initiatives


@dataclass(frozen=True)
class Column:
    """One column of an import file: its English name, Danish name and other accepted names."""

    name: str
    danish: str
    required: bool = True
    also: tuple[str, ...] = ()


_TRANSLITERATE = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "é": "e", "è": "e", "ü": "u"})
_NON_WORD = re.compile(r"[^0-9a-z]+")
_INVISIBLE = re.compile(r"[\ufeff\u200b\u200c\u200d\u2060]")


def fold(text: str) -> str:
    """Lower-case ASCII key for free text: 'Nøgletal ' and 'NOEGLETAL' fold alike."""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", text)).strip().lower()
    return _NON_WORD.sub("_", text.translate(_TRANSLITERATE)).strip("_")


COLUMNS: dict[ImportKind, tuple[Column, ...]] = {
    ImportKind.ORGANISATION: (
        Column("organisation", "organisation", also=("kommune", "region")),
        Column("department", "afdeling"),
        Column("steering_group", "styregruppe"),
        Column("steering_group_email", "styregruppe_email", required=False),
        Column("chair", "formand", required=False),
        Column("chair_email", "formand_email", required=False),
    ),
    ImportKind.INITIATIVES: (
        Column("id", "initiativ_id", also=("initiative_id",)),
        Column("title", "titel"),
        Column("department", "afdeling"),
        Column("owner", "ejer"),
        Column("stage", "fase"),
        Column("started_on", "startdato"),
        Column("review_on", "reviewdato"),
        Column("budget_dkk", "budget_kr"),
        Column("spent_dkk", "forbrug_kr"),
        Column("focus_area", "indsatsområde", required=False),
        Column("technology", "teknologi", required=False),
        Column("core_task", "kerneopgave", required=False),
        Column("hypothesis", "hypotese", required=False),
        Column("tags", "tags", required=False),
        Column("organisation", "organisation", required=False, also=("kommune", "region")),
        # A technology on KL's Teknologiradar, by the stored radar's name (#18).
        Column("radar_technology", "teknologiradar", required=False,
               also=("radarteknologi",)),
    ),
    ImportKind.KPIS: (
        Column("initiative_id", "initiativ_id"),
        Column("kpi", "nøgletal"),
        Column("unit", "enhed"),
        Column("direction", "retning"),
        Column("baseline", "baseline"),
        Column("target", "mål"),
        Column("kind", "type"),
        Column("weight", "vægt", required=False),
        Column("cashable", "cashable", required=False),
    ),
    ImportKind.MEASUREMENTS: (
        Column("initiative_id", "initiativ_id"),
        Column("kpi", "nøgletal"),
        Column("date", "dato"),
        Column("value", "værdi"),
        Column("source", "kilde", required=False),
        Column("provenance", "kildetype", required=False),
    ),
    # One row per initiative, year, type and benefit; a cashable row's amounts are kroner
    # (planlagt_kr / realiseret_kr), a non-cashable row's are in its unit (docs/benefits.md).
    ImportKind.BENEFITS: (
        Column("initiative_id", "initiativ_id", also=("initiativ", "initiative")),
        Column("year", "år", also=("budgetaar", "budget_year")),
        Column("benefit", "gevinst"),
        Column("kind", "art", required=False, also=("gevinsttype",)),
        Column("budget_line", "budgetlinje", required=False,
               also=("konto", "account", "hjemtagning")),
        Column("unit", "enhed", required=False),
        Column("planned_dkk", "planlagt_kr", required=False),
        Column("realised_dkk", "realiseret_kr", required=False, also=("realized_dkk",)),
        Column("planned", "planlagt", required=False),
        Column("realised", "realiseret", required=False, also=("realized",)),
        Column("note", "note", required=False, also=("bemaerkning", "kommentar")),
    ),
}

HEADER_ALIASES: dict[str, str] = {
    fold(column.danish): column.name
    for columns in COLUMNS.values()
    for column in columns
    if column.danish != "initiativ_id"
} | {"initiativ_id": "initiative_id"}


def normalise_header(text: str) -> str:
    """The canonical English name of a header cell ('Reviewdato' → 'review_on')."""
    key = fold(text)
    return HEADER_ALIASES.get(key, key)


def resolve_columns(kind: ImportKind, header: tuple[str, ...], source_name: str) -> dict[str, str]:
    """Map each known column of `kind` to the header name that holds it.

    Raises FileUnreadable naming every missing required column, since no row of such a
    file can be imported and the likely cause is the wrong file or a renamed header.
    """
    present = set(header)
    found: dict[str, str] = {}
    missing: list[Column] = []
    for column in COLUMNS[kind]:
        name = next((n for n in (column.name, *column.also) if n in present), None)
        if name is not None:
            found[column.name] = name
        elif column.required:
            missing.append(column)
    if missing:
        raise FileUnreadable(code="import.missing_columns", params={
            "file": source_name, "kind": kind, "columns": tuple(_both(c) for c in missing),
            "required": tuple(_both(c) for c in COLUMNS[kind] if c.required),
            "header": header,
        })
    return found


def ignored_columns(kind: ImportKind, header: tuple[str, ...]) -> tuple[str, ...]:
    """Header names this kind does not use, so the summary can say they were ignored."""
    known = {n for c in COLUMNS[kind] for n in (c.name, *c.also)}
    return tuple(h for h in header if h not in known)


def _both(column: Column) -> str:
    if column.danish == column.name:
        return column.name
    return f"{column.name} ({column.danish})"
