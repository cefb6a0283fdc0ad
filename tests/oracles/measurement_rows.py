"""The row-by-row measurement parser: the reference the set-based path is held equal to (#16).

Production reads every channel's measurements set-based
(portfolio.importing.fast_measurements). The batch loop of rows.parse_table, one model per
row with repeated keys judged in a dictionary, is short enough to check by eye against
the import rules of PRODUCT.md; for measurements it runs only here.
"""

from __future__ import annotations

from pathlib import Path

from portfolio.importing import ImportKind, ParsedBatch, parse_table, read_table
from portfolio.importing.reading import Table
from portfolio.models import Provenance


def measurements_row_by_row(table: Table, *,
                            provenance: Provenance = Provenance.MANUAL) -> ParsedBatch:
    """Every row of `table` accepted as a Measurement or rejected with its reasons."""
    return parse_table(table, ImportKind.MEASUREMENTS, provenance=provenance)


def measurement_file_row_by_row(path: Path, *,
                                provenance: Provenance = Provenance.MANUAL) -> ParsedBatch:
    return measurements_row_by_row(read_table(Path(path)), provenance=provenance)
