"""Steering groups' incoming webhooks (Teams, Slack): set by administrators, used by the
flows (escalations, agendas) and after a decision (#19).

A webhook URL is a credential — whoever has it may post to the channel — so only
administrators read it, and the audit trail keeps its host and format, not the URL.
"""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import urlsplit

from portfolio.errors import NotFound
from portfolio.models import Actor, Decision
from portfolio.notify.compose import Style
from portfolio.notify.webhook_delivery import WebhookConfig, WebhookReport, deliver_posts
from portfolio.notify.webhooks import decision_post
from portfolio.openness import Webhook, WebhookFormat
from portfolio.service import audit
from portfolio.service.access import Permission, authorize
from portfolio.storage import Database, Store


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _shown(hook: Webhook | None) -> dict[str, str] | None:
    """What the audit trail keeps of a webhook: never the URL's secret path."""
    if hook is None:
        return None
    return {"host": urlsplit(hook.url).hostname or "", "format": hook.format.value}


def set_webhook(store: Store, actor: Actor, steering_group: str, url: str,
                format_: WebhookFormat = WebhookFormat.SLACK) -> Webhook:
    authorize(actor, Permission.ADMIN_USERS)
    hook = Webhook(steering_group=steering_group, url=url, format=format_,
                   set_by=actor.username, set_at=_now())
    groups = sorted({d.steering_group for d in store.departments.all() if d.steering_group})
    if steering_group not in groups:
        raise NotFound(code="steering.unknown_group",
                       params={"group": steering_group, "known": groups})
    before = store.webhooks.get(steering_group)
    store.webhooks.save(hook)
    audit.record(store, actor, "set_webhook", "steering_group", steering_group,
                 _shown(before), _shown(hook))
    return hook


def remove_webhook(store: Store, actor: Actor, steering_group: str) -> None:
    authorize(actor, Permission.ADMIN_USERS)
    before = store.webhooks.get(steering_group)
    if before is None:
        raise NotFound(code="webhook.unknown", params={"group": steering_group})
    store.webhooks.remove(steering_group)
    audit.record(store, actor, "remove_webhook", "steering_group", steering_group,
                 _shown(before), None)


def webhooks(store: Store, actor: Actor) -> dict[str, Webhook]:
    """Every steering group's webhook, by group (administrators; the flows as operator)."""
    authorize(actor, Permission.ADMIN_USERS)
    return {h.steering_group: h for h in store.webhooks.all()}


def announce_decision(db: Database, actor: Actor, decision: Decision, style: Style,
                      config: WebhookConfig) -> WebhookReport:
    """Post a recorded decision to its steering group's channel, if the group has a
    webhook. Whoever may take the decision may announce it. It reads in a unit of work of
    its own and posts after closing it: the database is not held while a chat service
    answers (or times out)."""
    with db.reading() as store:
        initiative = store.initiatives.get(decision.initiative_id)
        if initiative is None:
            raise NotFound(code="initiative.not_found", params={"id": decision.initiative_id})
        authorize(actor, Permission.DECIDE, initiative.department)
        department = store.departments.get(initiative.department)
        group = department.steering_group if department else ""
        hook = store.webhooks.get(group) if group else None
    if hook is None:
        return WebhookReport()
    return deliver_posts([decision_post(decision, initiative.title, group, hook, style)],
                         {group: hook}, config)
