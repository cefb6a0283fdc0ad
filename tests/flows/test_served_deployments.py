"""`failscale serve` against a real Prefect server: the three schedules are registered as
configured, and a run started through the API is executed by the served process."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from prefect.client.orchestration import get_client
from prefect.deployments import run_deployment
from prefect.settings import PREFECT_API_URL, temporary_settings

from failscale.prefect_env import server_is_up
from portfolio.models import Actor
from portfolio.service.setup import initialise, seed_demo
from portfolio.storage import Database
from tests.processes import stop
from tests.smtp import free_port

pytestmark = [pytest.mark.flow, pytest.mark.reliability]

BIN = Path(sys.executable).parent
ROOT = Path(__file__).resolve().parents[2]
ANCHOR = date(2025, 6, 30)
SCHEDULES = {
    "evaluate-portfolio/evaluate-portfolio": "30 5 * * *",
    "ingest-inbox/ingest-inbox": "*/15 * * * *",
    "send-reminders/send-reminders": "0 7 * * 1",
}


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Database]]:
    """A Prefect server with its own home, and `failscale serve` connected to it."""
    api_url = f"http://127.0.0.1:{free_port()}/api"
    db = Database(tmp_path / "portfolio.duckdb")
    initialise(db, Actor.operator())
    seed_demo(db, Actor.operator(), ANCHOR)
    env = {
        **os.environ,
        "PREFECT_HOME": str(tmp_path / "prefect"),
        "PREFECT_API_URL": api_url,
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "FAILSCALE_PREFECT_API_URL": api_url,
        "FAILSCALE_DB": str(db.path),
        "FAILSCALE_DATA_DIR": str(tmp_path / "data"),
        "FAILSCALE_EVALUATE_CRON": SCHEDULES["evaluate-portfolio/evaluate-portfolio"],
    }
    port = api_url.split(":")[2].split("/")[0]
    processes = [subprocess.Popen(
        [str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", port],
        env=env, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )]
    try:
        deadline = time.monotonic() + 90
        while not server_is_up(api_url):
            assert time.monotonic() < deadline, "the Prefect server did not start in 90 s"
            time.sleep(0.5)
        processes.append(subprocess.Popen(
            [str(BIN / "failscale"), "serve"], env=env, cwd=ROOT,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        ))
        yield api_url, db
    finally:
        for process in reversed(processes):
            stop(process, timeout=15)


def registered(api_url: str) -> dict[str, object]:
    """The deployments the server knows, waiting (bounded) for serve to register them."""
    deadline = time.monotonic() + 60
    with temporary_settings(updates={PREFECT_API_URL: api_url}), \
            get_client(sync_client=True) as client:
        while True:
            # each deployment is named after its flow: "<flow>/<deployment>" is name/name
            found = {f"{d.name}/{d.name}": d for d in client.read_deployments()}
            if set(SCHEDULES) <= set(found) or time.monotonic() > deadline:
                return found
            time.sleep(1)


def test_serve_registers_the_configured_schedules_and_executes_a_run_started_by_api(
    served: tuple[str, Database]
) -> None:
    api_url, db = served

    deployments = registered(api_url)

    assert set(SCHEDULES) <= set(deployments)
    for name, cron in SCHEDULES.items():
        (schedule,) = deployments[name].schedules  # type: ignore[attr-defined]
        assert (schedule.schedule.cron, schedule.schedule.timezone) == (cron, "Europe/Copenhagen")
        assert schedule.active
    with temporary_settings(updates={PREFECT_API_URL: api_url}):
        run = run_deployment("evaluate-portfolio/evaluate-portfolio",
                             parameters={"as_of": ANCHOR.isoformat()}, timeout=90)
    assert run.state is not None and run.state.is_completed(), run.state
    with db.reading() as store:
        stored = store.evaluations.for_run(str(run.id))
    assert len(stored) > 20 and {e.as_of for e in stored} == {ANCHOR}
