"""Issue #18 where a user meets it, from a real DuckDB file: the board's three lights and
its count of self-reported benefits, the agenda's early flag for a late forecast, the
lights in an e-mail, then-versus-now after scaling, and the demo's evidence snapshots."""

from __future__ import annotations

from datetime import date, timedelta

from portfolio.models import (
    Actor,
    Decision,
    DecisionKind,
    Department,
    KpiKind,
    Light,
    Recommendation,
    Source,
    Stage,
)
from portfolio.notify.compose import AddressBook, Style, steering_agendas
from portfolio.review.agenda import AgendaReason
from portfolio.review.followup import then_and_now
from portfolio.service.agenda import review_agenda
from portfolio.service.board import portfolio_board
from portfolio.service.evaluation import store_run
from portfolio.service.setup import initialise, seed_demo
from portfolio.storage import Database
from tests.factories import AS_OF, make_initiative, make_kpi, make_measurements
from tests.units import in_reading

OPERATOR = Actor.operator()


def store(db: Database, initiative_id: str, values: list[float], *,
          source: Source = Source.MANUAL, **initiative: object) -> None:
    kpi = make_kpi("share", initiative_id=initiative_id)
    with db.transaction() as s:
        s.initiatives.save(make_initiative(id=initiative_id, **initiative))
        s.kpis.save(kpi)
        s.measurements.upsert_many(make_measurements(kpi, values, source=source))


def test_the_board_shows_three_lights_and_counts_self_reported_benefits(db):
    store(db, "OK", [90] * 4)
    store(db, "MELON", [90] * 4, source=Source.SELF_REPORTED,
          review_on=AS_OF - timedelta(days=45), spent_dkk=1_200_000.0)
    store_run(db, OPERATOR, "run", AS_OF)

    board = in_reading(db, portfolio_board, OPERATOR, AS_OF)
    rows = board.rows.set_index("id")

    assert rows.loc["OK", ["budget_light", "time_light", "benefit_light"]].tolist() == [
        "green", "green", "green"]
    assert rows.loc["MELON", ["budget_light", "time_light", "benefit_light"]].tolist() == [
        "yellow", "red", "yellow"]
    assert board.metrics.self_reported_only == 1


def test_a_forecast_after_the_review_date_puts_the_initiative_on_the_agenda_early(db):
    # 10, 20, 30 of 100: +10 a month reaches 100 about seven months on, after the review.
    store(db, "SLOW", [10, 20, 30], review_on=AS_OF + timedelta(days=60))
    store(db, "FAST", [50, 70, 90], review_on=AS_OF + timedelta(days=60))
    store_run(db, OPERATOR, "run", AS_OF)

    items = {i.initiative.id: i for i in in_reading(db, review_agenda, OPERATOR, AS_OF).items}

    assert AgendaReason.FORECAST_LATE in items["SLOW"].reasons
    assert "FAST" not in items or AgendaReason.FORECAST_LATE not in items["FAST"].reasons
    assert items["SLOW"].lights == (Light.GREEN, Light.GREEN, Light.RED)


def test_a_forecast_date_already_past_puts_the_initiative_on_the_agenda_early(db):
    # 70, 80, 90 of 100 up to 60 days before the as-of date: +10 a month reaches 100 thirty
    # days after the newest point, so 30 days ago; the review date is 60 days ahead.
    kpi = make_kpi("share", initiative_id="STALLED")
    with db.transaction() as s:
        s.initiatives.save(make_initiative(id="STALLED", review_on=AS_OF + timedelta(days=60)))
        s.kpis.save(kpi)
        s.measurements.upsert_many(
            make_measurements(kpi, [70, 80, 90], end=AS_OF - timedelta(days=60)))
    store_run(db, OPERATOR, "run", AS_OF)
    with db.reading() as s:
        (verdict,) = s.evaluations.for_run("run")
    assert verdict.kpis[0].forecast_on == AS_OF - timedelta(days=30)

    items = {i.initiative.id: i for i in in_reading(db, review_agenda, OPERATOR, AS_OF).items}

    assert AgendaReason.FORECAST_LATE in items["STALLED"].reasons


def test_the_steering_e_mail_shows_the_three_lights(db):
    store(db, "SLOW", [10, 20, 30], review_on=AS_OF + timedelta(days=60))
    with db.transaction() as s:
        s.departments.save(Department(name="Social services", steering_group="Velfærd"))
    store_run(db, OPERATOR, "run", AS_OF)
    style = Style(dashboard_url="https://x.example/", organisation="Demo", default_language="da")

    agenda = in_reading(db, review_agenda, OPERATOR, AS_OF)
    (message,) = steering_agendas(agenda, AddressBook(), style)

    assert "Budget grøn · tid grøn · gevinst rød" in message.text
    assert "Budget grøn · tid grøn · gevinst rød" in message.html


def test_then_and_now_compares_the_evidence_of_the_scale_decision_with_today(db):
    store(db, "VID", [85, 88, 90, 92], stage=Stage.SCALING)
    store_run(db, OPERATOR, "then", AS_OF - timedelta(days=30))
    with db.reading() as s:
        (then,) = s.evaluations.for_run("then")
    decision = Decision(initiative_id="VID", kind=DecisionKind.SCALE, decided_by="styregruppe",
                        decided_on=AS_OF - timedelta(days=30),
                        evidence=then.model_dump(mode="json"))
    store_run(db, OPERATOR, "now", AS_OF)
    with db.reading() as s:
        (now,) = s.evaluations.for_run("now")
        initiative = s.initiatives.get("VID")
    assert initiative is not None

    spread = initiative.model_copy(update={"planned_departments": ("A", "B", "C"),
                                           "adopted_departments": ("A",)})
    found = then_and_now(spread, [decision], now)

    assert found is not None and found.scaled_on == AS_OF - timedelta(days=30)
    (row,) = found.kpis
    assert (row.kpi, row.then, row.now) == ("share", 90.0, 92.0)
    assert (found.adopted, found.planned) == (("A",), ("A", "B", "C"))


def test_the_demo_s_past_decisions_carry_their_evidence_snapshots(tmp_path):
    db = Database(tmp_path / "demo.duckdb", lock_timeout=5)
    initialise(db, OPERATOR)
    seed_demo(db, OPERATOR, date(2026, 5, 1))
    with db.reading() as s:
        decisions = s.decisions.for_initiatives([i.id for i in s.initiatives.all()])

    assert decisions and all(d.evidence for d in decisions)
    for d in decisions:
        assert d.evidence["as_of"] == d.decided_on.isoformat()
        assert Recommendation(d.evidence["recommendation"])
        kinds = {k["kind"] for k in d.evidence["kpis"]}
        assert not kinds or kinds <= {k.value for k in KpiKind}
