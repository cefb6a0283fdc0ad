"""Schema version 5 moves the adopted departments listed on initiatives into adoptions."""

from __future__ import annotations

from pathlib import Path

from portfolio.models import Actor
from portfolio.service.adoption import adoptions_of
from portfolio.service.lessons import search_lessons
from portfolio.storage import Database
from portfolio.storage.migrations import current_version, latest_version
from tests.storage.old_schema import at_version
from tests.units import in_reading


def version_3_database(path: Path) -> None:
    """What release 3 left behind: spread kept as a list on the initiative, no dates."""
    with at_version(path, 3) as con:
        con.execute(
            "INSERT INTO initiatives (id, title, department, stage, planned_departments, "
            "adopted_departments) VALUES "
            "('TM-01', 'Fill-level sensors', 'Technical', 'scaling', "
            " ['Technical', 'Culture', 'Schools'], ['Technical', 'Culture', ' Culture', '']), "
            "('SA-02', 'Care journal', 'Health', 'operation', [], []), "
            "('OLD-1', 'Invoice robot', 'Finance', 'closed', [], ['Health'])"
        )


def test_a_version_3_database_keeps_its_spread_as_adoptions_without_dates(
    tmp_path: Path, operator: Actor
) -> None:
    path = tmp_path / "portfolio.duckdb"
    version_3_database(path)
    db = Database(path)

    with db.connect() as con:
        assert current_version(con) == latest_version()
    moved = in_reading(db, adoptions_of, operator, "TM-01")
    assert [(a.department, a.adopted_on) for a in moved] == [("Culture", None)]
    assert "schema version 5" in moved[0].note
    assert [a.department for a in in_reading(db, adoptions_of, operator, "OLD-1")] == ["Health"]
    assert in_reading(db, adoptions_of, operator, "SA-02") == ()


def test_after_the_upgrade_the_spread_figures_are_what_they_were(
    tmp_path: Path, operator: Actor
) -> None:
    """The owning department was listed as adopted before; it now counts by itself."""
    path = tmp_path / "portfolio.duckdb"
    version_3_database(path)

    (spread,) = in_reading(Database(path), search_lessons, operator).spread
    assert (spread.adopted, spread.still_to_adopt) == (("Technical", "Culture"), ("Schools",))
