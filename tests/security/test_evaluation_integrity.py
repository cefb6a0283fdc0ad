"""Evaluation is the core's (issue #14): stored verdicts are computed from stored data,
never taken from a caller; a run from the future is refused; the command line evaluates as
the user it names."""

from __future__ import annotations

import inspect
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from portfolio.errors import NotAllowed, ValidationFailed
from portfolio.models import Role
from portfolio.service import evaluation
from portfolio.storage import Database
from tests.security.conftest import ACTORS

pytestmark = pytest.mark.security

AS_OF = date(2025, 6, 30)
FAILSCALE = str(Path(sys.executable).parent / "failscale")


def _verdicts(db: Database) -> dict[str, tuple[str, str, float]]:
    with db.reading() as store:
        return {e.initiative_id: (e.recommendation.value, e.light.value, e.score)
                for e in store.evaluations.latest()}


def test_no_service_function_stores_verdicts_a_caller_hands_it() -> None:
    """The forgery of #14: `persist_run(db, leader, id, run, [SCALE green 1.0])` stored it.
    Whatever writes verdicts takes dates and ids, never verdicts or a prepared run."""
    for name, fn in inspect.getmembers(evaluation, inspect.isfunction):
        if fn.__module__ != evaluation.__name__ or name.startswith("_"):
            continue
        params = inspect.signature(fn).parameters
        takes_db = "db" in params
        assert not (takes_db and ({"verdicts", "run"} & set(params))), (
            f"evaluation.{name} takes verdicts or a run from its caller and a database")


def test_a_leaders_run_stores_exactly_what_the_engine_computes(portfolio: Database) -> None:
    leader = ACTORS[Role.LEADER]
    evaluation.store_run(portfolio, leader, "leader-run", AS_OF)
    expected = {v.initiative_id: (v.recommendation.value, v.light.value, v.score)
                for v in evaluation.preview(portfolio, leader, AS_OF)}
    assert _verdicts(portfolio) == expected
    assert set(expected) == {"A-1", "A-2", "B-1"}


@pytest.mark.parametrize("role", [Role.VIEWER, Role.KEY_EMPLOYEE])
def test_roles_that_may_not_evaluate_store_nothing(portfolio: Database, role: Role) -> None:
    with pytest.raises(NotAllowed):
        evaluation.store_run(portfolio, ACTORS[role], "refused", AS_OF)
    assert _verdicts(portfolio) == {}


def test_a_stored_run_from_the_future_is_refused_but_a_preview_may_look_ahead(
    portfolio: Database,
) -> None:
    admin = ACTORS[Role.ADMIN]
    tomorrow = date.today() + timedelta(days=1)
    with pytest.raises(ValidationFailed, match="after today"):
        evaluation.store_run(portfolio, admin, "future", tomorrow)
    with pytest.raises(ValidationFailed, match="after today"):
        evaluation.evaluate_now(portfolio, admin, date(2099, 12, 31), "future")
    assert _verdicts(portfolio) == {}
    assert len(evaluation.preview(portfolio, admin, date(2099, 12, 31))) == 3


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([FAILSCALE, *args], env=env, capture_output=True, text=True,
                          timeout=240, check=False)


@pytest.fixture
def cli_env(portfolio: Database, tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "FAILSCALE_DB": str(portfolio.path),
            "FAILSCALE_DATA_DIR": str(tmp_path / "data"), "PREFECT_API_URL": ""}


def test_the_command_line_evaluates_as_the_named_user_and_refuses_a_viewer(
    portfolio: Database, cli_env: dict[str, str]
) -> None:
    refused = run(["--as", "viv", "evaluate", "--as-of", AS_OF.isoformat()], cli_env)
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert "viv (viewer) may not" in refused.stderr
    assert _verdicts(portfolio) == {}
    future = run(["evaluate", "--as-of", "2099-12-31"], cli_env)
    assert future.returncode == 1 and "after today" in future.stderr
    assert _verdicts(portfolio) == {}
    done = run(["--as", "lea", "evaluate", "--as-of", AS_OF.isoformat()], cli_env)
    assert done.returncode == 0, done.stderr
    with portfolio.reading() as store:
        runs = [e for e in store.audit.recent(100) if e.action == "evaluate"]
    assert [e.actor for e in runs] == ["lea"]
