"""The API server's application: /api/v1 (bearer tokens) and /public (no sign-in)."""

from __future__ import annotations

from fastapi import FastAPI

from api import docs, errors, public, v1
from api.body_limit import BodyLimit
from api.limits import RateLimiter
from portfolio.settings import Settings
from portfolio.storage import Database

# 10,000 measurements (the most one request takes) are ~2 MB of JSON.
MAX_BODY_BYTES = 8_000_000

DESCRIPTION = """Measurements in, initiatives, evaluations and steering agendas out.

Every call carries a bearer token from `failscale token create NAME --role ROLE`
(`Authorization: Bearer <token>`). A token acts with its role and scope, through the same
authorisation and audit trail as a user, named `token:NAME`. See docs/api.md.
"""


def create_app(settings: Settings) -> FastAPI:
    app = FastAPI(
        title="Fail or Scale API", version="1", description=DESCRIPTION,
        openapi_url="/api/v1/openapi.json", docs_url=None, redoc_url=None,
    )
    app.state.settings = settings
    app.state.db = Database(settings.db, lock_timeout=settings.lock_timeout_seconds)
    app.state.limiter = RateLimiter(settings.api_rate_limit)
    errors.install(app)
    app.add_middleware(BodyLimit, max_bytes=MAX_BODY_BYTES)
    app.include_router(v1.router)
    app.include_router(public.router)
    docs.install(app)
    return app
