"""docs/operations.md documents every setting and every scheduled deployment."""

from __future__ import annotations

from pathlib import Path

from flows.deployments import deployments
from portfolio.settings import Settings

DOC = Path(__file__).resolve().parents[2] / "docs" / "operations.md"


def test_every_setting_is_documented_in_operations() -> None:
    text = DOC.read_text("utf-8")
    missing = [f"FAILSCALE_{name.upper()}" for name in Settings.model_fields
               if f"`FAILSCALE_{name.upper()}`" not in text]
    assert missing == []


def test_every_scheduled_deployment_is_documented_in_operations() -> None:
    text = DOC.read_text("utf-8")
    names = [d.name for d in deployments(Settings())]
    assert [n for n in names if f"`{n}`" not in text] == []


def test_the_shared_store_schedules_housekeeping_but_no_file_backup() -> None:
    """On the shared store backup-database would refuse every night (a file backup holds
    none of it: pg_dump and the data path, docs/scale-out.md); housekeeping is its need."""
    on_file = [d.name for d in deployments(Settings())]
    on_lake = [d.name for d in deployments(Settings(db="ducklake:postgres:dbname=x"))]

    assert {"backup-database", "maintain-store"} <= set(on_file)
    assert "maintain-store" in on_lake and "backup-database" not in on_lake
    assert set(on_file) - set(on_lake) == {"backup-database"}
