"""Portfolios that several test modules start from, built once per session by `seeded`.

`seeded(build)` (tests/conftest.py) keys its template by the build function, so modules
that start from the same portfolio share one build: name it here rather than in a module.
"""

from __future__ import annotations

from portfolio.models import Actor
from portfolio.service.evaluation import evaluate_now
from portfolio.service.setup import seed_demo
from portfolio.storage import Database
from tests.factories import AS_OF


def evaluated_demo(db: Database) -> None:
    """The demo portfolio as of AS_OF (2025-06-30), evaluated once as run "demo-run"."""
    seed_demo(db, Actor.operator(), AS_OF)
    evaluate_now(db, Actor.operator(), AS_OF, "demo-run")
