"""The command-line contract of PRODUCT.md, run as a user runs it: `failscale` processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES

FAILSCALE = str(Path(sys.executable).parent / "failscale")

INITIATIVES = (
    "id,title,department,owner,stage,started_on,review_on,budget_dkk,spent_dkk\n"
    "X-1,Video consultations,Health,Ann,experiment,2025-01-01,2025-07-01,100000,90000\n"
    "X-2,Digital application,Social,Bo,experiment,2025-01-01,2025-06-01,100000,100000\n"
)
KPIS = (
    "initiative_id,kpi,unit,direction,baseline,target,kind,weight\n"
    "X-1,travel hours saved,hours,higher,0,100,benefit,1\n"
    "X-2,online applications,%,higher,0,100,benefit,1\n"
    "X-2,walk-ins,visits,lower,400,300,guardrail,1\n"
)
MEASUREMENTS = (
    "initiative_id,kpi,date,value,source\n"
    "X-1,travel hours saved,2025-01-15,90,system_export\n"
    "X-1,travel hours saved,2025-03-01,92,system_export\n"
    "X-1,travel hours saved,2025-04-01,94,system_export\n"
    "X-1,travel hours saved,2025-05-01,95,system_export\n"
    "X-2,online applications,2025-03-01,10,system_export\n"
    "X-2,online applications,2025-04-01,20,system_export\n"
    "X-2,online applications,2025-05-01,30,system_export\n"
    "X-2,walk-ins,2025-05-01,620,manual\n"
)


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [FAILSCALE, *args], env=env, capture_output=True, text=True, timeout=240, check=False
    )


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "FAILSCALE_LANGUAGE": "en", "FAILSCALE_DB": str(tmp_path / "cli.duckdb"),
            "FAILSCALE_DATA_DIR": str(tmp_path / "data"), "PREFECT_API_URL": "",
            "FAILSCALE_ORGANISATION": "Testby Kommune"}


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_import_exits_0_when_every_row_is_accepted(tmp_path: Path, env: dict[str, str]) -> None:
    result = run(["import", "initiatives", str(write(tmp_path, "i.csv", INITIATIVES)),
                  "--json"], env)
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert (summary["accepted"], summary["rejected"], summary["errors"]) == (2, 0, [])


def test_import_exits_1_and_names_the_rows_when_some_are_quarantined(
    tmp_path: Path, env: dict[str, str]
) -> None:
    run(["import", "initiatives", str(FIXTURES / "imports" / "initiatives_da.csv")], env)
    run(["import", "kpis", str(FIXTURES / "imports" / "kpis.csv")], env)
    result = run(["import", "measurements",
                  str(FIXTURES / "imports" / "measurements_with_errors.csv"), "--json"], env)
    assert result.returncode == 1, result.stderr
    summary = json.loads(result.stdout)
    assert summary["rejected"] == len(summary["errors"]) > 0
    assert all({"row", "reason"} <= set(e) for e in summary["errors"])
    assert summary["accepted"] + summary["rejected"] == summary["rows_read"]


def test_import_exits_2_when_the_file_cannot_be_read(tmp_path: Path, env: dict[str, str]) -> None:
    missing = run(["import", "kpis", str(tmp_path / "nope.csv")], env)
    wrong = run(["import", "kpis", str(write(tmp_path, "k.csv", "just,some\nthing,else\n"))], env)
    assert missing.returncode == 2 and "Error:" in missing.stderr
    assert wrong.returncode == 2 and "kpi" in wrong.stderr.lower()
    assert "Traceback" not in missing.stderr + wrong.stderr


@pytest.mark.flow
def test_import_then_evaluate_gives_the_recommendations_of_the_product_brief(
    tmp_path: Path, env: dict[str, str]
) -> None:
    for kind, text in (("initiatives", INITIATIVES), ("kpis", KPIS),
                       ("measurements", MEASUREMENTS)):
        assert run(["import", kind, str(write(tmp_path, f"{kind}.csv", text))], env).returncode == 0

    result = run(["evaluate", "--as-of", "2025-06-15", "--json"], env)

    assert result.returncode == 0, result.stderr
    verdicts = {v["initiative_id"]: v for v in json.loads(result.stdout)}
    assert verdicts["X-1"]["recommendation"] == "SCALE"
    assert verdicts["X-1"]["light"] == "green" and verdicts["X-1"]["score"] == 0.95
    assert verdicts["X-1"]["lights"] == {"budget": "green", "time": "green", "benefit": "green"}
    assert verdicts["X-2"]["recommendation"] == "CLOSE"
    assert verdicts["X-2"]["light"] == "red"
    # 14 days past its review date with no decision: the time light is yellow (#18).
    assert verdicts["X-2"]["lights"] == {"budget": "green", "time": "yellow", "benefit": "red"}
    assert "walk-ins 620 visits vs baseline 400 (+55%): guardrail breached" in (
        verdicts["X-2"]["reasons"]
    )
    # #13: each object names the initiative's organisation (FAILSCALE_ORGANISATION, as the
    # file named none) and department
    assert {(v["organisation"], v["department"]) for v in verdicts.values()} == {
        ("Testby Kommune", "Health"), ("Testby Kommune", "Social")}
