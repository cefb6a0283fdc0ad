"""Policy versions (#18): the settings issue #18 added are version 2 of `default`, an
instance still on version 1 moves to it as a new version, stored verdicts keep naming the
version they were judged under, and the what-if preview compares two versions."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from portfolio.models import Actor, Recommendation, Stage
from portfolio.review.policy import shipped_versions
from portfolio.service.evaluation import evaluate_now
from portfolio.service.initiatives import save_initiative
from portfolio.service.policy_admin import policy_overview, what_if
from portfolio.service.setup import initialise
from portfolio.storage import Database
from tests.factories import AS_OF, make_initiative, make_kpi, make_measurements
from tests.units import in_reading, in_transaction

OPERATOR = Actor.operator()
BOUNCING = make_kpi("applications", baseline=0.0, target=30.0)


def instance_on_version_1(path: Path) -> Database:
    """An instance initialised before version 2 shipped: version 1 active, one run."""
    db = Database(path, lock_timeout=5)
    v1, _ = shipped_versions()
    with db.transaction() as store:
        store.policies.save_active(v1, "root")
    in_transaction(db, save_initiative,
                   OPERATOR, make_initiative(stage=Stage.EXPERIMENT), [BOUNCING])
    with db.transaction() as store:
        store.measurements.upsert_many(make_measurements(BOUNCING, [10, 25, 8, 22, 12, 31]))
    return db


def test_an_instance_on_version_1_moves_to_version_2_and_old_verdicts_keep_version_1(
    tmp_path: Path,
) -> None:
    db = instance_on_version_1(tmp_path / "p.duckdb")
    (before,) = evaluate_now(db, OPERATOR, AS_OF, "old")
    assert (before.policy_version, before.recommendation) == (1, Recommendation.SCALE)

    initialise(db, OPERATOR)
    initialise(db, OPERATOR)  # once only

    overview = in_reading(db, policy_overview, OPERATOR)
    assert overview.active.version == 2
    assert [p.version for p in overview.versions] == [1, 2]
    (after,) = evaluate_now(db, OPERATOR, AS_OF + timedelta(days=1), "new")
    assert (after.policy_version, after.recommendation) == (2, Recommendation.CONTINUE)
    with db.reading() as store:
        (old,) = store.evaluations.for_run("old")
        events = [e for e in store.audit.recent() if e.entity == "policy"]
    assert (old.policy_version, old.recommendation) == (1, Recommendation.SCALE)
    assert [e.entity_id for e in events] == ["default/v2"]
    assert events[0].before is not None and events[0].before["version"] == 1


def test_the_what_if_preview_compares_version_1_with_version_2(tmp_path: Path) -> None:
    db = instance_on_version_1(tmp_path / "p.duckdb")
    v1, v2 = shipped_versions()

    preview = in_reading(db, what_if, OPERATOR, v2, AS_OF, against=v1)

    assert [(c.initiative.id, c.before, c.after) for c in preview.changes] == [
        ("INI-1", Recommendation.SCALE, Recommendation.CONTINUE)]
