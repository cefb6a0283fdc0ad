"""The status line's "run now" queues the evaluate-portfolio deployment when Prefect runs."""

from __future__ import annotations

from datetime import date
from uuid import UUID

import pytest
from prefect.client.orchestration import get_client
from prefect.settings import PREFECT_API_URL
from prefect.utilities.asyncutils import run_coro_as_sync

from dashboard.run_now import DEPLOYMENT, run_now
from flows.evaluate import evaluate_portfolio
from portfolio.models import Actor
from portfolio.settings import Settings
from portfolio.storage import Database

pytestmark = [pytest.mark.flow, pytest.mark.usefixtures("prefect_harness")]


async def _flow_run_deployment(flow_run_id: str) -> str:
    async with get_client() as client:
        flow_run = await client.read_flow_run(UUID(flow_run_id))
        deployment = await client.read_deployment(flow_run.deployment_id)
        flow = await client.read_flow(deployment.flow_id)
    return f"{flow.name}/{deployment.name}"


def test_run_now_queues_the_deployment_when_the_prefect_server_answers(db: Database):
    evaluate_portfolio.to_deployment(name="evaluate-portfolio").apply()
    settings = Settings(db=db.path, prefect_api_url=PREFECT_API_URL.value())
    started = run_now(settings, Actor.operator(), date.today())
    assert started.via == "prefect"
    assert run_coro_as_sync(_flow_run_deployment(started.run_id)) == DEPLOYMENT
