"""The board and the initiative page show benefits in kroner (#18, item 2)."""

from __future__ import annotations

from datetime import date

from portfolio import formats
from portfolio.models import Actor, Role
from portfolio.service.benefits import benefit_plan_of, kroner_view
from tests.units import in_reading


def test_the_boards_realised_figure_is_kroner_with_the_share_of_targets_second(app, demo_db):
    at = app()

    (card,) = [m for m in at.metric if m.label == "Realised, kroner"]
    kroner = in_reading(demo_db, kroner_view, Actor.operator(), date.today())
    assert card.value == formats.money(kroner.realised, "en")
    assert card.delta.endswith("of KPI targets")
    assert "Realised, cashable" not in [m.label for m in at.metric]


def test_the_board_tables_planned_against_realised_kroner_per_year_and_department(
        app, demo_db):
    at = app(lang="da")

    (table,) = [d.value for d in at.dataframe if "Planlagt (kr.)" in d.value.columns]
    kroner = in_reading(demo_db, kroner_view, Actor.operator(), date.today())
    whole = {str(r.year): formats.money(r.planned, "da") for r in kroner.level("all")}
    shown = table[table["Organisation"] == "I alt"]
    assert dict(zip(shown["År"], shown["Planlagt (kr.)"], strict=True)) == whole
    assert set(table["Afdeling"]) >= {r.department for r in kroner.level("department")}


def test_the_initiative_page_shows_the_plan_with_its_budget_lines(app, demo_db):
    at = app("initiative", params={"id": "OD-02"})

    lines = in_reading(demo_db, benefit_plan_of, Actor.operator(), "OD-02")
    (table,) = [d.value for d in at.dataframe if "Budget line (taken home from)" in d.value.columns]
    assert list(table["Benefit"]) == [x.benefit for x in lines]
    assert any(x.budget_line for x in lines)


def test_a_realised_value_is_recorded_on_the_initiative_page(app, demo_db):
    at = app("initiative", params={"id": "OD-02"})
    (form,) = [f for f in at.get("form")
               if any(i.key == "realised_value" for i in f.text_input)]
    first = in_reading(demo_db, benefit_plan_of, Actor.operator(), "OD-02")[0]

    at.text_input(key="realised_value").set_value("123456")
    form.button[0].click()
    at.run()

    assert next(s.value for s in at.success).startswith("Recorded")
    again = in_reading(demo_db, benefit_plan_of, Actor.operator(), "OD-02")[0]
    assert (again.key, again.realised, again.updated_by) == (first.key, 123_456, "dashboard")


def test_a_leader_adds_a_line_and_removes_a_mistaken_one_on_the_initiative_page(app, demo_db):
    leader = Actor(username="hanne.lund", role=Role.LEADER,
                   departments=("Økonomi og Digitalisering",), organisation="Demo Kommune")
    at = app("initiative", actor=leader, params={"id": "OD-02"})
    before = in_reading(demo_db, benefit_plan_of, Actor.operator(), "OD-02")
    (add,) = [f for f in at.get("form") if any(i.key == "planned_value" for i in f.text_input)]
    add.text_input[0].set_value("Porto")  # benefit
    add.text_input[1].set_value("6.45.51")  # budget line
    at.text_input(key="planned_value").set_value("40000")
    add.button[0].click()
    at.run()
    assert next(s.value for s in at.success).startswith("Saved: Porto")

    (remove,) = [f for f in at.get("form") if any(b.key == "remove_line" for b in f.selectbox)]
    porto = next(x for x in remove.selectbox[0].options if "Porto" in str(x))
    remove.selectbox[0].select(porto)
    remove.button[0].click()
    at.run()

    assert next(s.value for s in at.success).startswith("Removed: Porto")
    assert in_reading(demo_db, benefit_plan_of, Actor.operator(), "OD-02") == before
