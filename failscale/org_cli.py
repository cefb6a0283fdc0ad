"""`failscale import organisation FILE` and `failscale org list`: set up and show the
organisations, their departments and steering groups (#13)."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from failscale.common import actor as _actor
from failscale.common import database as _database
from failscale.common import friendly
from failscale.say import echo, language, say
from portfolio import texts
from portfolio.settings import load_settings

org_app = typer.Typer(help="Organisations, their departments and steering groups.",
                      no_args_is_help=True)


@org_app.command("list")
@friendly
def list_organisations(
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON")] = False,
) -> None:
    """Print every organisation, its departments and their steering groups.

    Also what is missing: a department without a steering group, a group without an
    address."""
    from portfolio.error_messages import render_error
    from portfolio.service.organisation import view_organisation
    from portfolio.service.setup import initialise

    db, actor = _database(load_settings()), _actor()
    initialise(db, actor)
    with db.reading() as store:
        view = view_organisation(store, actor)
    groups = {(g.organisation, g.name): g for g in view.steering_groups}
    problems = [render_error(p.code, p.params(), "en") or p.code for p in view.problems]
    lang = language()
    if as_json:
        typer.echo(json.dumps({
            "organisations": [{
                **o.model_dump(mode="json"),
                "departments": [{"name": d.name, "steering_group": d.steering_group}
                                for d in view.departments if d.organisation == o.name],
                "steering_groups": [g.model_dump(mode="json", exclude={"organisation"})
                                    for g in view.steering_groups if g.organisation == o.name],
            } for o in view.organisations],
            "problems": problems,
        }, ensure_ascii=False, indent=2))
        return
    for organisation in view.organisations:
        cvr = f", CVR {organisation.cvr}" if organisation.cvr else ""
        kind = texts.text(f"page.org_kind_{organisation.kind.value}", lang)
        typer.echo(say("cli.org_line", lang, name=organisation.name, kind=kind, cvr=cvr))
        for department in (d for d in view.departments if d.organisation == organisation.name):
            group = groups.get((organisation.name, department.steering_group))
            where = (f"{group.name} → {', '.join(group.emails) or say('cli.no_address', lang)}"
                     if group else say("cli.no_steering_group", lang))
            typer.echo(f"  {department.name}: {where}")
    if not view.organisations:
        echo("cli.no_organisations")
    for problem in view.problems:
        echo("cli.problem", problem=render_error(problem.code, problem.params(), lang)
             or problem.code)
