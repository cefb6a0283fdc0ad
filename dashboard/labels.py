"""Every dashboard label in English and Danish, read from the one catalogue
(portfolio/texts.py: the `page.*` keys and the domain's vocabularies); reasons come translated
from the core."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from portfolio import formats, texts
from portfolio.error_messages import render_param
from portfolio.i18n import (
    CLOSE_REASON_LABELS,
    DECISION_LABELS,
    KPI_KIND_LABELS,
    LIGHTS,
    RECOMMENDATION_LABELS,
    ROLE_LABELS,
    STAGE_LABELS,
    TECHNOLOGY_LABELS,
)
from portfolio.models import (
    DecisionKind,
    Direction,
    FocusArea,
    KpiKind,
    Light,
    Recommendation,
    Role,
    Source,
    Stage,
    Technology,
)

RECOMMENDATIONS = {Recommendation(code): text for code, text in RECOMMENDATION_LABELS.items()}
NOT_EVALUATED = texts.both("page.not_evaluated")

ENUMS: dict[type[StrEnum], dict[str, dict[str, str]]] = {
    Stage: STAGE_LABELS,
    DecisionKind: DECISION_LABELS,
    FocusArea: texts.table("focus_area"),
    Technology: TECHNOLOGY_LABELS,
    KpiKind: KPI_KIND_LABELS,
    Direction: texts.table("direction"),
    Source: texts.table("source"),
    Role: ROLE_LABELS,
}

AGENDA_CAUSES = texts.table("agenda_cause")

# Colours, not emoji: a lamp must show on machines without an emoji font.
LIGHT_COLOURS = {Light.GREEN: "#2e7d32", Light.YELLOW: "#f9a825", Light.RED: "#c62828"}
# As text on white a colour needs 4.5:1 (WCAG 1.4.3): the yellow above has 1.97, so a lamp's
# name is written in dark amber (4.9:1); no lamp in grey #6b6b6b (5.3:1).
LIGHT_TEXT_COLOURS = {**LIGHT_COLOURS, Light.YELLOW: "#8a6d00"}
NO_LIGHT_TEXT_COLOUR = "#6b6b6b"
_MARKDOWN_COLOURS = {Light.GREEN: "green", Light.YELLOW: "orange", Light.RED: "red"}


def t(key: str, lang: str, **params: object) -> str:
    """A page's text: `t("board", lang)` is `page.board`; a word pages share with reports and
    e-mails is named in full, `t("word.department", lang)`. An unknown key raises KeyError
    (a test scans the pages for keys the catalogue lacks)."""
    return texts.text(texts.own("page", key), lang, **params)


def enum_label(value: StrEnum | None, lang: str) -> str:
    if value is None:
        return t("none_value", lang)
    return ENUMS[type(value)][value.value][lang]


def recommendation(value: Recommendation | None, lang: str) -> str:
    return RECOMMENDATIONS[value][lang] if value else NOT_EVALUATED[lang]


def stage(value: Stage, lang: str) -> str:
    return enum_label(value, lang)


def source(value: Source, lang: str) -> str:
    return enum_label(value, lang)


def radar_ring(ring: StrEnum, lang: str) -> str:
    """A ring of KL's Teknologiradar (portfolio.radar Ring) in the reader's language."""
    return t(f"radar_ring_{ring.name.lower()}", lang)


def light_text(value: Light | None, lang: str) -> str:
    """A lamp and its colour's name, for tables (coloured by tables.style_lights)."""
    return f"● {LIGHTS[value.value][lang]}" if value else "○ —"


def light_badge(value: Light | None, lang: str) -> str:
    """A coloured lamp and its name, for Markdown."""
    return f":{_MARKDOWN_COLOURS[value]}[●] {LIGHTS[value.value][lang]}" if value else "○"


def three_lights(lights: Mapping[str, Light | None], lang: str) -> str:
    """Budget, time and benefit as coloured lamps with their names, for Markdown (#18)."""
    return " · ".join(f"{t(f'word.{name}', lang)} {light_badge(lights.get(name), lang)}"
                      for name in ("budget", "time", "benefit"))


def reason_code(code: str | None, lang: str) -> str:
    return CLOSE_REASON_LABELS.get(code or "", {}).get(lang, code or "—")


_DAY_PARAMS = frozenset({"review_on", "on"})


def agenda_cause(cause: str, params: dict[str, object], lang: str) -> str:
    shown = {k: formats.short_day(v, lang) if k in _DAY_PARAMS and v else v
             for k, v in params.items()}
    if shown.get("recommendation"):
        shown["recommendation"] = recommendation(Recommendation(str(shown["recommendation"])),
                                                 lang)
    return AGENDA_CAUSES[cause][lang].format(**shown)


# The board breaks the portfolio down by these (service.board_metrics.DIMENSIONS).
DIMENSION_KEYS = {"department": "word.department", "stage": "word.stage",
                  "technology": "word.technology", "focus_area": "focus_area"}

# A refused field is named by the label its input has on the page; the fields whose label
# is a word shared with the reports are named here, the others are page keys of their own.
FIELD_KEYS = {
    "baseline": "word.baseline", "core_task": "word.core_task", "department": "word.department",
    "departments": "word.departments", "display_name": "word.name",
    "hypothesis": "word.hypothesis", "kind": "word.kind", "language": "word.language",
    "name": "word.name", "owner": "word.owner", "review_on": "word.review_date",
    "stage": "word.stage", "target": "word.target", "technology": "word.technology",
}


def field_label(field: str | None, lang: str) -> str:
    """The label of a model field a refusal names; a field no page labels reads as its name."""
    key = FIELD_KEYS.get(field or "", field or "")
    return t(key, lang) if key and texts.has(texts.own("page", key)) else field or ""


def dimension_name(dimension: str, lang: str) -> str:
    """The heading of one of the board's breakdowns."""
    return t(DIMENSION_KEYS[dimension], lang)


def dimension_value(dimension: str, key: str, lang: str) -> str:
    """A breakdown key (an enum value, or a department name) as the reader's label."""
    kinds = {"stage": Stage, "technology": Technology, "focus_area": FocusArea}
    if not key:
        return t("none_value", lang)
    if dimension in kinds:
        return ENUMS[kinds[dimension]][key][lang]
    return key


def missing_rule(items: list[str], lang: str) -> str:
    """What an initiative lacks to be an experiment, worded as the core's refusal is."""
    return render_param("missing", tuple(items), lang)
