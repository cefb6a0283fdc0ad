"""The lessons page at national scale (#7): bounded lists with a "Showing N of M" caption."""

from __future__ import annotations

import pytest

from portfolio.models import Actor, Role
from portfolio.service.lessons import search_lessons
from tests.units import in_reading


@pytest.fixture
def bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """A page that shows one of everything, as a national page shows 50 of thousands."""
    monkeypatch.setenv("FAILSCALE_LESSON_CARDS", "1")
    monkeypatch.setenv("FAILSCALE_LESSONS_TABLE_ROWS", "1")
    monkeypatch.setenv("FAILSCALE_PICKER_OPTIONS", "1")


def captions(at) -> list[str]:
    return [c.value for c in at.caption]


def test_the_page_shows_the_newest_lesson_and_says_how_many_there_are(app, demo_db, bounded):
    everything = in_reading(demo_db, search_lessons, Actor.operator())
    at = app("lessons")

    quotes = [m.value for m in at.markdown if m.value.startswith("> ")]
    assert len(quotes) == 1
    assert everything.lessons[0].lesson.text.split()[0] in quotes[0]
    total = everything.lessons_total
    assert f"Lessons ({total})" in [h.value for h in at.subheader]
    assert f"Showing the 1 newest of {total} — search or pick a department to narrow, or " \
           "export for all" in captions(at)


def test_the_tables_show_one_row_each_with_the_totals_in_danish(app, demo_db, bounded):
    everything = in_reading(demo_db, search_lessons, Actor.operator())
    at = app("lessons", lang="da")

    shelf, spread = at.dataframe[0].value, at.dataframe[1].value
    assert (len(shelf), len(spread)) == (1, 1)
    assert any(c.startswith(f"Viser de 1 senest lukkede af {everything.shelf_total}")
               for c in captions(at))
    assert any(c.startswith(f"Viser 1 af {everything.spread_total}") for c in captions(at))


def test_the_adoption_form_offers_a_bounded_choice_and_says_so(app, demo_db, bounded):
    at = app("lessons")

    assert len(at.selectbox(key="adopt_initiative").options) == 1
    assert any(c.startswith("Showing 1 of ") and c.endswith("search to narrow them")
               for c in captions(at))


def test_a_search_narrows_the_lists_and_the_totals(app):
    at = app("lessons", params={"q": "robot"})

    assert "Lessons (3)" in [h.value for h in at.subheader]
    assert "Closed and parked (2)" in [h.value for h in at.subheader]


def test_each_list_can_be_exported_whole(app):
    at = app("lessons")

    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Export lessons (CSV)", "Export closed and parked (CSV)",
                      "Export spread (CSV)"]


def test_the_bounded_choice_holds_only_initiatives_the_user_may_record(app, bounded):
    member = Actor(username="sg", role=Role.STEERING_MEMBER, departments=("Teknik og Miljø",))
    at = app("lessons", actor=member)

    (offered,) = at.selectbox(key="adopt_initiative").options
    assert offered.startswith("TM-")
