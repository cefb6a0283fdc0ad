"""KL's Teknologiradar (#18): replacing the stored radar from a file, reading it, and
"has anyone tried this?" asked per radar technology.

The radar is the instance's, not one organisation's: only a national administrator (an
admin of no organisation) replaces it, audited with the edition before and after. A file
whose every row is refused replaces nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from portfolio.errors import NotAllowed, ValidationFailed
from portfolio.models import Actor, Initiative
from portfolio.radar.parse import RadarRefusal, RadarTechnology, read_radar
from portfolio.service import audit
from portfolio.service.access import Permission, authorize
from portfolio.service.lessons import LessonsView, search_lessons
from portfolio.storage import Store


@dataclass(frozen=True)
class RadarImport:
    edition: str
    stored: int
    refused: tuple[RadarRefusal, ...]


def import_radar(store: Store, actor: Actor, path: Path, edition: str | None = None
                 ) -> RadarImport:
    """Replace the stored radar with the accepted rows of `path` (one transaction)."""
    authorize(actor, Permission.ADMIN_POLICY)
    if actor.organisation:
        raise NotAllowed(code="access.other_organisation", params={
            "user": actor.username, "organisation": "Teknologiradar"})
    parsed = read_radar(path)
    if not parsed.accepted:
        raise ValidationFailed(field="radar", code="radar.nothing_accepted",
                               params={"file": Path(path).name,
                                       "refused": len(parsed.refused)})
    name = edition or Path(path).stem
    before = {"edition": store.radar.edition(),
              "technologies": [_row(t) for t in store.radar.all()]}
    store.radar.replace(parsed.accepted, name)
    audit.record(store, actor, "replace", "teknologiradar", name, before=before,
                 after={"edition": name,
                        "technologies": [_row(t) for t in parsed.accepted],
                        "refused": [{"row": r.row, "reason": r.reason}
                                    for r in parsed.refused]})
    return RadarImport(name, len(parsed.accepted), parsed.refused)


def radar_technologies(store: Store, actor: Actor) -> tuple[str | None,
                                                             tuple[RadarTechnology, ...]]:
    """The stored edition's name and its technologies in the radar's order."""
    authorize(actor, Permission.READ)
    return store.radar.edition(), tuple(store.radar.all())


def lessons_for_radar(store: Store, actor: Actor, name: str, *, lessons: int | None = None,
                      shelf: int | None = None, spread: int | None = None) -> LessonsView:
    """"Has anyone tried this?" for one radar technology: the lessons, closed or parked
    initiatives and spread of the initiatives classed with it directly, and of those
    classed with no radar technology through its technology class (a technology without
    a class: its name in their text), across the organisations the lesson-sharing rule
    lets `actor` read. `radar_basis` says which way each initiative was found."""
    found = radar_technology(store, actor, name)
    return search_lessons(store, actor, radar=found.name,
                          technology=found.technology.value if found.technology else None,
                          lessons=lessons, shelf=shelf, spread=spread)


def radar_technology(store: Store, actor: Actor, name: str) -> RadarTechnology:
    """The stored radar's technology `name` (any case); refused when it has none such."""
    _, technologies = radar_technologies(store, actor)
    found = next((t for t in technologies if t.name.casefold() == name.casefold()), None)
    if found is None:
        raise ValidationFailed(field="radar", code="radar.unknown", params={"name": name})
    return found


class RadarBasis(StrEnum):
    """How an initiative answers for a radar technology (#18)."""

    DIRECT = "direct"
    """Classed with the radar technology itself."""
    CLASS = "class"
    """Classed with no radar technology; its technology class is the radar technology's."""
    NAME = "name"
    """Classed with no radar technology, and the radar technology has no class: its text
    names it."""


def radar_basis(initiative: Initiative, technology: RadarTechnology) -> RadarBasis:
    """Why `initiative` is among `technology`'s in lessons_for_radar."""
    if initiative.radar_technology is not None:
        return RadarBasis.DIRECT
    return RadarBasis.CLASS if technology.technology is not None else RadarBasis.NAME


def _row(t: RadarTechnology) -> dict[str, str | None]:
    return {"name": t.name, "ring": t.ring.value,
            "class": t.technology.value if t.technology else None}
