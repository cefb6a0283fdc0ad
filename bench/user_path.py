"""What people run, timed as they run it (#15): `failscale` commands as their own processes.

- `user_evaluate_seconds` / `_peak_rss_mb`: `failscale evaluate` against the bench's running
  Prefect server (as `make up` runs one), end to end: flow, persist, agenda, escalations,
  artifacts, the printed summary; and `ratio_user_vs_engine` against `evaluate_seconds`.
- `cli_evaluate_municipal_seconds`: the same command on the municipal portfolio with no
  Prefect server answering.
- `agenda_pack_seconds_national`, `portfolio_report_seconds_national`: `failscale report
  agenda|portfolio` writing the PDF.
Peak RSS is the command's own (bench.own_peak), not the bench's.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.prefect_server import free_port
from portfolio.models import GroupKey

BIN = Path(sys.executable).parent
ROOT = Path(__file__).parents[1]


def run_command(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of `failscale ARGS` as its own process; raises on a
    non-zero exit with its error output. The peak is read by bench.own_peak: the bench's
    own (the synthesised portfolio's) would otherwise be counted as the command's."""
    with tempfile.TemporaryDirectory() as folder:
        peak_file = Path(folder) / "peak"
        started = time.perf_counter()
        process = subprocess.run(
            [sys.executable, "-m", "bench.own_peak", str(peak_file), str(BIN / "failscale"),
             *args], env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        seconds = time.perf_counter() - started
        if process.returncode != 0:
            raise RuntimeError(f"failscale {' '.join(args)}: {process.stderr.decode()[-2000:]}")
        return seconds, float(peak_file.read_text("utf-8"))


def command_env(db: Path, data_dir: Path, api_url: str | None) -> dict[str, str]:
    """The environment of a user's shell: the store, and a Prefect server or none."""
    env = {**os.environ, "FAILSCALE_DB": str(db), "FAILSCALE_DATA_DIR": str(data_dir),
           "PREFECT_API_URL": api_url or ""}
    if api_url is None:  # nothing answers there: the command finds no server
        env["FAILSCALE_PREFECT_API_URL"] = f"http://127.0.0.1:{free_port()}/api"
    return env


def user_evaluate(db: Path, as_of: str, data_dir: Path, api_url: str,
                  prefix: str = "user") -> dict[str, float]:
    seconds, rss = run_command(["evaluate", "--as-of", as_of],
                               command_env(db, data_dir, api_url))
    return {f"{prefix}_evaluate_seconds": seconds, f"{prefix}_evaluate_peak_rss_mb": rss}


def cli_evaluate_municipal(db: Path, as_of: str, data_dir: Path) -> dict[str, float]:
    """Best of 2: the first run of a fresh file also pays its schema check."""
    env = command_env(db, data_dir, None)
    best = min(run_command(["evaluate", "--as-of", as_of], env)[0] for _ in range(2))
    return {"cli_evaluate_municipal_seconds": best}


def reports(db: Path, group: GroupKey, folder: Path) -> dict[str, Any]:
    """The meeting pack of one steering group and the portfolio report, as PDF."""
    env = command_env(db, folder / "data-reports", None)
    named = ["--group", group.name, *(["--organisation", group.organisation]
                                      if group.organisation else [])]
    pack, pack_rss = run_command(["report", "agenda", *named, "--lang", "en",
                                  "--out", str(folder / "pack.pdf")], env)
    report, report_rss = run_command(["report", "portfolio", "--lang", "en",
                                      "--out", str(folder / "portfolio.pdf")], env)
    return {"agenda_pack_seconds_national": pack, "agenda_pack_peak_rss_mb": pack_rss,
            "portfolio_report_seconds_national": report,
            "portfolio_report_peak_rss_mb": report_rss}
