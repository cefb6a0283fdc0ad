"""Records (the REST API's JSON objects) as a Table, so they are parsed by the very rules
of a file import (#19): one parser, one set of reasons, whatever the channel."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from portfolio.importing.reading import Table, clean
from portfolio.importing.values import Cell

MEASUREMENT_FIELDS = ("initiative_id", "kpi", "date", "value", "source", "provenance")


def table_of_records(source_name: str, records: Sequence[Mapping[str, Cell]]) -> Table:
    """Measurement records as a Table whose row numbers are the records' indexes (from 0).
    A missing or null field reads as an empty cell, as in a file."""
    rows = tuple(
        (index, {name: clean(record.get(name)) for name in MEASUREMENT_FIELDS})
        for index, record in enumerate(records)
    )
    return Table(source_name, MEASUREMENT_FIELDS, rows)
