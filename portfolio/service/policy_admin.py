"""Review-policy administration: versions, a what-if preview, and activating a new version.

The preview runs the production engine (portfolio.review.vectorised) twice on the same
frames — under the active policy and under the candidate — so an admin sees which
recommendations a change would flip before anything is stored, computed exactly as the
next run will compute them, at any portfolio size (one grouped read, two column passes).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from portfolio.errors import ValidationFailed
from portfolio.models import Actor, Initiative, Recommendation
from portfolio.review.policy import ReviewPolicy, parse_policy
from portfolio.review.vectorised import evaluate_frames
from portfolio.service import audit
from portfolio.service.access import Permission, authorize
from portfolio.service.evaluation import active_policy
from portfolio.storage import Store


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


def policy_overview(store: Store, actor: Actor) -> PolicyOverview:
    authorize(actor, Permission.READ)
    return PolicyOverview(active_policy(store), tuple(store.policies.versions()))


def candidate_policy(active: ReviewPolicy, changes: dict[str, dict[str, Any]]) -> ReviewPolicy:
    """The next version of `active` with edited thresholds; PolicyInvalid when they clash."""
    return active.next_version(**changes)


def what_if(store: Store, actor: Actor, candidate: ReviewPolicy, as_of: date,
            *, against: ReviewPolicy | None = None) -> WhatIf:
    """Which recommendations would change if `candidate` replaced the active policy (or
    `against`: two versions compared, e.g. the shipped version 1 and 2 of `default`)."""
    authorize(actor, Permission.ADMIN_POLICY)
    current = against or active_policy(store)
    frames = store.kpi_stats.portfolio(as_of)
    before = evaluate_frames(frames, current, as_of).verdicts
    after = evaluate_frames(frames, candidate, as_of).verdicts
    ids = before.column("initiative_id").to_pylist()
    flipped = [
        (i, Recommendation(b), Recommendation(a))
        for i, b, a in zip(ids, before.column("recommendation").to_pylist(),
                           after.column("recommendation").to_pylist(), strict=True)
        if a != b
    ]
    initiatives = {i.id: i for i in store.initiatives.for_ids([f[0] for f in flipped])}
    changes = tuple(RecommendationChange(initiatives[i], b, a) for i, b, a in flipped)
    return WhatIf(as_of, len(ids), changes)


def activate_policy(store: Store, actor: Actor, candidate: ReviewPolicy) -> ReviewPolicy:
    """Store `candidate` as a new active version; the next evaluation run uses it."""
    authorize(actor, Permission.ADMIN_POLICY)
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
