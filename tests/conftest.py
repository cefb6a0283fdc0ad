"""Shared fixtures: a real store per test, and one Prefect harness per session.

The store is a DuckDB file, or with FAILSCALE_TEST_STORE=lake (`make test` runs the
storage, service and flow tests a second time so) DuckLake on a real PostgreSQL that the
session starts itself. Either way a test gets a copy of a store built once per session
(`Templates`): the initialised one as `db`, a seeded one through `seeded` — a file copied,
or a catalog database created from a template with a copy of its data path.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
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


class Templates:
    """Stores built once per test session (per xdist worker) and copied for each test.

    Seeding the demo portfolio and evaluating it takes 3-4 s on the file and ~20 s on the
    lake (a few hundred small units of work, each a few catalog round trips); a copy takes
    a fraction of a second on either. A test still gets a store of its own to change.
    """

    def __init__(self, factory: pytest.TempPathFactory, request: pytest.FixtureRequest):
        self._factory, self._request = factory, request
        self._built: dict[str, tuple[str, Path]] = {}

    def copy(self, build: Callable[[Database], object], folder: Path) -> Database:
        """A fresh copy, in `folder`, of the initialised store after `build` ran on it once."""
        key = f"{build.__module__}.{build.__qualname__}"
        if "<" in key:
            raise ValueError("a template is built by a named function, not a lambda")
        if key not in self._built:
            self._built[key] = self._build(build)
        return self._copy(self._built[key], folder)

    def _build(self, build: Callable[[Database], object]) -> tuple[str, Path]:
        folder = self._factory.mktemp("template")
        if not LAKE:
            database = Database(folder / "portfolio.duckdb")
            initialise(database, Actor.operator())
            build(database)
            return database.location, database.path
        from tests.postgres import new_lake

        postgres = self._request.getfixturevalue("postgres")
        base = self._request.getfixturevalue("lake_template")
        database = new_lake(postgres, base, folder)
        build(database)
        release(database.location)  # CREATE DATABASE … TEMPLATE needs it unused
        name = database.location.split("dbname=", 1)[1].split()[0]
        return name, Path(database.lake.data_path)  # type: ignore[union-attr]

    def _copy(self, template: tuple[str, Path], folder: Path) -> Database:
        if not LAKE:
            path = folder / "portfolio.duckdb"
            shutil.copy(template[1], path)
            return Database(path, lock_timeout=5)
        from tests.postgres import new_lake

        return new_lake(self._request.getfixturevalue("postgres"), template, folder)


@pytest.fixture(scope="session")
def lake_template(postgres: Postgres, tmp_path_factory: pytest.TempPathFactory,
                  ) -> tuple[str, Path]:
    """A catalog database and data path holding an initialised store, to copy per test."""
    name, data = postgres.new_database(), tmp_path_factory.mktemp("lake-template")
    location = PREFIX + postgres.libpq(name)
    initialise(Database(location, lake_data_path=str(data)), Actor.operator())
    release(location)  # CREATE DATABASE … TEMPLATE needs it unused
    return name, data


@pytest.fixture(scope="session")
def templates(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest,
              ) -> Templates:
    return Templates(tmp_path_factory, request)


def _initialised(database: Database) -> None:
    """The template of `db`: what `initialise` leaves (it runs on every template)."""


@pytest.fixture
def seeded(templates: Templates, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
           ) -> Iterator[Callable[[Callable[[Database], object]], Database]]:
    """`seeded(build)`: a store of this test's own, copied from one `build` made once.

    `build` is a named module-level function of the database; everything it depends on
    must be the same for every test that asks for it.
    """
    made: list[Database] = []

    def copy(build: Callable[[Database], object]) -> Database:
        if made:
            raise RuntimeError("one seeded store per test")
        database = templates.copy(build, tmp_path)
        if database.lake is not None:
            monkeypatch.setenv("FAILSCALE_LAKE_DATA_PATH", str(database.lake.data_path))
        made.append(database)
        return database

    yield copy
    for database in made:
        if database.lake is not None:
            release(database.location)


@pytest.fixture
def db(seeded: Callable[[Callable[[Database], object]], Database]) -> Database:
    return seeded(_initialised)


@pytest.fixture
def in_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[Database], Database]:
    """`in_env(db)`: the database, also named by FAILSCALE_DB (and a data directory of the
    test's own) for code that reads settings."""

    def name(database: Database) -> Database:
        monkeypatch.setenv("FAILSCALE_DB", database.location)
        monkeypatch.setenv("FAILSCALE_DATA_DIR", str(tmp_path / "data"))
        return database

    return name


@pytest.fixture
def db_env(db: Database, in_env: Callable[[Database], Database]) -> Database:
    """The database, also named by FAILSCALE_DB for code that reads settings."""
    return in_env(db)


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


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On the lake pass, only the tests that get a store: the others (a file of their own,
    a Prefect server, the parser) would run exactly as the first pass ran them."""
    if not LAKE:
        return
    keep = [item for item in items if "seeded" in getattr(item, "fixturenames", ())]
    if len(keep) < len(items):
        config.hook.pytest_deselected(items=[i for i in items if i not in keep])
        items[:] = keep
