"""Two `failscale evaluate` at once, with no Prefect server running: each runs the flow's
steps in its own process (flows/local_run.py, no temporary server), so both succeed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from portfolio.models import Actor
from portfolio.service.setup import initialise, seed_demo
from portfolio.storage import Database
from tests.smtp import free_port

pytestmark = [pytest.mark.reliability]

BIN = Path(sys.executable).parent


def test_two_command_line_evaluations_at_once_both_succeed(tmp_path: Path) -> None:
    db = Database(tmp_path / "portfolio.duckdb")
    initialise(db, Actor.operator())
    seed_demo(db, Actor.operator(), date(2025, 6, 30))
    env = {
        **os.environ,
        "PREFECT_API_URL": "",
        "FAILSCALE_PREFECT_API_URL": f"http://127.0.0.1:{free_port()}/api",  # no server there
        "FAILSCALE_DB": str(db.path),
        "FAILSCALE_DATA_DIR": str(tmp_path / "data"),
    }
    runs = [
        subprocess.Popen([str(BIN / "failscale"), "evaluate", "--as-of", day, "--json"],
                         env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for day in ("2025-06-29", "2025-06-30")
    ]
    results = [run.communicate(timeout=180) for run in runs]

    for run, (out, err) in zip(runs, results, strict=True):
        assert run.returncode == 0, err.decode()[-2000:]
        assert len(json.loads(out)) > 20
    with db.reading() as store:
        assert {e.as_of.isoformat() for e in store.evaluations.latest()} == {"2025-06-30"}
