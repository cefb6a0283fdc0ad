"""Classing an initiative with a technology on KL's Teknologiradar on the register page,
and the lessons page saying, per initiative, whether it was classed with the radar
technology directly or found through its technology class (#18, item 7)."""

from __future__ import annotations

from portfolio.models import Actor
from portfolio.service.queries import initiative_detail
from tests.units import in_reading

OPERATOR = Actor.operator()
RADAR = "url_radar_Teknologi på KL's Teknologiradar"


def test_an_initiative_is_classed_on_the_register_page_and_found_under_the_radar_technology(
    app, demo_db
):
    at = app("register", params={"id": "TM-06"}, lang="da")
    radar = at.selectbox(key="TM-06_radar")
    assert radar.value is None
    assert radar.options[0] == "(ikke angivet)"
    assert "Velfærdsteknologi (afprøv)" in radar.options
    assert "Blockchain (afvent)" in radar.options

    radar.set_value("Velfærdsteknologi")
    at.button(key="TM-06_save").click().run()

    assert not at.error, [e.value for e in at.error]
    detail = in_reading(demo_db, initiative_detail, OPERATOR, "TM-06")
    assert detail.initiative.radar_technology == "Velfærdsteknologi"
    assert detail.audit[0].action == "update"

    lessons = app("lessons", params={"radar": "Velfærdsteknologi"}, lang="da")
    shelf = lessons.dataframe[0].value
    basis = dict(zip(shelf["ID"], shelf["Teknologi på KL's Teknologiradar"], strict=True))
    assert basis == {"SA-06": "gennem teknologiklassen Velfærdsteknologi",
                     "TM-06": "klasset direkte med Velfærdsteknologi"}
    assert any("hvert kort siger hvilket" in c.value for c in lessons.caption)
