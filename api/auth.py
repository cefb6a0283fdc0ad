"""Who is calling: a bearer token turned into the Actor it acts as, within the rate limit.

401 for a missing, unknown or revoked token (one answer for all three, so a caller
learns nothing about which tokens exist); 429 with Retry-After beyond the rate limit.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.limits import RateLimiter
from portfolio.models import Actor
from portfolio.service.tokens import token_actor
from portfolio.storage import Database

_bearer = HTTPBearer(auto_error=False, description="A token from `failscale token create`")
_CHALLENGE = {"WWW-Authenticate": "Bearer"}


def _limited(limiter: RateLimiter, caller: str) -> None:
    wait = limiter.retry_after(caller)
    if wait:
        raise HTTPException(429, f"Too many requests; try again in {wait} s.",
                            headers={"Retry-After": str(wait)})


def caller(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Actor:
    db: Database = request.app.state.db
    limiter: RateLimiter = request.app.state.limiter
    if credentials is None:
        raise HTTPException(401, "Send a token: `Authorization: Bearer <token>`.",
                            headers=_CHALLENGE)
    with db.reading() as store:
        actor = token_actor(store, credentials.credentials)
    if actor is None:
        _limited(limiter, f"address:{request.client.host if request.client else '?'}")
        raise HTTPException(401, "The token is unknown or has been revoked.",
                            headers=_CHALLENGE)
    _limited(limiter, actor.username)
    return actor


Caller = Annotated[Actor, Depends(caller)]
