"""The audit log for administrators: read it, export it as CSV.

The export is itself audited. Cells a spreadsheet would run as a formula (starting with
=, +, -, @, tab or CR) are prefixed with an apostrophe (portfolio.export, the one rule for
every spreadsheet the product writes), so a crafted initiative title cannot execute in the
reader's Excel.

Verifying the chain and reading a KPI's overwritten values take the caller's unit of work
(#16); the export opens its own, a short read per page, because the log can be long and
the file must not be held while it is written out (tests/architecture/test_units_of_work.py).
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any, TextIO

from portfolio.export import inert
from portfolio.models import Actor, AuditEvent
from portfolio.service import audit
from portfolio.service.access import Permission, authorize
from portfolio.storage import Database, Store
from portfolio.storage.audit_chain import ChainReport

COLUMNS = ("id", "at", "actor", "via", "action", "entity", "entity_id", "before", "after")
PAGE = 5_000

def _json(value: dict[str, Any] | None) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def _row(event: AuditEvent) -> list[str]:
    return [str(event.id), event.at.isoformat(sep=" ", timespec="seconds"),
            *(inert(v) for v in (event.actor, event.via or "", event.action, event.entity,
                                 event.entity_id, _json(event.before), _json(event.after)))]


def export_audit_csv(db: Database, actor: Actor, out: TextIO) -> int:
    """Write the whole audit log, oldest first, as CSV to `out`; returns the events written.

    Each page is read in a short unit of work of its own and written out after it is
    closed, so other processes reach the file between pages however long the log or
    slow the reader of `out` (standard output may be a pipe); the export's own audit
    event is written last, in one more."""
    authorize(actor, Permission.AUDIT)
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    written, after_id = 0, 0
    while True:
        with db.reading() as store:
            events = store.audit.page(after_id, PAGE)
        if not events:
            break
        writer.writerows(_row(e) for e in events)
        written += len(events)
        after_id = events[-1].id or after_id
    with db.transaction() as store:
        audit.record(store, actor, "export", "audit_log", "csv", after={"events": written})
    return written


def audit_csv(db: Database, actor: Actor) -> str:
    """The audit log as CSV text (the dashboard's download)."""
    buffer = io.StringIO()
    export_audit_csv(db, actor, buffer)
    return buffer.getvalue()


def verify_audit(store: Store, actor: Actor) -> ChainReport:
    """Walk the audit log's hash chain and report its first break (administrators)."""
    authorize(actor, Permission.AUDIT)
    return store.audit.verify_chain()


def measurement_changes(store: Store, actor: Actor, initiative_id: str,
                        kpi: str) -> list[dict[str, object]]:
    """The values imports overwrote for one KPI, old and new (readable by every role, as
    the measurements themselves are)."""
    authorize(actor, Permission.READ)
    return store.audit.measurement_changes(initiative_id, kpi)
