"""`failscale user …` and `failscale audit export`: accounts and the audit log (#5).

Imported by failscale.cli after `friendly` is defined there (see the bottom of cli.py).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from failscale.acting import current_actor
from failscale.common import database as _database
from failscale.common import friendly
from failscale.say import echo, say
from portfolio.errors import PortfolioError
from portfolio.models import Role, User
from portfolio.settings import load_settings

user_app = typer.Typer(help="Add, list, disable and reset the passwords of users.",
                       no_args_is_help=True)
audit_app = typer.Typer(help="The audit log: who changed what, when.", no_args_is_help=True)

UserArg = Annotated[str, typer.Argument(help="User name", show_default=False)]


def _show_issued(username: str, password: str) -> None:
    echo("cli.one_time_password_for", username=username, password=password)
    echo("cli.shown_only_now")


@user_app.command("add")
@friendly
def add(
    username: UserArg,
    role: Annotated[Role, typer.Option(help="viewer, key_employee, leader, steering_member "
                                       "or admin")],
    department: Annotated[
        list[str] | None, typer.Option("--department", help="A department (repeatable)")
    ] = None,
    steering_group: Annotated[
        str, typer.Option(help="A steering member's steering group")
    ] = "",
    name: Annotated[str, typer.Option("--name", help="Display name")] = "",
    language: Annotated[str, typer.Option(help="da or en")] = "da",
    organisation: Annotated[str, typer.Option(
        help="The account's organisation (a national administrator's choice; says whose "
             "steering group it is when two organisations have one of that name)")] = "",
) -> None:
    """Add a user; prints a one-time password, to be changed at first sign-in."""
    from portfolio.service.users import add_user

    # a steering group is organisation + name (#13): --organisation says whose
    user = User(username=username, display_name=name, role=role,
                departments=tuple(department or ()), steering_group=steering_group,
                language=language, organisation=organisation)
    actor = current_actor()
    with _database(load_settings()).transaction() as store:
        issued = add_user(store, actor, user)
    echo("cli.user_added", username=issued.user.username, role=issued.user.role.value)
    _show_issued(issued.user.username, issued.password)


@user_app.command("list")
@friendly
def list_(as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False) -> None:
    """List every user with role, scope and whether the account is active."""
    from portfolio.service.users import list_users

    actor = current_actor()
    with _database(load_settings()).reading() as store:
        users = list_users(store, actor)
    if as_json:
        typer.echo(json.dumps([u.model_dump(mode="json") for u in users], ensure_ascii=False,
                              indent=2))
        return
    for u in users:
        scope = u.steering_group or ", ".join(u.departments) or "—"
        state = say("cli.state_active" if u.active else "cli.user_state_disabled")
        typer.echo(f"{u.username:<20} {u.role.value:<16} {state:<9} {scope}")


@user_app.command("disable")
@friendly
def disable(username: UserArg) -> None:
    """Disable a user: they can no longer sign in or act (the audit trail keeps them)."""
    from portfolio.service.users import set_active

    actor = current_actor()
    with _database(load_settings()).transaction() as store:
        set_active(store, actor, username, False)
    echo("cli.user_disabled", username=username)


@user_app.command("enable")
@friendly
def enable(username: UserArg) -> None:
    """Enable a disabled user again."""
    from portfolio.service.users import set_active

    actor = current_actor()
    with _database(load_settings()).transaction() as store:
        set_active(store, actor, username, True)
    echo("cli.user_enabled", username=username)


@user_app.command("reset-password")
@friendly
def reset(username: UserArg) -> None:
    """Give a user a new one-time password (also lifts a sign-in lock-out)."""
    from portfolio.service.users import reset_password

    actor = current_actor()
    with _database(load_settings()).transaction() as store:
        issued = reset_password(store, actor, username)
    _show_issued(issued.user.username, issued.password)


@user_app.command("assign")
@friendly
def assign(
    username: UserArg,
    initiative_id: Annotated[str, typer.Argument(help="Initiative id", show_default=False)],
    remove: Annotated[bool, typer.Option("--remove", help="End the assignment")] = False,
) -> None:
    """Let a key employee record measurements on an initiative (or stop it)."""
    from portfolio.service.users import assign_contributor

    actor = current_actor()
    with _database(load_settings()).transaction() as store:
        changed = assign_contributor(store, actor, initiative_id,
                                     username, assigned=not remove)
    if changed:
        echo("cli.unassigned" if remove else "cli.assigned", username=username,
             initiative=initiative_id)
    else:
        echo("cli.nothing_to_change")


@audit_app.command("export")
@friendly
def export(
    file: Annotated[Path, typer.Argument(help="CSV file to write, or - for standard output",
                                         show_default=False)],
) -> None:
    """Export the whole audit log as CSV (administrators only)."""
    from portfolio.service.audit_log import export_audit_csv

    db = _database(load_settings())
    if str(file) == "-":
        export_audit_csv(db, current_actor(), sys.stdout)
        return
    if file.exists():
        raise typer.BadParameter(say("cli.file_exists", file=file))
    actor = current_actor()
    try:
        with file.open("w", encoding="utf-8", newline="") as out:
            written = export_audit_csv(db, actor, out)
    except PortfolioError:
        file.unlink(missing_ok=True)  # no half-written or empty export is left behind
        raise
    echo("cli.audit_written", n=written, file=file)


@audit_app.command("verify")
@friendly
def verify() -> None:
    """Check the audit log's hash chain (administrators only).

    Names the first event edited, deleted or inserted. Exit code 0 when intact, 1 when
    broken."""
    from portfolio.service.audit_log import verify_audit

    actor = current_actor()
    with _database(load_settings()).reading() as store:
        report = verify_audit(store, actor)
    if report.unchained:
        echo("cli.audit_unchained", n=report.unchained)
    if not report.intact:
        echo("cli.audit_broken", err=True, problem=report.problem, n=report.checked,
             head=str(report.head_id))
        raise typer.Exit(1)
    echo("cli.audit_intact", n=report.checked, head=str(report.head_id),
         hash=report.head_hash)
