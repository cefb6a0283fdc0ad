"""evaluate-portfolio: evaluate (read, evaluate, store: the core's) → follow-up → notify.

Thin orchestration: flows/steps.py holds the steps and their order, and a run without a
Prefect server calls the same steps in-process (flows/local_run.py, #15); here each step
is a task (flows/tasks.py). The core computes what it stores (#14): the flow never hands
it verdicts.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from prefect import flow, get_run_logger
from prefect.runtime import flow_run
from prefect.utilities.annotations import quote

from flows import steps
from flows.artifacts import Publisher
from flows.tasks import evaluate_and_store, follow_up, notify
from portfolio.models import Actor, Verdict
from portfolio.notify import DeliveryReport
from portfolio.service import evaluation

SYSTEM_ACTOR = steps.SYSTEM_ACTOR


def _tasks(publisher: Publisher) -> steps.Steps:
    """The steps as tasks, publishing through one publisher for the whole run."""

    def _follow_up(db_path: str | None, as_of: date) -> steps.FollowUp:
        return follow_up(db_path, as_of, quote(publisher))

    def _notify(db_path: str | None, run: evaluation.RunInput, verdicts: Sequence[Verdict],
                follow: steps.FollowUp) -> DeliveryReport:
        # quote: nothing in the e-mails or agendas is a future for Prefect to look for (#7)
        return notify(db_path, run, verdicts, quote(follow), quote(publisher))

    return steps.Steps(evaluate=evaluate_and_store, follow_up=_follow_up, notify=_notify)


@flow(name="evaluate-portfolio", log_prints=False)
def evaluate_portfolio(
    as_of: date | None = None, db_path: str | None = None, actor: Actor | None = None,
    shards: int = 0,
) -> dict[str, Any]:
    """Evaluate every active initiative as of a date (default today), store the verdicts,
    build the follow-up agenda and escalate reviews overdue without a decision.

    `actor` is who asked (the command line's user); the schedule runs as the flow itself.
    With `shards` > 0 (a work pool, #17) one evaluate-shard run per shard of organisations
    does the evaluating, on the pool's workers (flows/shards.py).
    """
    if shards > 0:
        from flows.shards import run_shards

        return run_shards(as_of or date.today(), db_path, actor or SYSTEM_ACTOR, shards)
    # The artifacts go out while the run goes on; the run ends when the last is stored.
    with Publisher() as publisher:
        return steps.evaluate_portfolio_with(
            _tasks(publisher), as_of or date.today(), db_path, actor or SYSTEM_ACTOR,
            str(flow_run.get_id() or "local"), get_run_logger())
