"""Turn a Table into models, row by row: every row is either accepted or rejected with a reason.

Nothing is merged or dropped silently: a repeated key within one file is rejected with a
pointer to the first row, so `accepted + rejected == rows_read` always holds and the
counts the user sees are honest. No database here; storing is the caller's job.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from portfolio.importing.choices import chooser
from portfolio.importing.columns import ImportKind, ignored_columns, resolve_columns
from portfolio.importing.problems import Problem
from portfolio.importing.reading import Table, read_table
from portfolio.importing.rejection import Rejection
from portfolio.importing.values import (
    Cell,
    CellError,
    cell_text,
    is_blank,
    parse_bool,
    parse_date,
    parse_number,
)
from portfolio.models import (
    BenefitKind,
    BenefitLine,
    Direction,
    FocusArea,
    Initiative,
    Kpi,
    KpiKind,
    Measurement,
    Provenance,
    Stage,
    Technology,
)

_EMAIL_OR_BLANK = r"^([^@\s]+@[^@\s]+\.[^@\s]+)?$"


class OrganisationRow(BaseModel):
    """One row of an organisation file: a department, its steering group and the group's
    address and chair (#13). A file row, not a noun: the service turns it into those."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    organisation: str = Field(min_length=1, max_length=200)
    department: str = Field(min_length=1, max_length=200)
    steering_group: str = Field(min_length=1, max_length=200)
    steering_group_email: str = Field(default="", pattern=_EMAIL_OR_BLANK, max_length=320)
    chair: str = Field(default="", max_length=200)
    chair_email: str = Field(default="", pattern=_EMAIL_OR_BLANK, max_length=320)


Record = Initiative | Kpi | Measurement | OrganisationRow | BenefitLine
T = TypeVar("T")


@dataclass(frozen=True)
class AcceptedRow:
    row: int
    record: Record




@dataclass(frozen=True)
class ParsedBatch:
    kind: ImportKind
    source_name: str
    rows_read: int
    accepted: tuple[AcceptedRow, ...]
    rejected: tuple[Rejection, ...]
    ignored_columns: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()
    """The known columns the file holds (English names): a field whose optional column
    is absent was not given, so a re-import must not wipe its stored value."""

    def __post_init__(self) -> None:
        if len(self.accepted) + len(self.rejected) != self.rows_read:
            raise ValueError("every row read must be either accepted or rejected")

    @property
    def records(self) -> tuple[Record, ...]:
        return tuple(a.record for a in self.accepted)

    @property
    def errors(self) -> list[dict[str, Any]]:
        return [{"row": e.row, "reason": e.reason} for e in self.rejected]

    def summary(self) -> dict[str, Any]:
        """The parse-level shape of `failscale import --json`."""
        return {
            "kind": str(self.kind),
            "file": self.source_name,
            "rows_read": self.rows_read,
            "accepted": len(self.accepted),
            "rejected": len(self.rejected),
            "errors": self.errors,
            "ignored_columns": list(self.ignored_columns),
        }


def parse_file(path: Path, kind: ImportKind | str, *,
               provenance: Provenance = Provenance.MANUAL) -> ParsedBatch:
    return parse_table(read_table(Path(path)), ImportKind(kind), provenance=provenance)


def parse_table(table: Table, kind: ImportKind | str, *,
                provenance: Provenance = Provenance.MANUAL) -> ParsedBatch:
    """Raises FileUnreadable when a required column is missing; bad rows never raise.

    `provenance`: what a measurement that names none came as, decided by the channel (a
    file uploaded by hand: manual; the inbox: system export)."""
    kind = ImportKind(kind)
    columns = resolve_columns(kind, table.columns, table.source_name)
    seen: dict[tuple[str, ...], tuple[int, Record]] = {}
    accepted: list[AcceptedRow] = []
    rejected: list[Rejection] = []
    for number, values in table.rows:
        record, problems, raw = parse_row(kind, columns, values, table.row_errors.get(number),
                                          provenance=provenance)
        if record is not None:
            key = _key(record)
            if key in seen:
                problems = (duplicate_reason(seen[key], record),)
            else:
                seen[key] = (number, record)
                accepted.append(AcceptedRow(number, record))
                continue
        rejected.append(Rejection.of(number, problems, raw))
    return ParsedBatch(
        kind=kind,
        source_name=table.source_name,
        rows_read=len(table.rows),
        accepted=tuple(accepted),
        rejected=tuple(rejected),
        ignored_columns=ignored_columns(kind, table.columns),
        columns=tuple(columns),
    )


def parse_row(
    kind: ImportKind, columns: Mapping[str, str], values: Mapping[str, Cell],
    shape_error: Problem | None = None, *, provenance: Provenance = Provenance.MANUAL,
) -> tuple[Record | None, tuple[Problem, ...], dict[str, str]]:
    """One row as a record, or why not; and the row's cells as text (for quarantine)."""
    raw = {name: cell_text(value) for name, value in values.items()}
    if shape_error is not None:
        return None, (shape_error,), raw
    record, problems = _build(_BUILDERS[kind], _Cells(values, columns, provenance), raw)
    return record, problems, raw


class _Cells:
    """One row's cells by canonical column name; collects every problem, not just the first."""

    def __init__(self, values: Mapping[str, Cell], columns: Mapping[str, str],
                 provenance: Provenance = Provenance.MANUAL) -> None:
        self._values = values
        self._columns = columns
        self.channel_provenance = provenance
        self.problems: list[Problem] = []

    def _raw(self, name: str) -> Cell:
        header = self._columns.get(name)
        return self._values.get(header, "") if header else ""

    def text(self, name: str, *, required: bool = False) -> str:
        value = self._raw(name)
        if is_blank(value):
            if required:
                self.problems.append(Problem(code="import.required", params={"column": name}))
            return ""
        return cell_text(value)

    def typed(
        self,
        name: str,
        parse: Callable[[Cell, str], T],
        *,
        default: T | None = None,
        required: bool = False,
    ) -> T | None:
        value = self._raw(name)
        if is_blank(value):
            if required:
                self.problems.append(Problem(code="import.required", params={"column": name}))
            return default
        try:
            return parse(value, name)
        except CellError as exc:
            self.problems.append(exc.problem)
            return default


_stage, _direction, _kind = chooser(Stage), chooser(Direction), chooser(KpiKind)
_provenance, _focus, _technology = chooser(Provenance), chooser(FocusArea), chooser(Technology)
_TAG_SPLIT = re.compile(r"[;,]")
_benefit_kind = chooser(BenefitKind)


def _initiative(c: _Cells) -> tuple[type[BaseModel], dict[str, Any]]:
    return Initiative, {
        "id": c.text("id", required=True),
        "title": c.text("title", required=True),
        "department": c.text("department", required=True),
        "owner": c.text("owner"),
        "stage": c.typed("stage", _stage, required=True),
        "started_on": c.typed("started_on", parse_date),
        "review_on": c.typed("review_on", parse_date),
        "budget_dkk": c.typed("budget_dkk", parse_number, default=0.0),
        "spent_dkk": c.typed("spent_dkk", parse_number, default=0.0),
        "focus_area": c.typed("focus_area", _focus),
        "technology": c.typed("technology", _technology),
        "core_task": c.text("core_task"),
        "hypothesis": c.text("hypothesis"),
        "tags": tuple(t.strip() for t in _TAG_SPLIT.split(c.text("tags")) if t.strip()),
        "organisation": c.text("organisation"),
        "radar_technology": c.text("radar_technology") or None,
    }


def _kpi(c: _Cells) -> tuple[type[BaseModel], dict[str, Any]]:
    fields: dict[str, Any] = {
        "initiative_id": c.text("initiative_id", required=True),
        "name": c.text("kpi", required=True),
        "unit": c.text("unit"),
        "direction": c.typed("direction", _direction, required=True),
        "baseline": c.typed("baseline", parse_number, required=True),
        "target": c.typed("target", parse_number, required=True),
        "kind": c.typed("kind", _kind, required=True),
        "weight": c.typed("weight", parse_number, default=1.0),
        "cashable": c.typed("cashable", parse_bool, default=False),
    }
    baseline, target = fields["baseline"], fields["target"]
    if fields["kind"] is KpiKind.BENEFIT and baseline is not None and baseline == target:
        c.problems.append(Problem(code="import.target_is_baseline",
                                  params={"baseline": cell_text(baseline)}))
    return Kpi, fields


def _measurement(c: _Cells) -> tuple[type[BaseModel], dict[str, Any]]:
    source = c.text("source")
    return Measurement, {
        "initiative_id": c.text("initiative_id", required=True),
        "kpi": c.text("kpi", required=True),
        "on": c.typed("date", parse_date, required=True),
        "value": c.typed("value", parse_number, required=True),
        "source": source,
        "provenance": (c.typed("provenance", _provenance) or provenance_named_by(source)
                       or c.channel_provenance),
    }


def provenance_named_by(source: str) -> Provenance | None:
    """The provenance a `source` cell names ('selvrapporteret'), if it names one: files
    from before the two were separate put the provenance word there (PRODUCT.md: widen,
    never narrow). Any other text is a source system, stored as given."""
    if not source:
        return None
    try:
        return _provenance(source, "source")
    except CellError:
        return None


def _organisation_row(c: _Cells) -> tuple[type[BaseModel], dict[str, Any]]:
    fields = {name: c.text(name, required=name in ("organisation", "department",
                                                    "steering_group"))
              for name in OrganisationRow.model_fields}
    if fields["chair"] and not fields["chair_email"]:
        c.problems.append(Problem(code="import.chair_needs_email", params={}))
    return OrganisationRow, fields


def _year(value: Cell, column: str) -> int:
    number = parse_number(value, column)
    if number != int(number) or not 2000 <= number <= 2100:
        raise CellError(column, value, code="import.year_out_of_range",
                        params={"value": cell_text(value)})
    return int(number)


_KRONER_THOUSANDS = re.compile(r"^\s*[-+]?\d{1,3}(\.\d{3})+\s*(kr\.?|dkk)?\s*$", re.I)


def parse_kroner(value: Cell, column: str) -> float:
    """Kroner as a Danish spreadsheet writes them: '100.000' is a hundred thousand kroner
    (dots grouping thousands), not 100 with three decimals as parse_number reads it;
    everything else as parse_number reads it."""
    if isinstance(value, str) and _KRONER_THOUSANDS.match(value):
        value = value.replace(".", "")
    return parse_number(value, column)


def _either(c: _Cells, columns: tuple[str, str]) -> float | None:
    """The first of two columns that holds a number (kroner columns read as kroner)."""
    for column in columns:
        found = c.typed(column, parse_kroner if column.endswith("_dkk") else parse_number)
        if found is not None:
            return found
    return None


def _benefit_line(c: _Cells) -> tuple[type[BaseModel], dict[str, Any]]:
    """A plan line (#18). The type follows from the budget line when the file gives none;
    a cashable row's amounts come from planlagt_kr/realiseret_kr (or planlagt/realiseret)."""
    budget_line = c.text("budget_line")
    unit = c.text("unit")
    kind = c.typed("kind", _benefit_kind) or (
        BenefitKind.NON_CASHABLE if unit and not budget_line else BenefitKind.CASHABLE)
    kroner = kind is BenefitKind.CASHABLE  # which of the two columns is read first
    known = len(c.problems)
    planned = _either(c, ("planned_dkk", "planned") if kroner else ("planned", "planned_dkk"))
    realised = _either(c, ("realised_dkk", "realised") if kroner
                       else ("realised", "realised_dkk"))
    if planned is None and len(c.problems) == known:
        c.problems.append(Problem(code="import.required", params={
            "column": "planned_dkk (planlagt_kr)" if kroner else "planned (planlagt)"}))
    if kind is BenefitKind.CASHABLE and not budget_line:
        c.problems.append(Problem(code="import.budget_line_required", params={}))
    if kind is BenefitKind.NON_CASHABLE and not unit:
        c.problems.append(Problem(code="import.benefit_unit_required", params={}))
    return BenefitLine, {
        "initiative_id": c.text("initiative_id", required=True),
        "year": c.typed("year", _year, required=True),
        "kind": kind,
        "benefit": c.text("benefit", required=True),
        "budget_line": budget_line,
        "unit": unit,
        "planned": planned,
        "realised": realised,
        "note": c.text("note"),
    }


_Builder = Callable[[_Cells], tuple[type[BaseModel], dict[str, Any]]]
_BUILDERS: dict[ImportKind, _Builder] = {
    ImportKind.ORGANISATION: _organisation_row,
    ImportKind.INITIATIVES: _initiative,
    ImportKind.KPIS: _kpi,
    ImportKind.MEASUREMENTS: _measurement,
    ImportKind.BENEFITS: _benefit_line,
}
_COLUMN_OF_FIELD = {"name": "kpi", "on": "date"}


def _build(
    build: _Builder, cells: _Cells, raw: Mapping[str, str],
) -> tuple[Record | None, tuple[Problem, ...]]:
    model, fields = build(cells)
    if cells.problems:
        return None, tuple(cells.problems)
    try:
        return model(**fields), ()  # type: ignore[return-value]
    except ValidationError as exc:
        return None, explain_validation_error(exc, raw)


def explain_validation_error(
    error: ValidationError, raw: Mapping[str, str],
) -> tuple[Problem, ...]:
    """One readable clause per failed field, named as the file names it: no pydantic dump."""
    clauses: dict[str, Problem] = {}
    for problem in error.errors():
        field_name = str(problem["loc"][0]) if problem["loc"] else "row"
        column = _COLUMN_OF_FIELD.get(field_name, field_name)
        clause = _phrase(problem, column, raw.get(column, ""))
        clauses.setdefault(str(clause), clause)
    return tuple(clauses.values())


def _phrase(problem: Mapping[str, Any], column: str, shown: str) -> Problem:
    kind, ctx = problem["type"], problem.get("ctx", {})
    if kind == "greater_than_equal":
        return Problem(code="import.too_small", params={
            "column": column, "value": shown, "minimum": cell_text(ctx["ge"])})
    if kind == "string_too_long":
        return Problem(code="import.too_long", params={
            "column": column, "length": len(shown), "limit": ctx["max_length"]})
    if kind == "string_too_short":
        return Problem(code="import.blank", params={"column": column})
    if kind == "string_pattern_mismatch" and column.endswith("email"):
        return Problem(code="import.not_an_email", params={"column": column, "value": shown})
    message = str(problem["msg"]).removeprefix("Value error, ")
    return Problem(code="import.invalid", params={
        "column": column, "detail": message[:1].lower() + message[1:]})


def _key(record: Record) -> tuple[str, ...]:
    if isinstance(record, Initiative):
        return (record.id,)
    if isinstance(record, Kpi):
        return (record.initiative_id, record.name)
    if isinstance(record, OrganisationRow):
        return (record.organisation, record.department)
    if isinstance(record, BenefitLine):
        return (record.initiative_id, str(record.year), record.kind.value, record.benefit)
    return (record.initiative_id, record.kpi, record.on.isoformat())


_KEY_COLUMNS: dict[type[BaseModel], tuple[str, ...]] = {
    OrganisationRow: ("organisation", "department"),
    Initiative: ("id",),
    Kpi: ("initiative_id", "kpi"),
    Measurement: ("initiative_id", "kpi", "date"),
    BenefitLine: ("initiative_id", "year", "kind", "benefit"),
}


def duplicate_reason(first: tuple[int, Record], record: Record) -> Problem:
    """Why a row repeats an earlier row's key: an exact copy, or a conflicting value.

    Public because both measurement parsers (row models and the set-based columns) apply
    the same rule.
    """
    first_row, earlier = first
    if earlier == record:
        return Problem(code="import.exact_duplicate", params={"first": first_row})
    differing = tuple(
        _COLUMN_OF_FIELD.get(name, name)
        for name in type(record).model_fields
        if getattr(earlier, name) != getattr(record, name)
    )
    return Problem(code="import.duplicate", params={
        "first": first_row, "key": _KEY_COLUMNS[type(record)], "columns": differing})
