"""Passwords and their hashes never reach logs, the audit trail, exports or reports."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from portfolio.models import Actor, Role, User
from portfolio.reports.documents import portfolio_html
from portfolio.service.audit_log import audit_csv
from portfolio.service.signin import LockOut, sign_in
from portfolio.service.users import add_user, change_password, reset_password
from portfolio.storage import Database
from tests.units import in_transaction

pytestmark = pytest.mark.security

OPERATOR = Actor.operator()
FAILSCALE = str(Path(sys.executable).parent / "failscale")


def test_no_password_or_hash_is_logged_audited_exported_or_reported(
    portfolio: Database, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    first = in_transaction(portfolio, add_user, OPERATOR, User(username="lone", role=Role.LEADER,
                                               departments=("A",))).password
    actor = sign_in(portfolio, "lone", first, LockOut()).actor
    chosen = "correct horse battery staple"
    in_transaction(portfolio, change_password, actor, first, chosen, min_length=12)
    with pytest.raises(Exception, match="Wrong"):
        sign_in(portfolio, "lone", "my other secret", LockOut())
    reset = in_transaction(portfolio, reset_password, OPERATOR, "lone").password
    with portfolio.reading() as store:
        hashed = store.users.password_hash("lone")
        trail = json.dumps([e.model_dump(mode="json") for e in store.audit.recent(100_000)])
    secrets = (first, chosen, "my other secret", reset, hashed, "$argon2")

    places = {
        "audit trail": trail,
        "audit export": audit_csv(portfolio, OPERATOR),
        "portfolio report": portfolio_html(portfolio, OPERATOR),
        "log": caplog.text,
    }
    assert {where: [s for s in secrets if s in text] for where, text in places.items()} == {
        where: [] for where in places}


def test_the_cli_user_list_and_audit_export_hold_no_hashes(tmp_path: Path) -> None:
    env = {**os.environ, "FAILSCALE_LANGUAGE": "en", "FAILSCALE_DB": str(tmp_path / "cli.duckdb"),
           "FAILSCALE_DATA_DIR": str(tmp_path / "data"), "PREFECT_API_URL": ""}
    init = subprocess.run([FAILSCALE, "init"], env=env, capture_output=True, text=True,
                          check=True)
    listed = subprocess.run([FAILSCALE, "user", "list", "--json"], env=env,
                            capture_output=True, text=True, check=True)
    exported = subprocess.run([FAILSCALE, "audit", "export", "-"], env=env,
                              capture_output=True, text=True, check=True)
    one_time = init.stdout.split("One-time password:")[1].split()[0]
    for output in (listed.stdout, exported.stdout, exported.stderr, listed.stderr):
        assert "$argon2" not in output and one_time not in output
    assert json.loads(listed.stdout)[0]["username"] == "admin"
