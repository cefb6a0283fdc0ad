"""A run queued in Prefect shows its result where "Run evaluation now" was pressed (#19):
while it is awaited the status line says it is queued; when the run has ended the page
reruns with the new evaluation and says how many initiatives were evaluated."""

from __future__ import annotations

from datetime import datetime

from dashboard.status import AWAITED


def test_an_awaited_run_that_has_ended_is_reported_where_it_was_started(app):
    at = app("board")
    at.session_state[AWAITED] = ("demo-run", datetime.now())  # the demo's stored run
    at.run()
    assert [s.value for s in at.success] == ["Evaluated 29 initiatives."]
    assert AWAITED not in at.session_state


def test_a_run_still_queued_is_shown_as_queued_and_stays_awaited(app):
    at = app("board")
    at.session_state[AWAITED] = ("0f1e2d3c-queued", datetime.now())
    at.run()
    assert any("0f1e2d3c-queued" in i.value for i in at.sidebar.info)
    assert at.session_state[AWAITED][0] == "0f1e2d3c-queued"
