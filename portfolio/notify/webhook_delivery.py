"""Post webhook messages, with retries; keep what could not be posted for the next delivery.

A post that fails `attempts` times (no connection, a timeout, 429 or a 5xx answer, waiting
`retry_seconds` and then twice as long each time) is kept as JSON under
`outbox/webhooks/failed/` and posted first by the next delivery. A 4xx other than 429
means the channel refuses it (a deleted webhook, a malformed card): it is not retried
within the delivery, but kept too, so nothing is silently dropped. The kept file holds
the steering group and the payload, never the URL (a credential): the URL is looked up
when it is posted, so a corrected webhook takes the backlog.
"""

from __future__ import annotations

import json
import re
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import httpx

from portfolio.models import GroupKey
from portfolio.notify.webhooks import WebhookPost
from portfolio.openness import Webhook
from portfolio.settings import Settings


@dataclass(frozen=True)
class WebhookConfig:
    outbox: Path
    attempts: int = 3
    retry_seconds: float = 2.0
    timeout: float = 10.0

    @classmethod
    def from_settings(cls, settings: Settings) -> WebhookConfig:
        return cls(outbox=settings.outbox_dir / "webhooks", attempts=settings.webhook_attempts,
                   retry_seconds=settings.webhook_retry_seconds)

    @property
    def failed_dir(self) -> Path:
        return self.outbox / "failed"


@dataclass(frozen=True)
class WebhookReport:
    posted: tuple[str, ...] = ()
    """Steering groups whose channel took a post (earlier failures included)."""
    failed: tuple[Path, ...] = ()
    """Posts kept for the next delivery."""
    errors: tuple[str, ...] = ()

    def summary(self) -> dict[str, int]:
        return {"posted": len(self.posted), "failed": len(self.failed)}


def _retryable(status: int) -> bool:
    return status == 429 or status >= 500


def post(url: str, payload: Mapping[str, object], config: WebhookConfig,
         sleep: Callable[[float], None] = time.sleep) -> str | None:
    """Post with retries; None when the channel took it, else the last error as text."""
    error = ""
    pause = config.retry_seconds
    for attempt in range(max(config.attempts, 1)):
        if attempt:
            sleep(pause)
            pause *= 2
        try:
            answer = httpx.post(url, json=payload, timeout=config.timeout,
                                follow_redirects=False)
        except httpx.HTTPError as exc:
            error = f"{type(exc).__name__}: {exc}"
            continue
        if answer.is_success:
            return None
        error = f"HTTP {answer.status_code}"
        if not _retryable(answer.status_code):
            break
    return error


def _keep(item: WebhookPost, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    slug = re.sub(r"[^a-z0-9]+", "-", item.steering_group.lower()).strip("-") or "group"
    path = folder / f"{stamp}-{item.kind}-{slug}-{uuid.uuid4().hex[:6]}.json"
    path.write_text(json.dumps({"kind": item.kind, "steering_group": item.steering_group,
                                "organisation": item.organisation,
                                "payload": item.payload}, ensure_ascii=False), "utf-8")
    return path


def _kept(config: WebhookConfig) -> list[tuple[Path, WebhookPost]]:
    if not config.failed_dir.is_dir():
        return []
    found = []
    for path in sorted(config.failed_dir.glob("*.json")):
        data = json.loads(path.read_text("utf-8"))
        found.append((path, WebhookPost(data["kind"], data["steering_group"], data["payload"],
                                        data.get("organisation", ""))))
    return found


def _only_named(hooks: Mapping[GroupKey, Webhook], item: WebhookPost) -> Webhook | None:
    """A post kept before groups were organisation + name (#13) names no organisation:
    the one webhook of its group's name, if only one organisation has it."""
    if item.organisation:
        return None
    found = [hook for key, hook in hooks.items() if key.name == item.steering_group]
    return found[0] if len(found) == 1 else None


def deliver_posts(posts: Sequence[WebhookPost], hooks: Mapping[GroupKey, Webhook],
                  config: WebhookConfig) -> WebhookReport:
    """Post the backlog, then `posts`; never raises for a failed post (it is kept)."""
    posted: list[str] = []
    failed: list[Path] = []
    errors: list[str] = []
    for path, item in _kept(config):
        hook = hooks.get(item.group) or _only_named(hooks, item)
        if hook is None:
            continue  # its webhook was removed: kept until one is set again
        if post(hook.url, item.payload, config) is None:
            sent = config.outbox / "sent" / path.name
            sent.parent.mkdir(parents=True, exist_ok=True)
            path.replace(sent)
            posted.append(item.steering_group)
    for item in posts:
        hook = hooks.get(item.group)
        if hook is None:
            continue
        error = post(hook.url, item.payload, config)
        if error is None:
            posted.append(item.steering_group)
        else:
            failed.append(_keep(item, config.failed_dir))
            errors.append(f"{item.steering_group}: {error}")
    return WebhookReport(tuple(posted), tuple(failed), tuple(errors))
