"""backup-database: a consistent copy of the running database, keeping the newest N.

One coarse task over the service; it gets paths, not connections. No task retries: a
retried copy would be a second file, and the next scheduled run makes one anyway.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from flows.common import database, system_actor
from portfolio.service.backup import back_up
from portfolio.settings import load_settings

SYSTEM_ACTOR = system_actor("backup-database")


@task(name="back-up", cache_policy=NO_CACHE)
def copy(db_path: str | None, backups_dir: str, keep: int) -> dict[str, Any]:
    made = back_up(database(db_path), SYSTEM_ACTOR, folder=Path(backups_dir), keep=keep)
    return {"file": str(made.backup.path), "schema_version": made.backup.schema_version,
            "size_bytes": made.backup.size_bytes, "pruned": [p.name for p in made.pruned]}


@flow(name="backup-database", log_prints=False)
def backup_database(
    db_path: str | None = None, backups_dir: str | None = None, keep: int | None = None
) -> dict[str, Any]:
    """Back the database up into `backups_dir` (default FAILSCALE_BACKUPS) and keep the
    newest `keep` copies there (default FAILSCALE_BACKUP_KEEP)."""
    settings = load_settings()
    summary = copy(db_path, backups_dir or str(settings.backups_dir),
                   keep or settings.backup_keep)
    get_run_logger().info("Backed up to %s; removed %s old copies",
                          summary["file"], len(summary["pruned"]))
    return summary
