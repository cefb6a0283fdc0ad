"""The pure half of `failscale import`: read a CSV/XLSX file and parse its rows into models.

Storing is someone else's job; this package never touches the database, so it can be
tested on files alone and reused by the CLI, the dashboard upload and the inbox flow.
"""

from portfolio.importing.choices import parse_choice
from portfolio.importing.columns import COLUMNS, Column, ImportKind, normalise_header
from portfolio.importing.problems import Problem
from portfolio.importing.reading import Table, read_table
from portfolio.importing.rejection import Rejection
from portfolio.importing.rows import (
    AcceptedRow,
    ParsedBatch,
    Record,
    explain_validation_error,
    parse_file,
    parse_table,
)
from portfolio.importing.values import (
    Cell,
    CellError,
    cell_text,
    looks_like_formula,
    parse_bool,
    parse_date,
    parse_number,
)

__all__ = [
    "COLUMNS",
    "AcceptedRow",
    "Cell",
    "CellError",
    "Column",
    "ImportKind",
    "ParsedBatch",
    "Problem",
    "Record",
    "Rejection",
    "Table",
    "cell_text",
    "explain_validation_error",
    "looks_like_formula",
    "normalise_header",
    "parse_bool",
    "parse_choice",
    "parse_date",
    "parse_file",
    "parse_number",
    "parse_table",
    "read_table",
]
