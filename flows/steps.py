"""The steps of evaluate-portfolio as plain functions, in one sequence (#15).

No Prefect here: the flow (flows/evaluate.py) runs each step as a task against the Prefect
server, and a command-line or dashboard run without a server (flows/local_run.py) calls
the very same steps in the very same order, in-process. One path, two runners; a run
without a server leaves its record in the database's run table (`evaluation_runs`), not
in a temporary Prefect server started for it (docs/performance.md, "Runs without a
Prefect server").
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from portfolio.importing.columns import fold
from portfolio.locations import with_own_password
from portfolio.models import Actor, GroupKey, Verdict
from portfolio.notify import DeliveryReport, MailConfig, Message, deliver, escalations
from portfolio.notify.compose import AddressBook, Style
from portfolio.notify.webhook_delivery import WebhookConfig, WebhookReport, deliver_posts
from portfolio.notify.webhooks import WebhookPost, agenda_posts
from portfolio.openness import Webhook
from portfolio.review.agenda import Agenda, Items
from portfolio.review.policy import default_policy
from portfolio.service import evaluation
from portfolio.service.agenda import agendas_by_steering_group, review_agenda
from portfolio.service.people import address_book
from portfolio.service.webhooks import webhooks
from portfolio.settings import load_settings
from portfolio.storage import Database


def system_actor(flow_name: str) -> Actor:
    """The operator, named after the flow, so the audit trail says which flow wrote."""
    return Actor.operator().model_copy(update={"username": f"prefect:{flow_name}"})


SYSTEM_ACTOR = system_actor("evaluate-portfolio")


def database(db_path: str | None) -> Database:
    """The store a run names (its parameter, never with a password: locations.without_password),
    else this process's own."""
    settings = load_settings()
    return Database(with_own_password(db_path, str(settings.db)) if db_path else settings.db,
                    lock_timeout=settings.lock_timeout_seconds,
                    lake_data_path=settings.lake_data_path)


def mail_style() -> Style:
    return Style.from_settings(load_settings())


def slug(name: str) -> str:
    """An artifact key: lower-case letters, digits and dashes only."""
    return fold(name).replace("_", "-") or "none"


def people(db_path: str | None) -> AddressBook:
    with database(db_path).reading() as store:
        return address_book(store, system_actor("notify"))


def send(messages: list[Message]) -> DeliveryReport:
    return deliver(messages, MailConfig.from_settings(load_settings()))


def evaluate_and_store(db_path: str | None, actor: Actor, run_id: str,
                       as_of: date) -> evaluation.StoredRun:
    """Read, evaluate and store in the core: the flow never hands verdicts to it (#14)."""
    return evaluation.store_run(database(db_path), actor, run_id, as_of)


def review(db_path: str | None, as_of: date) -> Agenda:
    """The follow-up agenda from what is stored now, this run's verdicts included."""
    with database(db_path).reading() as store:
        return review_agenda(store, system_actor("agenda"), as_of,
                             stale_after_days=load_settings().stale_after_days)


def channels(db_path: str | None) -> dict[str, Webhook]:
    """Every steering group's webhook, read in a unit of work of its own."""
    with database(db_path).reading() as store:
        return webhooks(store, system_actor("notify"))


def post_to_channels(db_path: str | None, kind: str, agenda: Agenda) -> WebhookReport:
    """The agenda (`steering`) or its zombies (`escalation`) to each steering group's
    webhook; a post that fails its retries is kept and posted by the next delivery."""
    hooks = channels(db_path)
    return deliver_to_channels(db_path, agenda_posts(kind, agenda, hooks, mail_style())
                               if hooks else [])


def deliver_to_channels(db_path: str | None, posts: Sequence[WebhookPost]) -> WebhookReport:
    """Post `posts` (and the posts kept from earlier failures) to the groups' webhooks."""
    hooks = channels(db_path)
    if not hooks:
        return WebhookReport()
    return deliver_posts(posts, hooks, WebhookConfig.from_settings(load_settings()))


@dataclass(frozen=True)
class FollowUp:
    """What a run's agenda asks of people: how many items and the escalations (one e-mail
    per steering group with zombies, and a post to its chat channel when it has a webhook,
    #19). Built one steering group at a time (#15)."""

    as_of: date
    items: int
    messages: tuple[Message, ...]
    posts: tuple[WebhookPost, ...] = ()


GroupHook = Callable[[GroupKey, Items, Agenda], None]
"""Called with each steering group's agenda items as the group is built (the flow
publishes them as Prefect artifacts meanwhile)."""


def follow_up(db_path: str | None, as_of: date, each_group: GroupHook | None = None) -> FollowUp:
    """The agenda after the run, a steering group at a time: count it, compose each
    group's escalations, and hand its agenda to `each_group`. Nothing is sent here: the
    read stays short, delivery follows in `notify`."""
    style, notify = mail_style(), system_actor("notify")
    items, messages, posts = 0, [], []
    # the address book, the channels and the agenda from one consistent read (#16)
    with database(db_path).reading() as store:
        book, hooks = address_book(store, notify), webhooks(store, notify)
        for agenda in agendas_by_steering_group(
            store, system_actor("agenda"), as_of,
            stale_after_days=load_settings().stale_after_days,
        ):
            items += len(agenda.items)
            messages += escalations(agenda, book, style)
            if hooks:
                posts += agenda_posts("escalation", agenda, hooks, style)
            if each_group is not None:
                for group, steering in agenda.for_steering_groups().items():
                    each_group(group, steering, agenda)
    return FollowUp(as_of, items, tuple(messages), tuple(posts))


def escalate(db_path: str | None, follow: FollowUp) -> DeliveryReport:
    """Deliver the run's escalations: e-mails (or the outbox) and channel posts (failures
    kept for the next run)."""
    report = send(list(follow.messages))
    deliver_to_channels(db_path, follow.posts)
    return report


def record_failure(db_path: str | None, actor: Actor, run_id: str, as_of: date,
                   exc: Exception, logger: logging.Logger | logging.LoggerAdapter[Any]) -> None:
    """Put the failure on the status line; never hide the original error behind this one."""
    try:
        evaluation.record_failed_run(database(db_path), actor, run_id, as_of, default_policy(),
                                     repr(exc))
    except Exception:
        logger.exception("Could not record the failed run %s", run_id)


def notify(db_path: str | None, run: evaluation.RunInput, verdicts: Sequence[Verdict],
           follow: FollowUp) -> DeliveryReport:
    """Without Prefect there is nowhere to publish artifacts (the dashboard shows the same
    rows): deliver the escalations only."""
    return escalate(db_path, follow)


@dataclass(frozen=True)
class Steps:
    """How each step runs: as a plain call (PLAIN) or as a Prefect task (flows/evaluate)."""

    evaluate: Callable[[str | None, Actor, str, date], evaluation.StoredRun] = evaluate_and_store
    follow_up: Callable[[str | None, date], FollowUp] = follow_up
    notify: Callable[[str | None, evaluation.RunInput, Sequence[Verdict], FollowUp],
                     DeliveryReport] = notify


PLAIN = Steps()


def evaluate_portfolio_with(
    steps: Steps, as_of: date, db_path: str | None, actor: Actor, run_id: str,
    logger: logging.Logger | logging.LoggerAdapter[Any],
) -> dict[str, Any]:
    """evaluate (read, evaluate, store: the core's) → follow-up (the agenda a steering
    group at a time, escalations composed) → notify (delivered), and the run's summary
    (counts only: nothing reads a national run's 45 k verdicts back, #15).

    `actor` is who asked (the command line's user); the schedule runs as the flow itself.
    A role that may not evaluate, or a date ahead of today, is refused before anything is
    read or recorded. Evaluate is the commit point: a failure up to and including it
    leaves the database as it was and records the failed run for the status line; after
    it, the evaluation stands and undeliverable e-mails stay in the outbox."""
    evaluation.check_run(actor, as_of)
    try:
        done = steps.evaluate(db_path, actor, run_id, as_of)
    except Exception as exc:
        record_failure(db_path, actor, run_id, as_of, exc, logger)
        raise
    follow = steps.follow_up(db_path, as_of)
    delivery = steps.notify(db_path, done.run, done.verdicts, follow)
    if delivery.failed:
        logger.error("%s escalation e-mails could not be sent; kept in %s for the next run",
                     len(delivery.failed), delivery.failed[0].kept_at.parent)
    summary = {"run_id": run_id, "as_of": as_of.isoformat(), "stored": done.stored,
               "policy_version": done.run.policy.version, "evaluated": len(done.verdicts),
               "recommendations": evaluation.count_recommendations(done.verdicts),
               "agenda": follow.items, "mail": delivery.summary()}
    logger.info("Evaluated %s initiatives as of %s: %s", done.stored, as_of,
                summary["recommendations"])
    return summary
