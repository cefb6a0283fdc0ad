"""The status line with "run now", and labels complete in both languages."""

from __future__ import annotations

import re
from pathlib import Path

from dashboard.labels import ENUMS, t
from portfolio import texts
from portfolio.i18n import CLOSE_REASON_LABELS
from portfolio.models import Actor, Role
from portfolio.service.decisions import REASON_CODES
from portfolio.service.evaluation import last_run

DASHBOARD = Path(__file__).parents[2] / "dashboard"


def test_the_status_line_says_when_evaluation_last_ran(app, demo_db):
    run = last_run(demo_db, Actor.operator())
    at = app()
    assert any(c.value.endswith(f"policy v2): {run.evaluated} initiatives")
               for c in at.sidebar.caption)


def test_run_now_evaluates_without_a_prefect_server_and_reports_it(app, demo_db):
    before = last_run(demo_db, Actor.operator())
    at = app()
    at.button(key="run_now").click().run()
    assert at.success[0].value == f"Evaluated {before.evaluated} initiatives."
    after = last_run(demo_db, Actor.operator())
    assert after.run_id != before.run_id and after.status == "completed"


def test_run_now_is_not_offered_to_a_viewer(app):
    at = app(actor=Actor(username="borgmester", role=Role.VIEWER))
    assert not [b for b in at.button if b.key == "run_now"]


def test_every_label_exists_in_english_and_danish():
    for key, both in texts.table("page").items():
        assert set(both) == {"en", "da"}, key
        assert all(both.values()), key
    for kind, values in ENUMS.items():
        assert set(values) == {member.value for member in kind}, kind
        assert all(set(v) == {"en", "da"} for v in values.values()), kind
    assert set(CLOSE_REASON_LABELS) == set(REASON_CODES)  # every code the core takes has words


def test_every_label_a_page_asks_for_is_defined():
    used = set()
    for path in DASHBOARD.rglob("*.py"):
        used |= set(re.findall(r"\bt\(\s*\"([a-z_]+)\"", path.read_text("utf-8")))
    assert used
    assert {key for key in used if not texts.has(f"page.{key}")} == set()


def test_a_label_falls_back_to_english_for_an_unknown_language():
    assert t("board", "sv") == "Portfolio board"


def test_every_ring_of_the_radar_has_a_label_in_both_languages():
    from dashboard.labels import radar_ring
    from portfolio.radar.parse import Ring

    for lang in ("da", "en"):
        labels = [radar_ring(ring, lang) for ring in Ring]
        assert all(label and not label.startswith("radar_ring") for label in labels), labels
        assert len(set(labels)) == len(Ring)
