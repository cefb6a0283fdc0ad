"""A national instance's processes on one shared store (#17), in a real browser: two
dashboards (as behind a reverse proxy, each a Streamlit process holding its own DuckLake
instance) and the REST API, on one PostgreSQL catalog and one data path.

A source system posts a measurement to the API; a leader on the first dashboard runs the
evaluation, which uses it; a colleague on the second dashboard, whose page was open
before, sees the new verdict at her next page, and so does the API. Nothing is cached
past another process's write, and every step is in Danish, the product's default.
"""

from __future__ import annotations

import json
import os
import urllib.request
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from portfolio.models import Actor, Department, Organisation, Role, Stage, SteeringGroup
from portfolio.openness import ApiToken
from portfolio.service.evaluation import evaluate_now
from portfolio.service.imports import import_measurement_records
from portfolio.service.initiatives import save_initiative
from portfolio.service.organisation import (
    save_department,
    save_organisation,
    save_steering_group,
)
from portfolio.service.setup import initialise
from portfolio.service.tokens import create_token
from portfolio.storage import Database
from portfolio.storage.lake import PREFIX
from tests.e2e.server import api, dashboard
from tests.e2e.streamlit_ui import settled
from tests.factories import make_initiative, make_kpi
from tests.postgres import Postgres
from tests.units import in_transaction

pytestmark = pytest.mark.e2e

TODAY = date.today()
ORGANISATION, DEPARTMENT, GROUP = "Nabo Kommune", "Sundhed og Omsorg", "Velfærdsudvalget"
INITIATIVE, KPI = "SO-01", "frigjorte timer"
TITLE = "Robotstøvsugere på plejecentre"
TIMEOUT_MS = 30_000  # three servers and a browser on two cores


def shared_store(postgres: Postgres, folder: Path) -> tuple[Database, Path]:
    """An organisation set up on the lake: one experiment, three months of measurements on
    the way to its target, evaluated once."""
    data = folder / "lake"
    db = Database(PREFIX + postgres.libpq(postgres.new_database()), lock_timeout=30,
                  lake_data_path=str(data))
    operator = Actor.operator()
    initialise(db, operator)
    in_transaction(db, save_organisation, operator, Organisation(name=ORGANISATION))
    in_transaction(db, save_steering_group, operator, SteeringGroup(
        organisation=ORGANISATION, name=GROUP))
    in_transaction(db, save_department, operator, Department(
        name=DEPARTMENT, organisation=ORGANISATION, steering_group=GROUP))
    in_transaction(db, save_initiative, operator, make_initiative(
        id=INITIATIVE, title=TITLE, department=DEPARTMENT, organisation=ORGANISATION,
        stage=Stage.EXPERIMENT, started_on=TODAY - timedelta(days=150),
        review_on=TODAY + timedelta(days=60)), kpis=[make_kpi(
            KPI, initiative_id=INITIATIVE, baseline=0.0, target=20.0)])
    report = import_measurement_records(db, operator, [
        {"initiative_id": INITIATIVE, "kpi": KPI, "date": (TODAY - timedelta(days=d)).isoformat(),
         "value": v} for d, v in ((120, 17), (80, 18), (40, 19))], source_name="opsætning")
    assert report.added == 3, report
    evaluate_now(db, operator, TODAY, "første-kørsel")
    return db, data


def verdict(page: Page) -> str:
    """The initiative page's verdict heading: recommendation · light."""
    heading = page.get_by_role("heading", level=3).filter(has_text="·").first
    expect(heading).to_be_visible()
    return heading.inner_text()


def call(url: str, secret: str, body: object | None = None) -> dict:
    request = urllib.request.Request(
        url, data=None if body is None else json.dumps(body).encode(),
        headers={"Authorization": f"Bearer {secret}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.loads(answer.read())


def test_two_dashboards_and_the_api_on_one_shared_store_see_each_others_writes(
    postgres: Postgres, browser: Browser, tmp_path: Path,
) -> None:
    db, data = shared_store(postgres, tmp_path)
    secret = in_transaction(db, create_token, Actor.operator(), ApiToken(
        name="omsorgssystem", role=Role.LEADER, organisation=ORGANISATION,
        departments=(DEPARTMENT,))).secret
    env = {"FAILSCALE_LANGUAGE": "da", "FAILSCALE_LAKE_DATA_PATH": str(data)}
    expect.set_options(timeout=TIMEOUT_MS)
    with (dashboard(db.location, data_dir=tmp_path / "a", env=env) as first,
          dashboard(db.location, data_dir=tmp_path / "b", env=env) as second,
          api({**os.environ, **env, "FAILSCALE_DB": db.location,
               "FAILSCALE_DATA_DIR": str(tmp_path / "api"), "PREFECT_API_URL": ""}) as rest):
        leader = browser.new_context(locale="da-DK", viewport={"width": 1280, "height": 800})
        colleague = browser.new_context(locale="da-DK", viewport={"width": 1280, "height": 800})
        on_first, on_second = leader.new_page(), colleague.new_page()
        for page in (on_first, on_second):
            page.set_default_timeout(TIMEOUT_MS)

        # The colleague has the initiative open on the second dashboard.
        on_second.goto(f"{second}/initiative?id={INITIATIVE}")
        expect(on_second.get_by_role("heading", name=TITLE)).to_be_visible()
        before = verdict(settled(on_second))

        # The source system posts today's value through the API.
        posted = call(f"{rest}/api/v1/measurements", secret,
                      [{"initiative_id": INITIATIVE, "kpi": KPI, "date": TODAY.isoformat(),
                        "value": 20}])
        assert (posted["accepted"], posted["added"], posted["rejected"]) == (1, 1, 0)

        # The leader, on the first dashboard, runs the evaluation: it sees the posted value.
        on_first.goto(f"{first}/initiative?id={INITIATIVE}")
        expect(on_first.get_by_role("heading", name=TITLE)).to_be_visible()
        settled(on_first).get_by_role("button", name="Kør vurdering nu").click()
        expect(on_first.get_by_text("1 initiativer vurderet.")).to_be_visible()
        after = verdict(settled(on_first))
        assert after != before

        # The colleague's next page on the second dashboard shows the new verdict …
        on_second.reload()
        expect(on_second.get_by_role("heading", name=TITLE)).to_be_visible()
        assert verdict(settled(on_second)) == after

        # … and the API answers with it.
        latest = call(f"{rest}/api/v1/initiatives/{INITIATIVE}?lang=da", secret)
        evaluation = latest["latest_evaluation"]
        assert evaluation["as_of"] == TODAY.isoformat()
        assert [(k["name"], k["count"], k["latest_value"]) for k in evaluation["kpis"]] == [
            (KPI, 4, 20.0)]
        leader.close()
        colleague.close()
