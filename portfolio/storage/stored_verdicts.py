"""Reading stored verdicts back into Evaluation models from their typed rows (#7).

The inverse of verdict_rows: the chosen `evaluations` rows, then their reasons and KPI
statistics in two more queries over the same choice, put together in Python. Every
reader of evaluations (latest, history, a run) goes through here.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import duckdb

from portfolio.models import Evaluation
from portfolio.review.frames import CRITERIA_ORDER, PARAM_TYPES, REASON_PARAMS
from portfolio.storage.rows import fetch_dicts
from portfolio.storage.verdict_rows import KPI_FIELDS

_KEY = "initiative_id, as_of, policy_name, policy_version"

_VERDICTS = "SELECT * FROM chosen ORDER BY n"

_REASONS = f"""
SELECT c.n, r.criterion, r.code, {", ".join(f"r.{name}" for name in PARAM_TYPES)}
FROM chosen c JOIN evaluation_reasons r USING ({_KEY})
ORDER BY c.n, r.position, r.seq
"""  # noqa: S608 - only constant column names are formatted in

_KPIS = f"""
SELECT c.n, {", ".join(f"k.{name}" for name in KPI_FIELDS)}, k.sources
FROM chosen c JOIN evaluation_kpis k USING ({_KEY})
ORDER BY c.n, k.position
"""  # noqa: S608 - only constant column names are formatted in


def read_evaluations(
    con: duckdb.DuckDBPyConnection, chosen: str, order: str,
    params: dict[str, Any] | None = None,
) -> list[Evaluation]:
    """The evaluations `chosen` (a query over `evaluations`) selects, ordered by `order`."""
    # `chosen` and `order` are constants of Evaluations; values come in as params.
    ranked = (f"WITH chosen AS (SELECT *, row_number() OVER (ORDER BY {order}) AS n "  # noqa: S608
              f"FROM ({chosen})) ")
    verdicts = fetch_dicts(con, ranked + _VERDICTS, params)
    if not verdicts:
        return []
    reasons: defaultdict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in fetch_dicts(con, ranked + _REASONS, params):
        reasons[row["n"]].append(row)
    kpis: defaultdict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in fetch_dicts(con, ranked + _KPIS, params):
        kpis[row.pop("n")].append(row)
    return [_evaluation(v, reasons[v["n"]], kpis[v["n"]]) for v in verdicts]


def _evaluation(
    row: dict[str, Any], reasons: list[dict[str, Any]], kpis: list[dict[str, Any]]
) -> Evaluation:
    by_criterion: defaultdict[str, list[dict[str, Any]]] = defaultdict(list)
    every = []
    for reason in reasons:
        model = {"code": reason["code"],
                 "params": {name: reason[name] for name in REASON_PARAMS[reason["code"]]}}
        by_criterion[reason["criterion"]].append(model)
        every.append(model)
    criteria = [
        {"name": name, "light": row.pop(f"{name}_light"), "value": row.pop(f"{name}_value"),
         "passed": row.pop(f"{name}_passed"), "reasons": by_criterion[name]}
        for name in CRITERIA_ORDER
    ]
    # A verdict stored before a criterion existed (proof: schema 10) has no result for it.
    criteria = [c for c in criteria if c["passed"] is not None]
    del row["n"]
    return Evaluation.model_validate(
        {**row, "criteria": criteria, "reasons": every, "kpis": kpis}
    )
