"""Shared fixtures: a real store per test, and one Prefect harness per session.

The store is a DuckDB file, or with FAILSCALE_TEST_STORE=lake (`make test` runs the
storage, service and flow tests a second time so) DuckLake on a real PostgreSQL that the
session starts itself: each test gets a fresh catalog database copied from an initialised
template, with a data path of its own.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

# Prefect reads .env and the environment: keep a developer's settings out of the tests.
os.environ["PREFECT_API_URL"] = ""
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
# The product starts in Danish (FAILSCALE_LANGUAGE defaults to da, #13); most tests were
# written against the English texts, so they read English unless they ask for Danish.
# tests/unit/test_danish_default.py and tests/dashboard/test_danish_pages.py check the
# default itself with this variable removed.
os.environ.setdefault("FAILSCALE_LANGUAGE", "en")

from portfolio.models import Actor
from portfolio.service.setup import initialise
from portfolio.storage import Database
from portfolio.storage.lake import PREFIX, release

if TYPE_CHECKING:
    from tests.postgres import Postgres
    from tests.smtp import Mailbox

LAKE = os.environ.get("FAILSCALE_TEST_STORE") == "lake"

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def operator() -> Actor:
    return Actor.operator()


@pytest.fixture(scope="session")
def postgres() -> Iterator[Postgres]:
    """A real PostgreSQL server for the session (initdb in a temporary directory)."""
    from tests.postgres import running_postgres

    with running_postgres() as server:
        yield server


@pytest.fixture(scope="session")
def lake_template(postgres: Postgres, tmp_path_factory: pytest.TempPathFactory,
                  ) -> tuple[str, Path]:
    """A catalog database and data path holding an initialised store, to copy per test."""
    name, data = postgres.new_database(), tmp_path_factory.mktemp("lake-template")
    location = PREFIX + postgres.libpq(name)
    initialise(Database(location, lake_data_path=str(data)), Actor.operator())
    release(location)  # CREATE DATABASE … TEMPLATE needs it unused
    return name, data


@pytest.fixture
def db(tmp_path: Path, operator: Actor, request: pytest.FixtureRequest,
       monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:
    if not LAKE:
        database = Database(tmp_path / "portfolio.duckdb", lock_timeout=5)
        initialise(database, operator)
        yield database
        return
    from tests.postgres import new_lake

    database = new_lake(request.getfixturevalue("postgres"),
                        request.getfixturevalue("lake_template"), tmp_path)
    monkeypatch.setenv("FAILSCALE_LAKE_DATA_PATH", str(database.lake.data_path))  # type: ignore[union-attr]
    yield database
    release(database.location)


@pytest.fixture
def db_env(db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Database:
    """The database, also named by FAILSCALE_DB for code that reads settings."""
    monkeypatch.setenv("FAILSCALE_DB", db.location)
    monkeypatch.setenv("FAILSCALE_DATA_DIR", str(tmp_path / "data"))
    return db


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    """One Prefect test server for the whole session (it takes ~20 s to start)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture
def smtp_server() -> Iterator[Mailbox]:
    """A real SMTP server on a free localhost port, keeping every message it receives."""
    from tests.smtp import running_smtp_server

    with running_smtp_server() as mailbox:
        yield mailbox
