"""Registering and editing initiatives, their KPIs and measurements."""

from __future__ import annotations

from collections.abc import Sequence

from portfolio.errors import NotFound, ValidationFailed
from portfolio.models import Actor, Initiative, Kpi, KpiKind, Measurement, Stage
from portfolio.service import audit
from portfolio.service.access import Permission, authorize
from portfolio.service.organisation import ensure_department, home_of
from portfolio.storage import Store


def missing_decision_rule(initiative: Initiative, kpis: Sequence[Kpi]) -> list[str]:
    """What an initiative lacks before it may be an experiment: no baseline, no experiment."""
    missing = []
    if not any(k.kind is KpiKind.BENEFIT for k in kpis):
        missing.append("a benefit KPI with baseline and target")
    if initiative.review_on is None:
        missing.append("a review date")
    return missing


def _check_stage(initiative: Initiative, before: Initiative | None, kpis: Sequence[Kpi]) -> None:
    entering = initiative.stage is Stage.EXPERIMENT and (
        before is None or before.stage is not Stage.EXPERIMENT
    )
    if entering and (missing := missing_decision_rule(initiative, kpis)):
        raise ValidationFailed(field="stage", code="initiative.experiment_needs_rule",
                               params={"id": initiative.id, "missing": tuple(missing)})


def _only_home_of(store: Store, department: str) -> str:
    """With several organisations and none chosen (a national operator): the organisation
    of the only department of that name; else refused naming the field, rather than an
    initiative of no organisation that no municipality's board or agenda shows (#13)."""
    organisations = [o.name for o in store.organisations.all()]
    if not organisations:
        return ""  # a database from before organisations: as before
    homes = sorted({d.organisation for d in store.departments.all() if d.name == department})
    if len(homes) == 1:
        return homes[0]
    raise ValidationFailed(field="organisation", code="initiative.organisation_required",
                           params={"department": department, "known": tuple(sorted(organisations))})


def save_initiative(
    store: Store, actor: Actor, initiative: Initiative, kpis: Sequence[Kpi] = ()
) -> Initiative:
    """Register a new initiative or edit one, with its KPIs, in the caller's unit of work."""
    for kpi in kpis:
        if kpi.initiative_id != initiative.id:
            raise ValidationFailed(field="kpis", code="kpi.other_initiative",
                                   params={"kpi": kpi.name})
    before = store.initiatives.get(initiative.id)
    if not initiative.organisation:  # the department's organisation (#13)
        initiative = initiative.model_copy(update={"organisation": (
            before.organisation if before else "") or home_of(store, actor)
            or _only_home_of(store, initiative.department)})
    authorize(actor, Permission.EDIT_INITIATIVE, initiative.department,
              organisation=initiative.organisation)
    if before is not None:
        authorize(actor, Permission.EDIT_INITIATIVE, before.department,
                  organisation=before.organisation)
    all_kpis = {k.name: k for k in store.kpis.for_initiative(initiative.id)}
    all_kpis.update({k.name: k for k in kpis})
    _check_stage(initiative, before, list(all_kpis.values()))
    initiative = _with_radar_name(store, initiative, before)
    ensure_department(store, actor, initiative.department, initiative.organisation)
    if before != initiative:
        store.initiatives.save(initiative)
        action = "create" if before is None else "update"
        audit.record(store, actor, action, "initiative", initiative.id, before, initiative)
    for kpi in kpis:
        _save_kpi(store, actor, kpi)
    return initiative


def radar_name(store: Store, name: str) -> str | None:
    """The stored radar's spelling of the technology `name` (any case), or None when the
    radar has no such technology (#18)."""
    folded = name.strip().casefold()
    return next((t.name for t in store.radar.all() if t.name.casefold() == folded), None)


def _with_radar_name(store: Store, initiative: Initiative, before: Initiative | None
                     ) -> Initiative:
    """`initiative` classed with the stored radar's name of its radar technology; a name
    the radar does not hold is refused, naming the ones it does. A classing kept as it was
    stays, also when a newer radar edition no longer lists it."""
    name = initiative.radar_technology
    if name is None or (before is not None and before.radar_technology == name):
        return initiative
    known = radar_name(store, name)
    if known is None:
        raise ValidationFailed(field="radar_technology", code="initiative.unknown_radar",
                               params={"name": name, "known": tuple(
                                   t.name for t in store.radar.all())})
    return initiative.model_copy(update={"radar_technology": known})


def _save_kpi(store: Store, actor: Actor, kpi: Kpi) -> bool:
    before = store.kpis.get(kpi.initiative_id, kpi.name)
    if before == kpi:
        return False
    store.kpis.save(kpi)
    action = "create" if before is None else "update"
    audit.record(store, actor, action, "kpi", f"{kpi.initiative_id}/{kpi.name}", before, kpi)
    return True


def save_kpi(store: Store, actor: Actor, kpi: Kpi) -> None:
    initiative = store.initiatives.get(kpi.initiative_id)
    if initiative is None:
        raise NotFound(code="initiative.not_found", params={"id": kpi.initiative_id})
    authorize(actor, Permission.EDIT_INITIATIVE, initiative.department,
              organisation=initiative.organisation)
    _save_kpi(store, actor, kpi)


def record_measurement(store: Store, actor: Actor, measurement: Measurement) -> None:
    """Record one value by hand; the same KPI and date again corrects the value."""
    measurement = measurement.model_copy(update={"recorded_by": actor.username})
    initiative = store.initiatives.get(measurement.initiative_id)
    if initiative is None:
        raise NotFound(code="initiative.not_found",
                       params={"id": measurement.initiative_id})
    authorize(actor, Permission.RECORD_MEASUREMENT, initiative.department,
              organisation=initiative.organisation,
              contributors=store.contributors.for_initiative(initiative.id))
    kpi_id = store.kpis.id_of(measurement.initiative_id, measurement.kpi)
    if kpi_id is None:
        raise ValidationFailed(field="kpi", code="measurement.unknown_kpi",
                               params={"id": measurement.initiative_id,
                                       "kpi": measurement.kpi})
    before = store.measurements.get(kpi_id, measurement.on)
    store.measurements.upsert_many([measurement])
    entity_id = f"{measurement.initiative_id}/{measurement.kpi}/{measurement.on.isoformat()}"
    action = "create" if before is None else "update"
    audit.record(store, actor, action, "measurement", entity_id, before, measurement)
