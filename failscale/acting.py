"""Who the command line acts as: a named user (`--as NAME` / FAILSCALE_ACTOR) or the local
operator.

`--as` does not authenticate (whoever runs the command can read the database file
anyway); it narrows what a command may do to that user's role and scope, and the audit
trail names them together with the OS user who ran the command ("operator root as
mette.soerensen"). Without it, commands act as `operator`, an administrator, audited as
"operator root as operator".
"""

from __future__ import annotations

import getpass
import os

from portfolio.models import Actor
from portfolio.settings import load_settings
from portfolio.storage import Database

_chosen: dict[str, str | None] = {"name": None}
_resolved: dict[str, Actor] = {}


def act_as(username: str | None) -> None:
    _chosen["name"] = username.strip() if username and username.strip() else None
    _resolved.clear()


def os_user() -> str:
    """Who runs this process, as the operating system names them."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (a container): the numeric id
        return f"uid {os.getuid()}"


def current_actor() -> Actor:
    """The operator, or the named user's Actor (NotFound/NotAllowed when there is none),
    marked as acting through the command line of this OS user ("operator root"), so the
    audit trail tells `--as mette.soerensen` from Mette signed in (#14)."""
    name = _chosen["name"]
    via = f"operator {os_user()}"
    if name is None:
        return Actor.operator().model_copy(update={"via": via})
    if name not in _resolved:
        from portfolio.service.users import actor_for

        settings = load_settings()
        db = Database(settings.db, lock_timeout=settings.lock_timeout_seconds,
                      lake_data_path=settings.lake_data_path)
        with db.reading() as store:
            _resolved[name] = actor_for(store, name).model_copy(update={"via": via})
    return _resolved[name]
