"""Compose reminders, agendas and escalations from an agenda: pure, no sending.

Each recipient gets one message in their language (from the address book, else the
default), as plain text and HTML with links into the dashboard. A name without an
address still gets its message, with an empty `to`, so delivery can keep it visibly.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from email.message import EmailMessage
from email.utils import formataddr, make_msgid
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from portfolio import texts
from portfolio.formats import day, number
from portfolio.i18n import LIGHTS
from portfolio.models import GroupAddress, GroupKey, Person, PersonKey
from portfolio.notify.texts import recommendation, text
from portfolio.review.agenda import Agenda, AgendaItem, AgendaReason, Items
from portfolio.settings import Settings
from portfolio.template_cache import template_cache

_TEMPLATES = Environment(
    loader=PackageLoader("portfolio.notify"),
    autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
    undefined=StrictUndefined,
    keep_trailing_newline=True,
    bytecode_cache=template_cache(),
)


@dataclass(frozen=True)
class Message:
    kind: str
    """owner, steering or escalation."""
    recipient: str
    to: str
    language: str
    subject: str
    text: str
    html: str
    cc: tuple[str, ...] = ()
    """A steering group's further addresses (GroupAddress.also): they get it too."""
    organisation: str = ""
    """The recipient's organisation: with `recipient`, who it is (#13)."""

    def as_email(self, sender: str) -> EmailMessage:
        email = EmailMessage()
        email["Subject"] = self.subject
        email["From"] = sender
        if self.to:
            email["To"] = formataddr((self.recipient, self.to))
        if self.cc:
            email["Cc"] = ", ".join(self.cc)
        email["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
        # Base64 bodies: seven-bit safe for every SMTP server, and encoded in C, where the
        # quoted-printable Python picks for Danish text cost 0.3 s of a national run's
        # 100 escalations (#15)
        email.set_content(self.text, cte="base64")
        email.add_alternative(self.html, subtype="html", cte="base64")
        # A boundary of our own: no base64 line holds a '-', so it cannot occur in the
        # parts, and the generator need not search every message for one (#15).
        email.set_boundary(f"=_failscale-{uuid.uuid4().hex}")
        email["Content-Language"] = self.language  # after set_content, which clears Content-*
        return email


@dataclass(frozen=True)
class Style:
    """What every message shares: where links point, whose name it carries, the fallback
    language for names the address book does not know."""

    dashboard_url: str
    organisation: str
    default_language: str = "en"
    items_shown: int = 50
    """Most initiatives a message lists (FAILSCALE_MAIL_ITEMS): a national steering group
    had 208 escalations in one 190 KB e-mail; the most urgent are listed, the rest counted
    and linked."""

    @classmethod
    def from_settings(cls, settings: Settings) -> Style:
        return cls(settings.dashboard_url, settings.organisation, settings.language,
                   settings.mail_items)


@dataclass(frozen=True)
class AddressBook:
    """Where mail goes (#13): a person by organisation + name, a steering group by
    organisation + name. Two municipalities' namesakes (two "Anne Jensen", two
    "Styregruppe for digitalisering") are two entries, and neither gets the other's mail.

    An entry of no organisation (a database with none) serves that name when its own
    organisation has no entry; a group without an address of its own is reached through
    an address-book entry of its name in its organisation (how groups were addressed
    before the Organisation page)."""

    people: Mapping[PersonKey, Person] = field(default_factory=dict)
    groups: Mapping[GroupKey, GroupAddress] = field(default_factory=dict)

    def person(self, key: PersonKey) -> Person | None:
        if not key.name:
            return None
        return self.people.get(key) or self.people.get(PersonKey("", key.name))

    def group(self, key: GroupKey) -> Person | None:
        if not key.name:
            return None
        return self.groups.get(key) or self.person(PersonKey(*key))

    def __contains__(self, name: object) -> bool:
        """Whether any entry, person or group, has this name (of any organisation)."""
        return any(k.name == name for k in (*self.people, *self.groups))


def owner_reminders(agenda: Agenda, book: AddressBook, style: Style) -> list[Message]:
    return [
        _message("owner", owner, items, agenda.as_of, book.person(owner), style)
        for owner, items in agenda.for_owners().items()
    ]


def steering_agendas(agenda: Agenda, book: AddressBook, style: Style) -> list[Message]:
    return [
        _message("steering", group, items, agenda.as_of, book.group(group), style)
        for group, items in agenda.for_steering_groups().items()
    ]


def escalations(agenda: Agenda, book: AddressBook, style: Style) -> list[Message]:
    """The zombies only, to their steering group: sent by every evaluation run."""
    return [
        _message("escalation", group, items, agenda.as_of, book.group(group), style)
        for group, items in agenda.overdue().for_steering_groups().items()
    ]


def _message(
    kind: str, key: GroupKey | PersonKey, items: Items, as_of: date,
    person: Person | None, style: Style,
) -> Message:
    name = key.name
    lang = person.language if person else style.default_language
    shown = name or text("no_name", lang)
    n = len(items)
    subject = text(f"subject.{kind}", lang, n=number(n, lang), group=shown)
    listed = items.most_urgent(style.items_shown)
    context: dict[str, Any] = {
        "lang": lang,
        "subject": subject,
        "greeting": text("greeting", lang, name=shown),
        "intro": text(f"intro.{kind}", lang, group=shown, date=day(as_of, lang)),
        "items": [item_summary(item, lang, style) for item in listed],
        "more": None if len(listed) == n else {
            "text": text("more", lang, shown=number(len(listed), lang),
                         total=number(n, lang)),
            "link": (dashboard_link(style, "steering", group=key.path())
                     if isinstance(key, GroupKey) else dashboard_link(style, "board")),
        },
        "labels": {"recommendation": texts.text("word.recommendation", lang),
                   "open": text("open", lang), "board": text("board", lang)},
        "board_link": dashboard_link(style, "board"),
        "footer": text("footer", lang, organisation=style.organisation),
    }
    return Message(
        kind=kind, recipient=name, organisation=key.organisation,
        to=person.email if person else "", language=lang,
        cc=person.also if isinstance(person, GroupAddress) else (),
        subject=subject,
        text=_TEMPLATES.get_template("message.txt").render(context),
        html=_TEMPLATES.get_template("message.html").render(context),
    )


def item_summary(item: AgendaItem, lang: str, style: Style) -> dict[str, Any]:
    """An agenda item as its messages show it: id, title, department, recommendation and
    reasons in `lang`, and its link (the e-mails' and the webhooks' one source)."""
    initiative = item.initiative
    return {
        "id": initiative.id,
        "title": initiative.title,
        "department": initiative.department,
        "recommendation": recommendation(
            item.recommendation.value if item.recommendation else None, lang
        ),
        "reasons": [_reason(reason, item, lang) for reason in item.reasons],
        "link": dashboard_link(style, "initiative", id=initiative.id),
        "lights": _lights(item, lang),
    }


def _lights(item: AgendaItem, lang: str) -> str:
    """The state IT council's three lights in words (#18); '' before any evaluation."""
    if not any(item.lights):
        return ""
    budget, time, benefit = (LIGHTS[light.value][lang] if light else "—"
                             for light in item.lights)
    return text("lights", lang, budget=budget, time=time, benefit=benefit)


def _reason(reason: AgendaReason, item: AgendaItem, lang: str) -> str:
    before = item.last_decision.recommendation if item.last_decision else None
    return text(
        f"reason.{reason.value}", lang,
        review_on=day(item.initiative.review_on, lang) if item.initiative.review_on else "",
        before=recommendation(before.value if before else None, lang),
        now=recommendation(item.recommendation.value if item.recommendation else None, lang),
        on=day(item.follow_up_on, lang) if item.follow_up_on else "",
        months=item.follow_up_months or "",
        kpis=", ".join(item.stale_kpis),
    )


def dashboard_link(style: Style, page: str, **query: str) -> str:
    """A link to a dashboard page (`initiative`, `steering`, `board`) with its query: the
    e-mails', the webhooks' and the flow's artifacts' one way to point into the dashboard."""
    base = f"{style.dashboard_url.rstrip('/')}/{page}"
    return f"{base}?{urlencode(query)}" if query else base
