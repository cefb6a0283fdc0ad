"""A real SMTP server on localhost (aiosmtpd) that keeps what it receives.

The `smtp_server` fixture in tests/conftest.py starts one per test."""

from __future__ import annotations

import email
import email.policy
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Mailbox:
    """What the server received: (envelope recipients, parsed message) per delivery."""

    port: int
    received: list[tuple[list[str], EmailMessage]] = field(default_factory=list)
    peers: list[tuple[str, int]] = field(default_factory=list)
    """The client's address and port of each message taken: one per SMTP session."""
    refuse: int = 0
    """How many messages to refuse (421, the session is closed) before taking any."""

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.refuse > 0:
            self.refuse -= 1
            return "421 Service not available, closing transmission channel"
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.received.append((list(envelope.rcpt_tos), message))  # type: ignore[arg-type]
        self.peers.append(tuple(session.peer))  # type: ignore[arg-type]
        return "250 OK"

    def to(self, address: str) -> EmailMessage:
        return next(m for rcpts, m in self.received if address in rcpts)


@contextmanager
def running_smtp_server() -> Iterator[Mailbox]:
    mailbox = Mailbox(port=free_port())
    controller = Controller(mailbox, hostname="127.0.0.1", port=mailbox.port)
    controller.start()
    try:
        yield mailbox
    finally:
        controller.stop()
