"""User text is inert on the pages that show an evaluation's reasons (#14): a KPI named
`![x](http://…/b.png) [Log ind igen](http://evil.example/login)` stays text, also inside
the reasons the engine composes around it (initiative and steering pages)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from streamlit.testing.v1 import AppTest

from portfolio.models import Actor, Direction, KpiKind, Source
from portfolio.service.evaluation import store_run
from portfolio.storage import Database
from tests.factories import make_initiative, make_kpi, make_measurements
from tests.security.markup import active_parts

pytestmark = pytest.mark.security

OPERATOR = Actor.operator()
BENEFIT = "![x](http://127.0.0.1:8999/b.png) [Log ind igen](http://evil.example/login)"
GUARDRAIL = ":red[alarm] $x^2$ <b>fed</b> www.evil.example"
UNIT = "<img src=x onerror=alert(1)>"


def rendered(at: AppTest) -> list[str]:
    """The Markdown of every element that renders it."""
    return [str(e.value) for kind in ("markdown", "caption", "title", "header", "subheader",
                                      "info", "success", "warning", "error")
            for e in getattr(at, kind)]


def seed_hostile_kpis(db: Database) -> str:
    """An overdue experiment whose evaluation's reasons name both hostile KPIs."""
    today = date.today()
    with db.reading() as store:
        department = store.departments.all()[0].name
    with db.transaction() as store:
        store.initiatives.save(make_initiative(
            id="MD-1", title="Markdown test", department=department, stage="experiment",
            review_on=today - timedelta(days=5)))
        benefit = make_kpi(BENEFIT, initiative_id="MD-1", unit=UNIT)
        guardrail = make_kpi(GUARDRAIL, initiative_id="MD-1", unit=UNIT,
                             kind=KpiKind.GUARDRAIL, direction=Direction.LOWER,
                             baseline=100.0, target=100.0)
        store.kpis.save(benefit)
        store.kpis.save(guardrail)
        store.measurements.upsert_many([
            *make_measurements(benefit, [20, 30, 50], end=today, initiative_id="MD-1",
                               source=Source.SYSTEM_EXPORT),
            *make_measurements(guardrail, [150, 160, 170], end=today, initiative_id="MD-1",
                               source=Source.SYSTEM_EXPORT)])
    store_run(db, OPERATOR, "markdown-run", today)
    return department


def test_reasons_naming_hostile_kpis_render_inert_on_initiative_and_steering_pages(
    app, demo_db: Database
) -> None:
    seed_hostile_kpis(demo_db)
    initiative = app("initiative", params={"id": "MD-1"})
    steering = app("steering")
    steering.multiselect(key="compare").set_value(["MD-1"]).run()
    assert not steering.exception, steering.exception
    for page, at in (("initiative", initiative), ("steering", steering)):
        shown = rendered(at)
        reasons = [text for text in shown if "Log ind igen" in text.replace("\\", "")]
        assert reasons, f"{page}: the reasons naming the KPI are not shown"
        assert any("alarm" in text for text in shown), page
        assert not [(text, active_parts(text)) for text in shown if active_parts(text)], page
