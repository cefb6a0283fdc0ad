"""Backup and restore use cases: the operator's (admin's) safety net, audited.

A backup is audited in the live database after the copy is made, a restore in the
restored database after the swap, so each audit trail says what happened to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from portfolio.models import Actor
from portfolio.service import audit
from portfolio.service.access import Permission, authorize
from portfolio.storage import Database
from portfolio.storage import backup as files


@dataclass(frozen=True)
class BackupMade:
    backup: files.BackupFile
    pruned: tuple[Path, ...] = field(default=())


@dataclass(frozen=True)
class Restored:
    source: files.BackupFile
    safety_copy: files.BackupFile | None
    held_from: datetime
    """When the restore took hold of the database: what was written before is in the
    safety copy, and nothing was acknowledged after it until the swap (#14)."""


def back_up(
    db: Database, actor: Actor, *, folder: Path, target: Path | None = None,
    keep: int | None = None,
) -> BackupMade:
    """Copy the running database to `target`, or to a new timed file in `folder` keeping
    the newest `keep` there. Writers carry on meanwhile; they wait only while the copy
    holds the file (see docs/operations.md)."""
    authorize(actor, Permission.BACKUP)
    made = files.back_up(db, target or folder / files.scheduled_name())
    pruned = files.prune(folder, keep) if target is None and keep else []
    with db.transaction() as store:
        audit.record(store, actor, "backup", "database", str(db.path), after={
            "file": str(made.path), "schema_version": made.schema_version,
            "size_bytes": made.size_bytes, "pruned": [str(p) for p in pruned],
        })
    return BackupMade(made, tuple(pruned))


def restore(
    db: Database, actor: Actor, source: Path, *, force: bool, safety_dir: Path
) -> Restored:
    """Replace the database with the backup `source` (only with `force` if one exists)."""
    authorize(actor, Permission.BACKUP)
    backup = files.inspect(source)
    done = files.restore(db, source, force=force, safety_dir=safety_dir)
    safety = done.safety
    with db.transaction() as store:
        audit.record(store, actor, "restore", "database", str(db.path), after={
            "from": str(source), "schema_version": backup.schema_version,
            "safety_copy": str(safety.path) if safety else None,
            "held_from": done.held_from.isoformat(),
        })
    return Restored(backup, safety, done.held_from)
