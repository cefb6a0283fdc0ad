"""A long agenda in one e-mail (#15): a national steering group had 208 escalations in a
190 KB message. An e-mail lists the FAILSCALE_MAIL_ITEMS most urgent, says how many there
are, and links to the page that lists them all; the subject still counts every one."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from portfolio.models import Department, Person, Recommendation
from portfolio.notify import escalations, owner_reminders
from portfolio.notify.compose import AddressBook, Style
from portfolio.notify.webhooks import agenda_posts
from portfolio.openness import Webhook
from portfolio.review.agenda import Agenda
from tests.agenda_models import build_agenda
from tests.factories import AS_OF, make_evaluation, make_initiative

GROUP = "Styregruppen for digitalisering"
STYLE = Style(dashboard_url="https://portfolio.example/", organisation="Demo Kommune",
              default_language="da", items_shown=3)
BOOK = AddressBook(people={p.key: p for p in (
    Person(name=GROUP, email="styregruppe@demo.example", language="da"),
    Person(name="Hanne Lund", email="hanne@demo.example", language="en"),
)})
# five zombies of one group: two recommended CLOSE, one NEEDS_DATA, two CONTINUE
RECOMMENDED = {"Z-1": Recommendation.CONTINUE, "Z-2": Recommendation.CLOSE,
               "Z-3": Recommendation.CONTINUE, "Z-4": Recommendation.NEEDS_DATA,
               "Z-5": Recommendation.CLOSE}


def zombies() -> Agenda:
    initiatives = [make_initiative(id=i, title=f"Forsøg {i}", owner="Hanne Lund",
                                   review_on=AS_OF - timedelta(days=10))
                   for i in RECOMMENDED]
    latest = {i: make_evaluation(i, rec) for i, rec in RECOMMENDED.items()}
    return build_agenda(initiatives, latest, [],
                        [Department(name="Social services", steering_group=GROUP)], AS_OF)


def test_an_escalation_lists_the_most_urgent_and_links_to_them_all() -> None:
    [message] = escalations(zombies(), BOOK, STYLE)

    assert message.subject.startswith("Fail or Scale: 5 ")
    listed = [i for i in RECOMMENDED if f"({i})" in message.text]
    assert listed == ["Z-2", "Z-4", "Z-5"], "CLOSE and NEEDS_DATA first, in id order"
    assert [i for i in RECOMMENDED if f"({i})" in message.html] == listed
    link = "https://portfolio.example/steering?group=Styregruppen+for+digitalisering"
    assert f"Her står de 3 mest presserende af 5. Se dem alle: {link}" in message.text
    assert f'<a href="{link}">Her står de 3 mest presserende af 5. Se dem alle</a>' \
        in message.html


def test_an_owner_is_pointed_to_the_board_in_their_language() -> None:
    [message] = owner_reminders(zombies(), BOOK, STYLE)

    assert "The 3 most urgent of 5 are listed here. See them all: " \
           "https://portfolio.example/board" in message.text


def test_an_agenda_that_fits_is_listed_whole_without_a_count() -> None:
    [message] = escalations(zombies(), BOOK, replace(STYLE, items_shown=5))

    assert all(f"({i})" in message.text for i in RECOMMENDED)
    assert "mest presserende" not in message.text
    assert "mest presserende" not in message.html


def test_the_counts_are_written_the_danish_way() -> None:
    many = [make_initiative(id=f"M-{n:04d}", title=f"Forsøg {n}", owner="Hanne Lund",
                            review_on=AS_OF - timedelta(days=10)) for n in range(1_200)]
    agenda = build_agenda(many, {}, [], [Department(name="Social services",
                                                     steering_group=GROUP)], AS_OF)

    [message] = escalations(agenda, BOOK, replace(STYLE, items_shown=50))

    assert "1.200" in message.subject
    assert "Her står de 50 mest presserende af 1.200." in message.text


def test_a_chat_post_of_a_long_agenda_is_bounded_like_its_e_mail() -> None:
    """A national group's 5,000 zombies are no chat post: the most urgent, a count in the
    reader's number format, and the button to the group's steering page."""
    hook = Webhook(steering_group=GROUP, url="https://chat.example/hook")
    [post] = agenda_posts("escalation", zombies(), {hook.key: hook}, STYLE)

    body = post.payload["blocks"][1]["text"]["text"]
    assert [i for i in RECOMMENDED if f"• {i} " in body] == ["Z-2", "Z-4", "Z-5"]
    assert "Her står de 3 mest presserende af 5. Se dem alle" in body
    assert post.payload["blocks"][2]["elements"][0]["url"] == \
        "https://portfolio.example/steering?group=Styregruppen+for+digitalisering"
