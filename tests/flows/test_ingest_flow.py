"""The ingest-inbox flow under a real (test) Prefect server."""

from __future__ import annotations

from pathlib import Path

import pytest
from prefect.artifacts import Artifact

from flows.ingest import ingest_inbox
from portfolio.storage import Database
from tests.service.test_inbox import drop

pytestmark = [pytest.mark.flow, pytest.mark.usefixtures("prefect_harness")]


def test_the_flow_imports_settled_files_reports_them_and_leaves_the_rest(
    db: Database, tmp_path: Path
) -> None:
    inbox = tmp_path / "inbox"
    drop(inbox, "initiatives_da.csv", "initiativer.csv")
    drop(inbox, "measurements_with_errors.csv", "measurements.csv")
    drop(inbox, "kpis.csv", settled=False)

    summary = ingest_inbox(db_path=str(db.path), inbox_dir=str(inbox), settle_seconds=10)

    assert summary["files"] == 2 and summary["imported"] == 1 and summary["partial"] == 1
    assert (inbox / "kpis.csv").is_file()
    table = Artifact.get("inbox")
    assert table is not None and "initiativer.csv" in str(table.data)
