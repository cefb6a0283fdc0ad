"""`failscale api`: serve the API with uvicorn (one process; see api.limits)."""

from __future__ import annotations

import uvicorn

from api.app import create_app
from portfolio.settings import Settings


def serve(settings: Settings, *, host: str, port: int) -> None:
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info",
                proxy_headers=True, server_header=False)
