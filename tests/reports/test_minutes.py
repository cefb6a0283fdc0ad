"""Minutes: the decisions of one meeting, from the recorded decisions."""

from __future__ import annotations

from datetime import timedelta

import pytest

from portfolio.errors import NotFound
from portfolio.models import Actor
from portfolio.reports.documents import minutes_pdf
from portfolio.storage import Database
from tests.reports.conftest import OVERRIDE_MEETING, WELFARE, pdf_pages


def test_minutes_give_each_decision_its_rationale_and_mark_the_override(
    demo_db: Database,
) -> None:
    pages = pdf_pages(minutes_pdf(demo_db, Actor.operator(), WELFARE, OVERRIDE_MEETING))

    text = " ".join(pages)
    assert f"Minutes: {WELFARE}" in text and "Decisions recorded: 1" in text
    assert "SB-02 VR-eksponeringsterapi mod angst i socialpsykiatrien" in text
    assert "Override: the recommendation was Needs data" in text
    assert "effekten skal dokumenteres med journaldata" in text
    assert "Page 1 of 1" in text


def test_minutes_of_a_day_without_decisions_name_the_days_that_have_some(
    demo_db: Database,
) -> None:
    with pytest.raises(NotFound, match=OVERRIDE_MEETING.isoformat()):
        minutes_pdf(demo_db, Actor.operator(), WELFARE, OVERRIDE_MEETING + timedelta(days=1))
