"""`failscale radar import FILE` and `failscale radar list`: KL's Teknologiradar as data
an administrator replaces when KL publishes a new radar (#18)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from failscale.common import actor as _actor
from failscale.common import database as _database
from failscale.common import friendly
from failscale.say import echo, say
from portfolio.settings import load_settings

radar_app = typer.Typer(help="KL's Teknologiradar: technologies and their rings.",
                        no_args_is_help=True)


@radar_app.command("import")
@friendly
def import_radar_file(
    file: Annotated[Path, typer.Argument(help="CSV with teknologi;ring[;klasse]")],
    edition: Annotated[str | None, typer.Option(
        help="The edition's name, e.g. 'KL Teknologiradar 2023' (default: the file name)"
    )] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON")] = False,
) -> None:
    """Replace the stored radar with the file's rows.

    Refused rows are listed with their reasons. Exit code 0 when every row was accepted,
    1 when some were refused."""
    from portfolio.service.radar import import_radar
    from portfolio.service.setup import initialise

    db, actor = _database(load_settings()), _actor()
    initialise(db, actor)
    with db.transaction() as store:
        result = import_radar(store, actor, file, edition)
    errors = [{"row": r.row, "reason": r.reason} for r in result.refused]
    if as_json:
        typer.echo(json.dumps({"edition": result.edition, "accepted": result.stored,
                               "rejected": len(errors), "errors": errors},
                              ensure_ascii=False))
    else:
        echo("cli.radar_stored", edition=result.edition, n=result.stored,
             refused=len(errors))
        for error in errors:
            echo("cli.import_row", row=error["row"], reason=error["reason"])
    raise typer.Exit(1 if errors else 0)


@radar_app.command("list")
@friendly
def list_radar(
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON")] = False,
) -> None:
    """Print the stored radar's technologies with their rings and technology classes."""
    from portfolio.service.radar import radar_technologies
    from portfolio.service.setup import initialise

    db, actor = _database(load_settings()), _actor()
    initialise(db, actor)
    with db.reading() as store:
        edition, technologies = radar_technologies(store, actor)
    rows = [{"teknologi": t.name, "ring": t.ring.value,
             "klasse": t.technology.value if t.technology else None} for t in technologies]
    if as_json:
        typer.echo(json.dumps({"edition": edition, "technologies": rows}, ensure_ascii=False))
        return
    typer.echo(edition or say("cli.radar_none"))
    for row in rows:
        typer.echo(f"  {row['ring']:<9} {row['teknologi']}"
                   + (f"  [{row['klasse']}]" if row["klasse"] else ""))
