"""FAILSCALE_DB naming a folder or a file that is not a DuckDB database (a spreadsheet given
by mistake, an empty copy) is refused in words, naming it (hostile input is normal input):
DuckDB itself would open a CSV file as an empty database in memory, whose writes vanish."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import duckdb
import pytest

from portfolio.errors import NotADatabase
from portfolio.models import Actor
from portfolio.service.queries import departments
from portfolio.service.setup import initialise
from portfolio.storage import Database
from tests.units import in_reading

OPERATOR = Actor.operator()


def test_a_folder_is_refused_naming_it(tmp_path: Path) -> None:
    with pytest.raises(NotADatabase) as refused:
        initialise(Database(tmp_path), OPERATOR)
    assert refused.value.in_language("da").startswith(
        f"{tmp_path} er ikke en DuckDB-databasefil (det er en mappe, en tom fil eller en anden "
        "slags fil). Sæt FAILSCALE_DB til databasefilens sti")


def test_a_spreadsheet_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    sheet = tmp_path / "initiativer.csv"
    sheet.write_text("id;titel\nSB-01;Digital ansøgning\n", encoding="utf-8")
    before = sheet.read_bytes()
    with pytest.raises(NotADatabase, match=r"initiativer\.csv is not a DuckDB database file"):
        initialise(Database(sheet), OPERATOR)
    with pytest.raises(NotADatabase):
        in_reading(Database(sheet), departments, OPERATOR)
    assert sheet.read_bytes() == before
    # nothing beside it but the writers' lock file (file_turn), no database
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "initiativer.csv", "initiativer.csv.lock"]


def test_an_empty_file_left_behind_is_refused_at_once(tmp_path: Path) -> None:
    empty = tmp_path / "portfolio.duckdb"
    empty.touch()
    os.utime(empty, (time.time() - 60, time.time() - 60))
    with pytest.raises(NotADatabase):
        in_reading(Database(empty, lock_timeout=30), departments, OPERATOR)


def test_a_file_another_process_is_creating_this_instant_is_waited_for(tmp_path: Path) -> None:
    """Two processes starting on a new store at once: the second may see the file before
    DuckDB has written its first header, and waits for it as for a busy file."""
    path = tmp_path / "portfolio.duckdb"
    path.touch()  # just made, still empty

    def create() -> None:
        time.sleep(0.3)
        path.unlink()
        duckdb.connect(str(path)).close()

    creator = threading.Thread(target=create)
    creator.start()
    initialise(Database(path, lock_timeout=10), OPERATOR)
    creator.join()
    assert in_reading(Database(path), departments, OPERATOR) == []
