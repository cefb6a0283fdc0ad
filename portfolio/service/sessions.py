"""Dashboard sessions that survive a reload, for local accounts.

Streamlit keeps a signed-in user in the browser tab's session state, which a reload or a
second tab starts afresh. So a sign-in also opens a session: a random token that the
browser keeps in a cookie and of which only the SHA-256 is stored. A new tab showing the
token resumes the session (signin.resume_session) while it is neither idle nor older than
its longest lifetime. OpenID Connect needs none of this: st.login keeps its own cookie.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from portfolio.storage import Store
from portfolio.storage.sessions import SessionRow

COOKIE = "failscale_session"
MAX_TOKEN = 100  # token_urlsafe(32) is 43 characters; anything far longer is not ours


@dataclass(frozen=True)
class SessionLimits:
    idle_minutes: int = 30
    max_hours: int = 12

    def expired(self, session: SessionRow, now: datetime) -> bool:
        return (now - session.last_seen > timedelta(minutes=self.idle_minutes)
                or now - session.started_at > timedelta(hours=self.max_hours))

    def end_stale(self, store: Store, now: datetime) -> None:
        store.sessions.end_stale(now - timedelta(hours=self.max_hours),
                                 now - timedelta(minutes=self.idle_minutes))


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_session(store: Store, username: str, now: datetime) -> str:
    """A new session for `username`; the token goes to the browser and nowhere else."""
    token = secrets.token_urlsafe(32)
    store.sessions.start(digest(token), username, now)
    return token


def plausible(token: object) -> bool:
    """A token worth looking up: a string of the length we issue, not any cookie value."""
    return isinstance(token, str) and 0 < len(token) <= MAX_TOKEN
