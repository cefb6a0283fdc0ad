"""`failscale synth`, run as a benchmark operator runs it."""

from __future__ import annotations

import os
import re
from pathlib import Path

from tests.cli.test_cli_contract import run


def test_synth_fills_an_empty_database_with_a_portfolio_and_its_history(tmp_path: Path) -> None:
    env = {**os.environ, "FAILSCALE_LANGUAGE": "en", "FAILSCALE_DB": str(tmp_path / "synth.duckdb"),
           "FAILSCALE_DATA_DIR": str(tmp_path), "PREFECT_API_URL": ""}
    args = ["synth", "--initiatives", "400", "--measurements", "20000", "--seed", "3",
            "--anchor", "2025-06-30"]

    made = run(args, env)

    assert made.returncode == 0, made.stderr
    counts = {name: int(n.replace(",", "")) for n, name in re.findall(
        r"([\d,]+) (initiatives|KPIs|measurements|decisions|lessons|adoptions)[ ,]", made.stdout)}
    assert counts["initiatives"] == 400 and counts["measurements"] == 20000
    assert counts["decisions"] > 0 and counts["lessons"] > 0 and counts["adoptions"] > 0

    again = run(args, env)

    assert again.returncode == 1 and "Traceback" not in again.stderr
    assert "empty" in (again.stdout + again.stderr)
