"""SQL- and markup-injection strings in every text field: stored verbatim, rendered inert."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from portfolio.models import Actor, Decision, DecisionKind, Department, Person, Role, User
from portfolio.reports.documents import portfolio_html
from portfolio.service import decisions, imports, initiatives, lessons, people, queries, users
from portfolio.service.signin import LockOut, sign_in
from portfolio.storage import Database
from tests.factories import AS_OF, make_initiative, make_kpi
from tests.security.conftest import PAYLOADS
from tests.units import in_reading, in_transaction

pytestmark = pytest.mark.security

OPERATOR = Actor.operator()
# Markup a renderer would act on: not preceded by the backslash that makes it literal.
RAW = re.compile(r"(?<!\\)<(script|img)|(?<!\\)\]\(javascript:|onerror=alert")


def store_everywhere(db: Database, payload: str, on: date = AS_OF) -> None:
    """The payload in every free-text field a user can fill in."""
    in_transaction(db, people.save_person, OPERATOR, Person(name=payload, email="p@example.org"))
    in_transaction(db, initiatives.save_initiative, OPERATOR, make_initiative(
        id="X-1", department=payload, title=payload, owner=payload, core_task=payload,
        hypothesis=payload, tags=(payload,), stage="idea"),
        [make_kpi(payload, initiative_id="X-1", unit=payload[:50])])
    in_transaction(db, decisions.record_decision, OPERATOR, Decision(
        initiative_id="X-1", kind=DecisionKind.CLOSE, decided_by="", decided_on=on,
        rationale=payload, reason_code="other"), lesson=payload)
    in_transaction(db, users.update_user, OPERATOR, User(username="viv", role=Role.VIEWER,
                                         display_name=payload))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_every_text_field_stores_an_injection_string_verbatim(
    portfolio: Database, payload: str
) -> None:
    store_everywhere(portfolio, payload)

    detail = in_reading(portfolio, queries.initiative_detail, OPERATOR, "X-1")
    ini = detail.initiative
    assert {ini.title, ini.department, ini.owner, ini.core_task, ini.hypothesis,
            *ini.tags} == {payload}
    assert (detail.kpis[0].name, detail.kpis[0].unit) == (payload, payload[:50])
    assert (detail.decisions[0].rationale, detail.lessons[0].text) == (payload, payload)
    assert payload in in_reading(portfolio, people.address_book, OPERATOR)
    assert {u.display_name for u in in_reading(portfolio, users.list_users, OPERATOR)
            if u.username == "viv"} == {payload}
    assert [h.lesson.text for h in in_reading(portfolio, lessons.search_lessons,
                                              OPERATOR, payload).lessons
            ] == [payload]
    with portfolio.reading() as store:  # nothing was dropped along the way
        assert store.departments.get(payload) == Department(name=payload)
        assert store.initiatives.count() == 4


@pytest.mark.parametrize("payload", PAYLOADS)
def test_an_imported_injection_string_is_stored_verbatim(
    portfolio: Database, tmp_path: Path, payload: str
) -> None:
    quoted = '"' + payload.replace('"', '""') + '"'
    file = tmp_path / "initiatives.csv"
    file.write_text("id,title,department,owner,stage,started_on,review_on,budget_dkk,spent_dkk,"
                    f"hypothesis\nX-2,{quoted},A,{quoted},idea,,,0,0,{quoted}\n", "utf-8")
    report = imports.import_file(portfolio, OPERATOR, file, "initiatives")
    assert report.rejected == 0, report.errors
    ini = in_reading(portfolio, queries.initiative_detail, OPERATOR, "X-2").initiative
    assert (ini.title, ini.owner, ini.hypothesis) == (payload, payload, payload)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_an_injection_string_as_a_user_name_is_only_a_failed_sign_in(
    portfolio: Database, payload: str
) -> None:
    with pytest.raises(Exception, match="Wrong user name or password"):
        sign_in(portfolio, payload, payload, LockOut())
    with portfolio.reading() as store:
        assert store.initiatives.count() == 3 and store.users.count() == 5


def _rendered(at: AppTest) -> list[tuple[str, bool]]:
    """(text, raw HTML allowed) of every element that renders Markdown."""
    found = []
    for kind in ("markdown", "caption", "title", "header", "subheader", "info", "success",
                 "warning", "error"):
        for element in getattr(at, kind):
            found.append((str(element.value), bool(getattr(element.proto, "allow_html", False))))
    return found


@pytest.mark.parametrize("payload", PAYLOADS)
def test_injection_strings_are_rendered_inert_on_the_pages_that_show_them(
    app, demo_db: Database, payload: str
) -> None:
    in_transaction(demo_db, users.add_user, OPERATOR, User(username="viv", role=Role.VIEWER))
    store_everywhere(demo_db, payload, date.today() - timedelta(days=1))
    for page, params in (("initiative", {"id": "X-1"}), ("lessons", {"q": ""}),
                         ("board", {})):
        at = app(page, params=params)
        shown = _rendered(at)
        assert shown, page
        assert not [text for text, html in shown if html and payload in text], page
        assert not [text for text, _ in shown if RAW.search(text)], page
    assert any(payload.strip("*")[:3] in text.replace("\\", "") for text, _ in
               _rendered(app("initiative", params={"id": "X-1"})))


@pytest.mark.parametrize("payload", PAYLOADS[1:3])
def test_the_portfolio_report_escapes_markup(portfolio: Database, payload: str) -> None:
    store_everywhere(portfolio, payload)
    html = portfolio_html(portfolio, OPERATOR)
    assert payload not in html
    assert payload.replace("<", "&lt;").replace(">", "&gt;")[:12] in html
