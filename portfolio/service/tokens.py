"""Bearer tokens of the REST API: service identities with a user's role and scope (#19).

A token acts through the same authorisation (access.py) and the same audit trail as a
user, named `token:NAME`. Only the SHA-256 of its secret is stored, as for sessions:
the secret is shown once, when it is created, and a backup holds nothing that calls the
API. Revoked tokens stay listed, so the audit trail's names stay explained.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from portfolio.errors import NotFound, ValidationFailed
from portfolio.models import Actor, Department, Role
from portfolio.openness import ApiToken
from portfolio.service import audit
from portfolio.service.access import SCOPED_ROLES, Permission, authorize
from portfolio.storage import Store

SECRET_PREFIX = "fos_"
MAX_SECRET = 100  # what we issue is 47 characters; anything far longer is not ours


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str

    def __repr__(self) -> str:  # keep the secret out of tracebacks and logs
        return f"IssuedToken(token={self.token.name!r}, secret=<hidden>)"


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _check_scope(token: ApiToken, departments: Sequence[Department]) -> None:
    if token.role is Role.ADMIN and (token.organisation or token.departments):
        raise ValidationFailed(code="token.admin_everywhere", field="organisation")
    if token.role in SCOPED_ROLES and not (token.organisation or token.departments):
        raise ValidationFailed(code="token.needs_scope", field="department",
                               params={"role": token.role})
    known = {d.name: d for d in departments}
    unknown = [d for d in token.departments if d not in known]
    if unknown:
        raise ValidationFailed(code="user.unknown_departments", field="department", params={
            "unknown": unknown, "known": sorted(known)})
    if token.organisation:
        organisations = sorted({d.organisation for d in departments if d.organisation})
        if token.organisation not in organisations:
            raise ValidationFailed(code="token.unknown_organisation", field="organisation",
                                   params={"organisation": token.organisation,
                                           "known": organisations})
        elsewhere = [d for d in token.departments
                     if known[d].organisation != token.organisation]
        if elsewhere:
            raise ValidationFailed(code="token.department_elsewhere", field="department",
                                   params={"departments": elsewhere,
                                           "organisation": token.organisation})


def create_token(store: Store, actor: Actor, token: ApiToken) -> IssuedToken:
    """A new token; its secret is returned here and never again."""
    authorize(actor, Permission.ADMIN_USERS)
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    if store.api_tokens.get(token.name) is not None:
        raise ValidationFailed(code="token.exists", field="name",
                               params={"name": token.name})
    _check_scope(token, store.departments.all())
    stored = token.model_copy(update={"created_by": actor.username,
                                      "created_at": _now(), "revoked_at": None})
    store.api_tokens.add(stored, digest(secret))
    audit.record(store, actor, "create", "api_token", stored.name, after=stored)
    return IssuedToken(stored, secret)


def list_tokens(store: Store, actor: Actor) -> list[ApiToken]:
    authorize(actor, Permission.ADMIN_USERS)
    return store.api_tokens.all()


def revoke_token(store: Store, actor: Actor, name: str) -> ApiToken:
    """Revoke a token: its next call is refused (401). Revoking twice changes nothing."""
    authorize(actor, Permission.ADMIN_USERS)
    before = store.api_tokens.get(name)
    if before is None:
        raise NotFound(code="token.unknown", params={"name": name})
    if not before.active:
        return before
    store.api_tokens.revoke(name, _now())
    after = store.api_tokens.get(name)
    audit.record(store, actor, "revoke", "api_token", name, before, after)
    assert after is not None
    return after


def token_actor(store: Store, secret: str) -> Actor | None:
    """The Actor a presented secret acts as; None when it is unknown or revoked.

    The scope is resolved on every call, as a session re-reads its account on every run:
    a department added to the token's organisation is in scope at once."""
    if not (isinstance(secret, str) and 0 < len(secret) <= MAX_SECRET):
        return None
    token = store.api_tokens.by_digest(digest(secret))
    if token is None or not token.active:
        return None
    scope = list(token.departments)
    if token.organisation and not scope:
        scope = [d.name for d in store.departments.all()
                 if d.organisation == token.organisation]
    return Actor(username=token.identity, role=token.role, departments=tuple(scope),
                 organisation=token.organisation)
