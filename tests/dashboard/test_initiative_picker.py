"""Finding one initiative among thousands (#7): search, department, a bounded choice, links."""

from __future__ import annotations

import pytest

from portfolio.models import Actor, Role

CHOOSE = "Choose an initiative"


def picker(at, label: str = CHOOSE):
    return next(s for s in at.selectbox if s.label == label)


def offered(at, label: str = CHOOSE) -> list[str]:
    return [option.split(" — ")[0] for option in picker(at, label).options]


def search(at, text: str, label: str = CHOOSE, name: str = "id"):
    at.text_input(key=f"{name}_search_{label}").set_value(text).run()
    assert not at.exception, at.exception
    return at


@pytest.fixture
def few_options(monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setenv("FAILSCALE_PICKER_OPTIONS", "5")
    return 5


def test_words_of_the_title_find_the_initiatives_and_the_page_opens_the_first(app):
    at = search(app("initiative"), "chatbot")

    assert offered(at) == ["KB-02", "SB-03", "TM-04"]
    assert at.title[0].value == "Chatbot i Borgerservice"


def test_an_id_finds_its_initiative_whatever_the_case(app):
    at = search(app("initiative"), "tm-03")

    assert offered(at) == ["TM-03"]
    assert at.title[0].value == "Droner til inspektion af broer og tage"


def test_the_picker_offers_a_bounded_number_and_says_how_many_match(app, few_options):
    at = app("initiative")

    assert offered(at) == ["BU-01", "BU-02", "BU-03", "BU-04", "BU-05"]
    assert "Showing 5 of 35 matches — search to narrow them" in [c.value for c in at.caption]


def test_a_link_opens_an_initiative_beyond_the_offered_choices(app, few_options):
    at = app("initiative", params={"id": "TM-06"})

    assert at.title[0].value == "Robotplæneklippere i parker"
    assert offered(at)[0] == "TM-06"


def test_a_department_narrows_the_choices(app):
    at = app("initiative")
    at.selectbox(key=f"id_department_{CHOOSE}").set_value("Teknik og Miljø").run()

    assert offered(at) == ["TM-01", "TM-02", "TM-03", "TM-04", "TM-05", "TM-06"]
    assert at.title[0].value == "Fyldningssensorer i affaldscontainere"


def test_a_search_without_matches_says_so(app):
    at = search(app("initiative"), "zeppelin")

    assert "No initiative matches the search." in [i.value for i in at.info]
    assert not at.title


def test_the_search_is_offered_in_danish(app):
    at = app("initiative", lang="da")

    assert at.text_input(key="id_search_Vælg et initiativ").label == "Søg (ID eller ord fra titlen)"


def test_a_leader_is_offered_only_own_departments_initiatives_to_edit(app):
    leader = Actor(username="hanne.lund", role=Role.LEADER, departments=("Teknik og Miljø",))
    at = app("register", actor=leader, params={"id": "SB-03"})

    assert offered(at, "Initiative to edit") == [
        "(new initiative)", "TM-01", "TM-02", "TM-03", "TM-04", "TM-05", "TM-06"]
    assert picker(at, "Initiative to edit").value is None


def test_searching_on_the_register_page_finds_the_initiative_to_edit(app):
    at = search(app("register"), "droner", "Initiative to edit")
    picker(at, "Initiative to edit").set_value("TM-03").run()

    assert at.text_input(key="TM-03_title").value == "Droner til inspektion af broer og tage"


def test_an_administrator_finds_the_initiative_to_assign_by_searching(app):
    at = app("users")
    at = search(at, "spiserobot", "Initiative", "initiative")

    assert offered(at, "Initiative") == ["SA-06"]
