"""Evaluation use cases: the imperative shell around the pure engine.

A run reads one consistent snapshot, evaluates it in memory, and writes every verdict in
one transaction: a crash leaves the whole run or none of it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime

from portfolio.models import Actor, Evaluation, InitiativeSnapshot, Verdict
from portfolio.review.engine import evaluate_all
from portfolio.review.policy import ReviewPolicy, default_policy
from portfolio.service import audit
from portfolio.service.access import Permission, authorize
from portfolio.storage import Database, Store
from portfolio.storage.evaluations import RunRecord


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class RunInput:
    as_of: date
    policy: ReviewPolicy
    snapshots: tuple[InitiativeSnapshot, ...]


def active_policy(store: Store) -> ReviewPolicy:
    return store.policies.active() or default_policy()


def load_snapshots(store: Store, as_of: date) -> list[InitiativeSnapshot]:
    """Everything the engine needs about every active initiative, in one read."""
    initiatives = store.initiatives.all(active_only=True)
    ids = [i.id for i in initiatives]
    kpis = defaultdict(list)
    for kpi in store.kpis.for_initiatives(ids):
        kpis[kpi.initiative_id].append(kpi)
    measurements = defaultdict(list)
    for m in store.measurements.for_initiatives(ids, as_of):
        measurements[m.initiative_id].append(m)
    decided = store.decisions.last_dates()
    return [
        InitiativeSnapshot(
            initiative=i,
            kpis=tuple(kpis[i.id]),
            measurements=tuple(measurements[i.id]),
            last_decision_on=decided.get(i.id),
        )
        for i in initiatives
    ]


def prepare_run(db: Database, as_of: date) -> RunInput:
    with db.reading() as store:
        return RunInput(as_of, active_policy(store), tuple(load_snapshots(store, as_of)))


def evaluate_run(run: RunInput) -> list[Verdict]:
    return evaluate_all(run.snapshots, run.policy, run.as_of)


def persist_run(
    db: Database, actor: Actor, run_id: str, run: RunInput, verdicts: list[Verdict]
) -> int:
    """Store a run's verdicts atomically; re-running the same as-of and policy replaces."""
    authorize(actor, Permission.EVALUATE)
    now = _now()
    evaluations = [
        Evaluation(
            **v.model_dump(),
            run_id=run_id,
            policy_name=run.policy.name,
            policy_version=run.policy.version,
            evaluated_at=now,
        )
        for v in verdicts
    ]
    with db.transaction() as store:
        store.evaluations.start_run(run_id, run.as_of, run.policy.name, run.policy.version, now)
        stored = store.evaluations.replace(evaluations)
        store.evaluations.finish_run(run_id, "completed", stored, _now())
        audit.record(
            store, actor, "evaluate", "evaluation_run", run_id,
            after={"as_of": run.as_of.isoformat(), "policy": run.policy.name,
                   "policy_version": run.policy.version, "evaluated": stored},
        )
    return stored


def record_failed_run(
    db: Database, run_id: str, as_of: date, policy: ReviewPolicy, error: str
) -> None:
    """Remember a failure for the status line; the results of the run were not stored."""
    with db.transaction() as store:
        now = _now()
        store.evaluations.start_run(run_id, as_of, policy.name, policy.version, now)
        store.evaluations.finish_run(run_id, "failed", 0, now, error[:2000])


def last_run(db: Database) -> RunRecord | None:
    with db.reading() as store:
        return store.evaluations.last_run()


def evaluate_now(db: Database, actor: Actor, as_of: date, run_id: str) -> list[Evaluation]:
    """Evaluate in this process without an orchestrator (used by tests and `--local`)."""
    run = prepare_run(db, as_of)
    persist_run(db, actor, run_id, run, evaluate_run(run))
    with db.reading() as store:
        return store.evaluations.for_run(run_id)


def evaluations_of_run(db: Database, actor: Actor, run_id: str) -> list[Evaluation]:
    authorize(actor, Permission.READ)
    with db.reading() as store:
        return store.evaluations.for_run(run_id)
