"""Housekeeping of the store (`failscale maintain`, the maintain-store flow), audited.

The store is shared by every organisation in it, so only a national administrator (or
the operator) tidies it; an organisation's administrator is refused, as for backups.
"""

from __future__ import annotations

from dataclasses import asdict

from portfolio.errors import NotAllowed
from portfolio.models import Actor
from portfolio.service import audit
from portfolio.service.access import Permission, authorize
from portfolio.settings import load_settings
from portfolio.storage import Database
from portfolio.storage.housekeeping import Tidied, tidy


def tidy_store(db: Database, actor: Actor, keep_days: int | None = None) -> Tidied:
    """Merge the store's small files and delete what no snapshot of the last `keep_days`
    days (default FAILSCALE_MAINTAIN_KEEP_DAYS) refers to on the shared store, or
    checkpoint the file; see storage.housekeeping."""
    authorize(actor, Permission.BACKUP)
    if actor.organisation:
        raise NotAllowed(code="housekeeping.national_only",
                         params={"user": actor.username, "organisation": actor.organisation})
    done = tidy(db, load_settings().maintain_keep_days if keep_days is None else keep_days)
    with db.transaction() as store:
        # Not the location: a libpq string may hold a password.
        audit.record(store, actor, "tidy", "database", "shared store" if done.shared
                     else db.path.name, after=asdict(done))
    return done
