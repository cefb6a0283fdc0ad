"""Storing a run's verdicts as typed rows, straight from its Arrow frames (#7).

A verdict is one row of `evaluations` (each criterion's light, value and passed as
columns), its reasons rows of `evaluation_reasons` (a reason's params are the columns its
code names) and its KPI statistics rows of `evaluation_kpis` (migration 004). Building the
three JSON documents per verdict this used to store cost 3-4 s of a 4 s national run;
three INSERTs from the registered frames cost a fraction (docs/performance.md).
Models stored one by one (Evaluations.replace) are first put into the same frames, so both
paths share one writer, and tests/unit/test_setbased_engine.py reads both back alike.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any

import duckdb
import pyarrow as pa

from portfolio.models import Evaluation, Source
from portfolio.review.frames import (
    CRITERIA_ORDER,
    PARAM_TYPES,
    REASON_PARAMS,
    RECOMMEND,
    VerdictFrames,
)

CRITERION_COLUMNS = tuple(
    f"{name}_{part}" for name in CRITERIA_ORDER for part in ("light", "value", "passed")
)
KPI_FIELDS = ("name", "kind", "direction", "unit", "baseline", "target", "weight", "count",
              "latest_value", "latest_on", "age_days", "progress", "trend_per_30d",
              "first_on", "band_min", "band_max", "forecast_on")
_SOURCE_FLAGS = {Source.SYSTEM_EXPORT: "has_system_export", Source.MANUAL: "has_manual",
                 Source.SELF_REPORTED: "has_self_reported"}
_KEY = "initiative_id, as_of, policy_name, policy_version"
_KEY_PARAMS = "initiative_id, $as_of, $policy_name, $policy_version"


def _param(name: str) -> str:
    # Non-finite params were stored as null when reasons were JSON (as pydantic writes
    # them); they stay null, so a verdict reads back as it always did.
    if pa.types.is_floating(PARAM_TYPES[name]):
        return f'CASE WHEN isfinite("{name}") THEN "{name}" END'
    return f'"{name}"'


# Replacing a run (same as-of and policy version) replaces its verdicts' rows in all three
# tables; initiatives not in the run keep theirs, as INSERT OR REPLACE did.
_REPLACED = [
    f"DELETE FROM {table} WHERE as_of = $as_of AND policy_name = $policy_name "  # noqa: S608
    "AND policy_version = $policy_version "
    "AND initiative_id IN (SELECT initiative_id FROM verdict_rows)"
    for table in ("evaluations", "evaluation_reasons", "evaluation_kpis")
]

_INSERT_VERDICTS = f"""INSERT INTO evaluations ({_KEY}, run_id, recommendation, light, score,
        overdue, evaluated_at, {", ".join(CRITERION_COLUMNS)})
    SELECT {_KEY_PARAMS}, $run_id, recommendation, light, score, overdue, $evaluated_at,
           {", ".join(CRITERION_COLUMNS)}
    FROM verdict_rows"""  # noqa: S608 - only constant column names are formatted in

# A verdict's reasons and KPI statistics, keyed as the verdict is.
_INSERT_DETAILS = [
    f"""INSERT INTO evaluation_reasons ({_KEY}, criterion, position, seq, code,
        {", ".join(PARAM_TYPES)})
    SELECT {_KEY_PARAMS}, criterion, position, seq, code,
           {", ".join(_param(name) for name in PARAM_TYPES)}
    FROM reason_rows""",  # noqa: S608
    f"""INSERT INTO evaluation_kpis ({_KEY}, position, {", ".join(KPI_FIELDS)}, sources)
    SELECT {_KEY_PARAMS}, position, {", ".join(KPI_FIELDS)},
           list_filter([{", ".join(
               f"CASE WHEN {flag} THEN '{source.value}' END"
               for source, flag in _SOURCE_FLAGS.items())}], s -> s IS NOT NULL)
    FROM kpi_rows""",  # noqa: S608
]


def insert_verdict_frames(
    con: duckdb.DuckDBPyConnection, frames: VerdictFrames, *, run_id: str, policy_name: str,
    policy_version: int, evaluated_at: datetime,
) -> int:
    """Store every verdict of `frames`; a re-run for the same as-of and policy replaces."""
    tables = {"verdict_rows": frames.verdicts, "reason_rows": frames.reasons,
              "kpi_rows": frames.kpis}
    params: dict[str, Any] = {"as_of": frames.as_of, "policy_name": policy_name,
                              "policy_version": policy_version}
    for name, table in tables.items():
        con.register(name, table)
    try:
        with _one_thread(con):
            for sql in _REPLACED:
                con.execute(sql, params)
            con.execute(_INSERT_VERDICTS,
                        {**params, "run_id": run_id, "evaluated_at": evaluated_at})
            for sql in _INSERT_DETAILS:
                con.execute(sql, params)
    finally:
        for name in tables:
            con.unregister(name)
    return frames.verdicts.num_rows


@contextmanager
def _one_thread(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Insert on one thread. On two, DuckDB inserts a registered Arrow table in parallel
    batches that it then merges: twice the CPU, and 2-3x the time on this 2-core machine
    under load (measured on the national run; docs/performance.md). `threads` is a
    setting of the whole instance, so it is put back at once."""
    row = con.execute("SELECT current_setting('threads')").fetchone()
    con.execute("SET threads = 1")
    try:
        yield
    finally:
        con.execute(f"SET threads = {int(row[0]) if row else 1}")


def frames_of(as_of: date, evaluations: Sequence[Evaluation]) -> VerdictFrames:
    """Verdicts of one as-of date as the frames the vectorised policy returns."""
    verdicts, reasons, kpis = [], [], []
    for e in evaluations:
        verdict: dict[str, Any] = {"initiative_id": e.initiative_id,
                                   "recommendation": e.recommendation.value,
                                   "light": e.light.value, "score": e.score,
                                   "overdue": e.overdue}
        for name in CRITERIA_ORDER:
            criterion = e.criterion(name)
            if criterion is None:
                raise ValueError(f"verdict on {e.initiative_id} lacks criterion {name}")
            verdict[f"{name}_light"] = criterion.light.value if criterion.light else None
            verdict[f"{name}_value"] = criterion.value
            verdict[f"{name}_passed"] = criterion.passed
        verdicts.append(verdict)
        reasons += _reason_rows(e)
        kpis += [
            {"initiative_id": e.initiative_id, "position": position,
             **k.model_dump(include=set(KPI_FIELDS)),
             **{flag: source in k.sources for source, flag in _SOURCE_FLAGS.items()}}
            for position, k in enumerate(e.kpis)
        ]
    return VerdictFrames(
        as_of,
        pa.Table.from_pylist(verdicts, schema=_VERDICT_SCHEMA),
        pa.Table.from_pylist(reasons, schema=_REASON_SCHEMA),
        pa.Table.from_pylist(kpis, schema=_KPI_SCHEMA),
    )


def _reason_rows(e: Evaluation) -> list[dict[str, Any]]:
    """The recommendation's reasons come first in Verdict.reasons, then the criteria's."""
    own = len(e.reasons) - sum(len(c.reasons) for c in e.criteria)
    groups = [(RECOMMEND, 0, e.reasons[:own])] + [
        (name, position, e.criterion(name).reasons)  # type: ignore[union-attr]
        for position, name in enumerate(CRITERIA_ORDER, start=1)
    ]
    return [
        {"initiative_id": e.initiative_id, "criterion": criterion, "position": position,
         "seq": seq, "code": reason.code,
         **{name: reason.params[name] for name in REASON_PARAMS[reason.code]}}
        for criterion, position, group in groups
        for seq, reason in enumerate(group)
    ]


_VERDICT_SCHEMA = pa.schema(
    [("initiative_id", pa.string()), ("recommendation", pa.string()), ("light", pa.string()),
     ("score", pa.float64()), ("overdue", pa.bool_())]
    + [(column, {"light": pa.string(), "value": pa.float64(), "passed": pa.bool_()}[
        column.rsplit("_", 1)[1]]) for column in CRITERION_COLUMNS]
)
_REASON_SCHEMA = pa.schema(
    [("initiative_id", pa.string()), ("criterion", pa.string()), ("position", pa.int64()),
     ("seq", pa.int64()), ("code", pa.string()), *PARAM_TYPES.items()]
)
_KPI_SCHEMA = pa.schema(
    [("initiative_id", pa.string()), ("position", pa.int64()), ("name", pa.string()),
     ("kind", pa.string()), ("direction", pa.string()), ("unit", pa.string()),
     ("baseline", pa.float64()), ("target", pa.float64()), ("weight", pa.float64()),
     ("count", pa.int64()), ("latest_value", pa.float64()), ("latest_on", pa.date32()),
     ("age_days", pa.int64()), ("progress", pa.float64()), ("trend_per_30d", pa.float64()),
     ("first_on", pa.date32()), ("band_min", pa.float64()), ("band_max", pa.float64()),
     ("forecast_on", pa.date32())]
    + [(flag, pa.bool_()) for flag in _SOURCE_FLAGS.values()]
)
