"""ingest-inbox: import the files dropped in the inbox and file each with a report.

One coarse task: the service moves each file out of the inbox before reading it and
skips content imported before, so a retry after a failure never imports twice.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_table_artifact
from prefect.cache_policies import NO_CACHE

from flows.common import database, system_actor
from portfolio.service.inbox import ingest_inbox as ingest_files
from portfolio.settings import load_settings

SYSTEM_ACTOR = system_actor("ingest-inbox")


@task(name="ingest", retries=2, retry_delay_seconds=5, cache_policy=NO_CACHE)
def ingest(db_path: str | None, inbox_dir: str, settle_seconds: float) -> list[dict[str, Any]]:
    outcomes = ingest_files(database(db_path), SYSTEM_ACTOR, Path(inbox_dir),
                            settle_seconds=settle_seconds)
    return [o.as_dict() for o in outcomes]


@flow(name="ingest-inbox", log_prints=False)
def ingest_inbox(
    db_path: str | None = None, inbox_dir: str | None = None, settle_seconds: float | None = None
) -> dict[str, Any]:
    """Import every settled CSV/XLSX file in the inbox (default FAILSCALE_INBOX)."""
    settings = load_settings()
    inbox = inbox_dir or str(settings.inbox_dir)
    settle = settings.inbox_settle_seconds if settle_seconds is None else settle_seconds
    outcomes = ingest(db_path, inbox, settle)
    if outcomes:
        create_table_artifact(
            [{k: o.get(k) for k in ("file", "status", "kind", "rows_read", "accepted",
                                    "rejected", "moved_to")} for o in outcomes],
            key="inbox", description=f"Files imported from {inbox}",
        )
    counts = Counter(o["status"] for o in outcomes)
    logger = get_run_logger()
    for outcome in outcomes:
        if outcome["status"] in ("failed", "partial"):
            logger.warning("%s: %s", outcome["file"], outcome["message"])
    return {"files": len(outcomes), **counts,
            "accepted": sum(o.get("accepted", 0) for o in outcomes),
            "rejected": sum(o.get("rejected", 0) for o in outcomes)}
