"""The steering review: agenda, evidence side by side, and recording decisions."""

from __future__ import annotations

from portfolio.models import Actor, DecisionKind, Role, Stage
from portfolio.service.queries import initiative_detail
from tests.units import in_reading, in_transaction

OPERATOR = Actor.operator()


def agenda_ids(at) -> list[str]:
    return list(at.dataframe[0].value["ID"])


def decide(at, initiative_id: str, kind: DecisionKind):
    at.selectbox(key="decide_on").set_value(initiative_id).run()
    at.radio(key=f"kind_{initiative_id}").set_value(kind).run()
    return at


def test_the_agenda_lists_overdue_experiments_first_and_says_why(app):
    at = app("steering")
    table = at.dataframe[0].value
    first = table.iloc[0]
    assert first["Why"].startswith("Review ") and "overdue by" in first["Why"]
    assert "SB-01" in agenda_ids(at)


def test_the_agenda_of_one_steering_group_holds_only_its_departments(app):
    at = app("steering", params={"group": "Velfærdsstyregruppen"})
    departments = set(at.dataframe[0].value["Department"])
    assert departments <= {"Social og Beskæftigelse", "Sundhed og Ældre", "Børn og Unge"}


def test_overriding_the_recommendation_without_a_rationale_is_refused_next_to_it(app, demo_db):
    at = decide(app("steering"), "SB-01", DecisionKind.CONTINUE)
    at.button(key="record_SB-01").click().run()
    assert [e.value for e in at.error] == [
        "The recommendation was CLOSE; deciding CONTINUE overrides it and needs a rationale."]
    assert in_reading(demo_db, initiative_detail, OPERATOR, "SB-01").decisions == ()


def test_closing_with_a_reason_and_a_lesson_closes_it_and_keeps_the_evidence(app, demo_db):
    at = decide(app("steering"), "SB-01", DecisionKind.CLOSE)
    at.selectbox(key="code_SB-01").set_value("guardrail")
    at.text_area(key="lesson_SB-01").set_value("Test upload of documents with citizens first.")
    at.button(key="record_SB-01").click().run()
    assert not at.error, [e.value for e in at.error]
    assert at.success[0].value.replace("\\", "").startswith("Decision Close recorded for SB-01")
    detail = in_reading(demo_db, initiative_detail, OPERATOR, "SB-01")
    assert detail.initiative.stage is Stage.CLOSED
    assert detail.decisions[0].evidence["recommendation"] == "CLOSE"
    assert detail.lessons[0].text == "Test upload of documents with citizens first."
    assert "SB-01" not in agenda_ids(at)


def test_closing_without_a_lesson_is_refused_in_danish_for_a_danish_user(app):
    at = decide(app("steering", lang="da"), "SB-01", DecisionKind.CLOSE)
    at.button(key="record_SB-01").click().run()
    assert [e.value for e in at.error] == [
        "Lukning er også et resultat: skriv erfaringen, så den næste afdeling ikke gentager den."]


def test_scaling_asks_which_departments_it_spreads_to(app, demo_db):
    at = decide(app("steering"), "KB-02", DecisionKind.SCALE)
    at.multiselect(key="spread_KB-02").set_value(["Social og Beskæftigelse"])
    at.button(key="record_KB-02").click().run()
    assert not at.error, [e.value for e in at.error]
    ini = in_reading(demo_db, initiative_detail, OPERATOR, "KB-02").initiative
    assert ini.stage is Stage.SCALING
    assert "Social og Beskæftigelse" in ini.planned_departments


def test_parking_keeps_it_on_the_shelf_with_reason_not_now(app, demo_db):
    at = decide(app("steering"), "TM-03", DecisionKind.PARK)
    at.text_area(key="rationale_TM-03").set_value("The sensors are not ready; revisit later.")
    at.text_area(key="lesson_TM-03").set_value("Wait for the new sensor generation.")
    at.button(key="record_TM-03").click().run()
    assert not at.error, [e.value for e in at.error]
    decision = in_reading(demo_db, initiative_detail, OPERATOR, "TM-03").decisions[0]
    assert (decision.kind, decision.reason_code) == (DecisionKind.PARK, "not_now")


def test_a_viewer_sees_the_agenda_but_cannot_decide(app):
    viewer = Actor(username="borgmester", role=Role.VIEWER)
    at = app("steering", actor=viewer)
    assert agenda_ids(at)
    assert not [b for b in at.button if str(b.key).startswith("record_")]
    assert at.info[-1].value == "You can read this page; your role may not change anything here."


def test_a_steering_group_can_download_its_meeting_pack(app):
    one_group = app("steering", params={"group": "Velfærdsstyregruppen"})
    all_groups = app("steering")
    labels = [b.proto.label for b in one_group.get("download_button")]
    assert labels == ["Download the meeting pack (PDF)"]
    every = [b.proto.label for b in all_groups.get("download_button")]
    assert every == ["Download the meeting packs of all 2 steering groups (ZIP)"]


def test_a_member_of_one_group_gets_its_pack_as_one_pdf_without_choosing_it(app):
    karen = Actor(username="karen.holm", role=Role.STEERING_MEMBER,
                  departments=("Social og Beskæftigelse", "Sundhed og Ældre", "Børn og Unge"))
    at = app("steering", actor=karen, lang="da")
    assert [b.proto.label for b in at.get("download_button")] == ["Hent mødepakken (PDF)"]
    assert at.selectbox[0].value is None  # "all groups": hers is the only one


def test_more_groups_than_one_zip_can_hold_in_time_are_offered_one_at_a_time(
    app, monkeypatch
):
    """A prepared download has 180 s in the browser; a national operator sees every
    organisation's groups, whose packs would take longer to lay out one after another."""
    monkeypatch.setenv("FAILSCALE_PACKS_PER_ZIP", "1")
    at = app("steering", lang="da")
    [zip_button] = at.get("download_button")
    assert zip_button.proto.disabled
    assert zip_button.proto.help == ("Mere end 1 styregrupper: vælg en ovenfor og hent dens "
                                     "mødepakke, én styregruppe ad gangen.")
    monkeypatch.setenv("FAILSCALE_PACKS_PER_ZIP", "2")
    [zip_button] = app("steering", lang="da").get("download_button")
    assert not zip_button.proto.disabled and not zip_button.proto.help


def test_a_steering_member_looking_at_another_group_is_told_it_is_not_hers(app):
    """The real reason (#19), not that her role may change nothing; she reads only her own
    group's agenda (#13)."""
    karen = Actor(username="karen.holm", role=Role.STEERING_MEMBER,
                  departments=("Social og Beskæftigelse", "Sundhed og Ældre", "Børn og Unge"))
    at = app("steering", actor=karen, lang="da",
             params={"group": "Styregruppen for drift og service"})
    assert agenda_ids_da(at)
    told = [i.value for i in at.info]
    assert told and told[0] == ("Styregruppen for drift og service er ikke din styregruppe: "
                                "du ser din egen styregruppes dagsorden.")
    assert not any("rolle" in text for text in told)


def agenda_ids_da(at) -> list[str]:
    return list(at.dataframe[0].value["ID"])


def test_a_recorded_decision_is_posted_to_the_groups_webhook(app, demo_db):
    from portfolio.openness import WebhookFormat
    from portfolio.service.webhooks import set_webhook
    from tests.webhook_receiver import running_receiver

    with running_receiver() as receiver:
        in_transaction(demo_db, set_webhook,
                       OPERATOR, "Velfærdsstyregruppen", f"{receiver.url}/hook",
                    WebhookFormat.TEAMS)
        at = decide(app("steering"), "SB-01", DecisionKind.CLOSE)
        at.selectbox(key="code_SB-01").set_value("guardrail")
        at.text_area(key="lesson_SB-01").set_value("Test with citizens first.")
        at.button(key="record_SB-01").click().run()
        assert not at.error, [e.value for e in at.error]
        receiver.wait_for(1)
    [(path, body)] = receiver.received
    assert path == "/hook" and "SB-01" in str(body)
