"""What another process writes (a second dashboard behind the same proxy, the flows, the API,
the command line) shows at the page's next run, not after a cache's TTL (#17): every cached
read of the dashboard is keyed by the data version, read once per page run.

The other process is stood in for by a use case run on the same database outside the
app, as the command line runs it; the app's own caches know nothing of it.
"""

from __future__ import annotations

from datetime import date

from portfolio.models import Actor, Decision, DecisionKind, Department
from portfolio.service.decisions import record_decision
from portfolio.service.organisation import save_department
from tests.units import in_transaction

OPERATOR = Actor.operator()


def caption(at) -> str:
    return at.caption[0].value


def test_a_decision_recorded_elsewhere_shows_on_the_open_initiative_page(app, demo_db):
    at = app("initiative", params={"id": "SB-02"})
    assert "Closed" not in caption(at)
    in_transaction(demo_db, record_decision, OPERATOR, Decision(
        initiative_id="SB-02", kind=DecisionKind.PARK, decided_by="x",
        decided_on=date.today(), rationale="Not this year"),
        lesson="Wait for the new case system.")
    at.run()
    assert "Closed" in caption(at)


def test_a_department_added_elsewhere_is_offered_at_the_next_run(app, demo_db):
    at = app("register")
    assert "Beredskab" not in at.selectbox(key="new_department").options
    in_transaction(demo_db, save_department, OPERATOR, Department(
        name="Beredskab", organisation="Demo Kommune",
        steering_group="Styregruppen for drift og service"))
    at.run()
    assert "Beredskab" in at.selectbox(key="new_department").options


def test_a_page_run_reads_the_data_version_once_however_many_cached_reads_it_makes(
        app, monkeypatch):
    from dashboard import data

    reads: list[object] = []
    counted = data.board_version

    def board_version(store, actor):
        reads.append(actor)
        return counted(store, actor)

    at = app("initiative", params={"id": "SB-01"})  # the index, the initiative, its plan …
    monkeypatch.setattr(data, "board_version", board_version)
    at.run()
    assert len(reads) == 1
