"""The maintain-store flow (#17): the store's housekeeping as a scheduled Prefect run,
audited under the flow's name, on whichever store FAILSCALE_DB names."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from flows.maintenance import maintain_store
from portfolio.models import Actor
from portfolio.storage import Database
from tests.storage.test_housekeeping import audited, rows, small_writes

pytestmark = [pytest.mark.flow, pytest.mark.usefixtures("prefect_harness")]


def test_the_flow_tidies_the_store_keeps_every_row_and_says_what_it_did(
    db: Database, in_env: Callable[[Database], Database], operator: Actor
) -> None:
    small_writes(in_env(db), operator)
    before = rows(db)

    summary = maintain_store(keep_days=7)

    assert summary["shared"] is (db.lake is not None)
    assert summary["keep_days"] == 7 and summary["files_deleted"] == 0
    assert summary["data_files_after"] <= summary["data_files_before"]
    assert rows(db) == before
    assert audited(db) == [("prefect:maintain-store", "tidy")]
