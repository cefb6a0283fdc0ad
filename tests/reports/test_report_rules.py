"""The pure rules behind the reports: what is due, and what was realised."""

from __future__ import annotations

from datetime import timedelta

from portfolio.i18n import LANGUAGES
from portfolio.models import Decision, DecisionKind, Department, Evaluation, Light, Recommendation
from portfolio.reports import labels
from portfolio.review.agenda import AgendaReason
from portfolio.service.reports import InitiativeFile
from tests.agenda_models import build_agenda
from tests.factories import AS_OF, make_initiative, make_kpi, make_measurements
from tests.reports.realised_oracle import realised_kpis, summarise


def _evaluation(recommendation: Recommendation) -> Evaluation:
    return Evaluation(
        initiative_id="INI-1", as_of=AS_OF, recommendation=recommendation, light=Light.GREEN,
        score=0.9, criteria=(), reasons=(), run_id="r", policy_name="default",
        policy_version=1, evaluated_at=AS_OF,
    )


def _decision(days_before: int) -> Decision:
    return Decision(initiative_id="INI-1", kind=DecisionKind.CONTINUE, decided_by="k",
                    decided_on=AS_OF - timedelta(days=days_before))


def _reasons(evaluation: Evaluation, decision: Decision | None) -> tuple[AgendaReason, ...]:
    initiative = make_initiative()
    department = Department(name=initiative.department, steering_group="G")
    agenda = build_agenda([initiative], {initiative.id: evaluation},
                          [decision] if decision else [], [department], AS_OF)
    return agenda.items[0].reasons if agenda.items else ()


def test_a_scale_recommendation_is_due_until_the_group_decides_on_that_evidence() -> None:
    scale = _evaluation(Recommendation.SCALE)

    assert _reasons(scale, _decision(days_before=30)) == (AgendaReason.RECOMMENDED,)
    assert _reasons(scale, _decision(days_before=0)) == ()
    assert _reasons(_evaluation(Recommendation.CONTINUE), None) == ()


def test_realised_benefits_are_capped_at_the_target_and_split_by_cashable() -> None:
    hours = make_kpi("hours saved", baseline=0, target=100, cashable=True)
    waiting = make_kpi("waiting days", baseline=20, target=10)
    complaints = make_kpi("complaints", kind="guardrail", baseline=5, target=5)
    file = InitiativeFile(
        initiative=make_initiative(), kpis=(hours, waiting, complaints),
        measurements=(*make_measurements(hours, [50, 140]), *make_measurements(waiting, [18, 16]),
                      *make_measurements(complaints, [9])),
        evaluation=None, decisions=(), lessons=(),
    )

    realised = summarise("all", realised_kpis([file], AS_OF))

    assert (realised.kpis, realised.cashable, realised.non_cashable) == (2, 1.0, 0.4)
    assert realised.overall == 0.7


def test_every_report_label_exists_in_danish_and_english() -> None:
    tables = [labels.RECOMMENDATIONS, labels.KPI_KINDS, labels.SOURCES, labels.TECHNOLOGIES]
    missing = [key for table in tables for key, texts in table.items()
               if set(texts) != set(LANGUAGES) or not all(texts.values())]
    assert missing == []
