"""Escalations, agendas and decisions reach steering groups' Teams or Slack channels
through their incoming webhooks, with retries, against a real local HTTP receiver (#19)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from portfolio import formats
from portfolio.errors import NotAllowed
from portfolio.models import Actor, Decision, DecisionKind, GroupKey, Role
from portfolio.notify.compose import Style
from portfolio.notify.webhook_delivery import WebhookConfig
from portfolio.openness import WebhookFormat
from portfolio.service.setup import initialise, seed_demo
from portfolio.service.webhooks import announce_decision, set_webhook
from portfolio.storage import Database
from tests.units import in_transaction
from tests.webhook_receiver import Receiver, running_receiver

TODAY = date(2026, 12, 1)
WELFARE = "Velfærdsstyregruppen"
SERVICE = "Styregruppen for drift og service"
HOSTILE = "<!channel> *fed* [klik](http://evil.example) <b>x</b> & _y_"


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with running_receiver() as state:
        yield state


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Database:
    db = Database(tmp_path / "portfolio.duckdb", lock_timeout=15)
    initialise(db, Actor.operator())
    seed_demo(db, Actor.operator(), TODAY)
    monkeypatch.setenv("FAILSCALE_DB", str(db.path))
    monkeypatch.setenv("FAILSCALE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("FAILSCALE_WEBHOOK_RETRY_SECONDS", "0.01")
    monkeypatch.setenv("FAILSCALE_LANGUAGE", "da")
    return db


def _hooks(db: Database, receiver: Receiver) -> None:
    in_transaction(db, set_webhook, Actor.operator(), WELFARE, f"{receiver.url}/slack/T0/B0/secret",
                WebhookFormat.SLACK)
    in_transaction(db, set_webhook,
                   Actor.operator(), SERVICE, f"{receiver.url}/teams/workflow?sig=secret",
                WebhookFormat.TEAMS)


def _texts(payload: dict[str, Any]) -> str:
    return json.dumps(payload, ensure_ascii=False)


def test_escalations_reach_each_groups_channel_as_slack_or_teams_json(
    demo: Database, receiver: Receiver,
) -> None:
    from flows.steps import escalate, follow_up, review

    _hooks(demo, receiver)
    agenda = review(str(demo.path), TODAY)
    overdue = agenda.overdue().for_steering_groups()
    assert {group.name for group in overdue} >= {WELFARE, SERVICE}
    escalate(str(demo.path), follow_up(str(demo.path), TODAY))
    slack = receiver.bodies("/slack/T0/B0/secret")
    teams = receiver.bodies("/teams/workflow?sig=secret")
    assert len(slack) == len(teams) == 1
    assert slack[0]["blocks"][0]["type"] == "header" and "eskaleres" in _texts(slack[0])
    card = teams[0]["attachments"][0]
    assert card["contentType"] == "application/vnd.microsoft.card.adaptive"
    assert card["content"]["type"] == "AdaptiveCard"
    for item in overdue[GroupKey("Demo Kommune", SERVICE)]:
        assert item.initiative.id in _texts(teams[0])


def test_agendas_reach_the_channels_too(demo: Database, receiver: Receiver) -> None:
    from flows.steps import post_to_channels, review

    _hooks(demo, receiver)
    report = post_to_channels(str(demo.path), "steering", review(str(demo.path), TODAY))
    assert sorted(report.posted) == sorted([SERVICE, WELFARE])
    assert "dagsordenen" in _texts(receiver.bodies("/slack/T0/B0/secret")[0])


def test_a_refused_post_is_retried_until_it_goes_through(
    demo: Database, receiver: Receiver,
) -> None:
    from flows.steps import post_to_channels, review

    _hooks(demo, receiver)
    receiver.failures = 2  # 503, 503, then 200: within the 3 attempts
    report = post_to_channels(str(demo.path), "escalation", review(str(demo.path), TODAY))
    assert report.failed == () and len(receiver.received) == 2


def test_a_post_that_fails_every_try_is_kept_without_its_url_and_sent_by_the_next_delivery(
    demo: Database, receiver: Receiver,
) -> None:
    from flows.steps import post_to_channels, review

    _hooks(demo, receiver)
    agenda = review(str(demo.path), TODAY)
    receiver.failures, receiver.status = 6, 500  # 3 tries for each of the two groups
    first = post_to_channels(str(demo.path), "escalation", agenda)
    assert len(first.failed) == 2 and receiver.received == []
    kept = first.failed[0].read_text("utf-8")
    assert "secret" not in kept and receiver.url not in kept
    second = post_to_channels(str(demo.path), "escalation", agenda)
    assert len(second.posted) == 4  # the two kept, then this run's two
    assert not list(first.failed[0].parent.glob("*.json"))


def test_a_decision_reaches_its_groups_channel_with_user_text_escaped(
    demo: Database, receiver: Receiver,
) -> None:
    _hooks(demo, receiver)
    style = Style("http://localhost:8501", "Demo Kommune", "da")
    config = WebhookConfig(outbox=demo.path.parent / "outbox", retry_seconds=0.01)
    for initiative in ("BU-01", "OD-02"):  # the welfare group's (Slack), the service's (Teams)
        decision = Decision(initiative_id=initiative, kind=DecisionKind.CONTINUE,
                            decided_by="karen.holm", decided_on=TODAY, rationale=HOSTILE)
        announce_decision(demo, Actor.operator(), decision, style, config)
    slack = receiver.bodies("/slack/T0/B0/secret")[0]
    teams = receiver.bodies("/teams/workflow?sig=secret")[0]
    assert "BU-01" in slack["text"] and "<" not in slack["text"]
    plain = [b["text"]["text"] for b in slack["blocks"] if b["type"] == "section"]
    assert any(HOSTILE in text for text in plain)  # plain_text: shown as typed, never read
    blocks = teams["attachments"][0]["content"]["body"]
    shown = " ".join(b["text"] for b in blocks)
    assert HOSTILE not in shown
    assert r"\*fed\*" in shown and r"\[klik\]\(http://evil.example\)" in shown
    # Danish first: the decision's date as a Danish reader writes it
    assert formats.day(TODAY, "da") in shown and TODAY.isoformat() not in shown


def test_only_administrators_set_webhooks_and_the_audit_keeps_no_url(
    demo: Database, receiver: Receiver,
) -> None:
    leader = Actor(username="lea", role=Role.LEADER, departments=("Børn og Unge",))
    with pytest.raises(NotAllowed):
        in_transaction(demo, set_webhook, leader, WELFARE, f"{receiver.url}/x")
    _hooks(demo, receiver)
    with demo.reading() as store:
        events = store.audit.for_entity("steering_group", f"Demo Kommune/{WELFARE}")
    assert events and events[0].action == "set_webhook"
    assert "secret" not in json.dumps([e.after for e in events])
