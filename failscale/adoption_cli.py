"""`failscale adoption …`: record that a department adopted a scaled initiative.

Imported by failscale.cli after `friendly` is defined there (see the bottom of cli.py).
"""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated

import typer

from failscale.acting import current_actor
from failscale.common import database as _database
from failscale.common import friendly
from failscale.common import parse_date as _parse_date
from failscale.say import echo, say
from portfolio.settings import load_settings

adoption_app = typer.Typer(
    help="The spread of scaled initiatives: which departments adopted them, and when.",
    no_args_is_help=True,
)

InitiativeArg = Annotated[str, typer.Argument(help="Initiative id", show_default=False)]
DepartmentArg = Annotated[str, typer.Argument(help="The department that adopted it",
                                              show_default=False)]


@adoption_app.command("record")
@friendly
def record(
    initiative: InitiativeArg,
    department: DepartmentArg,
    on: Annotated[str | None, typer.Option(
        "--on", help="When it was adopted (YYYY-MM-DD); default today")] = None,
    note: Annotated[str, typer.Option(help="What was adopted, where")] = "",
) -> None:
    """Record that DEPARTMENT adopted the scaled INITIATIVE."""
    from portfolio.service.adoption import record_adoption

    day = _parse_date(on) if on else date.today()
    actor = current_actor()
    with _database(load_settings()).transaction() as store:
        stored = record_adoption(store, actor, initiative, department, day, note)
    echo("cli.adoption_recorded", department=stored.department,
         initiative=stored.initiative_id, day=day)


@adoption_app.command("withdraw")
@friendly
def withdraw(initiative: InitiativeArg, department: DepartmentArg) -> None:
    """Withdraw a mistaken adoption (the audit trail keeps it)."""
    from portfolio.service.adoption import withdraw_adoption

    actor = current_actor()
    with _database(load_settings()).transaction() as store:
        gone = withdraw_adoption(store, actor, initiative, department)
    echo("cli.adoption_withdrawn", department=gone.department, initiative=gone.initiative_id)


@adoption_app.command("list")
@friendly
def list_(
    initiative: InitiativeArg,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
) -> None:
    """List the departments that adopted INITIATIVE, oldest first."""
    from portfolio.service.adoption import adoptions_of

    actor = current_actor()
    with _database(load_settings()).reading() as store:
        adoptions = adoptions_of(store, actor, initiative)
    if as_json:
        typer.echo(json.dumps([a.model_dump(mode="json") for a in adoptions],
                              ensure_ascii=False, indent=2))
        return
    for a in adoptions:
        when = a.adopted_on.isoformat() if a.adopted_on else say("cli.no_date")
        typer.echo(f"{when:<10} {a.department:<30} {a.recorded_by:<16} {a.note}")
