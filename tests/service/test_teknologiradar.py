"""KL's Teknologiradar as data (#18): the shipped radar, replacing it from a file
(audited, bounded, hostile rows refused with reasons), and "has anyone tried this?" per
radar technology across the organisations that share their lessons."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from portfolio.errors import FileUnreadable, NotAllowed, ValidationFailed
from portfolio.models import Actor, Lesson, Organisation, Role, Stage, Technology
from portfolio.radar.parse import Ring, read_radar, shipped_radar
from portfolio.service.radar import import_radar, lessons_for_radar, radar_technologies
from portfolio.storage import Database
from tests.factories import make_initiative
from tests.units import in_reading, in_transaction

OPERATOR = Actor.operator()
FAILSCALE = str(Path(sys.executable).parent / "failscale")


def write(tmp_path: Path, text: str, name: str = "radar.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_new_instance_has_the_shipped_radar_with_kl_s_four_rings(db: Database) -> None:
    edition, technologies = in_reading(db, radar_technologies, OPERATOR)

    assert edition == "KL Teknologiradar 2023 (modelled)"
    names = {t.name: t for t in technologies}
    assert names["Softwarerobotter (RPA)"].ring is Ring.KLAR
    assert names["Chatbots"].technology is Technology.CHATBOT
    assert names["Generativ AI"].ring is Ring.HOLD_OEJE
    assert {t.ring for t in technologies} == set(Ring)
    assert not read_radar(shipped_radar()).refused


def test_importing_a_radar_replaces_it_refuses_hostile_rows_and_is_audited(
    db: Database, tmp_path: Path
) -> None:
    path = write(tmp_path, "\ufeffTeknologi;Ring;Klasse\n"
                 "Chatbots;afprøv;chatbot\n"
                 "Kvantecomputere;afvent;\n"
                 "=HYPERLINK(\"x\");klar;other\n"
                 "Droner;snart;other\n"
                 "Chatbots;klar;chatbot\n"
                 "Apps;klar;telepathy\n"
                 "VR;hold øje;vr;extra\n")

    result = in_transaction(db, import_radar, OPERATOR, path, "KL Teknologiradar 2027")

    assert result.stored == 2
    assert [(r.row, r.reason.split(" ")[0]) for r in result.refused] == [
        (4, "a"), (5, "unknown"), (6, "'Chatbots'"), (7, "unknown"), (8, "4")]
    edition, technologies = in_reading(db, radar_technologies, OPERATOR)
    assert edition == "KL Teknologiradar 2027"
    assert [(t.name, t.ring, t.technology) for t in technologies] == [
        ("Chatbots", Ring.AFPROEV, Technology.CHATBOT), ("Kvantecomputere", Ring.AFVENT, None)]
    with db.reading() as store:
        (event,) = [e for e in store.audit.recent() if e.entity == "teknologiradar"]
    assert event.entity_id == "KL Teknologiradar 2027"
    assert event.before is not None and event.before["edition"].startswith("KL Teknologiradar")
    assert event.after is not None and len(event.after["refused"]) == 5


def test_a_file_with_no_good_row_or_beyond_the_bounds_replaces_nothing(
    db: Database, tmp_path: Path
) -> None:
    with pytest.raises(ValidationFailed):
        in_transaction(db, import_radar, OPERATOR, write(tmp_path, "teknologi;ring\nX;maybe\n"))
    big = write(tmp_path, "teknologi;ring\n" + "a;klar\n" * 200_000, "big.csv")
    with pytest.raises(FileUnreadable):
        in_transaction(db, import_radar, OPERATOR, big)
    with pytest.raises(FileUnreadable):
        in_transaction(db, import_radar, OPERATOR, write(tmp_path, "name;colour\nx;y\n"))
    assert in_reading(db, radar_technologies, OPERATOR)[0] == "KL Teknologiradar 2023 (modelled)"


def test_only_a_national_administrator_replaces_the_radar(db: Database, tmp_path: Path) -> None:
    path = write(tmp_path, "teknologi;ring\nChatbots;klar\n")
    local_admin = Actor(username="a", role=Role.ADMIN, organisation="Aarhus Kommune")
    leader = Actor(username="l", role=Role.LEADER, departments=("Social services",))
    for actor in (local_admin, leader):
        with pytest.raises(NotAllowed):
            in_transaction(db, import_radar, actor, path)


def test_has_anyone_tried_this_per_radar_technology_follows_lesson_sharing(
    db: Database,
) -> None:
    with db.transaction() as store:
        store.organisations.save(Organisation(name="Aarhus Kommune", shares_lessons=True))
        store.organisations.save(Organisation(name="Odense Kommune", shares_lessons=False))
        for id_, organisation, technology in (
                ("AAR-1", "Aarhus Kommune", Technology.CHATBOT),
                ("ODE-1", "Odense Kommune", Technology.CHATBOT),
                ("AAR-2", "Aarhus Kommune", Technology.RPA)):
            store.initiatives.save(make_initiative(
                id=id_, organisation=organisation, technology=technology, stage=Stage.CLOSED,
                title=f"Forsøg {id_}"))
            store.lessons.add(Lesson(initiative_id=id_, text=f"Lært i {id_}",
                                     created_on=date(2025, 1, 1)))
    reader = Actor(username="v", role=Role.VIEWER, organisation="Vejle Kommune")

    seen = in_reading(db, lessons_for_radar, reader, "chatbots")
    everything = in_reading(db, lessons_for_radar, OPERATOR, "Chatbots")

    assert {h.lesson.initiative_id for h in seen.lessons} == {"AAR-1"}
    assert {h.lesson.initiative_id for h in everything.lessons} == {"AAR-1", "ODE-1"}
    with pytest.raises(ValidationFailed):
        in_reading(db, lessons_for_radar, reader, "Tidsrejser")


def test_failscale_radar_import_and_list(db: Database, tmp_path: Path) -> None:
    env = {**os.environ, "FAILSCALE_DB": str(db.path)}
    path = write(tmp_path, "teknologi,ring,klasse\nChatbots,afprøv,chatbot\nX,nej,\n")

    imported = subprocess.run([FAILSCALE, "radar", "import", str(path), "--json"], env=env,
                              capture_output=True, text=True, timeout=120, check=False)
    listed = subprocess.run([FAILSCALE, "radar", "list"], env=env, capture_output=True,
                            text=True, timeout=120, check=False)

    assert imported.returncode == 1, imported.stderr
    summary = json.loads(imported.stdout)
    assert (summary["accepted"], summary["rejected"]) == (1, 1)
    assert summary["errors"][0]["row"] == 3
    assert listed.returncode == 0 and "afprøv    Chatbots  [chatbot]" in listed.stdout
