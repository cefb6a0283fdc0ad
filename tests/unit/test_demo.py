"""The demo portfolio: deterministic, valid, and designed to show every recommendation."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest

from portfolio.demo import DemoPortfolio, build_demo, intended
from portfolio.models import (
    DecisionKind,
    Direction,
    FocusArea,
    KpiKind,
    Recommendation,
    Role,
    Source,
    Stage,
    Technology,
    Verdict,
)
from portfolio.review.policy import default_policy
from tests.engine import evaluate

ANCHOR = date(2026, 5, 1)
ANCHORS = (date(2025, 3, 1), date(2026, 11, 22))
SOCIAL_BENEFIT_APP = "SB-01"
VIRTUAL_OUTPATIENT = "SA-01"


@pytest.fixture(scope="module")
def demo() -> DemoPortfolio:
    return build_demo(ANCHOR)


def verdicts(portfolio: DemoPortfolio, anchor: date) -> dict[str, Verdict]:
    return {
        s.initiative.id: evaluate(s, default_policy(), anchor) for s in portfolio.snapshots()
    }


def mix(anchor: date) -> Counter[Recommendation]:
    return Counter(v.recommendation for v in verdicts(build_demo(anchor), anchor).values())


def test_same_anchor_gives_identical_output() -> None:
    first, second = build_demo(ANCHOR), build_demo(ANCHOR)
    assert first == second
    assert repr(first) == repr(second)


def test_size_and_coverage(demo: DemoPortfolio) -> None:
    assert len(demo.departments) >= 6
    assert all(d.steering_group and d.organisation == "Demo Kommune" for d in demo.departments)
    assert len(demo.initiatives) >= 30
    assert {i.stage for i in demo.initiatives} == set(Stage)
    assert {i.focus_area for i in demo.initiatives} == set(FocusArea)
    assert {i.technology for i in demo.initiatives} == set(Technology)
    assert {k.kind for k in demo.kpis} == set(KpiKind)
    assert {k.direction for k in demo.kpis} == set(Direction)
    assert {k.cashable for k in demo.kpis if k.kind is KpiKind.BENEFIT} == {True, False}
    assert {m.provenance for m in demo.measurements} == set(Source)


def test_ids_are_unique_and_references_resolve(demo: DemoPortfolio) -> None:
    ids = [i.id for i in demo.initiatives]
    assert len(ids) == len(set(ids))
    departments = {d.name for d in demo.departments}
    assert {i.department for i in demo.initiatives} <= departments
    kpis = {(k.initiative_id, k.name) for k in demo.kpis}
    assert len(kpis) == len(demo.kpis)
    assert {(m.initiative_id, m.kpi) for m in demo.measurements} <= kpis
    assert {k.initiative_id for k in demo.kpis} <= set(ids)
    assert {d.initiative_id for d in demo.decisions} <= set(ids)
    assert {lesson.initiative_id for lesson in demo.lessons} <= set(ids)


def test_measurements_span_a_year_before_the_anchor(demo: DemoPortfolio) -> None:
    dates = [m.on for m in demo.measurements]
    assert max(dates) <= ANCHOR
    assert max(dates) - min(dates) >= timedelta(days=365)


def test_data_fits_the_timeline(demo: DemoPortfolio) -> None:
    started = {i.id: i.started_on for i in demo.initiatives}
    for m in demo.measurements:
        assert started[m.initiative_id] is not None and m.on >= started[m.initiative_id]
    for d in demo.decisions:
        assert d.decided_on <= ANCHOR
        start = started[d.initiative_id]
        assert start is None or d.decided_on >= start


def test_hypotheses_follow_the_danish_template(demo: DemoPortfolio) -> None:
    for i in demo.initiatives:
        assert i.hypothesis.startswith("Vi tror at ")
        assert " vil føre til " in i.hypothesis and " målt ved " in i.hypothesis


def test_users_cover_every_role(demo: DemoPortfolio) -> None:
    roles = Counter(u.role for u in demo.users)
    assert roles[Role.ADMIN] >= 1 and roles[Role.LEADER] >= 2 and roles[Role.KEY_EMPLOYEE] >= 1
    assert roles[Role.STEERING_MEMBER] >= 2
    assert any(u.username == "borgmester" and u.role is Role.VIEWER for u in demo.users)
    assert {u.language for u in demo.users} == {"da", "en"}
    steering = {u.username for u in demo.users if u.role is Role.STEERING_MEMBER}
    assert {d.decided_by for d in demo.decisions} <= steering


def test_every_model_is_valid(demo: DemoPortfolio) -> None:
    for group in (demo.departments, demo.initiatives, demo.kpis, demo.measurements,
                  demo.decisions, demo.lessons):
        for model in group:
            assert type(model).model_validate(model.model_dump()) == model


def test_stage_follows_the_latest_decision(demo: DemoPortfolio) -> None:
    allowed = {
        DecisionKind.CLOSE: {Stage.CLOSED},
        DecisionKind.PARK: {Stage.CLOSED},
        DecisionKind.SCALE: {Stage.SCALING},
        DecisionKind.PIVOT: {Stage.EXPERIMENT},
        DecisionKind.CONTINUE: {Stage.EXPERIMENT, Stage.OPERATION},
    }
    for i in demo.initiatives:
        own = sorted((d for d in demo.decisions if d.initiative_id == i.id),
                     key=lambda d: d.decided_on)
        if own:
            assert i.stage in allowed[own[-1].kind], i.id
            assert own[-1].next_review_on == i.review_on, i.id
        if i.stage is Stage.OPERATION:
            assert any(d.kind is DecisionKind.SCALE for d in own), i.id


def test_closed_initiatives_have_a_reason_and_a_lesson(demo: DemoPortfolio) -> None:
    lessons = {lesson.initiative_id for lesson in demo.lessons}
    closed = [i for i in demo.initiatives if i.stage is Stage.CLOSED]
    assert closed
    for i in closed:
        own = [d for d in demo.decisions if d.initiative_id == i.id]
        final = max(own, key=lambda d: d.decided_on)
        assert final.kind in {DecisionKind.CLOSE, DecisionKind.PARK}
        assert final.reason_code and final.rationale
        assert i.id in lessons
    assert {"no_effect", "guardrail", "budget", "not_now"} <= {
        d.reason_code for d in demo.decisions
    }


def test_scaled_initiatives_track_spread_and_lessons(demo: DemoPortfolio) -> None:
    lessons = {lesson.initiative_id for lesson in demo.lessons}
    scaling = [i for i in demo.initiatives if i.stage is Stage.SCALING]
    assert len(scaling) >= 2
    for i in scaling:
        assert i.id in lessons
        assert set(i.adopted_departments) <= set(i.planned_departments)
    assert any(len(i.adopted_departments) < len(i.planned_departments) for i in scaling)


def test_every_recommendation_appears_at_least_three_times() -> None:
    counts = mix(ANCHOR)
    assert set(counts) == set(Recommendation)
    assert min(counts.values()) >= 3, counts


def test_each_initiative_gets_its_designed_recommendation(demo: DemoPortfolio) -> None:
    got = {key: v.recommendation for key, v in verdicts(demo, ANCHOR).items()}
    assert got == intended()


@pytest.mark.parametrize("anchor", ANCHORS)
def test_the_mix_does_not_depend_on_the_anchor(anchor: date) -> None:
    assert mix(anchor) == mix(ANCHOR)
    got = {key: v.recommendation for key, v in verdicts(build_demo(anchor), anchor).items()}
    assert got == intended()


def test_overdue_experiments_are_zombies(demo: DemoPortfolio) -> None:
    results = verdicts(demo, ANCHOR)
    zombies = [
        i.id for i in demo.initiatives if i.stage is Stage.EXPERIMENT and results[i.id].overdue
    ]
    assert len(zombies) >= 3


def test_social_benefit_application_closes_on_walk_ins(demo: DemoPortfolio) -> None:
    verdict = verdicts(demo, ANCHOR)[SOCIAL_BENEFIT_APP]
    assert verdict.recommendation is Recommendation.CLOSE
    assert verdict.reasons[0].code == "recommend.close_guardrail"
    breached = [r for r in verdict.reasons if r.code == "guardrail.breached"]
    walk_ins = next(r for r in breached if r.params["kpi"] == "personlige henvendelser")
    assert walk_ins.params["baseline"] == 400
    assert 580 <= walk_ins.params["latest"] <= 660


def test_virtual_outpatient_consultations_scale(demo: DemoPortfolio) -> None:
    verdict = verdicts(demo, ANCHOR)[VIRTUAL_OUTPATIENT]
    initiative = next(i for i in demo.initiatives if i.id == VIRTUAL_OUTPATIENT)
    assert initiative.stage is Stage.EXPERIMENT
    assert initiative.technology is Technology.VIDEO_CONSULTATION
    assert verdict.recommendation is Recommendation.SCALE


def test_honest_evidence_flags_appear(demo: DemoPortfolio) -> None:
    reasons = {r.code for v in verdicts(demo, ANCHOR).values() for r in v.reasons}
    assert {"evidence.self_reported_only", "evidence.stale", "evidence.too_few"} <= reasons
