"""The core's errors as HTTP answers, in one place (as failscale.common.friendly is for
the command line): refused → 403, unknown → 404, a broken rule → 422 naming the field,
busy → 503 with Retry-After, the server's own store unusable → 500 with what is wrong.
Anything else is a bug and is not dressed up."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from portfolio.errors import (
    DatabaseBusy,
    FileUnreadable,
    NotAllowed,
    NotFound,
    PortfolioError,
    SchemaTooNew,
    StoreMisconfigured,
    ValidationFailed,
)


def _answer(status: int, exc: PortfolioError, **extra: object) -> JSONResponse:
    body: dict[str, object] = {"detail": str(exc), **({"code": exc.code} if exc.code else {})}
    body.update(extra)
    headers = {"Retry-After": "1"} if status == 503 else None
    return JSONResponse(body, status_code=status, headers=headers)


async def _portfolio_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, PortfolioError)
    if isinstance(exc, NotAllowed):
        return _answer(403, exc)
    if isinstance(exc, NotFound):
        return _answer(404, exc)
    if isinstance(exc, ValidationFailed):
        # The shape of FastAPI's own 422s, so a client reads every refusal alike.
        field = exc.field or "body"
        return JSONResponse({"detail": [{"loc": ["body", field], "msg": str(exc),
                                         "type": exc.code or "value_error"}]},
                            status_code=422)
    if isinstance(exc, FileUnreadable):
        return _answer(422, exc)
    if isinstance(exc, DatabaseBusy):
        return _answer(503, exc)
    if isinstance(exc, StoreMisconfigured | SchemaTooNew):
        return _answer(500, exc)  # the server's own store is wrong: not the caller's fault
    return _answer(400, exc)


def install(app: FastAPI) -> None:
    app.add_exception_handler(PortfolioError, _portfolio_error)
