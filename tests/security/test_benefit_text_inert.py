"""A benefit-realisation plan's user text stays text (#14, #18): a benefit or unit named
like a link, image, HTML or Streamlit directive renders inert on the initiative page,
also in the confirmation after a realised value is recorded."""

from __future__ import annotations

from datetime import date

import pytest

from portfolio.models import Actor, BenefitKind, BenefitLine
from portfolio.service.benefits import save_benefit_line
from tests.security.markup import active_parts
from tests.security.test_markdown_inert import BENEFIT, GUARDRAIL, UNIT, rendered
from tests.units import in_transaction

pytestmark = pytest.mark.security


def test_hostile_benefit_names_render_inert_on_the_initiative_page(app, demo_db):
    year = date.today().year
    for benefit, kind, unit, budget_line in (
            (BENEFIT, BenefitKind.CASHABLE, "", GUARDRAIL),
            (GUARDRAIL, BenefitKind.NON_CASHABLE, UNIT, "")):
        in_transaction(demo_db, save_benefit_line, Actor.operator(), BenefitLine(
            initiative_id="OD-02", year=year, kind=kind, benefit=benefit, unit=unit,
            budget_line=budget_line, planned=1000))
    at = app("initiative", params={"id": "OD-02"})
    due = [o for o in at.selectbox if BENEFIT in " ".join(map(str, o.options))]
    assert due, "the hostile line is offered for recording"
    due[0].set_value(next(x for x in due[0].options if BENEFIT in str(x)))
    (form,) = [f for f in at.get("form") if any(i.key == "realised_value" for i in f.text_input)]
    at.text_input(key="realised_value").set_value("500")
    form.button[0].click()
    at.run()

    assert any(s.value.startswith("Recorded") and "Log ind igen" in s.value for s in at.success)
    assert [part for text in rendered(at) for part in active_parts(text)] == []
