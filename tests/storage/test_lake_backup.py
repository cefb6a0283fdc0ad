"""A file backup is never swapped in for, nor taken of, the shared store (#17): it has no
file; the refusal names what to back it up with instead."""

from __future__ import annotations

from pathlib import Path

import pytest

from portfolio.errors import BackupRefused
from portfolio.storage import Database
from portfolio.storage.backup import back_up, restore
from portfolio.storage.lake import PREFIX, release
from tests.postgres import Postgres


def test_restoring_a_file_over_the_shared_store_is_refused_and_leaves_no_file(
    postgres: Postgres, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    lake = Database(PREFIX + postgres.libpq(postgres.new_database()),
                    lake_data_path=str(tmp_path / "lake"))
    with pytest.raises(BackupRefused, match="pg_restore"):
        restore(lake, tmp_path / "backup.duckdb", force=True, safety_dir=tmp_path / "safety")
    assert sorted(p.name for p in tmp_path.iterdir()) == []
    release(lake.location)


def test_backing_up_the_shared_store_is_refused_naming_pg_dump_and_the_data_path(
    postgres: Postgres, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    lake = Database(PREFIX + postgres.libpq(postgres.new_database()),
                    lake_data_path=str(tmp_path / "lake"))
    with pytest.raises(BackupRefused, match="pg_dump") as refused:
        back_up(lake, tmp_path / "backups" / "portfolio.duckdb")
    assert "FAILSCALE_LAKE_DATA_PATH" in str(refused.value)
    assert not (tmp_path / "backups").exists()
    release(lake.location)
