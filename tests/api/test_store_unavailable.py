"""The API and the public page with a store out of order: the shared store's PostgreSQL out
of reach (#17) is 503 with Retry-After and the store's own message; a FAILSCALE_DB that is
no database is 500 saying so. Never DuckDB's exception or a traceback."""

from __future__ import annotations

import os
from pathlib import Path

import httpx

from tests.e2e.server import api


def test_the_api_and_the_public_page_answer_503_while_the_catalog_does_not_answer(
    tmp_path: Path,
) -> None:
    env = {**os.environ, "PREFECT_API_URL": "", "FAILSCALE_DATA_DIR": str(tmp_path),
           "FAILSCALE_DB": "ducklake:postgres:dbname=portefolje host=127.0.0.1 port=1",
           "FAILSCALE_LAKE_DATA_PATH": str(tmp_path / "lake")}
    with api(env) as url:
        called = httpx.get(f"{url}/api/v1/initiatives",
                           headers={"Authorization": "Bearer any-token"}, timeout=30)
        public = httpx.get(f"{url}/public", timeout=30)
    assert called.status_code == 503 and called.headers["Retry-After"]
    assert called.json() == {
        "code": "store.unavailable",
        "detail": "The shared store cannot be reached right now: PostgreSQL at "
                  "127.0.0.1:1/portefolje does not answer. Nothing was saved and nothing was "
                  "lost. Try again in a moment; if it lasts, ask operations to look at the "
                  "database."}
    assert public.status_code == 503 and public.headers["Retry-After"] == "5"
    assert "IOException" not in public.text and "Traceback" not in public.text


def test_a_store_that_is_no_database_is_a_500_saying_so(tmp_path: Path) -> None:
    sheet = tmp_path / "portefolje.csv"
    sheet.write_text("id;titel\n", encoding="utf-8")
    env = {**os.environ, "PREFECT_API_URL": "", "FAILSCALE_DATA_DIR": str(tmp_path),
           "FAILSCALE_DB": str(sheet)}
    with api(env) as url:
        called = httpx.get(f"{url}/api/v1/initiatives",
                           headers={"Authorization": "Bearer any-token"}, timeout=30)
    assert called.status_code == 500
    assert called.json()["code"] == "store.not_a_database"
    assert called.json()["detail"].startswith(f"{sheet} is not a DuckDB database file")
