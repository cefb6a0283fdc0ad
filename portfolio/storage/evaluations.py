"""Evaluation runs and their stored verdicts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import duckdb

from portfolio.models import Evaluation
from portfolio.review.frames import VerdictFrames
from portfolio.storage.rows import fetch_dicts, from_json, to_json
from portfolio.storage.verdict_rows import insert_verdict_frames


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


def _evaluation(row: dict[str, Any]) -> Evaluation:
    for key in ("criteria", "reasons", "kpis"):
        row[key] = from_json(row[key])
    return Evaluation.model_validate(row)


@dataclass
class Evaluations:
    con: duckdb.DuckDBPyConnection

    def replace(self, evaluations: list[Evaluation]) -> int:
        """Store verdicts; a re-run for the same as-of date and policy version replaces."""
        rows = [
            [
                e.initiative_id, e.as_of, e.policy_name, e.policy_version, e.run_id,
                e.recommendation.value, e.light.value, e.score, e.overdue,
                to_json([c.model_dump(mode="json") for c in e.criteria]),
                to_json([r.model_dump(mode="json") for r in e.reasons]),
                to_json([k.model_dump(mode="json") for k in e.kpis]),
                e.evaluated_at,
            ]
            for e in evaluations
        ]
        if not rows:
            return 0
        self.con.executemany(
            "INSERT OR REPLACE INTO evaluations (initiative_id, as_of, policy_name, "
            "policy_version, run_id, recommendation, light, score, overdue, criteria, reasons, "
            "kpis, evaluated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        return len(rows)

    def replace_frames(
        self, frames: VerdictFrames, *, run_id: str, policy_name: str, policy_version: int,
        evaluated_at: datetime,
    ) -> int:
        """As replace(), for a whole run's verdicts in columnar form, in one statement."""
        return insert_verdict_frames(
            self.con, frames, run_id=run_id, policy_name=policy_name,
            policy_version=policy_version, evaluated_at=evaluated_at,
        )

    def latest(self) -> list[Evaluation]:
        """The newest verdict of every initiative."""
        rows = fetch_dicts(
            self.con,
            "SELECT * FROM evaluations QUALIFY row_number() OVER ("
            "PARTITION BY initiative_id ORDER BY as_of DESC, evaluated_at DESC) = 1 "
            "ORDER BY initiative_id",
        )
        return [_evaluation(r) for r in rows]

    def latest_for(self, initiative_id: str) -> Evaluation | None:
        history = self.history(initiative_id, limit=1)
        return history[0] if history else None

    def history(self, initiative_id: str, limit: int = 100) -> list[Evaluation]:
        rows = fetch_dicts(
            self.con,
            "SELECT * FROM evaluations WHERE initiative_id = ? "
            "ORDER BY as_of DESC, evaluated_at DESC LIMIT ?",
            [initiative_id, limit],
        )
        return [_evaluation(r) for r in rows]

    def for_run(self, run_id: str) -> list[Evaluation]:
        rows = fetch_dicts(
            self.con, "SELECT * FROM evaluations WHERE run_id = ? ORDER BY initiative_id",
            [run_id],
        )
        return [_evaluation(r) for r in rows]

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

    def last_run(self) -> RunRecord | None:
        rows = fetch_dicts(
            self.con, "SELECT * FROM evaluation_runs ORDER BY started_at DESC LIMIT 1"
        )
        return RunRecord(**rows[0]) if rows else None
