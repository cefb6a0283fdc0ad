"""Evaluation sharded by organisation, on Prefect work pools (#17).

`evaluate-portfolio` with `shards=N` (what `failscale deploy --pool P --shards N`
registers) splits the organisations into N shards and starts one `evaluate-shard` run per
shard with `run_deployment`; the pool's workers pick them up, on any machine that reaches
the shared store. Each shard reads, evaluates and stores its own organisations' verdicts
in one transaction, under its own run id (whole or absent: a killed shard leaves nothing,
and a rerun replaces what it stores). The parent waits for all of them, gathers their
records from the run table, and only then builds the agenda and sends the escalations,
once for the whole portfolio, publishing the same artifacts as an unsharded run (each
steering group's agenda, the most urgent recommendations, read back bounded).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import date
from typing import Any

from prefect import flow
from prefect.deployments import run_deployment
from prefect.runtime import flow_run
from prefect.utilities.annotations import quote

from flows import steps
from flows.artifacts import Publisher
from flows.tasks import follow_up, notify_shards
from portfolio.locations import without_password
from portfolio.models import Actor
from portfolio.service import evaluation

SHARD_DEPLOYMENT = "evaluate-shard/evaluate-shard"


class ShardFailed(RuntimeError):
    """A shard's run did not complete: the portfolio run is not whole."""


@flow(name="evaluate-shard", log_prints=False)
def evaluate_shard(
    as_of: date, organisations: list[str], db_path: str | None = None
) -> dict[str, Any]:
    """Evaluate and store the verdicts of these organisations' initiatives."""
    run_id = str(flow_run.get_id() or "local")
    done = evaluation.store_run(steps.database(db_path), steps.SYSTEM_ACTOR, run_id, as_of,
                                organisations)
    return {"run_id": run_id, "organisations": len(organisations), "stored": done.stored,
            "recommendations": evaluation.count_recommendations(done.verdicts)}


def _start(as_of: date, organisations: list[str], db_path: str | None, shard: int) -> Any:
    """One shard's run, started once: the parent's run and the shard's number are its
    idempotency key, so a request the client sends again (a timeout on a busy server)
    returns the run already made instead of making a second one."""
    parent = flow_run.get_id()
    return run_deployment(SHARD_DEPLOYMENT, parameters={
        "as_of": as_of.isoformat(), "organisations": organisations,
        "db_path": without_password(db_path) if db_path else None},
        idempotency_key=f"{parent}-shard-{shard}" if parent else None, poll_interval=1)


def run_shards(as_of: date, db_path: str | None, actor: Actor, count: int) -> dict[str, Any]:
    """Fan out one shard run per group of organisations, wait for all, then the agenda and
    the escalations once. A shard that did not complete fails the whole run (after the
    others have finished), so nobody reads a partial portfolio as the day's run."""
    evaluation.check_run(actor, as_of)
    groups = evaluation.shards(steps.database(db_path), actor, count)
    with ThreadPoolExecutor(max_workers=max(len(groups), 1)) as pool:
        runs = list(pool.map(lambda n: _start(as_of, groups[n], db_path, n),
                             range(len(groups))))
    failed = [r for r in runs if not (r.state and r.state.is_completed())]
    if failed:
        raise ShardFailed(f"{len(failed)} of {len(runs)} shards did not complete: "
                          + ", ".join(f"{r.name} ({r.state.name if r.state else '?'})"
                                      for r in failed))
    records = evaluation.runs_stored(steps.database(db_path), actor,
                                     [str(r.id) for r in runs])
    # The same follow-up and artifacts as an unsharded run: a steering group at a time
    # (#15), published while the run goes on.
    with Publisher() as publisher:
        follow = follow_up(db_path, as_of, quote(publisher))
        delivery = notify_shards(db_path, actor, records, quote(follow), quote(publisher))
    return {"as_of": as_of.isoformat(), "shards": len(runs),
            "stored": sum(records.values()), "agenda": follow.items,
            "mail": delivery.summary(),
            "shard_runs": {str(r.id): records.get(str(r.id), 0) for r in runs}}
