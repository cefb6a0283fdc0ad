"""Agendas from models: for tests that build initiatives, evaluations and decisions with
the factories (tests/factories.py), and the reference the set-based read of the facts is
held equal to (tests/service/test_set_based_agenda.py).

The meeting pack built its agenda this way until it read the group's facts in SQL as the
follow-up flow and the steering page do (portfolio.storage.agenda_facts, #15); production
has one path to the facts since. These helpers turn models into the same FACTS table and
judge it with the production rules (portfolio.review.agenda_rules.agenda_of).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date

import pyarrow as pa

from portfolio.models import (
    Decision,
    DecisionKind,
    Department,
    Evaluation,
    GroupKey,
    Initiative,
    KpiKind,
)
from portfolio.review.agenda import (
    FOLLOW_UP_MONTHS,
    Agenda,
    AgendaFacts,
    LastDecision,
    Subject,
)
from portfolio.review.agenda_rules import FACTS, agenda_of


def facts_table(facts: Sequence[AgendaFacts]) -> pa.Table:
    """AgendaFacts as a FACTS table: for callers that hold models (build_agenda)."""
    def value(x: object) -> object:
        return None if x is None else getattr(x, "value", x)

    rows = {name: [] for name in FACTS.names}  # type: dict[str, list[object]]
    for fact in facts:
        ini, last, lights = fact.initiative, fact.last_decision, fact.lights
        for name, v in (
            ("id", ini.id), ("title", ini.title), ("department", ini.department),
            ("owner", ini.owner), ("stage", value(ini.stage)), ("review_on", ini.review_on),
            ("steering_group", fact.steering_group), ("organisation", ini.organisation),
            ("recommendation", value(fact.recommendation)),
            ("evaluated_on", fact.evaluated_on),
            ("decided_on", last.decided_on if last else None),
            ("decided_kind", value(last.kind) if last else None),
            ("decided_recommendation", value(last.recommendation) if last else None),
            ("scaled_on", fact.scaled_on),
            ("kpi_names", [k for k, _ in fact.kpis_latest_on]),
            ("kpi_latest_on", [d for _, d in fact.kpis_latest_on]),
            ("budget_light", value(lights[0])), ("time_light", value(lights[1])),
            ("benefit_light", value(lights[2])), ("forecast_late", fact.forecast_late),
        ):
            rows[name].append(v)
    return pa.table(rows, schema=FACTS)


def build_agenda(
    initiatives: Sequence[Initiative],
    latest: Mapping[str, Evaluation],
    decisions: Sequence[Decision],
    departments: Sequence[Department],
    as_of: date,
    *,
    stale_after_days: int = 60,
    follow_up_months: Sequence[int] = FOLLOW_UP_MONTHS,
) -> Agenda:
    """The agenda of `agenda_of`, from models: for callers that hold them already (the
    meeting pack of one group)."""
    return agenda_of(facts_table(facts_of(initiatives, latest, decisions, departments)),
                     as_of, stale_after_days=stale_after_days,
                     follow_up_months=follow_up_months)


def facts_of(initiatives: Sequence[Initiative], latest: Mapping[str, Evaluation],
             decisions: Sequence[Decision], departments: Sequence[Department]
             ) -> list[AgendaFacts]:
    """Each initiative's AgendaFacts, from models."""
    groups = {(d.organisation, d.name): d.steering_group for d in departments}
    named = {d.name: d for d in departments}  # an initiative of no organisation
    by_initiative: dict[str, list[Decision]] = defaultdict(list)
    for decision in sorted(decisions, key=lambda d: (d.decided_on, d.id or 0)):
        by_initiative[decision.initiative_id].append(decision)
    return [_facts(i, latest.get(i.id), by_initiative[i.id],
                   groups.get((i.organisation, i.department), "") if i.organisation
                   else _named_group(named.get(i.department)))
            for i in initiatives]
def _named_group(department: Department | None) -> GroupKey:
    """The group of a department found by name alone (an initiative of no organisation)."""
    return GroupKey(department.organisation, department.steering_group) if department \
        else GroupKey("", "")


def _facts(initiative: Initiative, evaluation: Evaluation | None, decisions: list[Decision],
           group: str | GroupKey) -> AgendaFacts:
    last = decisions[-1] if decisions else None
    scaled = [d.decided_on for d in decisions if d.kind is DecisionKind.SCALE]
    organisation, name = ((group.organisation or initiative.organisation, group.name)
                          if isinstance(group, GroupKey) else (initiative.organisation, group))
    return AgendaFacts(
        initiative=Subject(initiative.id, initiative.title, initiative.department,
                           initiative.owner, initiative.stage, initiative.review_on,
                           organisation),
        steering_group=name,
        recommendation=evaluation.recommendation if evaluation else None,
        evaluated_on=evaluation.as_of if evaluation else None,
        kpis_latest_on=tuple((k.name, k.latest_on) for k in evaluation.kpis) if evaluation
        else (),
        last_decision=LastDecision(last.decided_on, last.kind, last.recommendation) if last
        else None,
        scaled_on=scaled[-1] if scaled else None,
        lights=tuple(evaluation.lights.values()) if evaluation else (None, None, None),
        forecast_late=_forecast_late(initiative, evaluation),
    )


def _forecast_late(initiative: Initiative, evaluation: Evaluation | None) -> bool:
    if evaluation is None or initiative.review_on is None:
        return False
    codes = {r.code for r in evaluation.reasons}
    # A forecast date already past (the target should have been reached) is late too.
    return bool({"attainment.not_at_this_trend", "attainment.forecast_passed"} & codes) or any(
        k.forecast_on is not None
        and (k.forecast_on > initiative.review_on or k.forecast_on < evaluation.as_of)
        for k in evaluation.kpis if k.kind is KpiKind.BENEFIT)


