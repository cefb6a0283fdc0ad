"""What the API takes and gives, as pydantic models, so /api/v1/openapi.json documents it.

A measurement's values are taken as given (text or numbers) and parsed by the file
import's own rules (portfolio.importing): a value that does not parse is a rejected row
with its reason, as in a file. Only what no row could be — not an object, a missing or
unknown field, a nested value — is refused as a whole with 422, naming the field.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, RootModel, StrictFloat, StrictInt, StrictStr

from portfolio.models import Evaluation, Initiative, Kpi, Reason

MAX_BATCH = 10_000
_Text = Annotated[StrictStr, Field(max_length=1000)]


class MeasurementIn(BaseModel):
    """One measurement, as one row of a measurements file."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "initiative_id": "SUND-07", "kpi": "Genindlæggelser", "date": "2026-11-30",
        "value": 41, "source": "KMD Nexus", "provenance": "system_export"}]})

    initiative_id: _Text
    kpi: _Text
    date: _Text = Field(description="YYYY-MM-DD or DD-MM-YYYY")
    value: StrictInt | StrictFloat | _Text = Field(
        description="A number; text with a decimal comma is read as in a file")
    source: _Text | None = Field(default=None,
                                 description="Free text: the source system or who reported it")
    provenance: _Text | None = Field(
        default=None, description="system_export (default), manual or self_reported")


class MeasurementBatch(RootModel[Annotated[list[MeasurementIn],
                                           Field(min_length=1, max_length=MAX_BATCH)]]):
    pass


class RowErrorOut(BaseModel):
    row: int = Field(description="Index of the rejected object in the array (from 0)")
    reason: str


class ImportSummary(BaseModel):
    import_id: str
    kind: str
    file: str
    rows_read: int
    accepted: int
    rejected: int
    added: int
    updated: int
    unchanged: int
    errors: list[RowErrorOut]


class InitiativeList(BaseModel):
    items: list[Initiative]
    total: int
    limit: int
    offset: int


class EvaluationOut(BaseModel):
    """A stored evaluation; `reasons` rendered in the asked language, `reason_codes` as
    data for a caller that renders its own."""

    initiative_id: str
    as_of: date
    recommendation: str
    light: str
    score: float | None
    overdue: bool
    reasons: list[str]
    reason_codes: list[Reason]
    criteria: list[dict[str, Any]]
    kpis: list[dict[str, Any]]
    policy_name: str
    policy_version: int
    run_id: str

    @classmethod
    def of(cls, evaluation: Evaluation, lang: str) -> EvaluationOut:
        data = evaluation.model_dump(mode="json")
        return cls(
            initiative_id=evaluation.initiative_id, as_of=evaluation.as_of,
            recommendation=evaluation.recommendation.value, light=evaluation.light.value,
            score=evaluation.score, overdue=evaluation.overdue,
            reasons=[r.render(lang) for r in evaluation.reasons],
            reason_codes=list(evaluation.reasons), criteria=data["criteria"],
            kpis=data["kpis"], policy_name=evaluation.policy_name,
            policy_version=evaluation.policy_version, run_id=evaluation.run_id,
        )


class InitiativeOut(BaseModel):
    initiative: Initiative
    kpis: list[Kpi]
    latest_evaluation: EvaluationOut | None


class AgendaItemOut(BaseModel):
    initiative_id: str
    title: str
    department: str
    steering_group: str
    organisation: str = ""
    review_on: date | None
    overdue: bool
    why: list[str] = Field(description="Why it is on the agenda (codes)")
    recommendation: str | None
    light: str | None


class AgendaOut(BaseModel):
    steering_group: str
    organisation: str = ""
    as_of: date
    total: int
    items: list[AgendaItemOut]
