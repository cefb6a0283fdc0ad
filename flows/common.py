"""What the flows share: how a task opens the database, who it acts as, and the agenda and
delivery tasks used by both evaluate-portfolio and send-reminders."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from prefect import task
from prefect.cache_policies import NO_CACHE

from portfolio.importing.columns import fold
from portfolio.models import Actor, Person
from portfolio.notify import DeliveryReport, MailConfig, Message, deliver
from portfolio.notify.compose import Style
from portfolio.review.agenda import Agenda
from portfolio.service.agenda import review_agenda
from portfolio.service.people import address_book
from portfolio.settings import load_settings
from portfolio.storage import Database


def system_actor(flow_name: str) -> Actor:
    """The operator, named after the flow, so the audit trail says which flow wrote."""
    return Actor.operator().model_copy(update={"username": f"prefect:{flow_name}"})


def database(db_path: str | None) -> Database:
    settings = load_settings()
    return Database(Path(db_path) if db_path else settings.db,
                    lock_timeout=settings.lock_timeout_seconds)


def mail_style() -> Style:
    settings = load_settings()
    return Style(settings.dashboard_url, settings.organisation, settings.language)


def slug(name: str) -> str:
    """An artifact key: lower-case letters, digits and dashes only."""
    return fold(name).replace("_", "-") or "none"


@task(name="agenda", retries=2, retry_delay_seconds=2, cache_policy=NO_CACHE)
def agenda(db_path: str | None, as_of: date) -> Agenda:
    settings = load_settings()
    return review_agenda(database(db_path), system_actor("agenda"), as_of,
                         stale_after_days=settings.stale_after_days)


def people(db_path: str | None) -> dict[str, Person]:
    return address_book(database(db_path), system_actor("notify"))


def send(messages: list[Message]) -> DeliveryReport:
    return deliver(messages, MailConfig.from_settings(load_settings()))


@task(name="deliver", cache_policy=NO_CACHE)
def deliver_mail(messages: list[Message]) -> DeliveryReport:
    """No task retries: each message is retried on its own, so none is sent twice."""
    return send(messages)
