"""Every dashboard label in English and Danish; reasons come translated from the core."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from dashboard.auth_texts import AUTH_LABELS
from dashboard.label_texts import LABELS as PAGE_LABELS
from dashboard.organisation_texts import ORGANISATION_LABELS
from portfolio import formats
from portfolio.error_messages import render_param
from portfolio.i18n import (
    CLOSE_REASON_LABELS,
    LIGHTS,
    RECOMMENDATION_LABELS,
    ROLE_LABELS,
    STAGE_LABELS,
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

LABELS = {**PAGE_LABELS, **AUTH_LABELS, **ORGANISATION_LABELS}

RECOMMENDATIONS = {Recommendation(code): text for code, text in RECOMMENDATION_LABELS.items()}
NOT_EVALUATED = {"en": "Not evaluated", "da": "Ikke vurderet"}

ENUMS: dict[type[StrEnum], dict[str, dict[str, str]]] = {
    Stage: STAGE_LABELS,
    DecisionKind: {
        "SCALE": {"en": "Scale", "da": "Skalér"},
        "CONTINUE": {"en": "Continue", "da": "Fortsæt"},
        "PIVOT": {"en": "Pivot", "da": "Justér"},
        "CLOSE": {"en": "Close", "da": "Luk"},
        "PARK": {"en": "Park (not now)", "da": "Parkér (ikke nu)"},
    },
    FocusArea: {
        "automation": {"en": "Automation", "da": "Automatisering"},
        "data_support": {"en": "Data support", "da": "Dataunderstøttelse"},
        "technology_use": {"en": "Technology use", "da": "Teknologianvendelse"},
        "organisational_coherence": {"en": "Organisational coherence",
                                     "da": "Organisatorisk sammenhæng"},
    },
    Technology: {
        "rpa": {"en": "RPA", "da": "RPA"},
        "ai_ml": {"en": "AI/ML", "da": "AI/ML"},
        "chatbot": {"en": "Chatbot", "da": "Chatbot"},
        "video_consultation": {"en": "Video consultation", "da": "Videokonsultation"},
        "sensors_iot": {"en": "Sensors/IoT", "da": "Sensorer/IoT"},
        "vr": {"en": "VR", "da": "VR"},
        "self_service": {"en": "Self-service", "da": "Selvbetjening"},
        "welfare_technology": {"en": "Welfare technology", "da": "Velfærdsteknologi"},
        "data_platform": {"en": "Data platform", "da": "Dataplatform"},
        "other": {"en": "Other", "da": "Andet"},
    },
    KpiKind: {
        "benefit": {"en": "Benefit", "da": "Gevinst"},
        "guardrail": {"en": "Guardrail", "da": "Værn"},
        "adoption": {"en": "Adoption", "da": "Udbredelse"},
    },
    Direction: {
        "higher": {"en": "higher", "da": "højere"},
        "lower": {"en": "lower", "da": "lavere"},
    },
    Source: {
        "system_export": {"en": "System export", "da": "Systemudtræk"},
        "manual": {"en": "Manual", "da": "Manuel"},
        "self_reported": {"en": "Self-reported", "da": "Selvrapporteret"},
    },
    Role: ROLE_LABELS,
}

REASON_CODES = CLOSE_REASON_LABELS

AGENDA_CAUSES = {
    "overdue": {"en": "Review {review_on} overdue by {days} days, no decision since",
                "da": "Review {review_on} overskredet med {days} dage uden beslutning"},
    "recommendation_changed": {
        "en": "The recommendation changed to {recommendation} since the last decision",
        "da": "Anbefalingen er ændret til {recommendation} siden seneste beslutning"},
    "needs_data": {
        "en": "Not enough evidence to judge",
        "da": "For lidt grundlag til en vurdering",
    },
    "follow_up_6": {"en": "Follow-up 6 months after scaling ({on})",
                    "da": "Opfølgning 6 måneder efter skalering ({on})"},
    "follow_up_12": {"en": "Follow-up 12 months after scaling ({on})",
                     "da": "Opfølgning 12 måneder efter skalering ({on})"},
    "follow_up": {"en": "Follow-up {months} months after scaling ({on})",
                  "da": "Opfølgning {months} måneder efter skalering ({on})"},
    "stale_measurements": {"en": "Measurements are stale", "da": "Målingerne er forældede"},
    "forecast_late": {"en": "At this trend a benefit target is reached after the review date "
                            "or should already have been reached",
                      "da": "Med denne udvikling nås et gevinstmål efter reviewdatoen "
                            "eller burde allerede være nået"},
    "due": {"en": "Review due {review_on} (in {days} days)",
            "da": "Review {review_on} (om {days} dage)"},
    "recommended": {"en": "The evaluation recommends: {recommendation}",
                    "da": "Vurderingen anbefaler: {recommendation}"},
    "revisit": {"en": "Parked; to be revisited {review_on}",
                "da": "Parkeret; tages op igen {review_on}"},
}

# Colours, not emoji: a lamp must show on machines without an emoji font.
LIGHT_COLOURS = {Light.GREEN: "#2e7d32", Light.YELLOW: "#f9a825", Light.RED: "#c62828"}
# As text on white a colour needs 4.5:1 (WCAG 1.4.3): the yellow above has 1.97, so a lamp's
# name is written in dark amber (4.9:1); no lamp in grey #6b6b6b (5.3:1).
LIGHT_TEXT_COLOURS = {**LIGHT_COLOURS, Light.YELLOW: "#8a6d00"}
NO_LIGHT_TEXT_COLOUR = "#6b6b6b"
_MARKDOWN_COLOURS = {Light.GREEN: "green", Light.YELLOW: "orange", Light.RED: "red"}


def t(key: str, lang: str, **params: object) -> str:
    text = LABELS.get(key, {}).get(lang) or LABELS.get(key, {}).get("en") or key
    return text.format(**params) if params else text


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


def light_text(value: Light | None, lang: str) -> str:
    """A lamp and its colour's name, for tables (coloured by tables.style_lights)."""
    return f"● {LIGHTS[value.value][lang]}" if value else "○ —"


def light_badge(value: Light | None, lang: str) -> str:
    """A coloured lamp and its name, for Markdown."""
    return f":{_MARKDOWN_COLOURS[value]}[●] {LIGHTS[value.value][lang]}" if value else "○"


def three_lights(lights: Mapping[str, Light | None], lang: str) -> str:
    """Budget, time and benefit as coloured lamps with their names, for Markdown (#18)."""
    return " · ".join(f"{t(f'light_{name}', lang)} {light_badge(lights.get(name), lang)}"
                      for name in ("budget", "time", "benefit"))


def reason_code(code: str | None, lang: str) -> str:
    return REASON_CODES.get(code or "", {}).get(lang, code or "—")


_DAY_PARAMS = frozenset({"review_on", "on"})


def agenda_cause(cause: str, params: dict[str, object], lang: str) -> str:
    shown = {k: formats.short_day(v, lang) if k in _DAY_PARAMS and v else v
             for k, v in params.items()}
    if shown.get("recommendation"):
        shown["recommendation"] = recommendation(Recommendation(str(shown["recommendation"])),
                                                 lang)
    return AGENDA_CAUSES[cause][lang].format(**shown)


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
