"""`failscale maintain`: the store's housekeeping from the terminal, in the operator's
language (#17), on the shared store and on the file."""

from __future__ import annotations

import os
from pathlib import Path

from tests.cli.test_cli_contract import run
from tests.postgres import Postgres


def environment(tmp_path: Path, db: str, **more: str) -> dict[str, str]:
    env = {**os.environ, "FAILSCALE_DB": db, "FAILSCALE_DATA_DIR": str(tmp_path / "data"),
           "PREFECT_API_URL": "", **more}
    env.pop("FAILSCALE_LANGUAGE")  # the product's default: Danish
    return env


def test_maintain_tidies_the_shared_store_and_says_so_in_danish(
    postgres: Postgres, tmp_path: Path
) -> None:
    env = environment(tmp_path, "ducklake:postgres:" + postgres.libpq(postgres.new_database()),
                      FAILSCALE_LAKE_DATA_PATH=str(tmp_path / "lake"))
    # a password in FAILSCALE_DB (this server trusts every local connection) is not shown
    env["FAILSCALE_DB"] += " password=hemmelig"
    created = run(["init"], env)
    assert created.returncode == 0, created.stderr
    assert "dbname=" in created.stdout and "hemmelig" not in created.stdout

    done = run(["maintain", "--keep-days", "0"], env)

    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Lageret er ryddet op: "), done.stdout
    assert "snapshots ældre end 0 dage er udløbet" in done.stdout


def test_maintain_checkpoints_the_file_and_refuses_a_negative_retention(tmp_path: Path) -> None:
    env = environment(tmp_path, str(tmp_path / "portfolio.duckdb"))
    assert run(["init"], env).returncode == 0

    done = run(["maintain"], env)
    refused = run(["maintain", "--keep-days", "-1"], env)

    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"Databasefilen {tmp_path / 'portfolio.duckdb'} er "
                                  "checkpointet ("), done.stdout
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert "-1 er negativt; brug 0" in refused.stderr, refused.stderr
