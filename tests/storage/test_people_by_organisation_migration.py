"""Schema 17 (#13): an address-book entry and a steering group's webhook belong to an
organisation. A real schema-16 file, with two municipalities, is taken over without
losing an entry or changing where any mail or post went."""

from __future__ import annotations

from pathlib import Path

import pytest

from portfolio.models import GroupKey, PersonKey
from portfolio.storage import Database
from portfolio.storage.migrations import current_version, latest_version
from tests.storage.old_schema import at_version

AARHUS, ODENSE = "Aarhus Kommune", "Odense Kommune"


def schema_16_database(path: Path) -> None:
    """What release 16 left behind: people keyed by name alone, webhooks by group name."""
    with at_version(path, 16, organisation=AARHUS) as con:
        con.execute("INSERT INTO organisations (name) VALUES (?), (?)", [AARHUS, ODENSE])
        con.execute("INSERT INTO steering_groups (organisation, name, chair) VALUES "
                    "(?, 'Digi Aarhus', 'Mette Holm'), (?, 'Digi Odense', '')", [AARHUS, ODENSE])
        con.execute("INSERT INTO initiatives (id, title, department, stage, owner, organisation) "
                    "VALUES ('A-1', 'Robot', 'Børn og Unge', 'experiment', 'Anne Jensen', ?), "
                    "('O-1', 'Chatbot', 'Børn og Unge', 'idea', 'Anne Jensen', ?), "
                    "('O-2', 'Sensor', 'Teknik', 'idea', 'Bo Berg', ?)", [AARHUS, ODENSE, ODENSE])
        con.execute("INSERT INTO users (username, role, departments, steering_group, "
                    "organisation) VALUES ('karl', 'leader', ['Teknik'], '', ?)", [ODENSE])
        con.execute("INSERT INTO people (name, email, language, username) VALUES "
                    "('Anne Jensen', 'anne@k.dk', 'da', ''), ('Bo Berg', 'bo@odense.dk', 'en', ''),"
                    " ('Mette Holm', 'mh@aarhus.dk', 'da', ''), "
                    "('Karl Ny', 'karl@odense.dk', 'da', 'karl'), "
                    "('Ingen Steder', 'is@k.dk', 'da', '')")
        con.execute("INSERT INTO webhooks VALUES ('Digi Odense', 'https://chat.example/o', "
                    "'teams', 'admin', TIMESTAMP '2026-01-01 10:00:00')")


def test_a_schema_16_address_book_goes_to_every_organisation_that_uses_each_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAILSCALE_ORGANISATION", AARHUS)
    path = tmp_path / "portfolio.duckdb"
    schema_16_database(path)

    db = Database(path)
    with db.reading() as store:
        assert current_version(store.con) == latest_version()
        book = {p.key: (p.email, p.language, p.username) for p in store.people.all()}
        hooks = {h.key: (h.url, h.format.value) for h in store.webhooks.all()}
    assert book == {
        # the owner of an initiative in each: an entry in each, as mail found it before
        PersonKey(AARHUS, "Anne Jensen"): ("anne@k.dk", "da", ""),
        PersonKey(ODENSE, "Anne Jensen"): ("anne@k.dk", "da", ""),
        PersonKey(ODENSE, "Bo Berg"): ("bo@odense.dk", "en", ""),
        PersonKey(AARHUS, "Mette Holm"): ("mh@aarhus.dk", "da", ""),  # a chair
        PersonKey(ODENSE, "Karl Ny"): ("karl@odense.dk", "da", "karl"),  # the account's
        PersonKey(AARHUS, "Ingen Steder"): ("is@k.dk", "da", ""),  # FAILSCALE_ORGANISATION
    }
    assert hooks == {GroupKey(ODENSE, "Digi Odense"): ("https://chat.example/o", "teams")}
    backups = list((tmp_path / "backups").glob("portfolio-schema-v16-*.duckdb"))
    assert len(backups) == 1


def test_after_the_upgrade_two_organisations_keep_a_person_of_one_name_apart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from portfolio.models import Person

    monkeypatch.setenv("FAILSCALE_ORGANISATION", AARHUS)
    path = tmp_path / "portfolio.duckdb"
    schema_16_database(path)
    db = Database(path)
    with db.transaction() as store:
        store.people.save(Person(name="Anne Jensen", email="aj@odense.dk",
                                 organisation=ODENSE))
    with db.reading() as store:
        aarhus = store.people.get("Anne Jensen", AARHUS)
        odense = store.people.get("Anne Jensen", ODENSE)
    assert aarhus is not None and aarhus.email == "anne@k.dk"
    assert odense is not None and odense.email == "aj@odense.dk"
