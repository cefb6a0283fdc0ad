"""The public results page (/public) on the real API server: what an administrator marks
public, in Danish or English, without sign-in, without personal data (#19)."""

from __future__ import annotations

import re

import pytest

from portfolio.errors import NotAllowed
from portfolio.models import Actor, Role, Stage
from portfolio.service.initiatives import save_initiative
from portfolio.service.public import mark_public
from tests.api.conftest import OTHER_INITIATIVE, OTHER_ORGANISATION, ApiServer
from tests.factories import make_initiative
from tests.units import in_transaction

HOSTILE = "<script>alert('x')</script> & <b>fed</b>"


@pytest.fixture(scope="module")
def published(api_server: ApiServer) -> ApiServer:
    operator = Actor.operator()
    in_transaction(api_server.db, save_initiative, operator, make_initiative(
        id="BU-99", title=HOSTILE, department="Børn og Unge", stage=Stage.IDEA,
        owner="Hemmelig Person", hypothesis="Hvis <i>alle</i> får en app, så …"))
    for args in (["public", "mark", "TM-01"], ["public", "mark", "BU-06", "--budget"],
                 ["public", "mark", "BU-99"], ["public", "mark", OTHER_INITIATIVE]):
        result = api_server.cli(*args)
        assert result.exit_code == 0, result.output
    return api_server


def _page(server: ApiServer, **params: str) -> str:
    with server.client() as anonymous:
        answer = anonymous.get("/public", params=params)
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/html")
    return answer.text


def test_the_page_shows_what_was_marked_public_in_danish_without_sign_in(
    published: ApiServer,
) -> None:
    page = _page(published)
    assert '<html lang="da">' in page
    assert len(re.findall(r"<h1\b", page)) == 1
    assert "Fyldningssensorer i affaldscontainere" in page  # TM-01, scaled
    assert "Appbaseret sprogvurdering af 3-årige" in page  # BU-06, closed
    assert "Skaleret" in page and "Værn overskredet" in page  # outcomes, the close reason
    assert "Sensorerne skal monteres af leverandøren" in page  # TM-01's lesson
    assert "Resultater" in page and "Det lærte vi" in page
    assert "Video consultation" not in page
    with published.db.reading() as store:
        unmarked = store.initiatives.get("SA-02")
    assert unmarked is not None and unmarked.title not in page


def test_english_is_a_choice(published: ApiServer) -> None:
    page = _page(published, lang="en")
    assert '<html lang="en">' in page
    assert "Results of digital trials" in page and "What we learned" in page


def test_no_personal_data_and_budget_lines_only_where_marked(published: ApiServer) -> None:
    page = _page(published)
    with published.db.reading() as store:
        owners = {store.initiatives.get(i).owner for i in ("TM-01", "BU-06")}  # type: ignore[union-attr]
        deciders = {d.decided_by for i in ("TM-01", "BU-06")
                    for d in store.decisions.for_initiative(i)}
        rationales = {d.rationale for i in ("TM-01", "BU-06")
                      for d in store.decisions.for_initiative(i) if d.rationale}
    for secret in (*owners, *deciders, *rationales, "Hemmelig Person"):
        assert secret not in page
    assert "350.000" in page  # BU-06 shows its budget
    assert "1.300.000" not in page  # TM-01 does not


def test_user_text_is_escaped_not_run(published: ApiServer) -> None:
    page = _page(published)
    assert "<script>" not in page and "<b>fed</b>" not in page and "<i>alle</i>" not in page
    assert "&lt;script&gt;" in page and "&lt;i&gt;alle&lt;/i&gt;" in page


def test_one_organisation_at_a_time(published: ApiServer) -> None:
    page = _page(published, organisation=OTHER_ORGANISATION)
    assert "Nabo&#39;s video consultations" in page
    assert "Fyldningssensorer" not in page


def test_marking_public_is_an_audited_administrators_use_case(published: ApiServer) -> None:
    leader = Actor(username="lea", role=Role.LEADER, departments=("Børn og Unge",))
    with pytest.raises(NotAllowed):
        in_transaction(published.db, mark_public, leader, "BU-01")
    with published.db.reading() as store:
        events = store.audit.for_entity("initiative", "BU-06")
    assert any(e.action == "publish" and e.actor == "operator" for e in events)
    unmarked = published.cli("public", "unmark", "BU-99")
    assert unmarked.exit_code == 0, unmarked.output
    assert "&lt;script&gt;" not in _page(published)


def test_a_busy_database_is_a_page_that_says_to_come_back_not_json(tmp_path) -> None:
    """A citizen meets the page in her language with 503 and Retry-After (not cached),
    not the API's JSON about a change "not saved"; the page is back once it is free."""
    from fastapi.testclient import TestClient

    from api.app import create_app
    from portfolio.service.setup import initialise
    from portfolio.settings import Settings
    from portfolio.storage import Database
    from tests.holder import held_by_another_process

    path = tmp_path / "portfolio.duckdb"
    initialise(Database(path), Actor.operator())
    client = TestClient(create_app(Settings(db=path, lock_timeout_seconds=0.5)))

    with held_by_another_process(path):
        busy = client.get("/public")
        busy_en = client.get("/public", params={"lang": "en"})

    assert busy.status_code == 503 and busy.headers["content-type"].startswith("text/html")
    assert busy.headers["retry-after"] == "5" and busy.headers["cache-control"] == "no-store"
    assert "Resultaterne kan ikke læses lige nu, fordi databasen er optaget." in busy.text
    assert '<html lang="da">' in busy.text and "gemt" not in busy.text
    assert "the database is busy. Please try again in a moment." in busy_en.text
    after = client.get("/public")
    assert after.status_code == 200 and "optaget" not in after.text
