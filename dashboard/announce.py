"""A recorded decision to its steering group's chat channel (#19), off the page's thread:
a slow or unreachable webhook must not hold the page. A post that fails its retries is
kept in the outbox and posted by the next flow run."""

from __future__ import annotations

import logging
import threading

from portfolio.models import Actor, Decision
from portfolio.notify.compose import Style
from portfolio.notify.webhook_delivery import WebhookConfig
from portfolio.service.webhooks import announce_decision
from portfolio.settings import load_settings
from portfolio.storage import Database

_log = logging.getLogger(__name__)


def _post(db: Database, actor: Actor, decision: Decision, style: Style,
          config: WebhookConfig) -> None:
    try:
        report = announce_decision(db, actor, decision, style, config)
    except Exception:  # a thread's error would vanish; say it in the log
        _log.exception("Could not post decision on %s to its webhook", decision.initiative_id)
        return
    for error in report.errors:
        _log.warning("A decision's webhook post failed (kept for the next run): %s", error)


def announce(db: Database, actor: Actor, decision: Decision) -> threading.Thread:
    settings = load_settings()
    style = Style.from_settings(settings)
    thread = threading.Thread(
        target=_post, args=(db, actor, decision, style, WebhookConfig.from_settings(settings)),
        name="announce-decision", daemon=True)
    thread.start()
    return thread
