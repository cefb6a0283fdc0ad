"""A small two-department portfolio and one Actor per role, for the security tests.

Department A belongs to steering group "Group A", department B to "Group B". Scoped
actors are scoped to A; the key employee has no departments but is assigned to A-1.
The database is built once per session and copied per test.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from portfolio.models import Actor, BenefitLine, Department, Role, User
from portfolio.service.setup import initialise
from portfolio.service.users import actor_of
from portfolio.storage import Database
from tests.dashboard.conftest import app, demo_db, demo_template  # noqa: F401 (fixtures)
from tests.e2e.conftest import (  # noqa: F401 (fixtures: chromium for the browser test)
    browser_context_args,
    browser_type_launch_args,
)
from tests.factories import make_initiative, make_kpi, make_measurements

DEPARTMENTS = (Department(name="A", steering_group="Group A"),
               Department(name="B", steering_group="Group B"))
PAYLOADS = (
    "'); DROP TABLE initiatives; --",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "**[click](javascript:alert(1))**",
)
USERS = {
    Role.VIEWER: User(username="viv", role=Role.VIEWER),
    Role.KEY_EMPLOYEE: User(username="kim", role=Role.KEY_EMPLOYEE),
    Role.LEADER: User(username="lea", role=Role.LEADER, departments=("A",)),
    Role.STEERING_MEMBER: User(username="sten", role=Role.STEERING_MEMBER,
                               steering_group="Group A"),
    Role.ADMIN: User(username="ada", role=Role.ADMIN),
}
ACTORS = {role: actor_of(user, DEPARTMENTS) for role, user in USERS.items()}


def seed(db: Database) -> None:
    with db.transaction() as store:
        for department in DEPARTMENTS:
            store.departments.save(department)
        for ini_id, department in (("A-1", "A"), ("A-2", "A"), ("B-1", "B")):
            store.initiatives.save(make_initiative(id=ini_id, department=department))
            store.kpis.save(make_kpi(initiative_id=ini_id))
            store.measurements.upsert_many(
                make_measurements("digital share", [40, 60, 85], initiative_id=ini_id))
        for user in USERS.values():
            store.users.save(user)
        store.contributors.assign("A-1", "kim")
        store.benefit_plans.save(BenefitLine(  # a line of A-1's benefit plan (#18)
            initiative_id="A-1", year=2025, benefit="Kørsel", budget_line="5.32",
            planned=1000), "seed")


@pytest.fixture(scope="session")
def portfolio_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("security") / "portfolio.duckdb"
    db = Database(path)
    initialise(db, Actor.operator())
    seed(db)
    return path


@pytest.fixture
def portfolio(portfolio_template: Path, tmp_path: Path) -> Database:
    path = tmp_path / "portfolio.duckdb"
    shutil.copy(portfolio_template, path)
    return Database(path, lock_timeout=5)


@pytest.fixture
def audit_count(portfolio: Database) -> Callable[[], int]:
    def count() -> int:
        with portfolio.reading() as store:
            return len(store.audit.recent(100_000))
    return count
