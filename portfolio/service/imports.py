"""Import use case: parse a file, store the good rows, quarantine the rest with reasons.

Every row read ends up either stored or in quarantine — nothing is lost — and the same
rows imported again add nothing.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import pyarrow as pa

from portfolio.errors import FileUnreadable, ValidationFailed
from portfolio.importing import (
    Cell,
    ImportKind,
    ParsedBatch,
    Problem,
    Rejection,
    parse_file,
)
from portfolio.importing.fast_measurements import (
    MeasurementColumns,
    measurements_of_table,
    read_measurements,
)
from portfolio.importing.limits import ReadLimits, check_file
from portfolio.importing.records import table_of_records
from portfolio.models import (
    Actor,
    BenefitLine,
    Initiative,
    Kpi,
    Provenance,
)
from portfolio.service import audit
from portfolio.service.access import Permission, authorize, can, scope_of
from portfolio.service.benefits import check_realised_year, line_id, same
from portfolio.service.initiatives import radar_name
from portfolio.service.organisation import ensure_department, home_of
from portfolio.service.organisation_import import apply_organisation_rows
from portfolio.settings import load_settings
from portfolio.storage import Database, Store
from portfolio.storage.measurement_columns import ColumnsResult


@dataclass(frozen=True)
class ImportReport:
    import_id: str
    kind: ImportKind
    source_name: str
    rows_read: int
    accepted: int
    added: int
    updated: int
    unchanged: int
    errors: tuple[Rejection, ...] = field(default=())

    @property
    def rejected(self) -> int:
        return len(self.errors)

    @property
    def exit_code(self) -> int:
        """The CLI contract: 0 every row accepted, 1 some rows quarantined."""
        return 0 if not self.errors else 1

    def as_dict(self) -> dict[str, Any]:
        return {
            "import_id": self.import_id,
            "kind": self.kind.value,
            "file": self.source_name,
            "rows_read": self.rows_read,
            "accepted": self.accepted,
            "rejected": self.rejected,
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "errors": [{"row": e.row, "reason": e.reason} for e in self.errors],
        }


@dataclass
class _Tally:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[Rejection] = field(default_factory=list)


def read_limits() -> ReadLimits:
    """The operator's bounds on an import file (FAILSCALE_IMPORT_*), read when called."""
    return ReadLimits.from_settings(load_settings())


def import_file(
    db: Database, actor: Actor, path: Path, kind: ImportKind | str, *, source_name: str = "",
    provenance: Provenance = Provenance.MANUAL, limits: ReadLimits | None = None,
    organisation: str = "",
) -> ImportReport:
    """Import one CSV/XLSX file. Raises FileUnreadable when it cannot be read at all, or
    holds more than `limits` allow (judged before its content is read: #14).

    `provenance`: what a measurement that names none came as; the channel decides (a file
    uploaded by hand: manual, the default; the inbox or the API: system export).
    `organisation`: FAILSCALE_ORGANISATION, for initiatives whose file names none when
    neither the importer nor the database says which (see organisation.home_of)."""
    kind = ImportKind(kind)
    authorize(actor, {ImportKind.MEASUREMENTS: Permission.RECORD_MEASUREMENT,
                      ImportKind.ORGANISATION: Permission.ADMIN_ORGANISATION}.get(
                          kind, Permission.IMPORT))
    name = source_name or path.name
    try:
        check_file(path, limits or read_limits())
        batch: ParsedBatch | MeasurementColumns = (
            read_measurements(path, provenance=provenance) if kind is ImportKind.MEASUREMENTS
            else parse_file(path, kind)
        )
    except FileUnreadable as exc:
        if "file" not in exc.params or not source_name:
            raise
        # The file is stored under a name of our own (#14); the user knows it by theirs.
        raise FileUnreadable(code=exc.code, params={**exc.params, "file": name}) from None
    content_hash = hashlib.sha256(path.read_bytes()).hexdigest()
    return _import_batch(db, actor, kind, batch, name, content_hash, organisation)


def import_measurement_records(
    db: Database, actor: Actor, records: Sequence[Mapping[str, Cell]], *, source_name: str,
    provenance: Provenance = Provenance.SYSTEM_EXPORT,
) -> ImportReport:
    """Import measurements given as records (the REST API's JSON array) under exactly the
    file import's rules: the same parser, scope checks, quarantine and idempotence. A row
    is its index in `records`; `provenance` is what a record that names none came as (a
    system calling the API: a system export)."""
    authorize(actor, Permission.RECORD_MEASUREMENT)
    table = table_of_records(source_name, records)
    batch = measurements_of_table(table, provenance=provenance)
    canonical = json.dumps([dict(r) for r in records], sort_keys=True, default=str)
    content_hash = hashlib.sha256(canonical.encode()).hexdigest()
    return _import_batch(db, actor, ImportKind.MEASUREMENTS, batch, source_name, content_hash)


def _import_batch(
    db: Database, actor: Actor, kind: ImportKind, batch: ParsedBatch | MeasurementColumns,
    name: str, content_hash: str, organisation: str = "",
) -> ImportReport:
    """Store a parsed batch's good rows and quarantine the rest, in one transaction.
    `organisation`: the default organisation of initiatives (see import_file)."""
    with db.transaction() as store:
        return store_batch(store, actor, kind, batch, name, content_hash, organisation)


def store_batch(
    store: Store, actor: Actor, kind: ImportKind, batch: ParsedBatch | MeasurementColumns,
    name: str, content_hash: str, organisation: str = "",
) -> ImportReport:
    """An import's writes within a unit of work the caller opened (#16): the file is
    parsed before (nothing slow while the database is held), and an entry point may
    compose this with other use cases, all stored or none."""
    import_id = uuid.uuid4().hex[:12]
    tally = _APPLY[kind](store, actor, batch, import_id, organisation)
    errors = tuple(sorted([*batch.rejected, *tally.rejected], key=lambda e: e.row))
    store.imports.quarantine(import_id, kind.value, name, errors)
    report = ImportReport(
        import_id=import_id, kind=kind, source_name=name, rows_read=batch.rows_read,
        accepted=batch.rows_read - len(errors), added=tally.added, updated=tally.updated,
        unchanged=tally.unchanged, errors=errors,
    )
    store.imports.record(
        import_id=import_id, kind=kind.value, source_name=name, content_hash=content_hash,
        rows_read=report.rows_read, accepted=report.accepted, rejected=report.rejected,
        added=report.added, updated=report.updated, actor=actor.username,
    )
    summary = {k: v for k, v in report.as_dict().items() if k != "errors"}
    if kind is ImportKind.MEASUREMENTS:  # the overwritten values, in the chain (#14)
        overwritten, digest = store.measurements.changes_digest(import_id)
        summary |= {"overwritten": overwritten, "overwritten_sha256": digest}
    audit.record(store, actor, "import", "import", import_id, after=summary)
    return report


def _fields(record: Initiative | Kpi | BenefitLine) -> dict[str, object]:
    """What a row held, kept in quarantine so nothing is lost."""
    return record.model_dump(mode="json")


def _outside_scope(actor: Actor, department: str) -> Problem:
    return Problem(code="import.outside_scope", params={
        "department": department, "user": actor.username})


def _unknown_initiative(initiative_id: str) -> Problem:
    return Problem(code="import.unknown_initiative", params={"id": initiative_id})


def _apply_initiatives(store: Store, actor: Actor, batch: ParsedBatch, _import_id: str,
                       default_organisation: str) -> _Tally:
    """The file's initiatives judged row by row against what one read found, then written
    together: each one's last version upserted, a thousand a statement, the audit events in
    one (a department new to the store is created, and audited, at its first row). Row by
    row, 50 initiatives took 6-15 s on the shared store (#17)."""
    tally = _Tally()
    home = home_of(store, actor, default_organisation)
    ids = sorted({accepted.record.id for accepted in batch.accepted})
    stored = {i.id: i for i in store.initiatives.for_ids(ids)}
    ensured: set[tuple[str, str]] = set()
    written: dict[str, Initiative] = {}
    changes: list[tuple[str, Initiative | None, Initiative]] = []
    for accepted in batch.accepted:
        assert isinstance(accepted.record, Initiative)
        before = stored.get(accepted.record.id)
        initiative = _keeping_what_the_file_does_not_give(accepted.record, before,
                                                          batch.columns)
        if not initiative.organisation:  # a department is looked up within its organisation
            initiative = initiative.model_copy(update={"organisation": home})
        places = {(initiative.department, initiative.organisation),
                  *([(before.department, before.organisation)] if before else [])}
        if not all(can(actor, Permission.EDIT_INITIATIVE, d, organisation=o) for d, o in places):
            tally.rejected.append(Rejection.of_fields(
                accepted.row, _outside_scope(actor, initiative.department),
                _fields(accepted.record)))
            continue
        initiative, unknown = _classed_on_the_radar(store, initiative, before)
        if unknown is not None:
            tally.rejected.append(Rejection.of_fields(accepted.row, unknown,
                                                      _fields(accepted.record)))
            continue
        place = (initiative.department, initiative.organisation)
        if place not in ensured:
            ensure_department(store, actor, *place)
            ensured.add(place)
        if before == initiative:
            tally.unchanged += 1
            continue
        written[initiative.id] = stored[initiative.id] = initiative
        changes.append((initiative.id, before, initiative))
        if before is None:
            tally.added += 1
        else:
            tally.updated += 1
    store.initiatives.save_many(list(written.values()))
    audit.record_many(store, actor, "import", "initiative", changes)
    return tally


def _classed_on_the_radar(store: Store, initiative: Initiative, before: Initiative | None
                          ) -> tuple[Initiative, Problem | None]:
    """The row's radar technology in the stored radar's spelling, or the problem naming
    the known ones; a classing the row keeps as stored is left alone (#18)."""
    name = initiative.radar_technology
    if name is None or (before is not None and before.radar_technology == name):
        return initiative, None
    known = radar_name(store, name)
    if known is None:
        return initiative, Problem(code="import.unknown_radar", params={
            "value": name, "known": tuple(t.name for t in store.radar.all())})
    return initiative.model_copy(update={"radar_technology": known}), None


R = TypeVar("R", Initiative, Kpi)

# Set by steering decisions and adoptions, never by an initiatives file.
_NEVER_IMPORTED = ("planned_departments", "adopted_departments")
# Optional columns, named as the model's fields.
_OPTIONAL = {ImportKind.INITIATIVES: ("focus_area", "technology", "core_task", "hypothesis",
                                      "tags", "organisation", "radar_technology"),
             ImportKind.KPIS: ("weight", "cashable")}


def _keeping_what_the_file_does_not_give(record: R, before: R | None,
                                         columns: tuple[str, ...]) -> R:
    """`record` with the stored value of every field the file does not carry, so a
    re-import of a narrower export neither wipes it nor counts the row as changed."""
    if before is None:
        return record
    kind = ImportKind.INITIATIVES if isinstance(record, Initiative) else ImportKind.KPIS
    absent = (*_NEVER_IMPORTED,) if kind is ImportKind.INITIATIVES else ()
    absent += tuple(f for f in _OPTIONAL[kind] if f not in columns)
    return record.model_copy(update={f: getattr(before, f) for f in absent})


def _apply_kpis(store: Store, actor: Actor, batch: ParsedBatch, _import_id: str,
                _organisation: str) -> _Tally:
    """The file's KPIs judged row by row against what one read found (their initiatives
    and the KPIs stored for them), then written together: each one's last version upserted,
    a thousand a statement, the audit events in one. Row by row, with three reads
    and four writes a row, 100 KPIs took ~50 s on the shared store (#17)."""
    tally = _Tally()
    ids = sorted({accepted.record.initiative_id for accepted in batch.accepted})
    initiatives = {i.id: i for i in store.initiatives.for_ids(ids)}
    stored = {(k.initiative_id, k.name): k for k in store.kpis.for_initiatives(ids)}
    written: dict[tuple[str, str], Kpi] = {}
    changes: list[tuple[str, Kpi | None, Kpi]] = []
    for accepted in batch.accepted:
        kpi = accepted.record
        assert isinstance(kpi, Kpi)
        initiative = initiatives.get(kpi.initiative_id)
        if initiative is None:
            tally.rejected.append(Rejection.of_fields(
                accepted.row, _unknown_initiative(kpi.initiative_id), _fields(kpi)))
            continue
        if not can(actor, Permission.EDIT_INITIATIVE, initiative.department,
                   organisation=initiative.organisation):
            tally.rejected.append(Rejection.of_fields(
                accepted.row, _outside_scope(actor, initiative.department), _fields(kpi)))
            continue
        key = (kpi.initiative_id, kpi.name)
        before = stored.get(key)
        kpi = _keeping_what_the_file_does_not_give(kpi, before, batch.columns)
        if before == kpi:
            tally.unchanged += 1
            continue
        # A file that names one KPI twice: the second row changes what the first stored.
        written[key] = stored[key] = kpi
        changes.append((f"{kpi.initiative_id}/{kpi.name}", before, kpi))
        if before is None:
            tally.added += 1
        else:
            tally.updated += 1
    store.kpis.save_many(list(written.values()))
    audit.record_many(store, actor, "import", "kpi", changes)
    return tally


def _store_measurements(store: Store, actor: Actor, rows: pa.Table,
                        import_id: str) -> ColumnsResult:
    """Store what `actor` may record, in the scope authorisation uses (access.scope_of):
    a key employee's assigned initiatives (#5) whatever their department."""
    scope = scope_of(actor, Permission.RECORD_MEASUREMENT,
                     assigned=store.contributors.initiatives_of(actor.username))
    return store.measurements.upsert_columns(rows, recorded_by=actor.username, scope=scope,
                                             change_log=import_id)


# A refused measurement is kept as the Measurement's fields (quarantine's raw), in order.
_MEASUREMENT_FIELDS = (("initiative_id", "initiative_id"), ("kpi", "kpi"), ("on", "measured_on"),
                       ("value", "value"), ("source", "source"), ("provenance", "provenance"),
                       ("recorded_by", "recorded_by"))


def _apply_measurements(store: Store, actor: Actor, batch: MeasurementColumns,
                        import_id: str, _organisation: str) -> _Tally:
    """Set-based (#7): one classification and one write for the whole file; overwritten
    values are kept under the import's id (#14)."""
    result = _store_measurements(store, actor, batch.accepted, import_id)
    tally = _Tally(added=result.added, updated=result.updated, unchanged=result.unchanged)
    for refused in result.refused:
        row, status = int(refused["row"]), refused["status"]
        fields = {name: refused.get(column, "") for name, column in _MEASUREMENT_FIELDS}
        if status == "no_initiative":
            problem = _unknown_initiative(str(refused["initiative_id"]))
        elif status == "not_allowed":
            problem = _outside_scope(actor, str(refused["department"]))
        else:
            fields["recorded_by"] = actor.username
            problem = Problem(code="import.unknown_kpi", params={
                "id": refused["initiative_id"], "kpi": refused["kpi"]})
        tally.rejected.append(Rejection.of_fields(row, problem, fields))
    return tally


def _apply_organisation(store: Store, actor: Actor, batch: ParsedBatch, _import_id: str,
                        _organisation: str) -> _Tally:
    done = apply_organisation_rows(store, actor, batch.accepted)
    return _Tally(added=done.added, updated=done.updated, unchanged=done.unchanged,
                  rejected=done.rejected)


def _apply_benefits(store: Store, actor: Actor, batch: ParsedBatch, _import_id: str,
                    _organisation: str) -> _Tally:
    """Plan lines (#18) of initiatives the actor may edit, judged row by row against one
    read of their initiatives and stored lines, then written together and read back once
    for the trail (row by row, a line cost seven statements: 2,000 lines took 19 minutes
    on the shared store, #17). A blank realised cell keeps the
    value recorded before (a plan re-imported does not erase what was realised), and so
    does an absent note column."""
    tally, today = _Tally(), date.today()
    ids = sorted({accepted.record.initiative_id for accepted in batch.accepted})
    initiatives = {i.id: i for i in store.initiatives.for_ids(ids)}
    stored = {line.key: line for line in store.benefit_plans.for_initiatives(ids)}
    written: dict[tuple[str, int, str, str], BenefitLine] = {}
    changes: list[tuple[tuple[str, int, str, str], BenefitLine | None]] = []
    for accepted in batch.accepted:
        line = accepted.record
        assert isinstance(line, BenefitLine)
        initiative = initiatives.get(line.initiative_id)
        if initiative is None:
            tally.rejected.append(Rejection.of_fields(
                accepted.row, _unknown_initiative(line.initiative_id), _fields(line)))
            continue
        if not can(actor, Permission.EDIT_INITIATIVE, initiative.department,
                   organisation=initiative.organisation):
            tally.rejected.append(Rejection.of_fields(
                accepted.row, _outside_scope(actor, initiative.department), _fields(line)))
            continue
        before = stored.get(line.key)
        if before is not None:
            line = line.model_copy(update={
                "realised": before.realised if line.realised is None else line.realised,
                "note": line.note if "note" in batch.columns else before.note})
        try:
            check_realised_year(line, today)
        except ValidationFailed as exc:
            tally.rejected.append(Rejection.of_fields(accepted.row, Problem(
                code=exc.code or "", params=exc.params), _fields(line)))
            continue
        if before is not None and same(before, line):
            tally.unchanged += 1
            continue
        written[line.key] = stored[line.key] = line
        changes.append((line.key, before))
        if before is None:
            tally.added += 1
        else:
            tally.updated += 1
    if not changes:
        return tally
    store.benefit_plans.save_many(list(written.values()), actor.username)
    after = {line.key: line for line in store.benefit_plans.for_initiatives(
        sorted({key[0] for key in written}))}
    audit.record_many(store, actor, "import", "benefit_line",
                      [(line_id(key), before, after[key]) for key, before in changes])
    return tally


_APPLY = {
    ImportKind.ORGANISATION: _apply_organisation,
    ImportKind.INITIATIVES: _apply_initiatives,
    ImportKind.KPIS: _apply_kpis,
    ImportKind.MEASUREMENTS: _apply_measurements,
    ImportKind.BENEFITS: _apply_benefits,
}
