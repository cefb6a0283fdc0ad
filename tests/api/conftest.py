"""A real API server (`failscale api`, uvicorn) on a free port over a real DuckDB file with
Demo Kommune and a second organisation, started once per test module."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner, Result

from portfolio.models import Actor, Department, Role, Stage
from portfolio.openness import ApiToken
from portfolio.service.evaluation import evaluate_now
from portfolio.service.initiatives import save_initiative, save_kpi
from portfolio.service.setup import initialise, seed_demo
from portfolio.service.tokens import create_token
from portfolio.storage import Database
from tests.e2e.server import api
from tests.factories import make_initiative, make_kpi
from tests.units import in_transaction

TODAY = date(2026, 12, 1)
OTHER_ORGANISATION = "Nabo Kommune"
OTHER_DEPARTMENT = "Nabo Sundhed"
OTHER_INITIATIVE = "NB-01"
RATE_LIMIT = 40


@dataclass
class ApiServer:
    url: str
    db: Database
    env: dict[str, str]

    def token(self, name: str, role: Role, *, organisation: str = "",
              departments: tuple[str, ...] = ()) -> str:
        """A new token's secret, created as the operator (as `failscale token create`)."""
        token = ApiToken(name=name, role=role, organisation=organisation,
                         departments=departments)
        return in_transaction(self.db, create_token, Actor.operator(), token).secret

    def client(self, secret: str | None = None) -> httpx.Client:
        headers = {"Authorization": f"Bearer {secret}"} if secret else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=30)

    def cli(self, *args: str) -> Result:
        """`failscale ARGS` in this process (the server runs the real command; a
        subprocess per command would cost seconds each on a loaded machine)."""
        from failscale.cli import app

        return CliRunner().invoke(app, list(args), env={
            k: v for k, v in self.env.items() if k.startswith("FAILSCALE_")})


def _portfolio(path: Path) -> Database:
    db = Database(path, lock_timeout=15)
    operator = Actor.operator()
    initialise(db, operator)
    seed_demo(db, operator, TODAY)
    with db.transaction() as store:
        store.departments.save(Department(name=OTHER_DEPARTMENT, organisation=OTHER_ORGANISATION,
                                          steering_group="Nabo styregruppe"))
        # A namesake of the demo's department: names alone must not open Demo Kommune's
        # "Børn og Unge" to Nabo Kommune's tokens (#13).
        store.departments.save(Department(name="Børn og Unge", organisation=OTHER_ORGANISATION,
                                          steering_group="Nabo styregruppe"))
    in_transaction(db, save_initiative, operator, make_initiative(
        id=OTHER_INITIATIVE, title="Nabo's video consultations", department=OTHER_DEPARTMENT,
        organisation=OTHER_ORGANISATION,
        stage=Stage.IDEA))
    in_transaction(db, save_kpi, operator, make_kpi("video share", initiative_id=OTHER_INITIATIVE))
    evaluate_now(db, operator, TODAY, "api-test-run")
    return db


@pytest.fixture(scope="module")
def api_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ApiServer]:
    folder = tmp_path_factory.mktemp("api")
    db = _portfolio(folder / "portfolio.duckdb")
    env = {**os.environ, "FAILSCALE_DB": str(db.path), "FAILSCALE_DATA_DIR": str(folder),
           "FAILSCALE_API_RATE_LIMIT": str(RATE_LIMIT), "PREFECT_API_URL": ""}
    with api(env) as url:
        yield ApiServer(url, db, env)
