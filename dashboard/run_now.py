"""The status line's "run now": through Prefect when its server runs, else in-process.

The only dashboard module that knows Prefect exists, and it imports Prefect only when a
server answers. Through Prefect the run is queued on the `evaluate-portfolio` deployment
(`failscale serve` runs it) and the button returns at once; without a server, or without
that deployment, the flow's steps run here and now (flows/local_run.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from failscale.prefect_env import server_is_up
from flows.local_run import evaluate_locally
from portfolio.models import Actor
from portfolio.service.access import Permission, authorize
from portfolio.service.evaluation import record_run_requested
from portfolio.settings import Settings
from portfolio.storage import Database

DEPLOYMENT = "evaluate-portfolio/evaluate-portfolio"


@dataclass(frozen=True)
class RunStarted:
    via: str
    """"prefect" (queued; the status line shows it when done) or "local" (finished)."""
    run_id: str
    evaluated: int | None = None


def run_now(settings: Settings, actor: Actor, today: date) -> RunStarted:
    authorize(actor, Permission.EVALUATE)
    db = Database(settings.db, lock_timeout=settings.lock_timeout_seconds)
    if server_is_up(settings.prefect_api_url, timeout=0.5):
        flow_run_id = _queue_deployment(settings.prefect_api_url)
        if flow_run_id is not None:
            record_run_requested(db, actor, flow_run_id)
            return RunStarted("prefect", flow_run_id)
    # The flow's own steps in this process, escalations included (flows/local_run.py, #15).
    summary = evaluate_locally(today, str(settings.db), actor)
    return RunStarted("local", summary["run_id"], summary["evaluated"])


def _queue_deployment(api_url: str) -> str | None:
    """Create a flow run of the deployment without waiting; None when it is not deployed."""
    from prefect.deployments import run_deployment
    from prefect.exceptions import ObjectNotFound
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings(updates={PREFECT_API_URL: api_url}):
        try:
            flow_run = run_deployment(DEPLOYMENT, timeout=0)
        except ObjectNotFound:
            return None
    return str(flow_run.id)
