"""Which Prefect server a command-line run talks to.

A running server (the one `make up` starts) is always preferred: two temporary servers
started by two processes at once would fight over one SQLite file. Without one, an
evaluation runs its steps in-process (run_evaluation, #15); `failscale serve` still gets a
temporary server with its own home, so concurrent processes never collide.
"""

from __future__ import annotations

import os
import tempfile
import urllib.request
from datetime import date
from typing import Any

from failscale.tuning import tune_for_one_run
from portfolio.models import Actor
from portfolio.settings import Settings


def server_is_up(api_url: str, timeout: float = 1.0) -> bool:
    try:
        with urllib.request.urlopen(f"{api_url.rstrip('/')}/health", timeout=timeout) as resp:
            return resp.status == 200
    except OSError:
        return False


def configure(settings: Settings, *, quiet: bool = True) -> str:
    """Point Prefect at a server before it is imported; returns a description."""
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    if quiet:
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    if os.environ.get("PREFECT_API_URL"):
        return os.environ["PREFECT_API_URL"]
    if server_is_up(settings.prefect_api_url):
        os.environ["PREFECT_API_URL"] = settings.prefect_api_url
        return settings.prefect_api_url
    os.environ["PREFECT_HOME"] = tempfile.mkdtemp(prefix="failscale-prefect-")
    # Prefect waits 20 s by default; two temporary servers starting at once on a small
    # machine need longer (measured: the second one timed out), so allow two minutes.
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    return "temporary"


def running_server(settings: Settings) -> str | None:
    """The API of the Prefect server a run should report to (an explicit PREFECT_API_URL
    before FAILSCALE_PREFECT_API_URL), or None when it does not answer: a dead address set
    by hand is no reason for a traceback either."""
    api_url = os.environ.get("PREFECT_API_URL") or settings.prefect_api_url
    return api_url if server_is_up(api_url) else None


def require_server(settings: Settings) -> str:
    """Point Prefect at the running server, which work pools need (#17): a temporary one
    would vanish with this process, and its workers and runs with it."""
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    api_url = running_server(settings)
    if api_url is None:
        from portfolio.errors import PortfolioError

        raise PortfolioError(code="prefect.unreachable", params={
            "url": os.environ.get("PREFECT_API_URL") or settings.prefect_api_url})
    os.environ["PREFECT_API_URL"] = api_url
    return api_url


def run_evaluation(settings: Settings, as_of: date, actor: Actor) -> dict[str, Any]:
    """evaluate-portfolio as a flow run of the running Prefect server; without one, the
    same steps in this process (flows/local_run.py), recorded in the run table — not a
    temporary server per run, which cost 6-8 s and fought over one SQLite file (#15)."""
    api_url = running_server(settings)
    if api_url is None:
        from flows.local_run import evaluate_locally

        tune_for_one_run()
        return evaluate_locally(as_of, str(settings.db), actor)
    os.environ["PREFECT_API_URL"] = api_url
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    from flows.evaluate import evaluate_portfolio

    tune_for_one_run()

    # No heartbeats: they tell the server that a run on a worker is still alive; this run
    # is the command in the user's terminal, and joining the heartbeat thread at the end
    # cost up to 1 s of every run (#15). Served deployments keep them.
    with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        return evaluate_portfolio(as_of=as_of, db_path=settings.db_shown, actor=actor)
