"""Evaluation runs and their stored verdicts."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime

import duckdb

from portfolio.models import Evaluation
from portfolio.review.frames import VerdictFrames
from portfolio.review.urgency import URGENCY
from portfolio.storage.rows import fetch_dicts, fetch_value
from portfolio.storage.stored_verdicts import read_evaluations
from portfolio.storage.verdict_rows import frames_of, insert_verdict_frames

_URGENCY_ORDER = (
    "NOT overdue, CASE recommendation "
    + " ".join(f"WHEN '{rec.value}' THEN {rank}" for rank, rec in enumerate(URGENCY))
    + f" ELSE {len(URGENCY)} END, initiative_id"
)
"""review.urgency's order (urgency_key) in SQL, written from the same constants."""

_OF_RUNS_BY_URGENCY = f"""
SELECT * FROM evaluations WHERE run_id IN (SELECT unnest($runs::VARCHAR[]))
ORDER BY {_URGENCY_ORDER} LIMIT $limit
"""  # noqa: S608 - only the constant order is formatted in


@dataclass(frozen=True)
class RunRecord:
    run_id: str
    as_of: date
    policy_name: str
    policy_version: int
    started_at: datetime
    finished_at: datetime | None
    status: str
    evaluated: int
    error: str | None


@dataclass
class Evaluations:
    con: duckdb.DuckDBPyConnection

    def replace(self, evaluations: list[Evaluation]) -> int:
        """Store verdicts; a re-run for the same as-of date and policy version replaces."""
        runs: dict[tuple[date, str, int, str, datetime], list[Evaluation]] = {}
        for e in evaluations:
            key = (e.as_of, e.policy_name, e.policy_version, e.run_id, e.evaluated_at)
            runs.setdefault(key, []).append(e)
        for (as_of, policy_name, policy_version, run_id, evaluated_at), run in runs.items():
            insert_verdict_frames(
                self.con, frames_of(as_of, run), run_id=run_id, policy_name=policy_name,
                policy_version=policy_version, evaluated_at=evaluated_at,
            )
        return len(evaluations)

    def replace_frames(
        self, frames: VerdictFrames, *, run_id: str, policy_name: str, policy_version: int,
        evaluated_at: datetime,
    ) -> int:
        """As replace(), for a whole run's verdicts in columnar form, in one statement each."""
        return insert_verdict_frames(
            self.con, frames, run_id=run_id, policy_name=policy_name,
            policy_version=policy_version, evaluated_at=evaluated_at,
        )

    def latest(self) -> list[Evaluation]:
        """The newest verdict of every initiative."""
        return read_evaluations(
            self.con,
            "SELECT * FROM evaluations QUALIFY row_number() OVER ("
            "PARTITION BY initiative_id ORDER BY as_of DESC, evaluated_at DESC) = 1",
            "initiative_id",
        )

    def latest_for_ids(self, ids: Collection[str]) -> list[Evaluation]:
        """The newest verdict of each of `ids`: one steering group's items cost what they
        cost, not what the nation's latest() costs (~40 s at 50 k)."""
        return read_evaluations(
            self.con,
            "SELECT * FROM evaluations WHERE initiative_id IN (SELECT unnest($ids::VARCHAR[])) "
            "QUALIFY row_number() OVER ("
            "PARTITION BY initiative_id ORDER BY as_of DESC, evaluated_at DESC) = 1",
            "initiative_id",
            {"ids": sorted(ids)},
        )

    def newest_as_of(self) -> date | None:
        """The as-of date of the newest verdict: the evidence date of the latest verdicts."""
        return fetch_value(self.con, "SELECT max(as_of) FROM evaluations")

    def latest_for(self, initiative_id: str) -> Evaluation | None:
        history = self.history(initiative_id, limit=1)
        return history[0] if history else None

    def history(self, initiative_id: str, limit: int = 100) -> list[Evaluation]:
        return read_evaluations(
            self.con,
            "SELECT * FROM evaluations WHERE initiative_id = $initiative_id "
            "ORDER BY as_of DESC, evaluated_at DESC LIMIT $limit",
            "as_of DESC, evaluated_at DESC",
            {"initiative_id": initiative_id, "limit": limit},
        )

    def for_run(self, run_id: str) -> list[Evaluation]:
        return read_evaluations(
            self.con, "SELECT * FROM evaluations WHERE run_id = $run_id", "initiative_id",
            {"run_id": run_id},
        )

    def start_run(
        self, run_id: str, as_of: date, policy_name: str, policy_version: int, at: datetime
    ) -> None:
        self.con.execute(
            "INSERT OR REPLACE INTO evaluation_runs (run_id, as_of, policy_name, policy_version, "
            "started_at, status) VALUES (?, ?, ?, ?, ?, 'running')",
            [run_id, as_of, policy_name, policy_version, at],
        )

    def finish_run(
        self, run_id: str, status: str, evaluated: int, at: datetime, error: str | None = None
    ) -> None:
        self.con.execute(
            "UPDATE evaluation_runs SET status = ?, evaluated = ?, finished_at = ?, error = ? "
            "WHERE run_id = ?",
            [status, evaluated, at, error, run_id],
        )

    def most_urgent_of_runs(self, run_ids: Collection[str], limit: int) -> list[Evaluation]:
        """At most `limit` verdicts stored by these runs (the shards of one run), in
        review.urgency's order, read back as models: a bounded table, not 50 k models."""
        return read_evaluations(
            self.con,
            _OF_RUNS_BY_URGENCY, _URGENCY_ORDER, {"runs": sorted(run_ids), "limit": limit},
        )

    def completed_counts(self, run_ids: Collection[str]) -> dict[str, int]:
        """How many verdicts each of these runs stored, for those that completed."""
        rows = self.con.execute(
            "SELECT run_id, evaluated FROM evaluation_runs WHERE status = 'completed' "
            "AND run_id IN (SELECT unnest(?::VARCHAR[]))", [list(run_ids)]).fetchall()
        return {str(r[0]): int(r[1]) for r in rows}

    def last_run(self) -> RunRecord | None:
        rows = fetch_dicts(
            self.con, "SELECT * FROM evaluation_runs ORDER BY started_at DESC LIMIT 1"
        )
        return RunRecord(**rows[0]) if rows else None
