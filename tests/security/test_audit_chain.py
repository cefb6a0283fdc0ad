"""The audit trail is honest and tamper-evident (#14): the command line records the OS
user beside the --as name; every event is chained by hash, and `failscale audit verify`
names the first edited or deleted event; overwritten measurements keep both values."""

from __future__ import annotations

import getpass
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import duckdb
import pytest

from portfolio.models import Actor, Role
from portfolio.service import audit_log, decisions, imports
from portfolio.storage import Database
from tests.security.conftest import ACTORS
from tests.units import in_reading, in_transaction

pytestmark = pytest.mark.security

FAILSCALE = str(Path(sys.executable).parent / "failscale")
OPERATOR = Actor.operator()


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([FAILSCALE, *args], env=env, capture_output=True, text=True,
                          timeout=240, check=False)


@pytest.fixture
def env(portfolio: Database, tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "FAILSCALE_LANGUAGE": "en", "FAILSCALE_DB": str(portfolio.path),
            "FAILSCALE_DATA_DIR": str(tmp_path / "data"), "PREFECT_API_URL": ""}


def measurements(tmp_path: Path, name: str, value: float) -> Path:
    path = tmp_path / name
    path.write_text(f"initiative_id,kpi,date,value\nA-1,digital share,2025-07-01,{value}\n"
                    f"A-1,digital share,2025-07-02,{value + 1}\n", encoding="utf-8")
    return path


def tamper(db: Database, sql: str) -> None:
    """What someone with the file does behind the product's back."""
    con = duckdb.connect(str(db.path))
    try:
        con.execute(sql)
    finally:
        con.close()


def test_the_command_line_records_the_os_user_beside_the_as_name(
    portfolio: Database, env: dict[str, str], tmp_path: Path
) -> None:
    done = run(["--as", "lea", "import", "measurements",
                str(measurements(tmp_path, "m.csv", 50))], env)
    assert done.returncode == 0, done.stderr
    with portfolio.reading() as store:
        [event] = [e for e in store.audit.recent(50) if e.action == "import"]
    assert (event.actor, event.via) == ("lea", f"operator {getpass.getuser()}")
    exported = audit_log.audit_csv(portfolio, ACTORS[Role.ADMIN])
    assert f"lea,operator {getpass.getuser()},import" in exported


def test_audit_verify_names_the_first_edited_or_deleted_event(
    portfolio: Database, env: dict[str, str], tmp_path: Path
) -> None:
    for n in range(4):
        imports.import_file(portfolio, OPERATOR, measurements(tmp_path, f"m{n}.csv", 10 * n),
                            "measurements")
    intact = run(["audit", "verify"], env)
    assert intact.returncode == 0, intact.stderr
    assert "Intact" in intact.stdout
    with portfolio.reading() as store:
        ids = sorted(e.id for e in store.audit.recent(100) if e.action == "import")

    tamper(portfolio, f"UPDATE audit_events SET after = '{{\"accepted\": 0}}' WHERE id = {ids[1]}")
    edited = run(["audit", "verify"], env)
    assert edited.returncode == 1
    assert f"event {ids[1]} was changed after it was written" in edited.stderr

    tamper(portfolio, f"DELETE FROM audit_events WHERE id IN ({ids[0]}, {ids[1]})")
    deleted = run(["audit", "verify"], env)
    assert deleted.returncode == 1
    assert f"event {ids[2]} does not follow" in deleted.stderr


def test_a_viewer_may_not_verify_the_audit_log(env: dict[str, str]) -> None:
    refused = run(["--as", "viv", "audit", "verify"], env)
    assert refused.returncode == 1 and "may not" in refused.stderr


def test_overwritten_measurements_keep_old_and_new_values_per_row(
    portfolio: Database, tmp_path: Path
) -> None:
    imports.import_file(portfolio, OPERATOR, measurements(tmp_path, "a.csv", 40), "measurements")
    report = imports.import_file(portfolio, ACTORS[Role.LEADER],
                                 measurements(tmp_path, "b.csv", 70), "measurements")
    assert report.updated == 2
    changes = in_reading(portfolio, audit_log.measurement_changes, ACTORS[Role.VIEWER], "A-1",
                         "digital share")
    assert [(c["measured_on"], c["old_value"], c["new_value"], c["changed_by"])
            for c in changes] == [(date(2025, 7, 1), 40.0, 70.0, "lea"),
                                  (date(2025, 7, 2), 41.0, 71.0, "lea")]
    with portfolio.reading() as store:
        event = next(e for e in store.audit.recent(20) if e.entity_id == report.import_id)
        assert event.after is not None and event.after["overwritten"] == 2
        assert store.audit.verify_chain().intact


def test_the_initiative_page_shows_who_acted_for_whom(app, demo_db: Database) -> None:
    with demo_db.reading() as store:
        ini_id = store.initiatives.all()[0].id
    in_her_name = Actor(username="mette.soerensen", role=Role.ADMIN, via="operator root")
    in_transaction(demo_db, decisions.add_lesson,
                   in_her_name, ini_id, "Ask the citizens first.", date.today())
    at = app("initiative", params={"id": ini_id})
    trails = [frame.value for frame in at.dataframe if "Who" in frame.value.columns]
    assert any("operator root as mette.soerensen" in set(frame["Who"]) for frame in trails)
