"""Backups are consistent while writers run, restore to the same results, and restore
refuses to overwrite without --force."""

from __future__ import annotations

import shutil
import time
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from failscale.cli import app
from portfolio.errors import BackupRefused, NotAllowed
from portfolio.models import Actor, Evaluation, Role
from portfolio.service.backup import back_up, restore
from portfolio.service.evaluation import evaluate_now
from portfolio.storage import Database
from portfolio.storage.backup import inspect
from tests.reliability.conftest import query, run_together, start_worker

pytestmark = pytest.mark.reliability

AS_OF = date(2025, 6, 30)


def verdicts(evaluations: list[Evaluation]) -> dict[str, tuple[object, ...]]:
    return {e.initiative_id: (e.recommendation, e.light, e.score, e.reasons, e.kpis)
            for e in evaluations if not e.initiative_id.startswith("W1")}


def test_a_backup_under_write_load_restores_to_identical_evaluations(
    portfolio: Database, operator: Actor, tmp_path: Path
) -> None:
    (tmp_path / "w0").mkdir()
    writer = start_worker("write", portfolio.path, 0, tmp_path / "w0")
    run_together([writer], seconds=5)
    time.sleep(1.5)
    made = back_up(portfolio, operator, folder=tmp_path / "backups")
    writer.lines()

    backup = Database(made.backup.path)
    imports = query(backup, "SELECT count(*) FROM imports")[0][0]
    assert imports == query(backup, "SELECT count(*) FROM audit_events "
                                    "WHERE entity = 'import'")[0][0]
    assert imports == query(backup, "SELECT count(*) FROM measurements m JOIN kpis k "
                                    "ON k.id = m.kpi_id WHERE k.initiative_id = 'W0'")[0][0]
    copy = Database(shutil.copy(made.backup.path, tmp_path / "copy.duckdb"))
    expected = verdicts(evaluate_now(copy, operator, AS_OF, "from-the-backup"))

    (tmp_path / "w1").mkdir()
    writer = start_worker("write", portfolio.path, 1, tmp_path / "w1")
    run_together([writer], seconds=4)  # another process keeps writing through the restore
    time.sleep(1)
    done = restore(portfolio, operator, made.backup.path, force=True,
                   safety_dir=tmp_path / "backups")
    assert [line for line in writer.lines() if "error" in line] == []

    assert done.safety_copy is not None and done.safety_copy.path.exists()
    assert verdicts(evaluate_now(portfolio, operator, AS_OF, "restored")) == expected


def test_restore_refuses_to_overwrite_without_force(db: Database, operator: Actor,
                                                    tmp_path: Path) -> None:
    made = back_up(db, operator, folder=tmp_path / "backups")

    with pytest.raises(BackupRefused, match="--force"):
        restore(db, operator, made.backup.path, force=False, safety_dir=tmp_path)


def test_only_an_administrator_backs_up(db: Database, tmp_path: Path) -> None:
    leader = Actor(username="lea", role=Role.LEADER, departments=("Health",))

    with pytest.raises(NotAllowed):
        back_up(db, leader, folder=tmp_path)


def test_scheduled_backups_keep_the_newest_copies(db: Database, operator: Actor,
                                                  tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    made = [back_up(db, operator, folder=folder, keep=2).backup.path for _ in range(3)]

    assert sorted(folder.glob("portfolio-*.duckdb")) == made[1:]


def test_the_command_line_backs_up_and_restores_only_with_force(db: Database,
                                                               tmp_path: Path) -> None:
    env = {"FAILSCALE_DB": str(db.path), "FAILSCALE_DATA_DIR": str(tmp_path)}
    target = tmp_path / "copy.duckdb"

    def failscale(*args: str) -> Result:
        return CliRunner().invoke(app, list(args), env=env)

    assert failscale("backup", str(target)).exit_code == 0
    assert inspect(target).schema_version >= 1
    refused = failscale("restore", str(target))
    assert refused.exit_code == 1
    assert "--force" in refused.output
    restored = failscale("restore", str(target), "--force")
    assert restored.exit_code == 0
    assert "kept in" in restored.output
