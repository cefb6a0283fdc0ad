"""The audit trail's hash chain (#14): each event's SHA-256 over its content and the
previous event's hash, so that an edited, deleted or inserted event breaks the chain.

The content is a JSON array of the stored values, the before/after documents as the text
stored: what was written is what is checked. No secret is involved, so whoever can write
the file can also rewrite the whole chain from the edited event on; `failscale audit
verify` therefore prints the newest event's hash, which an operator may keep elsewhere
(and compare later), and a cut-off tail shows as a head that no longer matches.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

GENESIS = ""
"""The previous hash of the first chained event."""


def event_hash(prev_hash: str, event_id: int, at: datetime, actor: str, via: str | None,
               action: str, entity: str, entity_id: str, before: str | None,
               after: str | None) -> str:
    content = [prev_hash, event_id, at.isoformat(), actor, via or "", action, entity,
               entity_id, before or "", after or ""]
    text = json.dumps(content, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainReport:
    """What `failscale audit verify` says: how many events were checked, how many precede
    the chain (written before schema version 9), the first break, and the head."""

    checked: int
    unchained: int
    broken_at: int | None
    problem: str
    head_id: int | None
    head_hash: str | None

    @property
    def intact(self) -> bool:
        return self.broken_at is None


def walk(rows: Iterable[dict[str, Any]]) -> ChainReport:
    """Check events in id order; stops at the first break."""
    checked = unchained = 0
    previous: dict[str, Any] | None = None
    chained = False
    for row in rows:
        checked += 1
        if row["hash"] is None:
            if chained:
                return _broken(checked, unchained, row, "has no hash: it was written around "
                               "the trail, or its hash was removed", previous)
            unchained += 1
            continue
        expected_prev = previous["hash"] if chained and previous else GENESIS
        if row["prev_hash"] != expected_prev:
            before = f"event {previous['id']}" if chained and previous else "the chain's start"
            return _broken(checked, unchained, row, f"does not follow {before}: an event "
                           "between them was deleted or inserted, or one was rewritten",
                           previous)
        again = event_hash(row["prev_hash"], row["id"], row["at"], row["actor"], row["via"],
                           row["action"], row["entity"], row["entity_id"], row["before"],
                           row["after"])
        if again != row["hash"]:
            return _broken(checked, unchained, row, "was changed after it was written",
                           previous)
        chained, previous = True, row
    return ChainReport(checked, unchained, None, "", previous["id"] if previous else None,
                       previous["hash"] if previous else None)


def _broken(checked: int, unchained: int, row: dict[str, Any], problem: str,
            previous: dict[str, Any] | None) -> ChainReport:
    return ChainReport(checked, unchained, int(row["id"]), f"event {row['id']} {problem}",
                       previous["id"] if previous else None,
                       previous["hash"] if previous else None)
