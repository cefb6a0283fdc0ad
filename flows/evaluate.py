"""evaluate-portfolio: evaluate (read, evaluate, store: the core's) → agenda → notify.

Thin orchestration over the core. Tasks get paths, dates and the acting user; the run's
result travels in memory to the notify task, so task caching is off (hashing a portfolio
would cost more than evaluating it). The core computes what it stores (#14): the flow
never hands it verdicts. Evaluate is the commit point: a failure up to and including it leaves the
database as it was and records the failed run for the dashboard's status line; after it,
the evaluation stands and undeliverable e-mails are kept in the outbox (see
portfolio.notify), not lost.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run
from prefect.utilities.annotations import quote

from flows.artifacts import publish
from flows.common import agenda, database, mail_style, people, send, system_actor
from portfolio.models import Actor, Verdict
from portfolio.notify import DeliveryReport, escalations
from portfolio.review.agenda import Agenda
from portfolio.review.policy import default_policy
from portfolio.service import evaluation

SYSTEM_ACTOR = system_actor("evaluate-portfolio")


@task(name="evaluate", retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE)
def evaluate_and_store(
    db_path: str | None, actor: Actor, run_id: str, as_of: date
) -> evaluation.StoredRun:
    """Read, evaluate and store in the core: the flow never hands verdicts to it (#14)."""
    return evaluation.store_run(database(db_path), actor, run_id, as_of)


@task(name="notify", cache_policy=NO_CACHE)
def notify(
    db_path: str | None, run: evaluation.RunInput, verdicts: list[Verdict], review: Agenda
) -> DeliveryReport:
    """Publish the Prefect artifacts and escalate zombies to their steering groups."""
    style = mail_style()
    titles = run.titles()
    publish(verdicts, titles, review, style)
    return send(escalations(review, people(db_path), style))


def summarise(verdicts: Sequence[Verdict]) -> dict[str, Any]:
    """Counts only: iterating a national run's verdicts would build 50 k models (#7)."""
    return {"evaluated": len(verdicts),
            "recommendations": evaluation.count_recommendations(verdicts)}


def _record_failure(
    db_path: str | None, actor: Actor, run_id: str, as_of: date, exc: Exception
) -> None:
    """Put the failure on the status line; never hide the original error behind this one."""
    try:
        evaluation.record_failed_run(database(db_path), actor, run_id, as_of, default_policy(),
                                     repr(exc))
    except Exception:
        get_run_logger().exception("Could not record the failed run %s", run_id)


@flow(name="evaluate-portfolio", log_prints=False)
def evaluate_portfolio(
    as_of: date | None = None, db_path: str | None = None, actor: Actor | None = None
) -> dict[str, Any]:
    """Evaluate every active initiative as of a date (default today), store the verdicts,
    build the follow-up agenda and escalate reviews overdue without a decision.

    `actor` is who asked (the command line's user); the schedule runs as the flow itself.
    A role that may not evaluate, or a date ahead of today, is refused before anything
    is read or recorded.
    """
    as_of = as_of or date.today()
    actor = actor or SYSTEM_ACTOR
    evaluation.check_run(actor, as_of)
    run_id = str(flow_run.get_id() or "local")
    logger = get_run_logger()
    try:
        done = evaluate_and_store(db_path, actor, run_id, as_of)
    except Exception as exc:
        _record_failure(db_path, actor, run_id, as_of, exc)
        raise
    run, verdicts, stored = done.run, done.verdicts, done.stored
    review = agenda(db_path, as_of)
    # quote: Prefect would visit the agenda's ~34 k items at 50 k initiatives, twice, to
    # look for futures in them (~8 s of a national run, #7); there are none.
    delivery = notify(db_path, run, verdicts, quote(review))
    if delivery.failed:
        logger.error("%s escalation e-mails could not be sent; kept in %s for the next run",
                     len(delivery.failed), delivery.failed[0].kept_at.parent)
    summary = {"run_id": run_id, "as_of": as_of.isoformat(), "stored": stored,
               "policy_version": run.policy.version, **summarise(verdicts),
               "agenda": len(review.items), "mail": delivery.summary()}
    logger.info("Evaluated %s initiatives as of %s: %s", stored, as_of, summary["recommendations"])
    return summary
