"""The send-reminders flow: the demo portfolio's owners and groups mailed over real SMTP."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from flows.reminders import send_reminders
from portfolio.errors import DeliveryFailed
from portfolio.storage import Database
from tests.factories import AS_OF as ANCHOR
from tests.seeds import evaluated_demo
from tests.smtp import Mailbox, free_port

pytestmark = [pytest.mark.flow, pytest.mark.usefixtures("prefect_harness")]


@pytest.fixture
def demo(seeded: Callable[..., Database], in_env: Callable[[Database], Database],
         monkeypatch: pytest.MonkeyPatch) -> Database:
    db = in_env(seeded(evaluated_demo))
    monkeypatch.setenv("FAILSCALE_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("FAILSCALE_SMTP_STARTTLS", "false")
    monkeypatch.setenv("FAILSCALE_SMTP_ATTEMPTS", "2")
    monkeypatch.setenv("FAILSCALE_SMTP_RETRY_SECONDS", "0.01")
    return db


def test_owners_and_both_steering_groups_get_their_mail_in_their_language(
    demo: Database, smtp_server: Mailbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAILSCALE_SMTP_PORT", str(smtp_server.port))

    summary = send_reminders(as_of=ANCHOR, db_path=str(demo.path))

    recipients = {r for rcpts, _ in smtp_server.received for r in rcpts}
    assert summary["sent"] == len(smtp_server.received) == summary["messages"]
    assert {"velfaerdsstyregruppen@demo-kommune.example",
            "styregruppen.for.drift.og.service@demo-kommune.example",
            "sara.ahmed@demo-kommune.example",
            "kim.vestergaard@demo-kommune.example"} <= recipients
    sara = smtp_server.to("sara.ahmed@demo-kommune.example")
    kim = smtp_server.to("kim.vestergaard@demo-kommune.example")
    assert sara["Subject"].startswith("Fail or Scale: ") and "your initiatives" in sara["Subject"]
    assert "dine initiativer" in kim["Subject"]


def test_a_send_that_keeps_failing_fails_the_run_and_keeps_every_message(
    demo: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAILSCALE_SMTP_PORT", str(free_port()))  # nothing listens there

    with pytest.raises(DeliveryFailed, match="sent again by the next run"):
        send_reminders(as_of=ANCHOR, db_path=str(demo.path))

    kept = list((Path(os.environ["FAILSCALE_DATA_DIR"]) / "outbox" / "failed").glob("*.eml"))
    assert len(kept) >= 10
