"""Work pools and the shared store (#17): `failscale deploy --pool P --shards 3` and three
`failscale worker --pool P` processes against a real Prefect server evaluate a synthetic
portfolio over many organisations on DuckLake (on a real PostgreSQL) in three shard runs,
and store exactly what one process stores on a file."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import (
    ArtifactFilter,
    ArtifactFilterFlowRunId,
    DeploymentFilter,
    DeploymentFilterName,
)
from prefect.deployments import run_deployment
from prefect.settings import PREFECT_API_URL, temporary_settings

from failscale.prefect_env import server_is_up
from flows import steps
from flows.artifacts import agenda_artifact, recommendation_rows
from portfolio.models import Actor
from portfolio.service import evaluation
from portfolio.service.setup import initialise
from portfolio.storage import Database
from portfolio.storage.lake import PREFIX, release
from portfolio.synth import SynthSpec, generate_portfolio
from tests.postgres import Postgres
from tests.smtp import free_port

pytestmark = [pytest.mark.flow, pytest.mark.reliability]

BIN = Path(sys.executable).parent
ROOT = Path(__file__).resolve().parents[2]
AS_OF = date(2025, 6, 30)
SPEC = SynthSpec(initiatives=240, measurements=12_000, seed=17, anchor=AS_OF, organisations=30)
WORKERS = 3
TABLES = ("evaluations", "evaluation_kpis", "evaluation_reasons")


def kill_group(process: subprocess.Popen[bytes]) -> None:
    """Workers ignore SIGTERM for a while (ENVIRONMENT.md): SIGKILL their own group."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)


@pytest.fixture
def pool(tmp_path: Path, postgres: Postgres) -> Iterator[tuple[str, Database, dict[str, str]]]:
    """A Prefect server, a lake holding the synthetic portfolio, the deployments on a
    process pool with three shards, and three workers."""
    api_url = f"http://127.0.0.1:{free_port()}/api"
    lake = Database(PREFIX + postgres.libpq(postgres.new_database()),
                    lake_data_path=str(tmp_path / "lake"))
    initialise(lake, Actor.operator())
    generate_portfolio(lake, Actor.operator(), SPEC)
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect"), "PREFECT_API_URL": api_url,
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_WORKER_QUERY_SECONDS": "1",
           "PREFECT_LOGGING_LEVEL": "WARNING", "FAILSCALE_PREFECT_API_URL": api_url,
           "FAILSCALE_DB": lake.location, "FAILSCALE_LAKE_DATA_PATH": str(tmp_path / "lake"),
           "FAILSCALE_DATA_DIR": str(tmp_path / "data")}
    port = api_url.split(":")[2].split("/")[0]
    processes = [subprocess.Popen(
        [str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", port],
        env=env, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True)]
    try:
        deadline = time.monotonic() + 120
        while not server_is_up(api_url):
            assert time.monotonic() < deadline, "the Prefect server did not start in 120 s"
            time.sleep(0.5)
        deployed = subprocess.run([str(BIN / "failscale"), "deploy", "--pool", "lake-pool",
                                   "--shards", "3"], env=env, cwd=ROOT, capture_output=True,
                                  text=True, timeout=300)
        assert deployed.returncode == 0, deployed.stderr
        assert "evaluate-shard/evaluate-shard" in deployed.stdout
        processes += [subprocess.Popen(
            [str(BIN / "failscale"), "worker", "--pool", "lake-pool"], env=env, cwd=tmp_path,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        ) for _ in range(WORKERS)]
        yield api_url, lake, env
    finally:
        for process in reversed(processes):
            kill_group(process)
        release(lake.location)


def rows(db: Database, table: str) -> pa.Table:
    """A verdict table without what differs between two runs of the same verdicts."""
    sql = {"evaluations": "SELECT * EXCLUDE (run_id, evaluated_at) FROM evaluations",
           # the set-based engine numbers a run's KPIs through the whole run: a shard's
           # numbers start again at 0, so compare each KPI's place within its verdict
           "evaluation_kpis": "SELECT * EXCLUDE (position), row_number() OVER (PARTITION BY "
                              "initiative_id, as_of, policy_name, policy_version ORDER BY "
                              "position) AS place FROM evaluation_kpis",
           # and a per-KPI reason's seq is that run-wide number too
           "evaluation_reasons": "SELECT * EXCLUDE (seq), row_number() OVER (PARTITION BY "
                                 "initiative_id, as_of, policy_name, policy_version, "
                                 "criterion ORDER BY seq) AS place FROM evaluation_reasons"}[table]
    with db.reading() as store:
        return store.con.execute(sql).to_arrow_table()


def differences(a: pa.Table, b: pa.Table) -> tuple[int, int]:
    con = duckdb.connect()
    con.register("a", a)
    con.register("b", b)
    return (con.execute("SELECT count(*) FROM (FROM a EXCEPT FROM b)").fetchone()[0],
            con.execute("SELECT count(*) FROM (FROM b EXCEPT FROM a)").fetchone()[0])


def shard_runs(api_url: str) -> list[object]:
    with temporary_settings({PREFECT_API_URL: api_url}), get_client(sync_client=True) as c:
        return list(c.read_flow_runs(deployment_filter=DeploymentFilter(
            name=DeploymentFilterName(any_=["evaluate-shard"]))))


def artifacts_of(api_url: str, flow_run_id: object) -> dict[str, object]:
    """The artifacts of a flow run (its tasks' included) by key: their data."""
    with temporary_settings({PREFECT_API_URL: api_url}), get_client(sync_client=True) as c:
        found = c.read_artifacts(artifact_filter=ArtifactFilter(
            flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run_id])))
    return {a.key: a.data for a in found if a.key}


def test_three_workers_in_three_shards_store_what_one_process_stores_on_a_file(
        pool, tmp_path: Path):
    api_url, lake, _ = pool
    file = Database(tmp_path / "reference.duckdb")
    initialise(file, Actor.operator())
    generate_portfolio(file, Actor.operator(), SPEC)
    one = evaluation.store_run(file, Actor.operator(), "one-process", AS_OF)
    agenda_keys: set[str] = set()
    steps.follow_up(str(file.location), AS_OF, each_group=lambda group, items, agenda: (
        agenda_keys.add(agenda_artifact(group, "", "en").key)))

    with temporary_settings({PREFECT_API_URL: api_url}):
        parent = run_deployment("evaluate-portfolio/evaluate-portfolio",
                                parameters={"as_of": AS_OF.isoformat()}, timeout=900,
                                poll_interval=2)
    assert parent.state is not None and parent.state.is_completed(), parent.state
    shards = shard_runs(api_url)
    assert len(shards) == 3
    assert all(r.state is not None and r.state.is_completed() for r in shards)
    assert all(r.infrastructure_pid for r in shards), "each shard ran in a worker's process"
    for table in TABLES:
        file_rows, lake_rows = rows(file, table), rows(lake, table)
        assert file_rows.num_rows > 0
        assert differences(file_rows, lake_rows) == (0, 0), table
    # the parent publishes what an unsharded run publishes: the most urgent
    # recommendations and each steering group's agenda
    published = artifacts_of(api_url, parent.id)
    assert json.loads(str(published["recommendations"])) == json.loads(
        json.dumps(recommendation_rows(one.verdicts, one.run.titles(), "en")))
    assert len(agenda_keys) > 1
    assert {key for key in published if key.startswith("agenda-")} == agenda_keys
