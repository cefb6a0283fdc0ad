"""/api/v1: measurements in; initiatives, evaluations and agendas out. Each route calls one
use case as the caller's service identity (api.auth) and renders its answer."""

from __future__ import annotations

from contextlib import AbstractContextManager
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request

from api.auth import Caller
from api.schemas import (
    AgendaItemOut,
    AgendaOut,
    EvaluationOut,
    ImportSummary,
    InitiativeList,
    InitiativeOut,
    MeasurementBatch,
)
from portfolio.models import Stage
from portfolio.service import integration
from portfolio.service.imports import import_measurement_records
from portfolio.storage import Database, Store

router = APIRouter(prefix="/api/v1", tags=["v1"])
Lang = Annotated[Literal["da", "en"] | None,
                 Query(description="Language of rendered reasons (default: the server's)")]


def _db(request: Request) -> Database:
    return request.app.state.db  # type: ignore[no-any-return]


def _reading(request: Request) -> AbstractContextManager[Store]:
    """The request's one consistent read (#16: the request opens the unit of work)."""
    return _db(request).reading()


def _lang(request: Request, lang: str | None) -> str:
    return lang or request.app.state.settings.language


@router.post("/measurements", response_model=ImportSummary)
def post_measurements(batch: MeasurementBatch, request: Request, actor: Caller) -> dict:
    """Record measurements: the rules, quarantine and idempotence of `failscale import
    measurements`. Rows that break a rule are rejected with their reason, the rest stored;
    posting the same rows again adds nothing. Provenance defaults to system_export."""
    records = [m.model_dump() for m in batch.root]
    report = import_measurement_records(_db(request), actor, records,
                                        source_name=f"api:{actor.username}")
    return report.as_dict()


@router.get("/initiatives", response_model=InitiativeList)
def get_initiatives(
    request: Request, actor: Caller, stage: Stage | None = None, department: str | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> InitiativeList:
    """Initiatives in id order, a page at a time."""
    with _reading(request) as store:
        page = integration.list_initiatives(store, actor, stage=stage, department=department,
                                            limit=limit, offset=offset)
    return InitiativeList(items=list(page.items), total=page.total, limit=limit, offset=offset)


@router.get("/initiatives/{initiative_id}", response_model=InitiativeOut)
def get_initiative(
    initiative_id: str, request: Request, actor: Caller, lang: Lang = None
) -> InitiativeOut:
    """One initiative with its KPIs and its latest evaluation."""
    with _reading(request) as store:
        found = integration.initiative_with_kpis(store, actor, initiative_id)
    latest = found.evaluation
    return InitiativeOut(initiative=found.initiative, kpis=list(found.kpis),
                         latest_evaluation=EvaluationOut.of(latest, _lang(request, lang))
                         if latest else None)


@router.get("/initiatives/{initiative_id}/evaluations", response_model=list[EvaluationOut])
def get_evaluations(
    initiative_id: str, request: Request, actor: Caller, lang: Lang = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> list[EvaluationOut]:
    """The initiative's evaluations, newest first."""
    with _reading(request) as store:
        found = integration.evaluations_of(store, actor, initiative_id, limit=limit)
    return [EvaluationOut.of(e, _lang(request, lang)) for e in found]


@router.get("/agenda", response_model=AgendaOut)
def get_agenda(
    request: Request, actor: Caller,
    steering_group: Annotated[str, Query(min_length=1, max_length=200)],
    as_of: date | None = None,
    organisation: Annotated[str | None, Query(
        max_length=200, description="The group's organisation: a group is organisation + "
        "name, and two organisations may have a group of one name")] = None,
) -> AgendaOut:
    """What a steering group has to decide on, overdue first (the steering page's agenda)."""
    day = as_of or date.today()
    with _reading(request) as store:
        view = integration.steering_agenda(store, actor, steering_group, day,
                                           organisation=organisation or None)
    items = [
        AgendaItemOut(
            initiative_id=i.initiative.id, title=i.initiative.title,
            department=i.initiative.department, steering_group=i.steering_group,
            organisation=i.initiative.organisation,
            review_on=i.initiative.review_on, overdue=i.overdue, why=[w.cause for w in i.why],
            recommendation=i.evaluation.recommendation.value if i.evaluation else None,
            light=i.evaluation.light.value if i.evaluation else None,
        )
        for i in view.items
    ]
    organisation_of = view.group.organisation if view.group else ""
    return AgendaOut(steering_group=steering_group, organisation=organisation_of, as_of=day,
                     total=view.total, items=items)
