"""Who the command line acts as: a named user (`--as NAME` / FAILSCALE_ACTOR) or the local
operator.

`--as` does not authenticate (whoever runs the command can read the database file
anyway); it narrows what a command may do to that user's role and scope, and the audit
trail names them. Without it, commands act as `operator`, an administrator, and are
audited as such.
"""

from __future__ import annotations

from portfolio.models import Actor
from portfolio.settings import load_settings
from portfolio.storage import Database

_chosen: dict[str, str | None] = {"name": None}
_resolved: dict[str, Actor] = {}


def act_as(username: str | None) -> None:
    _chosen["name"] = username.strip() if username and username.strip() else None
    _resolved.clear()


def current_actor() -> Actor:
    """The operator, or the named user's Actor (NotFound/NotAllowed when there is none)."""
    name = _chosen["name"]
    if name is None:
        return Actor.operator()
    if name not in _resolved:
        from portfolio.service.users import actor_for

        settings = load_settings()
        db = Database(settings.db, lock_timeout=settings.lock_timeout_seconds)
        _resolved[name] = actor_for(db, name)
    return _resolved[name]
