"""Deliver messages: by SMTP when a host is configured, else as .eml files in the outbox.

Folders under the outbox: `*.eml` (no SMTP host: the delivery itself), `unaddressed/`
(no address known for the recipient), `failed/` (SMTP refused it `attempts` times; tried
again by the next delivery and moved to `sent/` once it goes through).
"""

from __future__ import annotations

import email
import email.policy
import re
import smtplib
import ssl
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path

from portfolio.notify.compose import Message
from portfolio.settings import Settings


@dataclass(frozen=True)
class MailConfig:
    outbox: Path
    sender: str
    host: str = ""
    port: int = 587
    starttls: bool = True
    username: str = ""
    password: str = field(default="", repr=False)
    attempts: int = 3
    retry_seconds: float = 2.0
    timeout: float = 30.0

    @classmethod
    def from_settings(cls, settings: Settings) -> MailConfig:
        return cls(
            outbox=settings.outbox_dir, sender=settings.mail_from, host=settings.smtp_host,
            port=settings.smtp_port, starttls=settings.smtp_starttls,
            username=settings.smtp_username,
            password=settings.smtp_password.get_secret_value(),
            attempts=settings.smtp_attempts, retry_seconds=settings.smtp_retry_seconds,
        )


@dataclass(frozen=True)
class FailedSend:
    recipient: str
    to: str
    error: str
    kept_at: Path


@dataclass(frozen=True)
class DeliveryReport:
    sent: tuple[str, ...] = ()
    """Addresses that accepted a message (including earlier failures sent now)."""
    written: tuple[Path, ...] = ()
    """.eml files written to the outbox because no SMTP host is configured."""
    unaddressed: tuple[Path, ...] = ()
    failed: tuple[FailedSend, ...] = ()

    def summary(self) -> dict[str, int]:
        return {"sent": len(self.sent), "written": len(self.written),
                "unaddressed": len(self.unaddressed), "failed": len(self.failed)}


def deliver(messages: Sequence[Message], config: MailConfig) -> DeliveryReport:
    """Deliver every message; never raises for a failed send (it is kept and reported)."""
    sent: list[str] = []
    written: list[Path] = []
    unaddressed: list[Path] = []
    failed: list[FailedSend] = []
    with _Session(config) as session:
        if config.host:
            sent.extend(_resend_failed(config, session))
        for message in messages:
            mail = message.as_email(config.sender)
            if not message.to:
                unaddressed.append(_keep(mail, config.outbox / "unaddressed", message))
            elif not config.host:
                written.append(_keep(mail, config.outbox, message))
            elif (error := session.send(mail)) is None:
                sent.append(message.to)
            else:
                kept = _keep(mail, config.outbox / "failed", message)
                failed.append(FailedSend(message.recipient, message.to, error, kept))
    return DeliveryReport(tuple(sent), tuple(written), tuple(unaddressed), tuple(failed))


class _Session:
    """One SMTP session for a whole delivery, opened at the first send: a run's hundred
    escalations cost one connection and one STARTTLS handshake, not a hundred. A send
    that fails closes the session, and the next try opens a new one."""

    def __init__(self, config: MailConfig) -> None:
        self.config = config
        self._smtp: smtplib.SMTP | None = None

    def __enter__(self) -> _Session:
        return self

    def __exit__(self, *_: object) -> None:
        self._close()

    def send(self, mail: EmailMessage) -> str | None:
        """Send with `attempts` tries; the last error as text when every try failed."""
        error = ""
        for attempt in range(self.config.attempts):
            if attempt:
                time.sleep(self.config.retry_seconds)
            try:
                self._send_once(mail)
                return None
            except (OSError, smtplib.SMTPException) as exc:
                error = f"{type(exc).__name__}: {exc}"
                self._close()
        return error

    def _send_once(self, mail: EmailMessage) -> None:
        if self._smtp is not None:
            try:
                self._smtp.send_message(mail)
                return
            except smtplib.SMTPServerDisconnected:
                self._close()  # the server ended a session held open: a new one, same try
        self._open().send_message(mail)

    def _open(self) -> smtplib.SMTP:
        if self._smtp is None:
            config = self.config
            smtp = smtplib.SMTP(config.host, config.port, timeout=config.timeout)
            try:
                if config.starttls:
                    smtp.starttls(context=ssl.create_default_context())
                if config.username:
                    smtp.login(config.username, config.password)
            except BaseException:
                smtp.close()
                raise
            self._smtp = smtp
        return self._smtp

    def _close(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is None:
            return
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            smtp.close()


def _resend_failed(config: MailConfig, session: _Session) -> list[str]:
    """Try messages kept by an earlier failed delivery once more; move sent ones to sent/."""
    folder = config.outbox / "failed"
    if not folder.is_dir():
        return []
    sent = []
    for path in sorted(folder.glob("*.eml")):
        mail = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        if session.send(mail) is None:
            target = config.outbox / "sent" / path.name
            target.parent.mkdir(parents=True, exist_ok=True)
            path.replace(target)
            sent.append(str(mail["To"]))
    return sent


def _keep(mail: EmailMessage, folder: Path, message: Message) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    slug = re.sub(r"[^a-z0-9]+", "-", message.recipient.lower()).strip("-") or "unknown"
    path = folder / f"{stamp}-{message.kind}-{slug}-{uuid.uuid4().hex[:6]}.eml"
    path.write_bytes(mail.as_bytes())
    return path
