"""`failscale init | demo | user … | audit export` and `--as`, run as an operator runs them."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.security

FAILSCALE = str(Path(sys.executable).parent / "failscale")


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([FAILSCALE, *args], env=env, capture_output=True, text=True,
                          timeout=120, check=False)


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "FAILSCALE_LANGUAGE": "en", "FAILSCALE_DB": str(tmp_path / "cli.duckdb"),
            "FAILSCALE_DATA_DIR": str(tmp_path / "data"), "PREFECT_API_URL": ""}


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The database `failscale demo` leaves, made once (~8 s) for the tests that start
    from it; test_demo_prints_every_demo_login_once runs the command itself."""
    folder = tmp_path_factory.mktemp("demo")
    made = run(["demo"], {**os.environ, "FAILSCALE_LANGUAGE": "en",
                          "FAILSCALE_DB": str(folder / "cli.duckdb"),
                          "FAILSCALE_DATA_DIR": str(folder / "data"), "PREFECT_API_URL": ""})
    assert made.returncode == 0, made.stderr
    return folder / "cli.duckdb"


@pytest.fixture
def demo_env(env: dict[str, str], demo_file: Path) -> dict[str, str]:
    """`env` with a copy of the demo database of its own."""
    shutil.copy(demo_file, env["FAILSCALE_DB"])
    return env


def test_init_prints_the_first_administrators_one_time_password_only_once(env) -> None:
    first = run(["init"], env)
    again = run(["init"], env)
    assert first.returncode == again.returncode == 0
    assert "First administrator: admin" in first.stdout and "One-time password:" in first.stdout
    assert "password" not in again.stdout.lower()


def test_demo_prints_every_demo_login_once(env) -> None:
    result = run(["demo"], env)
    assert result.returncode == 0, result.stderr
    for username in ("admin", "mette.soerensen", "peter.nielsen", "karen.holm", "borgmester"):
        assert f"  {username} " in result.stdout
    assert "Demo logins" not in run(["demo"], env).stdout


def test_an_administrator_adds_lists_disables_and_resets_users(demo_env) -> None:
    env = demo_env
    added = run(["user", "add", "ny.leder", "--role", "leader",
                 "--department", "Børn og Unge", "--name", "Ny Leder"], env)
    assert added.returncode == 0, added.stderr
    assert "One-time password for ny.leder:" in added.stdout
    assert run(["user", "disable", "ny.leder"], env).returncode == 0
    listed = run(["user", "list"], env).stdout
    assert any(line.split()[:3] == ["ny.leder", "leader", "disabled"]
               for line in listed.splitlines())
    reset = run(["user", "reset-password", "ny.leder"], env)
    assert "One-time password for ny.leder:" in reset.stdout
    refused = run(["user", "add", "x", "--role", "leader"], env)
    assert refused.returncode == 1 and "A leader needs at least one department" in refused.stderr


def test_as_a_named_user_the_cli_has_that_users_rights_and_the_audit_names_them(
    demo_env, tmp_path: Path
) -> None:
    env = demo_env
    viewer = run(["--as", "borgmester", "user", "add", "y", "--role", "viewer"], env)
    assert viewer.returncode == 1
    assert "borgmester (viewer) may not manage users" in viewer.stderr
    denied = run(["audit", "export", str(tmp_path / "denied.csv")],
                 {**env, "FAILSCALE_ACTOR": "mette.soerensen"})
    assert denied.returncode == 1 and not (tmp_path / "denied.csv").exists()
    assigned = run(["--as", "mette.soerensen", "user", "assign", "peter.nielsen", "SB-03"], env)
    assert assigned.returncode == 0, assigned.stderr
    assert run(["--as", "nobody", "user", "list"], env).returncode == 1

    out = tmp_path / "audit.csv"
    assert run(["audit", "export", str(out)], env).returncode == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [(r["actor"], r["action"], r["entity_id"]) for r in rows if r["action"] == "assign"
            ] == [("mette.soerensen", "assign", "SB-03")]
    assert {r["actor"] for r in rows} >= {"operator", "mette.soerensen"}


def test_make_up_prints_the_demo_logins_on_first_run_only(tmp_path: Path) -> None:
    from failscale.processes import prepare_database
    from portfolio.settings import Settings

    settings = Settings(db=tmp_path / "up.duckdb", data_dir=tmp_path / "data")
    first = prepare_database(settings)
    assert first.startswith("demo portfolio loaded") and "  karen.holm " in first
    assert prepare_database(settings) == "existing data reused"


def test_a_member_of_a_group_name_two_organisations_use_is_placed_by_organisation(
    env, tmp_path: Path
) -> None:
    """A group is organisation + name (#13): with a "Styregruppe for digitalisering" in
    Aarhus and in Odense, `--steering-group` alone does not say whose; `--organisation`
    does, and the member is Odense's."""
    import json

    org = tmp_path / "org.csv"
    org.write_text("kommune;afdeling;styregruppe\n"
                   "Aarhus Kommune;Børn og Unge;Styregruppe for digitalisering\n"
                   "Odense Kommune;Børn og Unge;Styregruppe for digitalisering\n", "utf-8")
    assert run(["init"], env).returncode == 0
    assert run(["import", "organisation", str(org)], env).returncode == 0
    member = ["user", "add", "ole", "--role", "steering_member",
              "--steering-group", "Styregruppe for digitalisering"]
    unsaid = run(member, env)
    assert unsaid.returncode == 1
    assert "Aarhus Kommune, Odense Kommune" in unsaid.stderr
    assert run([*member, "--organisation", "Odense Kommune"], env).returncode == 0
    users = json.loads(run(["user", "list", "--json"], env).stdout)
    assert [(u["organisation"], u["steering_group"]) for u in users if u["username"] == "ole"
            ] == [("Odense Kommune", "Styregruppe for digitalisering")]
