"""Steering groups' incoming webhooks (Teams, Slack): set by administrators, used by the
flows (escalations, agendas) and after a decision (#19).

A webhook URL is a credential — whoever has it may post to the channel — so only
administrators read it, and the audit trail keeps its host and format, not the URL.
"""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import urlsplit

from portfolio.errors import NotFound, ValidationFailed
from portfolio.models import Actor, Decision, GroupKey
from portfolio.notify.compose import Style
from portfolio.notify.webhook_delivery import WebhookConfig, WebhookReport, deliver_posts
from portfolio.notify.webhooks import decision_post
from portfolio.openness import Webhook, WebhookFormat
from portfolio.service import audit
from portfolio.service.access import Permission, authorize
from portfolio.service.steering import group_named
from portfolio.storage import Database, Store


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _shown(hook: Webhook | None) -> dict[str, str] | None:
    """What the audit trail keeps of a webhook: never the URL's secret path."""
    if hook is None:
        return None
    return {"host": urlsplit(hook.url).hostname or "", "format": hook.format.value}


def set_webhook(store: Store, actor: Actor, steering_group: str, url: str,
                format_: WebhookFormat = WebhookFormat.SLACK,
                organisation: str | None = None) -> Webhook:
    """Set a steering group's webhook; the group is organisation + name (#13), the name
    alone is enough when only one organisation has a group of it."""
    authorize(actor, Permission.ADMIN_USERS)
    group = group_named(store, actor, steering_group, organisation)
    hook = Webhook(steering_group=group.name, organisation=group.organisation, url=url,
                   format=format_, set_by=actor.username, set_at=_now())
    before = store.webhooks.get(group)
    store.webhooks.save(hook)
    audit.record(store, actor, "set_webhook", "steering_group", _entity(group),
                 _shown(before), _shown(hook))
    return hook


def remove_webhook(store: Store, actor: Actor, steering_group: str,
                   organisation: str | None = None) -> None:
    authorize(actor, Permission.ADMIN_USERS)
    hooks = [h for h in store.webhooks.all() if h.steering_group == steering_group
             and (organisation or actor.organisation or h.organisation) == h.organisation]
    if len(hooks) > 1:
        raise ValidationFailed(
            field="organisation", code="steering.group_in_several_organisations",
            params={"group": steering_group,
                    "organisations": tuple(h.organisation for h in hooks)})
    if not hooks:
        raise NotFound(code="webhook.unknown", params={"group": steering_group})
    (before,) = hooks
    store.webhooks.remove(before.key)
    audit.record(store, actor, "remove_webhook", "steering_group", _entity(before.key),
                 _shown(before), None)


def _entity(group: GroupKey) -> str:
    return group.path()


def webhooks(store: Store, actor: Actor) -> dict[GroupKey, Webhook]:
    """Every steering group's webhook, by group: organisation + name (administrators; the
    flows as operator)."""
    authorize(actor, Permission.ADMIN_USERS)
    return {h.key: h for h in store.webhooks.all()}


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
        department = store.departments.get(initiative.department, initiative.organisation or None)
        group = department.group if department else None
        hook = store.webhooks.get(group) if group else None
    if hook is None:
        return WebhookReport()
    return deliver_posts([decision_post(decision, initiative.title, hook.steering_group, hook,
                                        style)], {hook.key: hook}, config)
