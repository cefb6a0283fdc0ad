"""E-mail end to end: composed in the reader's language, sent to a real SMTP server, or
kept in the outbox — never lost."""

from __future__ import annotations

import email
import email.policy
from datetime import timedelta
from email.message import EmailMessage
from pathlib import Path

from portfolio.models import Department, Person, Recommendation
from portfolio.notify import MailConfig, deliver, escalations, owner_reminders, steering_agendas
from portfolio.notify.compose import AddressBook, Style
from portfolio.review.agenda import Agenda
from tests.agenda_models import build_agenda
from tests.factories import AS_OF, make_evaluation, make_initiative
from tests.smtp import Mailbox, free_port

WELFARE = "Velfærdsstyregruppen"
SERVICE = "Styregruppen for drift og service"
STYLE = Style(dashboard_url="https://portfolio.demo-kommune.example/", organisation="Demo Kommune")
PEOPLE = AddressBook(people={p.key: p for p in (
    Person(name="Hanne Lund", email="hanne@demo.example", language="da"),
    Person(name="Sara Ahmed", email="sara@demo.example", language="en"),
    Person(name=WELFARE, email="velfaerd@demo.example", language="da"),
)})


def agenda() -> Agenda:
    """Hanne's overdue review (welfare), Sara's NEEDS_DATA (service, a group with no
    address) and an initiative whose owner nobody knows."""
    overdue = make_initiative(id="SB-01", title="Skærmbesøg <i hjemmeplejen>",
                              owner="Hanne Lund", review_on=AS_OF - timedelta(days=20))
    thin = make_initiative(id="KB-06", title="Chatbot", department="Borgerservice",
                           owner="Sara Ahmed")
    unknown = make_initiative(id="X-1", title="Orphan", owner="Nobody Known",
                              review_on=AS_OF - timedelta(days=3))
    departments = [Department(name="Social services", steering_group=WELFARE),
                   Department(name="Borgerservice", steering_group=SERVICE)]
    latest = {"KB-06": make_evaluation("KB-06", Recommendation.NEEDS_DATA),
              "SB-01": make_evaluation("SB-01", Recommendation.PIVOT)}
    return build_agenda([overdue, thin, unknown], latest, [], departments, AS_OF)


def config(outbox: Path, port: int = 0, **overrides: object) -> MailConfig:
    values: dict = {"outbox": outbox, "sender": "fail-or-scale@demo.example",
                    "host": "127.0.0.1" if port else "", "port": port, "starttls": False,
                    "attempts": 2, "retry_seconds": 0.01, "timeout": 5}
    values.update(overrides)
    return MailConfig(**values)


def parts(message: EmailMessage) -> tuple[str, str]:
    text = message.get_body(("plain",))
    html = message.get_body(("html",))
    assert text is not None and html is not None, "both a plain-text and an HTML part"
    return text.get_content(), html.get_content()


def test_owners_and_steering_groups_get_mail_in_their_language_with_dashboard_links(
    smtp_server: Mailbox, tmp_path: Path
) -> None:
    review = agenda()
    messages = [*owner_reminders(review, PEOPLE, STYLE), *steering_agendas(review, PEOPLE, STYLE)]

    report = deliver(messages, config(tmp_path / "outbox", smtp_server.port))

    assert sorted(report.sent) == ["hanne@demo.example", "sara@demo.example",
                                   "velfaerd@demo.example"]
    hanne_text, hanne_html = parts(smtp_server.to("hanne@demo.example"))
    assert "Kære Hanne Lund" in hanne_text and "passeret uden en beslutning" in hanne_text
    assert "https://portfolio.demo-kommune.example/initiative?id=SB-01" in hanne_text
    assert 'href="https://portfolio.demo-kommune.example/initiative?id=SB-01"' in hanne_html
    assert "Skærmbesøg &lt;i hjemmeplejen&gt;" in hanne_html, "titles are escaped in HTML"
    sara = smtp_server.to("sara@demo.example")
    sara_text, _ = parts(sara)
    assert "Dear Sara Ahmed" in sara_text and "record measurements" in sara_text
    assert sara["Content-Language"] == "en"
    group_text, _ = parts(smtp_server.to("velfaerd@demo.example"))
    assert "dagsordenen for Velfærdsstyregruppen" in group_text and "SB-01" in group_text


def test_names_without_an_address_are_kept_in_the_outbox_not_dropped(
    smtp_server: Mailbox, tmp_path: Path
) -> None:
    review = agenda()
    messages = [*owner_reminders(review, PEOPLE, STYLE), *steering_agendas(review, PEOPLE, STYLE)]

    report = deliver(messages, config(tmp_path / "outbox", smtp_server.port))

    kept = sorted(p.name for p in report.unaddressed)
    assert len(kept) == 2
    assert any("nobody-known" in name for name in kept)
    assert any("styregruppen-for-drift-og-service" in name for name in kept)


def test_without_an_smtp_host_every_message_is_written_to_the_outbox_as_eml(
    tmp_path: Path
) -> None:
    review = agenda()
    messages = steering_agendas(review, PEOPLE, STYLE)

    report = deliver(messages, config(tmp_path / "outbox"))

    (written,) = report.written
    assert written.parent == tmp_path / "outbox" and written.suffix == ".eml"
    assert b"velfaerd@demo.example" in written.read_bytes()
    assert report.sent == () and report.failed == ()


def test_a_send_to_a_server_that_is_down_is_retried_kept_and_sent_by_the_next_run(
    tmp_path: Path, smtp_server: Mailbox
) -> None:
    messages = escalations(agenda(), PEOPLE, STYLE)
    outbox = tmp_path / "outbox"

    down = deliver(messages, config(outbox, free_port()))

    (failure,) = down.failed
    assert failure.to == "velfaerd@demo.example" and "Connection" in failure.error
    assert failure.kept_at.parent == outbox / "failed" and failure.kept_at.is_file()

    later = deliver([], config(outbox, smtp_server.port))

    assert later.sent and "velfaerd@demo.example" in later.sent[0]
    assert not any((outbox / "failed").iterdir())
    assert [rcpts for rcpts, _ in smtp_server.received] == [["velfaerd@demo.example"]]


def test_one_delivery_sends_every_message_in_one_smtp_session(
    smtp_server: Mailbox, tmp_path: Path
) -> None:
    """A national run sends ~100 escalations: one connection (and STARTTLS handshake)
    for them all, not one each."""
    review = agenda()
    messages = [*owner_reminders(review, PEOPLE, STYLE), *steering_agendas(review, PEOPLE, STYLE)]

    report = deliver(messages, config(tmp_path / "outbox", smtp_server.port))

    assert len(report.sent) == 3 == len(smtp_server.received)
    assert len(set(smtp_server.peers)) == 1


def test_a_refused_send_is_retried_in_a_new_session_and_the_rest_follow(
    smtp_server: Mailbox, tmp_path: Path
) -> None:
    review = agenda()
    messages = [*owner_reminders(review, PEOPLE, STYLE), *steering_agendas(review, PEOPLE, STYLE)]
    smtp_server.refuse = 1

    report = deliver(messages, config(tmp_path / "outbox", smtp_server.port))

    assert sorted(report.sent) == ["hanne@demo.example", "sara@demo.example",
                                   "velfaerd@demo.example"]
    assert report.failed == () and len(smtp_server.received) == 3
    assert len(set(smtp_server.peers)) == 1, "all taken in the session opened after the refusal"


def test_message_bodies_are_seven_bit_and_read_back_as_written(tmp_path: Path) -> None:
    """Danish text goes base64-encoded: every SMTP server takes it, and a mail client
    shows it unchanged."""
    (message,) = escalations(agenda(), PEOPLE, STYLE)

    raw = message.as_email("fail-or-scale@demo.example").as_bytes()

    assert raw.isascii()
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    text, html = parts(parsed)  # type: ignore[arg-type]
    assert (text, html) == (message.text, message.html)
    assert "Skærmbesøg" in text


def test_escalations_name_only_reviews_overdue_without_a_decision() -> None:
    (message,) = escalations(agenda(), PEOPLE, STYLE)

    assert message.recipient == WELFARE and message.language == "da"
    assert "SB-01" in message.text and "X-1" in message.text and "KB-06" not in message.text
    # Danish first: the date as a Danish reader writes it, not 2025-06-10
    assert "10. juni 2025" in message.text and "2025-06-10" not in message.text
