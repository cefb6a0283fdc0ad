"""A restore and a running writer (#14): nothing is acknowledged and then discarded.

The writer (another process) imports one-row measurement files and records decisions
through the service layer while `restore --force` replaces the database. The backup is
padded to some hundred megabytes, so the restore takes a noticeable while: writes that
came in meanwhile used to be acknowledged into the old file and lost with the swap. Now
every acknowledged write is either in the restored database, or in the safety copy and
acknowledged before the restore took hold of the database; a write refused as busy is
nowhere.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from portfolio.models import Actor
from portfolio.service.backup import back_up, restore
from portfolio.storage import Database
from tests.reliability.conftest import query, run_together, start_worker

pytestmark = pytest.mark.reliability


def stored_tokens(db: Database) -> set[str]:
    """The writer's measurements ("W0/<date>") and decisions (their rationale) in `db`."""
    measured = query(db, "SELECT k.initiative_id || '/' || m.measured_on FROM measurements m "
                         "JOIN kpis k ON k.id = m.kpi_id WHERE k.initiative_id = 'W0'")
    decided = query(db, "SELECT rationale FROM decisions WHERE initiative_id = 'W0'")
    return {row[0] for row in measured + decided}


def test_a_restore_never_discards_a_write_it_acknowledged(
    portfolio: Database, operator: Actor, tmp_path: Path
) -> None:
    made = back_up(portfolio, operator, folder=tmp_path / "backups")
    padding = duckdb.connect(str(made.backup.path))  # a big backup: a slow restore
    padding.execute("CREATE TABLE padding AS SELECT range AS n, md5(range::VARCHAR) AS h "
                    "FROM range(2_000_000)")
    padding.close()
    (tmp_path / "w0").mkdir()
    writer = start_worker("write", portfolio.path, 0, tmp_path / "w0")
    run_together([writer], seconds=6)
    time.sleep(1.5)
    done = restore(portfolio, operator, made.backup.path, force=True,
                   safety_dir=tmp_path / "backups")
    lines = writer.lines()
    assert done.safety_copy is not None
    assert [line for line in lines if "error" in line] == []

    restored = stored_tokens(portfolio)
    kept = stored_tokens(Database(done.safety_copy.path))
    held_from = done.held_from.timestamp()
    acknowledged = [line for line in lines if line.get("ok")]
    assert acknowledged, "the writer wrote nothing"
    lost = [line for line in acknowledged if line["token"] not in restored
            and not (line["token"] in kept and line["at"] <= held_from)]
    assert lost == [], f"acknowledged, then discarded by the restore at {done.held_from}"
    refused = [line["token"] for line in lines if line.get("busy")]
    assert not set(refused) & (restored | kept)
    assert datetime.now(UTC) > done.held_from
