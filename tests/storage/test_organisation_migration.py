"""Schema 12 (#13): a schema-7 database is taken over without loss. Its departments go to
the organisation FAILSCALE_ORGANISATION names, each distinct steering_group string becomes
a steering group (members: the accounts that named it; address: its address-book entry)."""

from __future__ import annotations

from pathlib import Path

import pytest

from portfolio.models import Role
from portfolio.storage import Database
from portfolio.storage.migrations import current_version, latest_version
from tests.storage.old_schema import at_version


def schema_7_database(path: Path) -> None:
    """What release 7 left behind: departments keyed by name, steering groups as strings."""
    with at_version(path, 7) as con:
        con.execute("INSERT INTO departments (name, organisation, steering_group) VALUES "
                    "('Børn og Unge', '', 'Digitaliseringsstyregruppen'), "
                    "('Sundhed', '', 'Digitaliseringsstyregruppen'), "
                    "('Teknik', '', 'Teknikudvalget'), ('Kultur', '', '')")
        con.execute("INSERT INTO initiatives (id, title, department, stage) VALUES "
                    "('I-1', 'Robot', 'Børn og Unge', 'experiment'), "
                    "('I-2', 'Chatbot', 'Borgerservice', 'idea')")
        con.execute("INSERT INTO people (name, email) VALUES "
                    "('Digitaliseringsstyregruppen', 'digi@kommune.dk'), ('Ane', 'ane@k.dk')")
        con.execute("INSERT INTO users (username, role, departments, steering_group) VALUES "
                    "('sofie', 'steering_member', [], 'Digitaliseringsstyregruppen'), "
                    "('lars', 'leader', ['Teknik'], ''), ('admin', 'admin', [], '')")


def test_a_schema_7_database_is_organised_under_failscale_organisation_without_loss(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAILSCALE_ORGANISATION", "Vejle Kommune")
    path = tmp_path / "portfolio.duckdb"
    schema_7_database(path)

    db = Database(path)
    with db.reading() as store:
        assert current_version(store.con) == latest_version()
        assert [o.name for o in store.organisations.all()] == ["Vejle Kommune"]
        assert {(d.organisation, d.name, d.steering_group) for d in store.departments.all()} == {
            ("Vejle Kommune", "Børn og Unge", "Digitaliseringsstyregruppen"),
            ("Vejle Kommune", "Sundhed", "Digitaliseringsstyregruppen"),
            ("Vejle Kommune", "Teknik", "Teknikudvalget"),
            ("Vejle Kommune", "Kultur", ""),
            ("Vejle Kommune", "Borgerservice", ""),  # named by an initiative only
        }
        groups = {g.name: g for g in store.steering_groups.all()}
        assert set(groups) == {"Digitaliseringsstyregruppen", "Teknikudvalget"}
        digi = groups["Digitaliseringsstyregruppen"]
        assert (digi.organisation, digi.members, digi.emails) == (
            "Vejle Kommune", ("sofie",), ("digi@kommune.dk",))
        assert groups["Teknikudvalget"].emails == ()
        assert {i.id: i.organisation for i in store.initiatives.all()} == {
            "I-1": "Vejle Kommune", "I-2": "Vejle Kommune"}
        users = {u.username: u for u in store.users.all()}
        assert users["lars"].organisation == "Vejle Kommune"
        assert users["sofie"].organisation == "Vejle Kommune"
        assert (users["admin"].role, users["admin"].organisation) == (Role.ADMIN, "")
        assert [p.name for p in store.people.all()] == ["Ane", "Digitaliseringsstyregruppen"]
    assert list((tmp_path / "backups").glob("portfolio-schema-v7-*.duckdb"))


def test_migrations_landed_out_of_order_are_still_applied(tmp_path: Path) -> None:
    """Branches land migrations in any order: one numbered below the database's version
    that it has not recorded is applied at the next open."""
    path = tmp_path / "portfolio.duckdb"
    with Database(path).connect() as con:
        con.execute("DELETE FROM schema_version WHERE version = 7")
        con.execute("DROP TABLE sessions")
    from portfolio.storage.database import forget_migrations

    forget_migrations()
    with Database(path).reading() as store:
        assert store.con.execute("SELECT count(*) FROM sessions").fetchone() == (0,)
        assert 7 in {r[0] for r in store.con.execute("SELECT version FROM schema_version")
                     .fetchall()}
