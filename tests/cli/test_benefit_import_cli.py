"""`failscale import benefits FILE`: the import contract of PRODUCT.md, for plans (#18)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from tests.cli.test_cli_contract import INITIATIVES, env, run, write  # noqa: F401 - fixture

YEAR = date.today().year


def test_import_benefits_exits_0_1_and_2_as_every_import_does(tmp_path: Path,
                                                               env: dict[str, str]) -> None:  # noqa: F811
    assert run(["import", "initiatives", str(write(tmp_path, "i.csv", INITIATIVES))],
               env).returncode == 0
    good = write(tmp_path, "plan.csv", "initiativ;år;type;gevinst;budgetlinje;planlagt_kr\n"
                 f"X-1;{YEAR};økonomisk;Kørsel;5.32;100.000\n")
    mixed = write(tmp_path, "mixed.csv", "initiativ;år;type;gevinst;budgetlinje;planlagt_kr\n"
                  f"X-1;{YEAR};økonomisk;Kørsel;5.32;100.000\n"
                  f"X-1;{YEAR};økonomisk;Porto;;5000\n")

    first = run(["import", "benefits", str(good), "--json"], env)
    again = run(["import", "benefits", str(good), "--json"], env)
    partly = run(["import", "benefits", str(mixed)], env)
    unreadable = run(["import", "benefits", str(write(tmp_path, "x.csv", "a;b\n1;2\n"))], env)

    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout)["accepted"] == 1
    assert (again.returncode, json.loads(again.stdout)["added"]) == (0, 0)
    assert partly.returncode == 1
    assert "row 3: budget_line (budgetlinje)" in partly.stdout
    assert unreadable.returncode == 2
