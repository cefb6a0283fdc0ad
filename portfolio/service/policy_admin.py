"""Review-policy administration: versions, a what-if preview, and activating a new version.

The preview runs the pure engine twice on the same snapshots — under the active policy and
under the candidate — so an admin sees which recommendations a change would flip before
anything is stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from portfolio.errors import ValidationFailed
from portfolio.models import Actor, Initiative, Recommendation
from portfolio.review.engine import evaluate_all
from portfolio.review.policy import ReviewPolicy, parse_policy
from portfolio.service import audit
from portfolio.service.access import Permission, authorize
from portfolio.service.evaluation import active_policy, load_snapshots
from portfolio.storage import Database


@dataclass(frozen=True)
class PolicyOverview:
    active: ReviewPolicy
    versions: tuple[ReviewPolicy, ...]


@dataclass(frozen=True)
class RecommendationChange:
    initiative: Initiative
    before: Recommendation
    after: Recommendation


@dataclass(frozen=True)
class WhatIf:
    as_of: date
    evaluated: int
    changes: tuple[RecommendationChange, ...]


def policy_overview(db: Database, actor: Actor) -> PolicyOverview:
    authorize(actor, Permission.READ)
    with db.reading() as store:
        return PolicyOverview(active_policy(store), tuple(store.policies.versions()))


def candidate_policy(active: ReviewPolicy, changes: dict[str, dict[str, Any]]) -> ReviewPolicy:
    """The next version of `active` with edited thresholds; PolicyInvalid when they clash."""
    return active.next_version(**changes)


def what_if(db: Database, actor: Actor, candidate: ReviewPolicy, as_of: date) -> WhatIf:
    """Which recommendations would change if `candidate` replaced the active policy."""
    authorize(actor, Permission.ADMIN_POLICY)
    with db.reading() as store:
        current = active_policy(store)
        snapshots = load_snapshots(store, as_of)
    before = evaluate_all(snapshots, current, as_of)
    after = evaluate_all(snapshots, candidate, as_of)
    changes = tuple(
        RecommendationChange(s.initiative, b.recommendation, a.recommendation)
        for s, b, a in zip(snapshots, before, after, strict=True)
        if b.recommendation is not a.recommendation
    )
    return WhatIf(as_of, len(snapshots), changes)


def activate_policy(db: Database, actor: Actor, candidate: ReviewPolicy) -> ReviewPolicy:
    """Store `candidate` as a new active version; the next evaluation run uses it."""
    authorize(actor, Permission.ADMIN_POLICY)
    with db.transaction() as store:
        current = active_policy(store)
        if candidate.thresholds() == current.thresholds():
            raise ValidationFailed(field="policy", code="policy.unchanged")
        newest = max((p.version for p in store.policies.versions() if p.name == candidate.name),
                     default=0)
        policy = parse_policy({**candidate.model_dump(), "version": newest + 1})
        store.policies.save_active(policy, actor.username)
        audit.record(store, actor, "activate", "policy", f"{policy.name}/v{policy.version}",
                     before=current.model_dump(mode="json"),
                     after=policy.model_dump(mode="json"))
    return policy
