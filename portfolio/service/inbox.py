"""The inbox: files dropped in a folder are imported once, then filed with a report.

A file is picked up only when it has not changed for `settle_seconds` (a copy in progress
keeps touching it) and is moved to `processing/` before it is read, so two runs never
take the same file. Afterwards it goes to `processed/` (every row accepted, or the same
content was imported before) or `failed/` (some rows quarantined, or unreadable), with
`<name>.report.json` beside it. A file left in `processing/` by a crash is finished by the
next run; the content hash makes that safe.

A file's kind comes from its name when it starts with a kind (`initiatives…`, `kpis…`,
`measurements…`, or the Danish `initiativer…`, `nøgletal…`/`noegletal…`,
`målinger…`/`maalinger…`), otherwise from its header: the kind whose required columns
are all present. Within a run, initiatives files go first, then KPIs, then measurements.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from portfolio.errors import FileUnreadable
from portfolio.importing import COLUMNS, ImportKind, read_table
from portfolio.importing.columns import fold
from portfolio.importing.limits import ReadLimits, check_file
from portfolio.models import Actor, Provenance
from portfolio.service.access import Permission, authorize
from portfolio.service.imports import ImportReport, import_file, read_limits
from portfolio.storage import Database

SUFFIXES = (".csv", ".txt", ".xlsx", ".xlsm")
NAME_PREFIXES: tuple[tuple[str, ImportKind], ...] = (
    ("initiatives", ImportKind.INITIATIVES),
    ("initiativer", ImportKind.INITIATIVES),
    ("kpis", ImportKind.KPIS),
    ("kpi", ImportKind.KPIS),
    ("noegletal", ImportKind.KPIS),
    ("measurements", ImportKind.MEASUREMENTS),
    ("maalinger", ImportKind.MEASUREMENTS),
    ("benefits", ImportKind.BENEFITS),
    ("gevinst", ImportKind.BENEFITS),
)


@dataclass(frozen=True)
class InboxOutcome:
    """What happened to one file: `imported`, `partial`, `duplicate` or `failed`."""

    file: str
    status: str
    moved_to: Path
    report: ImportReport | None = None
    message: str = ""

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"file": self.file, "status": self.status,
                                "moved_to": str(self.moved_to), "message": self.message}
        if self.report is not None:
            data.update(self.report.as_dict())
        return data


def ingest_inbox(
    db: Database, actor: Actor, inbox: Path, *, settle_seconds: float = 10.0
) -> list[InboxOutcome]:
    """Import every settled file in the inbox and file it; returns what happened to each."""
    authorize(actor, Permission.IMPORT)
    staging = inbox / "processing"
    staging.mkdir(parents=True, exist_ok=True)
    taken = [*sorted(p for p in staging.iterdir() if _candidate(p))]
    for path in settled_files(inbox, settle_seconds):
        try:
            taken.append(path.rename(staging / path.name))
        except FileNotFoundError:  # another run took it first
            continue
    limits = read_limits()
    outcomes, readable = [], []
    for path in taken:  # judged before anything reads the content (a zip bomb: #14)
        try:
            check_file(path, limits)
            readable.append(path)
        except FileUnreadable as exc:
            outcomes.append(_file(path, inbox / "failed", "failed", message=str(exc),
                                  content_hash=_hash(path)))
    return outcomes + [_ingest(db, actor, path, inbox, limits)
                       for path in sorted(readable, key=_import_order)]


def _hash(path: Path) -> str:
    """The content's SHA-256, read in blocks (a file may be large)."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while block := stream.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def settled_files(inbox: Path, settle_seconds: float) -> list[Path]:
    """Import files not modified for settle_seconds, whose size holds still across two looks."""
    if not inbox.is_dir():
        return []
    first = {p: p.stat() for p in inbox.iterdir() if _candidate(p)}
    now = time.time()
    settled = []
    for path, stat in sorted(first.items()):
        if now - stat.st_mtime < settle_seconds:
            continue
        try:
            again = path.stat()
        except FileNotFoundError:
            continue
        if (again.st_size, again.st_mtime_ns) == (stat.st_size, stat.st_mtime_ns):
            settled.append(path)
    return settled


def kind_of(path: Path) -> ImportKind:
    """The import kind by file-name prefix, else by header columns (see module docstring)."""
    name = fold(path.stem)
    for prefix, kind in NAME_PREFIXES:
        if name.startswith(prefix):
            return kind
    header = set(read_table(path).columns)
    matches = [
        kind for kind, columns in COLUMNS.items()
        if all(({c.name, *c.also} & header) for c in columns if c.required)
    ]
    if len(matches) != 1:
        raise FileUnreadable(code="import.unknown_kind", params={"file": path.name})
    return matches[0]


_KIND_ORDER = {kind: position for position, kind in enumerate(ImportKind)}


def _import_order(path: Path) -> tuple[int, str]:
    """Initiatives before their KPIs before their measurements, whatever the file names."""
    try:
        return _KIND_ORDER[kind_of(path)], path.name
    except FileUnreadable:
        return len(_KIND_ORDER), path.name


def _candidate(path: Path) -> bool:
    """An import file, not a hidden, temporary or Excel lock (~$) file."""
    return (path.is_file() and path.suffix.lower() in SUFFIXES
            and not path.name.startswith((".", "~")))


def _ingest(
    db: Database, actor: Actor, path: Path, inbox: Path, limits: ReadLimits
) -> InboxOutcome:
    content_hash = _hash(path)
    with db.reading() as store:
        seen = store.imports.seen_hash(content_hash)
    if seen:
        return _file(path, inbox / "processed", "duplicate",
                     message="The same content was imported before; nothing was imported.",
                     content_hash=content_hash)
    try:
        # A file dropped in the inbox comes from a system's scheduled export (#13).
        report = import_file(db, actor, path, kind_of(path), provenance=Provenance.SYSTEM_EXPORT,
                             limits=limits)
    except FileUnreadable as exc:
        return _file(path, inbox / "failed", "failed", message=str(exc),
                     content_hash=content_hash)
    if report.errors:
        return _file(path, inbox / "failed", "partial", report=report, content_hash=content_hash,
                     message=f"{report.accepted} rows imported, {report.rejected} rejected: "
                     "fix the rejected rows and drop a file with only them.")
    return _file(path, inbox / "processed", "imported", report=report, content_hash=content_hash)


def _file(
    path: Path, folder: Path, status: str, *, content_hash: str,
    report: ImportReport | None = None, message: str = "",
) -> InboxOutcome:
    folder.mkdir(parents=True, exist_ok=True)
    target = _free_name(folder / path.name)
    outcome = InboxOutcome(path.name, status, target, report, message)
    report_path = target.with_name(target.name + ".report.json")
    body = {**outcome.as_dict(), "content_hash": content_hash,
            "filed_at": datetime.now(UTC).isoformat(timespec="seconds")}
    report_path.write_text(json.dumps(body, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(path, target)
    return outcome


def _free_name(target: Path) -> Path:
    """The target, or with a timestamp when a file of that name was filed before."""
    if not target.exists():
        return target
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    return target.with_name(f"{target.stem}.{stamp}{target.suffix}")
