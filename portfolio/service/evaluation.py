"""Evaluation use cases: the imperative shell around the pure engine.

A run reads one consistent snapshot, evaluates it in memory, and writes every verdict in
one transaction: a crash leaves the whole run or none of it. The portfolio run is
set-based (#7): per-KPI statistics come from one query in DuckDB (kept at write time
since #15, storage.measurement_stats), the policy is applied column-wise
(portfolio.review.vectorised) and the verdicts are stored in bulk. That one engine is all
production runs; tests/oracles/ keeps the per-initiative reference.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from time import perf_counter

from portfolio.errors import ValidationFailed
from portfolio.models import Actor, Evaluation, Verdict
from portfolio.review.frames import PortfolioFrames, VerdictTable
from portfolio.review.policy import ReviewPolicy, default_policy
from portfolio.review.vectorised import evaluate_frames
from portfolio.service import audit
from portfolio.service.access import Permission, authorize
from portfolio.storage import Database, Store
from portfolio.storage.evaluations import RunRecord
from portfolio.storage.run_verdicts import RunVerdict


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class RunInput:
    """What a run evaluates: per-KPI statistics, not measurements, so memory stays bounded."""

    as_of: date
    policy: ReviewPolicy
    frames: PortfolioFrames

    def titles(self) -> dict[str, str]:
        """Title of every initiative in the run, by id."""
        table = self.frames.initiatives
        return dict(zip(table.column("initiative_id").to_pylist(),
                        table.column("title").to_pylist(), strict=True))


def active_policy(store: Store) -> ReviewPolicy:
    return store.policies.active() or default_policy()


def prepare_run(db: Database, actor: Actor, as_of: date,
                organisations: list[str] | None = None) -> RunInput:
    """The whole portfolio's KPI statistics (or one shard's: those `organisations`) and
    the active policy: only for those who may evaluate (it reads every department's data)."""
    with db.reading() as store:
        return read_run(store, actor, as_of, organisations)


def read_run(store: Store, actor: Actor, as_of: date,
             organisations: list[str] | None = None) -> RunInput:
    """prepare_run within a unit of work the caller opened (#16)."""
    authorize(actor, Permission.EVALUATE)
    return RunInput(as_of, active_policy(store), store.kpi_stats.portfolio(as_of, organisations))


def shards(db: Database, actor: Actor, count: int) -> list[list[str]]:
    """The organisations split into at most `count` shards of a run, round-robin in name
    order: every organisation in exactly one (#17)."""
    authorize(actor, Permission.EVALUATE)
    with db.reading() as store:
        names = store.kpi_stats.organisations()
    split = [names[i::max(count, 1)] for i in range(max(count, 1))]
    return [s for s in split if s]


def runs_stored(db: Database, actor: Actor, run_ids: list[str]) -> dict[str, int]:
    """Verdicts stored by each of these completed runs (the shards of one run)."""
    authorize(actor, Permission.READ)
    with db.reading() as store:
        return store.evaluations.completed_counts(run_ids)


@dataclass(frozen=True)
class UrgentVerdicts:
    """The most urgent verdicts of a sharded run, read back bounded, with their titles."""

    verdicts: list[Evaluation]
    titles: dict[str, str]


def most_urgent_of_runs(store: Store, actor: Actor, run_ids: list[str],
                        limit: int) -> UrgentVerdicts:
    """At most `limit` verdicts these runs (the shards of one run) stored, the most urgent
    first (review.urgency): what an unsharded run's `most_urgent` gives from memory."""
    authorize(actor, Permission.READ)
    chosen = store.evaluations.most_urgent_of_runs(run_ids, limit)
    named = store.initiatives.for_ids({e.initiative_id for e in chosen})
    return UrgentVerdicts(chosen, {i.id: i.title for i in named})


def evaluate_run(run: RunInput) -> VerdictTable:
    """Every verdict of the run; a Sequence[Verdict] whose models are built only when read."""
    return VerdictTable(evaluate_frames(run.frames, run.policy, run.as_of))


def count_recommendations(verdicts: VerdictTable) -> dict[str, int]:
    """Verdicts per recommendation, without building a model per verdict."""
    return verdicts.frames.counts()


def most_urgent(verdicts: VerdictTable, limit: int) -> list[Verdict]:
    """At most `limit` verdicts, overdue first, then CLOSE, NEEDS_DATA, … (review.urgency);
    only those models are built."""
    return verdicts.most_urgent(limit)


@dataclass(frozen=True)
class StoredRun:
    """A completed run: what it read, the verdicts the core computed and stored, and how
    long each step took (the flow logs it; the bench reports it)."""

    run_id: str
    run: RunInput
    verdicts: VerdictTable
    stored: int
    seconds: dict[str, float]


def refuse_future(as_of: date, today: date | None = None) -> None:
    """A stored run judges evidence as of a date that has happened: a run "from 2099"
    would become every initiative's latest verdict (issue #14). A preview may look ahead."""
    today = today or date.today()
    if as_of > today:
        raise ValidationFailed(code="evaluation.future",
                               params={"as_of": as_of.isoformat(), "today": today.isoformat()})


def check_run(actor: Actor, as_of: date) -> None:
    """Refuse a stored run before anything is read: a role that may not evaluate, or a
    date ahead of today."""
    authorize(actor, Permission.EVALUATE)
    refuse_future(as_of)


def preview(db: Database, actor: Actor, as_of: date) -> VerdictTable:
    """The verdicts a run as of `as_of` would store, stored nowhere (any date, also ahead)."""
    return evaluate_run(prepare_run(db, actor, as_of))


def store_run(db: Database, actor: Actor, run_id: str, as_of: date,
              organisations: list[str] | None = None) -> StoredRun:
    """Evaluate the stored portfolio as of a date and store every verdict atomically;
    re-running the same as-of and policy replaces. With `organisations`, one shard of a
    run: only those organisations' initiatives are read and their verdicts replaced.

    The verdicts are computed here from what this function read, never taken from a
    caller: a caller once stored a forged SCALE for another department (#14). Who may
    start a run is the EVALUATE permission; a run covers every department, because the
    verdicts it stores are the engine's whoever asks (docs/security.md).
    """
    check_run(actor, as_of)
    started = perf_counter()
    run = prepare_run(db, actor, as_of, organisations)
    read = perf_counter()
    verdicts = evaluate_run(run)
    evaluated = perf_counter()
    with db.transaction() as store:
        stored = _persist(store, actor, run_id, run, verdicts)
    seconds = {"read": read - started, "evaluate": evaluated - read,
               "persist": perf_counter() - evaluated}
    return StoredRun(run_id, run, verdicts, stored, seconds)


def _persist(
    store: Store, actor: Actor, run_id: str, run: RunInput, verdicts: VerdictTable
) -> int:
    """Store a run's verdicts, its record and audit event. Private on purpose: verdicts
    are only ever the ones store_run computed from what it read, never a caller's (#14),
    so evaluation is not a use case to compose with others in one unit of work; it reads
    in one, evaluates holding nothing, and writes in another (docs/architecture.md)."""
    now = _now()
    store.evaluations.start_run(run_id, run.as_of, run.policy.name, run.policy.version, now)
    stored = store.evaluations.replace_frames(
        verdicts.frames, run_id=run_id, policy_name=run.policy.name,
        policy_version=run.policy.version, evaluated_at=now,
    )
    store.evaluations.finish_run(run_id, "completed", stored, _now())
    audit.record(
        store, actor, "evaluate", "evaluation_run", run_id,
        after={"as_of": run.as_of.isoformat(), "policy": run.policy.name,
               "policy_version": run.policy.version, "evaluated": stored},
    )
    return stored


def record_failed_run(
    db: Database, actor: Actor, run_id: str, as_of: date, policy: ReviewPolicy, error: str
) -> None:
    """Remember a failure for the status line; the results of the run were not stored."""
    authorize(actor, Permission.EVALUATE)
    with db.transaction() as store:
        now = _now()
        store.evaluations.start_run(run_id, as_of, policy.name, policy.version, now)
        store.evaluations.finish_run(run_id, "failed", 0, now, error[:2000])
        audit.record(store, actor, "evaluate_failed", "evaluation_run", run_id,
                     after={"as_of": as_of.isoformat(), "error": error[:500]})


def record_run_requested(db: Database, actor: Actor, flow_run_id: str) -> None:
    """Who asked for a queued run: the run itself is audited as the flow's system actor."""
    authorize(actor, Permission.EVALUATE)
    with db.transaction() as store:
        audit.record(store, actor, "request_evaluation", "evaluation_run", flow_run_id)


def last_run(db: Database, actor: Actor) -> RunRecord | None:
    """When the last run ended and how: the status line, shown to every signed-in user.
    Holds no portfolio data beyond a count."""
    authorize(actor, Permission.READ)
    with db.reading() as store:
        return store.evaluations.last_run()


def evaluate_now(db: Database, actor: Actor, as_of: date, run_id: str) -> list[Evaluation]:
    """Evaluate in this process without an orchestrator (used by tests and `--local`)."""
    store_run(db, actor, run_id, as_of)
    with db.reading() as store:
        return store.evaluations.for_run(run_id)


def run_verdict_pages(db: Database, actor: Actor, run_id: str,
                      page_size: int = 2_000) -> Iterator[list[RunVerdict]]:
    """A run's stored verdicts as slim rows, `page_size` at a time, by initiative id: the
    caller holds one page, never the run's 45 k verdicts as models (#15)."""
    authorize(actor, Permission.READ)
    with db.reading() as store:
        yield from store.run_verdicts.pages(run_id, page_size)
