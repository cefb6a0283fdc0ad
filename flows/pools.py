"""The deployments on a Prefect process work pool, for more than one machine (#17).

`failscale serve` runs every schedule in one process; on a work pool the same deployments
are registered once (`failscale deploy --pool P`) and any number of workers
(`failscale worker --pool P`, on any machine with the project and the shared store) run
them. A process worker starts each run in a temporary directory unless the deployment
names its working directory, where the flows' code lives (ENVIRONMENT.md): it is set to
this project's root.
"""

from __future__ import annotations

from pathlib import Path

from prefect.client.orchestration import get_client
from prefect.client.schemas.actions import WorkPoolCreate
from prefect.exceptions import ObjectAlreadyExists
from prefect.workers.process import ProcessWorker

from flows.deployments import TAGS, deployments
from flows.shards import evaluate_shard
from portfolio.settings import Settings

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def ensure_pool(name: str) -> bool:
    """Create the process work pool `name` unless it exists; True when it was created."""
    template = ProcessWorker.get_default_base_job_template()
    with get_client(sync_client=True) as client:
        try:
            client.create_work_pool(WorkPoolCreate(name=name, type="process",
                                                   base_job_template=template))
        except ObjectAlreadyExists:
            return False
    return True


def deploy_to_pool(settings: Settings, pool: str, shards: int) -> list[str]:
    """Register every scheduled deployment, and the shard deployment evaluate-portfolio
    fans out to, on `pool`; returns their names."""
    ensure_pool(pool)
    registered = [*deployments(settings), evaluate_shard.to_deployment(
        name="evaluate-shard", parameters={"db_path": settings.db_shown},
        description="Evaluate and store one shard of organisations (started by "
                    "evaluate-portfolio).", tags=TAGS)]
    names = []
    for deployment in registered:
        if deployment.name == "evaluate-portfolio" and shards > 0:
            deployment.parameters = {**deployment.parameters, "shards": shards}
        deployment.job_variables = {"working_dir": str(PROJECT_ROOT)}
        deployment.apply(work_pool_name=pool)
        names.append(f"{deployment.flow_name}/{deployment.name}")
    return names
