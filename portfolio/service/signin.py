"""Signing in with a local account: argon2 verification, lock-out, and an audit of both.

Every attempt leaves an audit event: `sign_in`, `sign_in_failed` (with why, for the
administrator; the user is only told "wrong user name or password") or `sign_in_locked`.
Failures are counted from those events, so the lock-out survives restarts and is shared
by every dashboard process. A successful sign-in or a password reset clears the count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from math import ceil

from portfolio.errors import SignInFailed
from portfolio.models import Actor, Role
from portfolio.service import audit
from portfolio.service.passwords import hash_password, needs_rehash, verify
from portfolio.service.users import actor_of
from portfolio.storage import Database

WRONG = "Wrong user name or password."
ANONYMOUS = Actor(username="anonymous", role=Role.VIEWER)
MAX_USERNAME = 100


@dataclass(frozen=True)
class LockOut:
    """How many failed sign-ins within how many minutes lock a user name, for as long."""

    max_failures: int = 5
    minutes: int = 15


@dataclass(frozen=True)
class SignedIn:
    actor: Actor
    must_change_password: bool


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def locked_for(failures: list[datetime], lock_out: LockOut, now: datetime) -> int:
    """Minutes until a user name with these recent failures may try again (0: now)."""
    if len(failures) < lock_out.max_failures:
        return 0
    freed_at = failures[-lock_out.max_failures] + timedelta(minutes=lock_out.minutes)
    return max(0, ceil((freed_at - now).total_seconds() / 60))


def sign_in(db: Database, username: str, password: str, lock_out: LockOut) -> SignedIn:
    """The signed-in Actor, or SignInFailed saying only what the person may know."""
    username = username.strip()[:MAX_USERNAME]
    now = _now()
    outcome: SignedIn | str
    with db.transaction() as store:
        failures = store.users.failures_since(username, now - timedelta(minutes=lock_out.minutes))
        wait = locked_for(failures, lock_out, now)
        if wait:
            audit.record(store, ANONYMOUS, "sign_in_locked", "user", username,
                         after={"minutes_left": wait})
            outcome = (f"Too many failed sign-ins for {username}. Try again in {wait} "
                       "minutes, or ask an administrator to reset your password.")
        else:
            user = store.users.get(username)
            stored = store.users.password_hash(username) if user else None
            matches = verify(stored, password)  # also when unknown: the same time taken
            if user is None or not matches or not user.active or stored is None:
                why = ("unknown user" if user is None else "wrong password" if not matches
                       else "disabled")
                audit.record(store, ANONYMOUS, "sign_in_failed", "user", username,
                             after={"reason": why})
                outcome = WRONG
            else:
                if needs_rehash(stored):
                    store.users.set_password(username, hash_password(password),
                                             must_change=user.must_change_password)
                actor = actor_of(user, store.departments.all())
                audit.record(store, actor, "sign_in", "user", username,
                             after={"method": "password"})
                outcome = SignedIn(actor, user.must_change_password)
    if isinstance(outcome, str):  # raised after the commit: the failure stays recorded
        raise SignInFailed(outcome)
    return outcome


def sign_out(db: Database, actor: Actor, *, idle: bool = False) -> None:
    """Record the end of a session: signed out, or expired after the idle time."""
    with db.transaction() as store:
        audit.record(store, actor, "session_expired" if idle else "sign_out", "user",
                     actor.username)


def idle_expired(last_seen: datetime | None, now: datetime, idle_minutes: int) -> bool:
    """Whether a session last used at `last_seen` has been idle too long by `now`."""
    return last_seen is not None and now - last_seen > timedelta(minutes=idle_minutes)
