"""`failscale deploy --pool P` and `failscale worker --pool P`: Prefect work pools (#17)."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from failscale.common import friendly, not_negative
from failscale.say import echo
from portfolio.settings import load_settings

PoolOpt = Annotated[str, typer.Option("--pool", help="Name of the Prefect process work pool")]


@friendly
def deploy(pool: PoolOpt,
           shards: Annotated[int, typer.Option(
               callback=not_negative,
               help="Evaluate in this many shards of organisations, one run each "
                    "(0: one run)")] = 0) -> None:
    """Register the scheduled deployments on a process work pool (created if missing)."""
    from failscale import prefect_env

    settings = load_settings()
    prefect_env.require_server(settings)
    from flows.pools import deploy_to_pool

    for name in deploy_to_pool(settings, pool, shards):
        echo("cli.deployed", name=name, pool=pool)


@friendly
def worker(pool: PoolOpt) -> None:
    """Start a Prefect worker for the pool: it runs the deployments' flows as processes."""
    from failscale import prefect_env

    settings = load_settings()
    prefect_env.require_server(settings)
    command = [sys.executable, "-m", "prefect", "worker", "start", "--pool", pool,
               "--type", "process"]
    os.execv(command[0], command)
