"""Enum cells in English or Danish: 'idé' is Stage.IDEA, 'værn' is KpiKind.GUARDRAIL.

Spellings are folded first (case, spaces, slashes, æ/ø/å as ae/oe/aa), so 'AI/ML',
'ai ml' and 'Ai-Ml' all match; the alias lists below only hold genuinely different words.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TypeVar

from portfolio.importing.columns import fold
from portfolio.importing.values import Cell, CellError, cell_text
from portfolio.models import (
    BenefitKind,
    Direction,
    FocusArea,
    KpiKind,
    Source,
    Stage,
    Technology,
)

E = TypeVar("E", bound=StrEnum)

_ALIASES: dict[type[StrEnum], dict[StrEnum, tuple[str, ...]]] = {
    Stage: {
        Stage.IDEA: ("idé", "ide"),
        Stage.EXPERIMENT: ("eksperiment", "pilot"),
        Stage.SCALING: ("skalering", "scale"),
        Stage.OPERATION: ("drift", "i drift", "in operation"),
        Stage.CLOSED: ("lukket",),
    },
    Direction: {
        Direction.HIGHER: ("højere", "higher is better", "højere er bedre"),
        Direction.LOWER: ("lavere", "lower is better", "lavere er bedre"),
    },
    KpiKind: {
        KpiKind.BENEFIT: ("gevinst",),
        KpiKind.GUARDRAIL: ("værn",),
        KpiKind.ADOPTION: ("udbredelse",),
    },
    BenefitKind: {
        BenefitKind.CASHABLE: ("økonomisk", "kontant", "budget", "budgetgevinst",
                               "kr", "kroner", "dkk"),
        BenefitKind.NON_CASHABLE: ("ikke-økonomisk", "ikke økonomisk", "kvalitativ",
                                   "ikke kontant", "non-cashable"),
    },
    Source: {
        Source.SYSTEM_EXPORT: ("system", "systemudtræk"),
        Source.MANUAL: ("manuel",),
        Source.SELF_REPORTED: ("selvrapporteret",),
    },
    FocusArea: {
        FocusArea.AUTOMATION: ("automatisering",),
        FocusArea.DATA_SUPPORT: ("dataunderstøttelse",),
        FocusArea.TECHNOLOGY_USE: ("teknologianvendelse",),
        FocusArea.ORGANISATIONAL_COHERENCE: (
            "organizational coherence",
            "sammenhæng",
            "organisatorisk sammenhæng",
        ),
    },
    Technology: {
        Technology.RPA: ("robot", "softwarerobot", "robotic process automation"),
        Technology.AI_ML: ("ai", "machine learning", "kunstig intelligens"),
        Technology.CHATBOT: ("chat bot",),
        Technology.VIDEO_CONSULTATION: ("videokonsultation", "video"),
        Technology.SENSORS_IOT: ("sensorer", "sensors", "iot"),
        Technology.VR: ("virtual reality",),
        Technology.SELF_SERVICE: ("selvbetjening",),
        Technology.WELFARE_TECHNOLOGY: ("velfærdsteknologi",),
        Technology.DATA_PLATFORM: ("dataplatform",),
        Technology.OTHER: ("andet",),
    },
}

_LOOKUP: dict[type[StrEnum], dict[str, StrEnum]] = {
    enum: {fold(word): member for member, words in aliases.items() for word in (member, *words)}
    for enum, aliases in _ALIASES.items()
}


def parse_choice(enum: type[E], value: Cell, field: str) -> E:
    """The enum member a cell names, in English, Danish or as its enum value."""
    found = _LOOKUP[enum].get(fold(cell_text(value)))
    if found is None:
        raise CellError(field, value, code="import.unknown_choice", params={
            "column": field, "value": cell_text(value),
            "choices": tuple(member.value for member in enum),
            "danish": tuple(words[0] for words in _ALIASES[enum].values() if words)})
    return found  # type: ignore[return-value]


def chooser(enum: type[E]) -> Callable[[Cell, str], E]:
    """A parser for one enum, shaped like parse_number and parse_date."""

    def parse(value: Cell, field: str) -> E:
        return parse_choice(enum, value, field)

    return parse
