"""`failscale api` and `failscale token …`: the REST API and its bearer tokens (#19)."""

from __future__ import annotations

import json
from typing import Annotated
from urllib.parse import urlsplit

import typer

from failscale.common import actor as _actor
from failscale.common import database as _database
from failscale.common import friendly
from failscale.say import echo, say
from portfolio.models import Role
from portfolio.openness import ApiToken, WebhookFormat
from portfolio.settings import load_settings

token_app = typer.Typer(help="Bearer tokens of the REST API: create, list, revoke.",
                        no_args_is_help=True)

NameArg = Annotated[str, typer.Argument(help="Token name (letters, digits, . _ -)",
                                        show_default=False)]


@friendly
def run_api(port: int | None, host: str) -> None:
    from api.server import serve

    settings = load_settings()
    serve(settings, host=host, port=port or settings.api_port)


@token_app.command("create")
@friendly
def create(
    name: NameArg,
    role: Annotated[Role, typer.Option(help="viewer, key_employee, leader, steering_member "
                                       "or admin")],
    organisation: Annotated[str, typer.Option(help="Confine the token to this "
                                              "organisation")] = "",
    department: Annotated[
        list[str] | None, typer.Option("--department", help="A department (repeatable)")
    ] = None,
) -> None:
    """Create a token; prints it once (only its hash is stored)."""
    from portfolio.service.tokens import create_token

    token = ApiToken(name=name, role=role, organisation=organisation,
                     departments=tuple(department or ()))
    actor = _actor()
    with _database(load_settings()).transaction() as store:
        issued = create_token(store, actor, token)
    scope = ", ".join(filter(None, [issued.token.organisation, *issued.token.departments]))
    echo("cli.token_created", name=issued.token.name, role=issued.token.role.value,
         scope=f"; {scope}" if scope else "")
    typer.echo(issued.secret)
    echo("cli.token_shown_only_now", err=True)


@token_app.command("list")
@friendly
def list_(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Every token: name, role, scope, who created it, whether revoked (never the secret)."""
    from portfolio.service.tokens import list_tokens

    actor = _actor()
    with _database(load_settings()).reading() as store:
        tokens = list_tokens(store, actor)
    if as_json:
        typer.echo(json.dumps([t.model_dump(mode="json") for t in tokens], indent=2,
                              ensure_ascii=False))
        return
    for t in tokens:
        scope = (", ".join(filter(None, [t.organisation, *t.departments]))
                 or say("cli.token_everywhere"))
        state = (say("cli.token_revoked_on", when=f"{t.revoked_at:%Y-%m-%d %H:%M}")
                 if t.revoked_at else say("cli.state_active"))
        typer.echo(f"{t.name:<24} {t.role.value:<16} {scope:<30} {state}")


@token_app.command("revoke")
@friendly
def revoke(name: NameArg) -> None:
    """Revoke a token: its next call gets 401."""
    from portfolio.service.tokens import revoke_token

    actor = _actor()
    with _database(load_settings()).transaction() as store:
        token = revoke_token(store, actor, name)
    echo("cli.token_revoked", name=token.name)


public_app = typer.Typer(help="The public results page (/public): which initiatives it shows.",
                         no_args_is_help=True)
IdArg = Annotated[str, typer.Argument(help="Initiative id", show_default=False)]


@public_app.command("mark")
@friendly
def mark(
    initiative_id: IdArg,
    budget: Annotated[bool, typer.Option("--budget/--no-budget",
                                         help="Show its budget and spending too")] = False,
) -> None:
    """Show an initiative on the public results page (administrators; audited)."""
    from portfolio.service.public import mark_public

    actor = _actor()
    with _database(load_settings()).transaction() as store:
        marked = mark_public(store, actor, initiative_id,
                         show_budget=budget)
    echo("cli.public_marked_budget" if budget else "cli.public_marked",
         initiative=marked.initiative_id)


@public_app.command("unmark")
@friendly
def unmark(initiative_id: IdArg) -> None:
    """Take an initiative off the public results page."""
    from portfolio.service.public import unmark_public

    actor = _actor()
    with _database(load_settings()).transaction() as store:
        unmark_public(store, actor, initiative_id)
    echo("cli.public_unmarked", initiative=initiative_id)


@public_app.command("list")
@friendly
def list_public() -> None:
    """The initiatives marked public, and whether their budget shows."""
    from portfolio.service.public import public_marks

    actor = _actor()
    with _database(load_settings()).reading() as store:
        marks = public_marks(store, actor)
    for m in marks:
        shown = say("cli.public_budget_shown") if m.show_budget else ""
        typer.echo(f"{m.initiative_id:<16} {shown:<14} "
                   + say("cli.public_marked_by", who=m.marked_by))


webhook_app = typer.Typer(help="Steering groups' Teams or Slack incoming webhooks.",
                          no_args_is_help=True)
GroupArg = Annotated[str, typer.Argument(help="Steering group", show_default=False)]
GroupOrganisation = Annotated[str | None, typer.Option(
    "--organisation", help="The group's organisation, when two have a group of that name")]


@webhook_app.command("set")
@friendly
def set_hook(
    steering_group: GroupArg,
    url: Annotated[str, typer.Argument(help="The channel's incoming-webhook URL",
                                       show_default=False)],
    format_: Annotated[WebhookFormat, typer.Option("--format", help="slack or teams")] = (
        WebhookFormat.SLACK),
    organisation: GroupOrganisation = None,
) -> None:
    """Post the group's escalations, agendas and decisions to this webhook too."""
    from portfolio.service.webhooks import set_webhook

    actor = _actor()
    with _database(load_settings()).transaction() as store:
        hook = set_webhook(store, actor, steering_group, url, format_, organisation)
    echo("cli.webhook_set", group=hook.key.label(), format=hook.format.value)


@webhook_app.command("remove")
@friendly
def remove_hook(steering_group: GroupArg, organisation: GroupOrganisation = None) -> None:
    """Stop posting to the group's webhook."""
    from portfolio.service.webhooks import remove_webhook

    actor = _actor()
    with _database(load_settings()).transaction() as store:
        remove_webhook(store, actor, steering_group, organisation)
    echo("cli.webhook_removed", group=steering_group)


@webhook_app.command("list")
@friendly
def list_hooks() -> None:
    """Each steering group's webhook: format and host (the URL itself is a secret)."""
    from portfolio.service.webhooks import webhooks

    actor = _actor()
    with _database(load_settings()).reading() as store:
        hooks = webhooks(store, actor)
    for hook in hooks.values():
        typer.echo(f"{hook.key.label():<40} {hook.format.value:<6} "
                   f"{urlsplit(hook.url).hostname}/… "
                   + say("cli.webhook_set_by", who=hook.set_by))
