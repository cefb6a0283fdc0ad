"""What every sub-command shares: friendly errors, the database, dates and the acting user.

Kept apart from `failscale.cli` so the sub-command modules (users, adoption, …) import it
without importing the command line that imports them (no import circle).
"""

from __future__ import annotations

import errno
from collections.abc import Callable
from datetime import date
from functools import wraps
from typing import Any, TypeVar

import typer
from pydantic import ValidationError

from failscale.acting import current_actor
from failscale.say import echo, language, say
from portfolio.errors import FileUnreadable, PortfolioError
from portfolio.input_errors import input_refusals
from portfolio.models import Actor
from portfolio.settings import Settings
from portfolio.storage import Database

F = TypeVar("F", bound=Callable[..., Any])


def friendly(fn: F) -> F:
    """Turn PortfolioErrors, a value that breaks a model's rule and a file that cannot be
    written into a line in the operator's language and an exit code (2: unreadable file)."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except FileUnreadable as exc:
            echo("cli.error", err=True, message=exc.in_language(language()))
            raise typer.Exit(2) from None
        except PortfolioError as exc:
            echo("cli.error", err=True, message=exc.in_language(language()))
            raise typer.Exit(1) from None
        except ValidationError as exc:  # a value given on the command line broke a model's rule
            for refusal in input_refusals(exc):
                echo("cli.error", err=True, message=f"{refusal.field}: "
                     f"{refusal.in_language(language())}" if refusal.field
                     else refusal.in_language(language()))
            raise typer.Exit(1) from None
        except OSError as exc:
            if exc.filename is None:  # not a file of the operator's: a bug, not dressed up
                raise
            echo("cli.error", err=True, message=say(
                "cli.file_problem", path=exc.filename, reason=file_problem(exc)))
            raise typer.Exit(1) from None

    return wrapper  # type: ignore[return-value]


_OS_ERRORS = {errno.EISDIR: "is_a_directory", errno.ENOENT: "not_found",
              errno.EACCES: "permission", errno.EPERM: "permission",
              errno.ENOSPC: "no_space", errno.EROFS: "read_only",
              errno.ENOTDIR: "not_a_directory", errno.EEXIST: "exists"}


def file_problem(exc: OSError) -> str:
    """What is wrong with a file the operator named (a report's --out, an export), in the
    operator's language: the usual few said in words, any other as the system says it."""
    name = _OS_ERRORS.get(exc.errno or 0)
    return say(f"cli.os_error.{name}") if name else (exc.strerror or str(exc))


def database(settings: Settings) -> Database:
    """The store named by the settings, with the lock timeout the operator chose."""
    return Database(settings.db, lock_timeout=settings.lock_timeout_seconds,
                    lake_data_path=settings.lake_data_path)


def actor() -> Actor:
    """The operator, or the user named by --as / FAILSCALE_ACTOR (failscale.acting)."""
    return current_actor()


def not_negative(value: int | None) -> int | None:
    """A count or number of days from the command line, or a usage error in the user's
    language (Typer's own `min=` says it in English)."""
    if value is not None and value < 0:
        raise typer.BadParameter(say("cli.negative", value=value))
    return value


def parse_date(text: str) -> date:
    """An ISO date from the command line, or a usage error that says the expected form."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(say("cli.not_a_date", value=repr(text))) from None
