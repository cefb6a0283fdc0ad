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
from portfolio.service.sessions import SessionLimits, digest, open_session, plausible
from portfolio.service.users import actor_of, live_actor
from portfolio.storage import Database

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
    session: str | None = None
    """The session's token, for the browser to keep (local accounts; see sessions)."""


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def locked_for(failures: list[datetime], lock_out: LockOut, now: datetime) -> int:
    """Minutes until a user name with these recent failures may try again (0: now)."""
    if len(failures) < lock_out.max_failures:
        return 0
    freed_at = failures[-lock_out.max_failures] + timedelta(minutes=lock_out.minutes)
    return max(0, ceil((freed_at - now).total_seconds() / 60))


def sign_in(
    db: Database, username: str, password: str, lock_out: LockOut,
    limits: SessionLimits | None = None,
) -> SignedIn:
    """The signed-in Actor with a new session, or SignInFailed saying only what the person
    may know. Sessions past their `limits` are cleared on the way."""
    username = username.strip()[:MAX_USERNAME]
    now = _now()
    outcome: SignedIn | SignInFailed
    with db.transaction() as store:
        failures = store.users.failures_since(username, now - timedelta(minutes=lock_out.minutes))
        wait = locked_for(failures, lock_out, now)
        if wait:
            audit.record(store, ANONYMOUS, "sign_in_locked", "user", username,
                         after={"minutes_left": wait})
            outcome = SignInFailed(code="signin.locked",
                                   params={"username": username, "minutes": wait})
        else:
            user = store.users.get(username)
            stored = store.users.password_hash(username) if user else None
            matches = verify(stored, password)  # also when unknown: the same time taken
            if user is None or not matches or not user.active or stored is None:
                why = ("unknown user" if user is None else "wrong password" if not matches
                       else "disabled")
                audit.record(store, ANONYMOUS, "sign_in_failed", "user", username,
                             after={"reason": why})
                outcome = SignInFailed(code="signin.wrong")
            else:
                if needs_rehash(stored):
                    store.users.set_password(username, hash_password(password),
                                             must_change=user.must_change_password)
                actor = actor_of(user, store.departments.all())
                audit.record(store, actor, "sign_in", "user", username,
                             after={"method": "password"})
                (limits or SessionLimits()).end_stale(store, now)
                outcome = SignedIn(actor, user.must_change_password,
                                   open_session(store, username, now))
    if isinstance(outcome, SignInFailed):  # raised after the commit: it stays recorded
        raise outcome
    return outcome


def resume_session(db: Database, token: str | None, limits: SessionLimits) -> SignedIn | None:
    """The user a new browser tab's session token belongs to, re-read from the store (a
    changed role applies); None when the session has ended, idled or grown too old, or
    the account is disabled or gone."""
    if not plausible(token):
        return None
    key, now = digest(token or ""), _now()
    with db.transaction() as store:
        limits.end_stale(store, now)
        session = store.sessions.get(key)
        user = store.users.get(session.username) if session else None
        if session is None or user is None or not user.active:
            store.sessions.end(key)
            return None
        store.sessions.touch(key, now)
        actor = actor_of(user, store.departments.all())
        audit.record(store, actor, "resume_session", "user", user.username)
    return SignedIn(actor, user.must_change_password, token)


def session_actor(db: Database, username: str, token: str | None) -> Actor | None:
    """The Actor of a tab's live session, as the store has it now (a changed role applies
    at once); None once the session has ended (signed out in another tab, a password
    reset). An account that is gone or disabled raises, as users.actor_for does."""
    with db.reading() as store:
        actor = live_actor(store, username)
        alive = plausible(token) and store.sessions.get(digest(token or "")) is not None
    return actor if alive else None


def keep_alive(db: Database, token: str | None) -> None:
    """The session is in use: its idle time starts again (the dashboard calls this at most
    once a minute, not on every click)."""
    if plausible(token):
        with db.transaction() as store:
            store.sessions.touch(digest(token or ""), _now())


def sign_out(
    db: Database, actor: Actor, *, idle: bool = False, session: str | None = None
) -> None:
    """Record the end of a session, signed out or idle, and end its token too."""
    with db.transaction() as store:
        if plausible(session):
            store.sessions.end(digest(session or ""))
        audit.record(store, actor, "session_expired" if idle else "sign_out", "user",
                     actor.username)


def idle_expired(last_seen: datetime | None, now: datetime, idle_minutes: int) -> bool:
    """Whether a session last used at `last_seen` has been idle too long by `now`."""
    return last_seen is not None and now - last_seen > timedelta(minutes=idle_minutes)
