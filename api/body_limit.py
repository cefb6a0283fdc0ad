"""Refuse request bodies beyond a size before they are read into memory (413).

FastAPI reads a JSON body whole before validating it, so without this a hostile caller
could make the API hold a gigabyte. A declared Content-Length is judged at once; a chunked
body is counted as it arrives and cut off at the limit.
"""

from __future__ import annotations

import json

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class BodyLimit:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    def _detail(self) -> str:
        return (f"The request body is larger than {self.max_bytes // 1_000_000} MB; "
                "send it in parts.")

    async def _refuse(self, send: Send) -> None:
        body = json.dumps({"detail": self._detail()})
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json")]})
        await send({"type": "http.response.body", "body": body.encode()})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    # Raised inside the route's body read: FastAPI passes an HTTPException
                    # on (anything else there becomes a 400), and answers it.
                    raise HTTPException(413, self._detail())
            return message

        await self.app(scope, counted, send)
