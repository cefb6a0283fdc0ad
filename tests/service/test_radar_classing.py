"""An initiative classed with a technology on KL's Teknologiradar directly (#18, item 7):
set through the save-initiative use case (authorised, audited, checked against the stored
radar) or an initiatives import (Danish header `teknologiradar`), and "has anyone tried
this?" per radar technology answering from the initiatives classed with it, falling back
to the technology class for those classed with none."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from portfolio.errors import NotAllowed, ValidationFailed
from portfolio.importing import ImportKind
from portfolio.models import Actor, Initiative, Lesson, Organisation, Role, Stage, Technology
from portfolio.service.imports import import_file
from portfolio.service.initiatives import save_initiative
from portfolio.service.radar import RadarBasis, lessons_for_radar, radar_basis, radar_technology
from portfolio.storage import Database
from tests.factories import make_initiative
from tests.units import in_reading, in_transaction

OPERATOR = Actor.operator()


def idea(**fields: object) -> Initiative:
    """An initiative at the idea stage (no decision rule needed to save it)."""
    return make_initiative(**{"stage": Stage.IDEA, **fields})


def test_classing_an_initiative_stores_the_radar_s_spelling_and_is_audited(
    db: Database,
) -> None:
    in_transaction(db, save_initiative, OPERATOR, idea(id="C-1"))

    saved = in_transaction(db, save_initiative, OPERATOR, idea(
        id="C-1", radar_technology="  generativ ai "))

    assert saved.radar_technology == "Generativ AI"
    with db.reading() as store:
        stored = store.initiatives.get("C-1")
        events = store.audit.for_entity("initiative", "C-1")
    assert stored is not None and stored.radar_technology == "Generativ AI"
    update = next(e for e in events if e.action == "update")
    assert update.before is not None and update.before["radar_technology"] is None
    assert update.after is not None and update.after["radar_technology"] == "Generativ AI"


def test_an_unknown_radar_technology_is_refused_naming_the_known_ones(db: Database) -> None:
    with pytest.raises(ValidationFailed) as refused:
        in_transaction(db, save_initiative, OPERATOR, idea(id="C-2", radar_technology="Tidsrejser"))

    assert refused.value.field == "radar_technology"
    assert "Chatbots" in refused.value.params["known"]
    with db.reading() as store:
        assert store.initiatives.get("C-2") is None


def test_only_who_may_edit_the_initiative_classes_it(db: Database) -> None:
    in_transaction(db, save_initiative, OPERATOR, idea(id="C-3", department="Social services"))
    outsider = Actor(username="l", role=Role.LEADER, departments=("Roads",))

    with pytest.raises(NotAllowed):
        in_transaction(db, save_initiative, outsider, idea(
            id="C-3", department="Social services", radar_technology="Chatbots"))

    with db.reading() as store:
        stored = store.initiatives.get("C-3")
    assert stored is not None and stored.radar_technology is None


def _tried(db: Database) -> None:
    """Three organisations' closed initiatives, each with a lesson: Aarhus shares its
    lessons, Odense does not."""
    with db.transaction() as store:
        store.organisations.save(Organisation(name="Aarhus Kommune", shares_lessons=True))
        store.organisations.save(Organisation(name="Odense Kommune", shares_lessons=False))
    for id_, organisation, technology, radar in (
            ("AAR-GEN", "Aarhus Kommune", Technology.AI_ML, "Generativ AI"),
            ("AAR-ML", "Aarhus Kommune", Technology.AI_ML, None),
            ("AAR-BOT", "Aarhus Kommune", Technology.CHATBOT, "Generativ AI"),
            ("ODE-GEN", "Odense Kommune", Technology.OTHER, "Generativ AI")):
        in_transaction(db, save_initiative, OPERATOR, make_initiative(
            id=id_, organisation=organisation, technology=technology, stage=Stage.CLOSED,
            radar_technology=radar, title=f"Forsøg {id_}", budget_dkk=500_000.0))
        with db.transaction() as store:
            store.lessons.add(Lesson(initiative_id=id_, text=f"Lært i {id_}",
                                     created_on=date(2025, 1, 1)))


def test_lessons_per_radar_technology_answer_from_direct_classing_first(db: Database) -> None:
    _tried(db)

    generative = in_reading(db, lessons_for_radar, OPERATOR, "Generativ AI")
    machine_learning = in_reading(db, lessons_for_radar,
                                  OPERATOR, "Kunstig intelligens (maskinlæring)")
    chatbots = in_reading(db, lessons_for_radar, OPERATOR, "Chatbots")

    # Classed directly (whatever its class), and the class's initiatives classed with none.
    assert {h.lesson.initiative_id for h in generative.lessons} == {
        "AAR-GEN", "AAR-ML", "AAR-BOT", "ODE-GEN"}
    # AAR-GEN is ai_ml too, but classed with another radar technology: not here.
    assert {h.lesson.initiative_id for h in machine_learning.lessons} == {"AAR-ML"}
    # A chatbot classed with Generativ AI is found there, not under Chatbots.
    assert chatbots.lessons == () and chatbots.shelf_total == 0
    assert generative.shelf_total == 4
    found = in_reading(db, radar_technology, OPERATOR, "generativ ai")
    basis = {s.initiative.id: radar_basis(s.initiative, found) for s in generative.shelf}
    assert basis == {"AAR-GEN": RadarBasis.DIRECT, "AAR-BOT": RadarBasis.DIRECT,
                     "ODE-GEN": RadarBasis.DIRECT, "AAR-ML": RadarBasis.CLASS}


def test_lessons_per_radar_technology_follow_the_sharing_rule_across_organisations(
    db: Database,
) -> None:
    _tried(db)
    reader = Actor(username="v", role=Role.VIEWER, organisation="Vejle Kommune")
    odense = Actor(username="o", role=Role.VIEWER, organisation="Odense Kommune")

    seen = in_reading(db, lessons_for_radar, reader, "Generativ AI")
    own = in_reading(db, lessons_for_radar, odense, "Generativ AI")

    assert {h.lesson.initiative_id for h in seen.lessons} == {"AAR-GEN", "AAR-ML", "AAR-BOT"}
    assert {h.initiative.budget_dkk for h in seen.lessons} == {0.0}  # shared, not the money
    assert {h.lesson.initiative_id for h in own.lessons} == {
        "ODE-GEN", "AAR-GEN", "AAR-ML", "AAR-BOT"}
    assert next(h for h in own.lessons
                if h.lesson.initiative_id == "ODE-GEN").initiative.budget_dkk == 500_000.0


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_the_initiatives_import_classes_by_the_danish_header_and_quarantines_unknown_ones(
    db: Database, tmp_path: Path
) -> None:
    file = write(tmp_path / "initiativer.csv",
                 "initiativ_id;titel;afdeling;ejer;fase;startdato;reviewdato;budget_kr;"
                 "forbrug_kr;teknologi;Teknologiradar\n"
                 "R-1;Chatbot på hjemmesiden;Borgerservice;Bo;idé;;;0;0;chatbot;chatbots\n"
                 "R-2;Tankelæsning;Borgerservice;Bo;idé;;;0;0;;Tankelæsning\n"
                 "R-3;Ingen radar;Borgerservice;Bo;idé;;;0;0;rpa;\n")

    report = import_file(db, OPERATOR, file, ImportKind.INITIATIVES)

    assert (report.accepted, report.rejected) == (2, 1)
    (error,) = report.errors
    assert error.row == 3
    assert "radar_technology" in error.reason and "Tankelæsning" in error.reason
    assert "Softwarerobotter (RPA)" in error.reason  # the fix: the names it knows
    with db.reading() as store:
        stored = {i.id: i for i in store.initiatives.all()}
        (quarantined,) = store.imports.quarantined(report.import_id)
    assert stored["R-1"].radar_technology == "Chatbots"
    assert stored["R-3"].radar_technology is None
    assert quarantined["row_number"] == 3


def test_a_file_without_the_column_keeps_the_stored_classing(
    db: Database, tmp_path: Path
) -> None:
    in_transaction(db, save_initiative, OPERATOR, idea(
        id="K-1", department="Borgerservice", stage=Stage.IDEA, radar_technology="Droner",
        title="Droner", owner="Bo", budget_dkk=0.0, spent_dkk=0.0, started_on=None,
        review_on=None))
    file = write(tmp_path / "i.csv",
                 "initiativ_id;titel;afdeling;ejer;fase;startdato;reviewdato;budget_kr;"
                 "forbrug_kr\nK-1;Droner til inspektion;Borgerservice;Bo;idé;;;0;0\n")

    report = import_file(db, OPERATOR, file, ImportKind.INITIATIVES)

    assert (report.updated, report.rejected) == (1, 0)
    with db.reading() as store:
        stored = store.initiatives.get("K-1")
    assert stored is not None and stored.radar_technology == "Droner"
    assert stored.title == "Droner til inspektion"


def test_a_blank_cell_in_the_column_clears_the_classing(db: Database, tmp_path: Path) -> None:
    in_transaction(db, save_initiative, OPERATOR, idea(id="K-2", department="Borgerservice",
                                       radar_technology="Droner", title="Droner", owner="Bo",
                                       budget_dkk=0.0, spent_dkk=0.0, started_on=None,
                                       review_on=None))
    file = write(tmp_path / "i.csv",
                 "initiativ_id;titel;afdeling;ejer;fase;startdato;reviewdato;budget_kr;"
                 "forbrug_kr;teknologiradar\nK-2;Droner;Borgerservice;Bo;idé;;;0;0;\n")

    report = import_file(db, OPERATOR, file, ImportKind.INITIATIVES)

    assert (report.updated, report.rejected) == (1, 0)
    with db.reading() as store:
        stored = store.initiatives.get("K-2")
    assert stored is not None and stored.radar_technology is None
