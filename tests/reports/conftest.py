"""One evaluated demo portfolio for the report tests: rendering is slow, reading is not."""

from __future__ import annotations

from datetime import date, timedelta
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from portfolio.models import Actor
from portfolio.service.evaluation import evaluate_now
from portfolio.service.setup import initialise, seed_demo
from portfolio.storage import Database

ANCHOR = date(2025, 6, 30)
WELFARE = "Velfærdsstyregruppen"
OVERRIDE_MEETING = ANCHOR - timedelta(days=160)
"""The welfare group continued SB-02 although the evaluation said NEEDS_DATA."""


def seed_evaluated_demo(db: Database) -> Database:
    operator = Actor.operator()
    initialise(db, operator)
    seed_demo(db, operator, ANCHOR)
    evaluate_now(db, operator, ANCHOR, "run-1")
    return db


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Database:
    """Read-only for the tests that use it; tests that change data seed their own."""
    path: Path = tmp_path_factory.mktemp("reports") / "portfolio.duckdb"
    return seed_evaluated_demo(Database(path, lock_timeout=5))


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page, with runs of whitespace folded, as a reader would search it."""
    reader = PdfReader(BytesIO(data))
    return [" ".join(page.extract_text().split()) for page in reader.pages]
