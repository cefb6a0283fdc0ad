"""evaluate-portfolio: snapshot → evaluate → persist, as thin orchestration over the core.

Tasks get paths and dates; the snapshot travels in memory between them, so task caching
is off (hashing a portfolio would cost more than evaluating it).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run

from portfolio.models import Actor, Recommendation, Verdict
from portfolio.service import evaluation
from portfolio.settings import load_settings
from portfolio.storage import Database

SYSTEM_ACTOR = Actor.operator().model_copy(update={"username": "prefect:evaluate-portfolio"})


def _database(db_path: str | None) -> Database:
    settings = load_settings()
    return Database(Path(db_path) if db_path else settings.db,
                    lock_timeout=settings.lock_timeout_seconds)


@task(name="snapshot", retries=2, retry_delay_seconds=2, cache_policy=NO_CACHE)
def snapshot(db_path: str | None, as_of: date) -> evaluation.RunInput:
    return evaluation.prepare_run(_database(db_path), as_of)


@task(name="evaluate", cache_policy=NO_CACHE)
def evaluate(run: evaluation.RunInput) -> list[Verdict]:
    return evaluation.evaluate_run(run)


@task(name="persist", retries=2, retry_delay_seconds=2, cache_policy=NO_CACHE)
def persist(
    db_path: str | None, run_id: str, run: evaluation.RunInput, verdicts: list[Verdict]
) -> int:
    return evaluation.persist_run(_database(db_path), SYSTEM_ACTOR, run_id, run, verdicts)


def summarise(verdicts: list[Verdict]) -> dict[str, Any]:
    counts = {r.value: 0 for r in Recommendation}
    for v in verdicts:
        counts[v.recommendation.value] += 1
    return {"evaluated": len(verdicts), "recommendations": counts}


@flow(name="evaluate-portfolio", log_prints=False)
def evaluate_portfolio(as_of: date | None = None, db_path: str | None = None) -> dict[str, Any]:
    """Evaluate every active initiative as of a date (default today) and store the verdicts."""
    as_of = as_of or date.today()
    run_id = str(flow_run.get_id() or "local")
    logger = get_run_logger()
    run = snapshot(db_path, as_of)
    try:
        verdicts = evaluate(run)
        stored = persist(db_path, run_id, run, verdicts)
    except Exception as exc:
        evaluation.record_failed_run(_database(db_path), run_id, as_of, run.policy, repr(exc))
        raise
    summary = {"run_id": run_id, "as_of": as_of.isoformat(), "stored": stored,
               "policy_version": run.policy.version, **summarise(verdicts)}
    logger.info("Evaluated %s initiatives as of %s: %s", stored, as_of, summary["recommendations"])
    return summary
