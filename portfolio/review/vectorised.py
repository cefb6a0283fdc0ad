"""The review policy applied to the whole portfolio at once, column by column (issue #7).

Pure: frames, a policy and an as-of date in, VerdictFrames out; no clock, no database.
It runs every registered criterion (criteria.py), then the decision order (recommend.py).
This is the one engine production runs — scheduled runs, the command line, previews and
the policy what-if alike; tests/oracles/ holds the per-initiative reference it is tested
against (tests/unit/test_setbased_engine.py, marker `oracle`).
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from portfolio.review.columns import (
    GREEN,
    NO_LIGHT,
    YELLOW,
    KpiColumns,
    Reasons,
    light_names,
    nullable,
    round_like_python,
    text,
)
from portfolio.review.criteria import CRITERIA, PARAM_TYPES, Facts
from portfolio.review.frames import CRITERIA_ORDER, PortfolioFrames, VerdictFrames
from portfolio.review.policy import ReviewPolicy
from portfolio.review.recommend import RECOMMEND, RULES, recommend


def evaluate_frames(frames: PortfolioFrames, policy: ReviewPolicy, as_of: date) -> VerdictFrames:
    """The verdict on every initiative in `frames`."""
    ini, kpis = frames.initiatives, frames.kpis
    ids = text(ini, "initiative_id")
    k = KpiColumns.of(kpis, ids)
    reasons = Reasons((RECOMMEND, *CRITERIA_ORDER), PARAM_TYPES)
    facts = Facts(ini, k, policy, as_of, reasons)
    results = {name: CRITERIA[name].judge(facts) for name in CRITERIA_ORDER}
    rule = recommend(facts, results)
    for i, (_, code) in enumerate(RULES):
        reasons.add(np.flatnonzero(rule == i), RECOMMEND, 0, code)
    needs_data = rule == 0
    # The overall light is the worst criterion's; without enough evidence attainment is
    # not judged (it would call thin data red).
    # Proof speaks only where benefits look green: it says whether they hold.
    green = results["attainment"].light == GREEN
    hidden = {"attainment": needs_data, "proof": ~green | (not policy.scale.required)}
    lights = np.stack([
        np.where(hidden[name], NO_LIGHT, r.light) if name in hidden else r.light
        for name, r in results.items()
    ])
    overall = lights.max(axis=0)
    overall = np.where(overall == NO_LIGHT, YELLOW, overall)
    score = round_like_python(results["attainment"].value, 4)
    recommendations = pa.array([r.value for r, _ in RULES], pa.string())
    columns: dict[str, pa.Array] = {
        "initiative_id": ids,
        "recommendation": recommendations.take(rule),
        "light": light_names(overall),
        "score": nullable(score),
        "overdue": pa.array(~results["time"].passed),
    }
    for name, result in results.items():
        columns[f"{name}_light"] = light_names(result.light)
        columns[f"{name}_value"] = nullable(result.value)
        columns[f"{name}_passed"] = pa.array(result.passed)
    return VerdictFrames(as_of, pa.table(columns), reasons.table(ids), _derived(kpis, k))


def kpi_statistics(kpis: pa.Table) -> pa.Table:
    """PortfolioFrames.kpis with what the engine derives per KPI (progress, forecast), as a
    verdict stores them: for a page or report that shows KPIs no run has judged yet."""
    ids = pc.unique(kpis.column("initiative_id").combine_chunks().cast(pa.string()))
    return _derived(kpis, KpiColumns.of(kpis, ids))


def _derived(kpis: pa.Table, k: KpiColumns) -> pa.Table:
    return (
        kpis.append_column("progress", nullable(k.progress))
        .append_column("forecast_on", pa.array(k.forecast_on, pa.date32(),
                                               mask=np.isnat(k.forecast_on)))
        .append_column("position", pa.array(np.arange(kpis.num_rows, dtype=np.int64)))
    )
