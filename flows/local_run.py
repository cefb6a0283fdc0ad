"""evaluate-portfolio without a Prefect server: the same steps, in this process (#15).

A command-line run (or the dashboard's "run now") with no Prefect server answering used
to start a temporary server for each run: 6-8 s of an 8-9 s municipal run, and two of
them at once fought over one SQLite file. Now it calls flows/steps.py directly and imports
no Prefect. Its record is the run table (`evaluation_runs`, which also holds every flow
run's): a `local-…` run id, the as-of date, the policy version, start and end, status,
the number evaluated, the error of a failed run; and the audit trail's `evaluate` event.
Prefect artifacts are not published (there is no server to hold them); the dashboard
shows the same verdicts and agendas.
"""

from __future__ import annotations

import logging
import uuid
from datetime import date
from typing import Any

from flows.steps import PLAIN, SYSTEM_ACTOR, evaluate_portfolio_with
from portfolio.models import Actor

LOCAL_PREFIX = "local-"
"""Run ids of runs without Prefect; a flow run's id is its Prefect flow-run UUID."""


def evaluate_locally(as_of: date, db_path: str | None = None,
                     actor: Actor | None = None) -> dict[str, Any]:
    """Evaluate, store, build the agenda and escalate, as evaluate-portfolio does, as
    `actor` (who asked; default the flow's own system actor)."""
    run_id = f"{LOCAL_PREFIX}{uuid.uuid4()}"
    return evaluate_portfolio_with(PLAIN, as_of, db_path, actor or SYSTEM_ACTOR, run_id,
                                   logging.getLogger("failscale.evaluate"))
