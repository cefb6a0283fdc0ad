"""send-reminders: e-mail each owner what to follow up, and each steering group its agenda.

The run fails (and shows so in Prefect) when an e-mail could not be sent after its
retries; that e-mail is kept in outbox/failed and sent again by the next run.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.utilities.annotations import quote

from flows.common import agenda, deliver_mail, mail_style, people
from flows.steps import post_to_channels
from portfolio.errors import DeliveryFailed
from portfolio.notify import Message, owner_reminders, steering_agendas
from portfolio.notify.webhook_delivery import WebhookReport
from portfolio.review.agenda import Agenda


@task(name="compose", retries=2, retry_delay_seconds=2, cache_policy=NO_CACHE)
def compose(db_path: str | None, review: Agenda) -> list[Message]:
    book, style = people(db_path), mail_style()
    return [*owner_reminders(review, book, style), *steering_agendas(review, book, style)]


@task(name="post-agendas", cache_policy=NO_CACHE)
def post_agendas(db_path: str | None, review: Agenda) -> WebhookReport:
    """Each steering group's agenda to its chat channel too (#19); no task retries: each
    post is retried on its own, so none is posted twice."""
    return post_to_channels(db_path, "steering", review)


@flow(name="send-reminders", log_prints=False)
def send_reminders(as_of: date | None = None, db_path: str | None = None) -> dict[str, Any]:
    """Remind owners of missing measurements and due reviews; send each group its agenda."""
    as_of = as_of or date.today()
    # quote: no futures in the agenda for Prefect to look for (see evaluate-portfolio)
    review = agenda(db_path, as_of)
    messages = compose(db_path, quote(review))
    report = deliver_mail(messages)
    channels = post_agendas(db_path, quote(review))
    create_table_artifact(
        [{"kind": m.kind, "recipient": m.recipient, "to": m.to or "(no address)",
          "language": m.language, "subject": m.subject} for m in messages],
        key="reminders", description=f"E-mails of {as_of.isoformat()}: {report.summary()}",
    )
    logger = get_run_logger()
    for error in channels.errors:
        logger.warning("A webhook post failed (kept for the next run): %s", error)
    for path in report.unaddressed:
        logger.warning("No address known; kept the e-mail in %s", path)
    if report.failed:
        last = report.failed[-1]
        raise DeliveryFailed(
            f"{len(report.failed)} e-mail(s) could not be sent ({last.error}). They are kept "
            f"in {last.kept_at.parent} and sent again by the next run; check the "
            "FAILSCALE_SMTP_* settings."
        )
    return {"as_of": as_of.isoformat(), "messages": len(messages), **report.summary(),
            "webhooks": channels.summary()}
