"""The steps of evaluate-portfolio as Prefect tasks, for the unsharded flow
(flows/evaluate.py) and the parent of a sharded one (flows/shards.py) alike: both follow
up and notify the same way, publishing the same artifacts (#17).

Tasks get paths, dates and the acting user; a run's result travels in memory to the
notify task, so task caching is off (hashing a portfolio would cost more than evaluating
it).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from prefect import task
from prefect.cache_policies import NO_CACHE

from flows import steps
from flows.artifacts import (
    TABLE_ROWS,
    Publisher,
    agenda_artifact,
    agenda_markdown,
    recommendations_table,
    urgent_table,
)
from portfolio.models import Actor, Verdict
from portfolio.notify import DeliveryReport
from portfolio.service import evaluation

evaluate_and_store = task(name="evaluate", retries=2, retry_delay_seconds=1,
                          cache_policy=NO_CACHE)(steps.evaluate_and_store)


@task(name="follow-up", retries=2, retry_delay_seconds=2, cache_policy=NO_CACHE)
def follow_up(db_path: str | None, as_of: date, publisher: Publisher) -> steps.FollowUp:
    """The agenda a steering group at a time: escalations composed, and each group's
    agenda (at most AGENDA_ROWS items) handed to the run's publisher as the group is
    built: publishing waits on the Prefect server, composing on this process (#15)."""
    style = steps.mail_style()
    return steps.follow_up(db_path, as_of, each_group=lambda group, items, agenda: (
        publisher.add(agenda_artifact(group, agenda_markdown(group, items, agenda, style),
                                      style.default_language))))


@task(name="notify", cache_policy=NO_CACHE)
def notify(db_path: str | None, run: evaluation.RunInput, verdicts: Sequence[Verdict],
           follow: steps.FollowUp, publisher: Publisher) -> DeliveryReport:
    """Hand the recommendations table to the run's publisher and deliver the escalations:
    the agendas and the table wait on the Prefect server while the e-mails are written
    here (#15)."""
    publisher.add(recommendations_table(verdicts, run.titles(), follow.as_of,
                                        steps.mail_style().default_language))
    return steps.escalate(db_path, follow)


@task(name="notify", cache_policy=NO_CACHE)
def notify_shards(db_path: str | None, actor: Actor, stored: dict[str, int],
                  follow: steps.FollowUp, publisher: Publisher) -> DeliveryReport:
    """As `notify`, for a run whose verdicts the shards stored (`stored`: how many each
    shard run did): the table's most urgent rows are read back from the store, bounded."""
    with steps.database(db_path).reading() as store:
        urgent = evaluation.most_urgent_of_runs(store, actor, list(stored), TABLE_ROWS)
    publisher.add(urgent_table(urgent.verdicts, sum(stored.values()), urgent.titles,
                               follow.as_of, steps.mail_style().default_language))
    return steps.escalate(db_path, follow)
