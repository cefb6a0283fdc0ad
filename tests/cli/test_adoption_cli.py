"""`failscale adoption record|withdraw|list`, run as a user runs it."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from portfolio.models import Actor, Department, Stage
from portfolio.service.setup import initialise
from portfolio.storage import Database
from tests.cli.test_cli_contract import run
from tests.factories import make_initiative


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """A database with SC-1, scaled from Health, and the department Schools."""
    path = tmp_path / "cli.duckdb"
    db = Database(path)
    initialise(db, Actor.operator())
    with db.transaction() as store:
        for name in ("Health", "Schools"):
            store.departments.save(Department(name=name))
        store.initiatives.save(make_initiative(id="SC-1", department="Health",
                                               stage=Stage.SCALING))
    return {**os.environ, "FAILSCALE_LANGUAGE": "en", "FAILSCALE_DB": str(path),
            "FAILSCALE_DATA_DIR": str(tmp_path),
            "PREFECT_API_URL": ""}


def test_an_adoption_is_recorded_listed_and_withdrawn(env: dict[str, str]) -> None:
    recorded = run(["adoption", "record", "SC-1", "Schools", "--on", "2025-05-01",
                    "--note", "All 12 schools"], env)
    assert recorded.returncode == 0, recorded.stderr
    assert recorded.stdout.strip() == "Recorded: Schools adopted SC-1 on 1 May 2025."

    listed = run(["adoption", "list", "SC-1", "--json"], env)
    (adoption,) = json.loads(listed.stdout)
    assert (adoption["department"], adoption["adopted_on"], adoption["note"],
            adoption["recorded_by"]) == ("Schools", "2025-05-01", "All 12 schools", "operator")

    withdrawn = run(["adoption", "withdraw", "SC-1", "Schools"], env)
    assert withdrawn.returncode == 0, withdrawn.stderr
    assert json.loads(run(["adoption", "list", "SC-1", "--json"], env).stdout) == []


def test_a_refused_adoption_is_one_line_and_exit_code_1(env: dict[str, str]) -> None:
    result = run(["adoption", "record", "SC-1", "Health", "--on", "2025-05-01"], env)

    assert result.returncode == 1
    assert result.stderr.strip() == (
        "Error: Health owns SC-1 and has it from the start; record the other departments "
        "that adopt it.")


def test_a_date_that_is_not_a_date_is_a_usage_error(env: dict[str, str]) -> None:
    result = run(["adoption", "record", "SC-1", "Schools", "--on", "01-05-2025x"], env)

    assert result.returncode == 2
    assert "is not a date; use YYYY-MM-DD" in result.stderr
