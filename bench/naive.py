"""The straightforward implementation `ratio_vs_naive` compares with (#7).

One Prefect task per initiative, each opening the database, loading its own initiative,
KPIs, measurements and decisions, evaluating with the per-initiative reference engine
(tests/oracles/) and storing its verdict: what one writes first, and what the set-based
engine replaces.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from portfolio.models import Evaluation, InitiativeSnapshot
from portfolio.service.evaluation import active_policy
from portfolio.storage import Database
from tests.oracles.engine import evaluate


@task(name="evaluate-one", cache_policy=NO_CACHE)
def evaluate_one(db_path: str, initiative_id: str, as_of: date, run_id: str) -> str:
    db = Database(Path(db_path), lock_timeout=60)
    with db.reading() as store:
        policy = active_policy(store)
        initiative = store.initiatives.get(initiative_id)
        assert initiative is not None
        snapshot = InitiativeSnapshot(
            initiative=initiative,
            kpis=tuple(store.kpis.for_initiative(initiative_id)),
            measurements=tuple(m for m in store.measurements.for_initiative(initiative_id)
                               if m.on <= as_of),
            last_decision_on=max((d.decided_on for d in
                                  store.decisions.for_initiative(initiative_id)), default=None),
        )
    verdict = evaluate(snapshot, policy, as_of)
    with db.transaction() as store:
        store.evaluations.replace([Evaluation(
            **verdict.model_dump(), run_id=run_id, policy_name=policy.name,
            policy_version=policy.version, evaluated_at=datetime.now(UTC).replace(tzinfo=None),
        )])
    return verdict.recommendation.value


@flow(name="naive-evaluate-portfolio")
def naive_evaluate(db_path: str, initiative_ids: list[str], as_of: date) -> int:
    return len([evaluate_one(db_path, i, as_of, "naive") for i in initiative_ids])
