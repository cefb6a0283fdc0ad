"""`failscale export board|lessons FILE`: the dashboard's download files, for scripts.

The same tables as the board's and the lessons page's download buttons (built by the same
functions, `dashboard.tables` and `dashboard.lessons_tables`, which are pandas only),
for what the acting user may read, written through the one spreadsheet rule of
`portfolio.export` (formula-like text kept as text, #14). CSV or XLSX by the file's suffix.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from failscale.acting import current_actor
from failscale.common import database, friendly
from failscale.say import echo
from portfolio.errors import FileUnreadable
from portfolio.export import SUFFIXES, write_spreadsheet
from portfolio.settings import load_settings

export_app = typer.Typer(
    help="The board and the lessons as CSV or Excel, as the dashboard's download buttons.",
    no_args_is_help=True,
)

FileArg = Annotated[Path, typer.Argument(help="Where to write: a .csv or .xlsx file",
                                         show_default=False)]
LanguageOpt = Annotated[str | None, typer.Option(
    "--language", help="Column names and labels: da or en (default FAILSCALE_LANGUAGE)")]


def _checked(path: Path) -> Path:
    if path.suffix.lower() not in SUFFIXES:
        raise FileUnreadable(code="export.suffix", params={"file": path.name})
    return path


@export_app.command("board")
@friendly
def board(file: FileArg, language: LanguageOpt = None) -> None:
    """Every initiative on the board with its light and recommendation (the board's export)."""
    from dashboard.labels import t
    from dashboard.tables import board_table
    from portfolio.service.board import portfolio_board

    settings = load_settings()
    lang = language or settings.language
    actor = current_actor()
    with database(settings).reading() as store:
        view = portfolio_board(store, actor, date.today())
    written = write_spreadsheet(board_table(view.rows, lang, links=False), _checked(file),
                                t("board", lang))
    echo("cli.exported_initiatives", n=written, file=file)


@export_app.command("lessons")
@friendly
def lessons(
    file: FileArg,
    language: LanguageOpt = None,
    search: Annotated[str, typer.Option(help="Only lessons matching this text")] = "",
    department: Annotated[str | None, typer.Option(help="Only this department")] = None,
) -> None:
    """Every lesson learned, newest first, with its initiative (the lessons page's export)."""
    from dashboard.labels import t
    from dashboard.lessons_tables import lessons_table
    from portfolio.service.lessons import search_lessons

    settings = load_settings()
    lang = language or settings.language
    actor = current_actor()
    with database(settings).reading() as store:
        found = search_lessons(store, actor, search, department, shelf=0, spread=0)
    written = write_spreadsheet(lessons_table(found.lessons, lang), _checked(file),
                                t("lessons", lang))
    echo("cli.exported_lessons", n=written, file=file)
