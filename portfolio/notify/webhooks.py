"""Compose webhook posts for steering groups' chat channels (Teams, Slack): pure.

The same escalations and agendas as the e-mails (compose.py), and each decision, as JSON
an incoming webhook takes. User text (titles, departments, KPI names, rationales) is
never sent unescaped into a field that is read as markup: Slack's `text` is mrkdwn, so
&, < and > become entities (no `<!channel>`, no `<url|label>` links smuggled in); the
blocks carry it as plain_text. A Teams Adaptive Card's TextBlock reads Markdown, so every
Markdown character in user text is backslash-escaped.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from portfolio import texts
from portfolio.formats import day, number
from portfolio.models import Decision, GroupKey
from portfolio.notify.compose import Style, dashboard_link, item_summary
from portfolio.notify.texts import recommendation, text
from portfolio.openness import Webhook, WebhookFormat
from portfolio.review.agenda import Agenda, Items

_SLACK_LIMIT = 3000  # characters of one section block
_MARKDOWN = re.compile(r"([\\`*_\[\]()~#<>|])")
_BULLET = re.compile(r"^(\s*)([-+])(?=\s)", re.MULTILINE)
_NUMBERED = re.compile(r"^(\s*\d+)\.(?=\s)", re.MULTILINE)


@dataclass(frozen=True)
class WebhookPost:
    kind: str
    """escalation, steering or decision."""
    steering_group: str
    payload: dict[str, Any]
    organisation: str = ""
    """The group's organisation: with `steering_group`, whose channel it goes to (#13)."""

    @property
    def group(self) -> GroupKey:
        return GroupKey(self.organisation, self.steering_group)


@dataclass(frozen=True)
class Card:
    """What a post says, before it is shaped for Slack or Teams. Every string is plain
    text; `link` is ours (the dashboard's), never user text."""

    title: str
    lines: tuple[str, ...]
    link: str
    link_label: str


def slack_escape(value: str) -> str:
    """Slack's own rule for text read as mrkdwn: &, < and > as entities."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def markdown_escape(value: str) -> str:
    """Every character Markdown could read as formatting (emphasis, links, code, headings,
    quotes, a list marker at the start of a line) backslash-escaped."""
    escaped = _MARKDOWN.sub(r"\\\1", value)
    escaped = _BULLET.sub(r"\1\\\2", escaped)
    return _NUMBERED.sub(r"\1\\.", escaped)


def slack_payload(card: Card) -> dict[str, Any]:
    body = "\n".join(card.lines)[:_SLACK_LIMIT]
    return {
        "text": slack_escape(card.title),  # the notification's line, read as mrkdwn
        "blocks": [
            {"type": "header", "text": {"type": "plain_text", "text": card.title[:150]}},
            {"type": "section", "text": {"type": "plain_text", "text": body or "-"}},
            {"type": "actions", "elements": [{
                "type": "button", "text": {"type": "plain_text", "text": card.link_label},
                "url": card.link}]},
        ],
    }


def teams_payload(card: Card) -> dict[str, Any]:
    """An Adaptive Card in the message shape Teams' incoming webhooks (Workflows) take."""
    blocks = [{"type": "TextBlock", "text": markdown_escape(card.title), "weight": "Bolder",
               "size": "Medium", "wrap": True}]
    blocks += [{"type": "TextBlock", "text": markdown_escape(line), "wrap": True}
               for line in card.lines]
    return {
        "type": "message",
        "attachments": [{
            "contentType": "application/vnd.microsoft.card.adaptive",
            "contentUrl": None,
            "content": {
                "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
                "type": "AdaptiveCard", "version": "1.4", "body": blocks,
                "actions": [{"type": "Action.OpenUrl", "title": card.link_label,
                             "url": card.link}],
            },
        }],
    }


def payload(card: Card, format_: WebhookFormat) -> dict[str, Any]:
    return teams_payload(card) if format_ is WebhookFormat.TEAMS else slack_payload(card)


def _agenda_card(kind: str, group: GroupKey, items: Items, as_of: date,
                 style: Style) -> Card:
    """The group's agenda as a chat card, bounded as its e-mail is: the
    `style.items_shown` most urgent items, a count of the rest and a link to the group's
    steering page, which lists them all (a national group's 5,000 items are no post)."""
    lang = style.default_language
    lines = [text(f"intro.{kind}", lang, group=group.name, date=day(as_of, lang))]
    listed = items.most_urgent(style.items_shown)
    for item in listed:
        shown = item_summary(item, lang, style)
        lines.append(f"• {shown['id']} {shown['title']} ({shown['department']}) — "
                     f"{texts.text('word.recommendation', lang)}: {shown['recommendation']}")
        lines += [f"   {reason}" for reason in shown["reasons"]]
    if len(listed) < len(items):
        lines.append(text("more", lang, shown=number(len(listed), lang),
                          total=number(len(items), lang)))
    return Card(text(f"subject.{kind}", lang, n=number(len(items), lang), group=group.name),
                tuple(lines), dashboard_link(style, "steering", group=group.path()),
                text("open", lang))


def agenda_posts(kind: str, agenda: Agenda, hooks: Mapping[GroupKey, Webhook],
                 style: Style) -> list[WebhookPost]:
    """One post per steering group that has a webhook: `kind` is `steering` (the whole
    agenda, as send-reminders mails it) or `escalation` (the zombies only, every run)."""
    grouped = (agenda.overdue() if kind == "escalation" else agenda).for_steering_groups()
    return [
        WebhookPost(kind, group.name, payload(
            _agenda_card(kind, group, items, agenda.as_of, style), hooks[group].format),
            group.organisation)
        for group, items in grouped.items() if group in hooks
    ]


def decision_post(decision: Decision, title: str, group: str, hook: Webhook,
                  style: Style) -> WebhookPost:
    lang = style.default_language
    word = recommendation(decision.kind.value, lang)
    lines = [text("decision.line", lang, id=decision.initiative_id, title=title, decision=word,
                  on=day(decision.decided_on, lang))]
    if decision.rationale:
        lines.append(f"{texts.text('word.rationale', lang)}: {decision.rationale}")
    if decision.next_review_on:
        lines.append(f"{texts.text('word.next_review', lang)}: "
                     f"{day(decision.next_review_on, lang)}")
    card = Card(text("subject.decision", lang, group=group, id=decision.initiative_id,
                     decision=word), tuple(lines),
                f"{style.dashboard_url.rstrip('/')}/initiative?id={decision.initiative_id}",
                text("open", lang))
    return WebhookPost("decision", group, payload(card, hook.format), hook.organisation)
