"""maintain-store: the store's housekeeping on a schedule (#17).

One coarse task over the service; it gets a path, not a connection. No task retries: the
next scheduled run tidies what this one did not.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from flows.common import database, system_actor
from portfolio.service.housekeeping import tidy_store

SYSTEM_ACTOR = system_actor("maintain-store")


@task(name="tidy", cache_policy=NO_CACHE)
def tidy(db_path: str | None, keep_days: int | None) -> dict[str, Any]:
    return asdict(tidy_store(database(db_path), SYSTEM_ACTOR, keep_days))


@flow(name="maintain-store", log_prints=False)
def maintain_store(db_path: str | None = None, keep_days: int | None = None) -> dict[str, Any]:
    """Merge the shared store's small files and delete what no snapshot of the last
    `keep_days` days (default FAILSCALE_MAINTAIN_KEEP_DAYS) uses; on the file, a
    checkpoint. See portfolio/storage/housekeeping.py."""
    summary = tidy(db_path, keep_days)
    get_run_logger().info("Data files %s -> %s; %s snapshots expired; %s files deleted",
                          summary["data_files_before"], summary["data_files_after"],
                          summary["snapshots_expired"], summary["files_deleted"])
    return summary
