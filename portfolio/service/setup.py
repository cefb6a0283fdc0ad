"""Setting a database up: schema, the active review policy, and the demo portfolio."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time

from portfolio.models import (
    Actor,
    Decision,
    Department,
    Evaluation,
    Organisation,
    Person,
    Stage,
    SteeringGroup,
)
from portfolio.radar.parse import read_radar, shipped_radar
from portfolio.review.policy import ReviewPolicy, default_policy
from portfolio.review.vectorised import evaluate_frames
from portfolio.service import audit
from portfolio.service.access import Permission, authorize
from portfolio.storage import Database, Store


def initialise(db: Database, actor: Actor) -> bool:
    """Migrate the schema and activate the default policy once; True when it was new.

    An instance still on version 1 of `default` (the settings #18 added were shipped
    under that number) moves to the shipped default's version, as a new version beside
    the old one, audited: stored verdicts keep naming the version they were judged under.
    """
    with db.transaction() as store:
        if store.radar.edition() is None:
            _ship_radar(store)
        active = store.policies.active()
        if active is not None:
            _upgrade_default(store, actor, active)
            return False
        authorize(actor, Permission.ADMIN_POLICY)
        policy = default_policy()
        store.policies.save_active(policy, actor.username)
        audit.record(store, actor, "activate", "policy", f"{policy.name}/v{policy.version}",
                     after=policy.model_dump(mode="json"))
        return True


SHIPPED_RADAR_EDITION = "KL Teknologiradar 2023 (modelled)"


def _ship_radar(store: Store) -> None:
    """An instance without a radar gets the one the product ships (#18); an administrator
    replaces it with `failscale radar import FILE` when KL publishes a new one."""
    store.radar.replace(read_radar(shipped_radar()).accepted, SHIPPED_RADAR_EDITION)


def _upgrade_default(store: Store, actor: Actor, active: ReviewPolicy) -> None:
    shipped = default_policy()
    if active.name != shipped.name or active.version != 1 or shipped.version == 1:
        return
    if any(p.name == shipped.name and p.version >= shipped.version
           for p in store.policies.versions()):
        return
    authorize(actor, Permission.ADMIN_POLICY)
    store.policies.save_active(shipped, actor.username)
    audit.record(store, actor, "activate", "policy", f"{shipped.name}/v{shipped.version}",
                 before=active.model_dump(mode="json"), after=shipped.model_dump(mode="json"))


def seed_demo(db: Database, actor: Actor, anchor: date) -> int:
    """Load the demo portfolio into an empty database; returns initiatives loaded (0: not)."""
    from portfolio.demo import build_demo

    authorize(actor, Permission.ADMIN_USERS)
    demo = build_demo(anchor)
    with db.transaction() as store:
        if store.initiatives.count():
            return 0
        store.departments.save_many(demo.departments)
        _organise(store, demo.departments, demo.people)
        home = {d.name: d.organisation for d in demo.departments}
        store.initiatives.save_many([i.model_copy(
            update={"organisation": home.get(i.department, "")}) for i in demo.initiatives])
        store.kpis.save_many(demo.kpis)
        store.measurements.upsert_many(list(demo.measurements))
        for decision in sorted(demo.decisions, key=lambda d: d.decided_on):
            store.decisions.add(_with_evidence(store, decision))
        for lesson in demo.lessons:
            store.lessons.add(lesson)
        for adoption in demo.adoptions:
            store.adoptions.add(adoption)
        store.benefit_plans.save_many(demo.benefit_lines)
        store.people.save_many(demo.people)
        audit.record(
            store, actor, "load_demo", "portfolio", "demo",
            after={"anchor": anchor.isoformat(), "initiatives": len(demo.initiatives),
                   "measurements": len(demo.measurements)},
        )
    return len(demo.initiatives)


def _organise(store: Store, departments: Sequence[Department], people: Sequence[Person]) -> None:
    """The demo's organisation and steering groups (schema 12), from its departments; a
    group's address is the address-book entry of its name, as mail found it before."""
    addresses = {p.name: p.email for p in people}
    store.organisations.save_many([Organisation(name=name) for name in sorted(
        {d.organisation for d in departments if d.organisation})])
    store.steering_groups.save_many([
        SteeringGroup(organisation=organisation, name=group,
                      emails=(addresses[group],) if addresses.get(group) else ())
        for organisation, group in sorted({(d.organisation, d.steering_group)
                                           for d in departments
                                           if d.organisation and d.steering_group})])


def _with_evidence(store: Store, decision: Decision) -> Decision:
    """The demo's past decision with the evidence it was made on (#18): the initiative
    judged as of the decision's date by the engine, as an experiment (what the steering
    group decided on), from the measurements and decisions before it."""
    policy = default_policy()
    frames = store.kpi_stats.frames_of([decision.initiative_id], decision.decided_on)
    verdicts = evaluate_frames(frames.in_stage(Stage.EXPERIMENT), policy,
                               decision.decided_on).to_verdicts()
    if not verdicts:
        return decision
    evidence = Evaluation(**verdicts[0].model_dump(), run_id="demo", policy_name=policy.name,
                          policy_version=policy.version,
                          evaluated_at=datetime.combine(decision.decided_on, time()))
    return decision.model_copy(update={"evidence": evidence.model_dump(mode="json")})
