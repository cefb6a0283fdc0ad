"""A flow run's parameters never hold the shared store's password (#17): Prefect shows a
deployment's and a run's parameters in its UI and keeps them in its database. The store is
named there without it, and the process that runs the flow adds its own back."""

from __future__ import annotations

from datetime import date

import pytest

from flows import steps
from flows.deployments import deployments
from flows.shards import _start
from portfolio.locations import without_password
from portfolio.settings import Settings

OWN = "ducklake:postgres:dbname=failscale host=db1 user=app password=hemmelig"
NAMED = "ducklake:postgres:dbname=failscale host=db1 user=app"


def test_no_deployment_keeps_the_password_and_a_worker_adds_its_own_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    named = {d.name: d.parameters.get("db_path") for d in deployments(Settings(db=OWN))}
    assert set(named.values()) == {NAMED}

    monkeypatch.setenv("FAILSCALE_DB", OWN)
    assert steps.database(named["evaluate-portfolio"]).location == OWN
    other = "ducklake:postgres:dbname=other host=db2"
    assert steps.database(other).location == other  # another store: as named


def test_a_shard_run_is_started_without_the_password(monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[dict[str, object]] = []
    monkeypatch.setattr("flows.shards.run_deployment",
                        lambda name, parameters, **_: started.append(parameters))
    _start(date(2026, 12, 1), ["Nabo Kommune"], OWN, 0)
    assert started[0]["db_path"] == NAMED


@pytest.mark.parametrize("location", [
    "data/portfolio.duckdb", "/srv/failscale/portfolio.duckdb", NAMED])
def test_a_store_without_a_password_is_named_as_it_is(location: str) -> None:
    assert without_password(location) == location


def test_a_quoted_password_with_spaces_goes_whole() -> None:
    quoted = "ducklake:postgres:dbname=f password='to ord' host=db1"
    assert without_password(quoted) == "ducklake:postgres:dbname=f host=db1"


def test_a_shard_run_is_asked_for_once_per_parent_run_and_shard(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The client may send a create request again when a busy server is slow to answer;
    the idempotency key makes the server return the shard's run instead of a second one
    (the work-pool test once counted four runs of three shards)."""
    keys: list[object] = []
    monkeypatch.setattr("flows.shards.run_deployment",
                        lambda name, parameters, **options: keys.append(
                            options["idempotency_key"]))
    monkeypatch.setattr("flows.shards.flow_run.get_id", lambda: "parent-7")
    for shard in (0, 1, 0):
        _start(date(2026, 12, 1), ["Nabo Kommune"], NAMED, shard)
    assert keys == ["parent-7-shard-0", "parent-7-shard-1", "parent-7-shard-0"]
