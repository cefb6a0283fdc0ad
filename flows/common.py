"""What the flows share: the plain helpers of flows/steps.py, and the agenda and delivery
tasks used by both evaluate-portfolio and send-reminders."""

from __future__ import annotations

from prefect import task
from prefect.cache_policies import NO_CACHE

from flows.steps import database, mail_style, people, review, send, slug, system_actor
from portfolio.notify import DeliveryReport, Message

__all__ = ["agenda", "database", "deliver_mail", "mail_style", "people", "send", "slug",
           "system_actor"]

agenda = task(name="agenda", retries=2, retry_delay_seconds=2, cache_policy=NO_CACHE)(review)


@task(name="deliver", cache_policy=NO_CACHE)
def deliver_mail(messages: list[Message]) -> DeliveryReport:
    """No task retries: each message is retried on its own, so none is sent twice."""
    return send(messages)
