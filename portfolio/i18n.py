"""Reasons in plain Danish or English, with the numbers formatted for the reader.

Parameters keep raw values; the suffix of a parameter name says how to show it:
`_pct` a share (0.55 → "+55 %" for changes, "55 %" otherwise), `_dkk` an amount,
`_on` an ISO date ("1. juni 2026"). The formats come from CLDR (portfolio/formats.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, Protocol

from portfolio import formats


class Reason(Protocol):
    """What a reason is to its renderer: a message code and the values it cites.

    A protocol, not `portfolio.models.Reason`: the models render through this module, so
    this module must not depend on them (no import circle).
    """

    @property
    def code(self) -> str: ...

    @property
    def params(self) -> Mapping[str, Any]: ...


LANGUAGES = formats.LANGUAGES
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")

REASONS: dict[str, dict[str, str]] = {
    "evidence.no_benefit_kpi": {
        "en": "No benefit KPI is registered: add one with baseline and target",
        "da": "Der er ikke registreret et gevinst-nøgletal: tilføj et med baseline og mål",
    },
    "evidence.too_few": {
        "en": "{kpi}: {count} measurements, at least {min} are needed",
        "da": "{kpi}: {count} målinger, der skal mindst {min} til",
    },
    "evidence.stale": {
        "en": "{kpi}: the newest measurement is {age} days old (limit {max} days)",
        "da": "{kpi}: den nyeste måling er {age} dage gammel (grænse {max} dage)",
    },
    "evidence.sufficient": {
        "en": "Evidence sufficient: every benefit KPI has at least {min} measurements, "
        "the newest at most {max} days old",
        "da": "Tilstrækkeligt grundlag: hvert gevinst-nøgletal har mindst {min} målinger, "
        "den nyeste højst {max} dage gammel",
    },
    "evidence.self_reported_only": {
        "en": "{kpi}: only self-reported measurements — treat with care",
        "da": "{kpi}: kun selvrapporterede målinger — læs med forsigtighed",
    },
    "guardrail.breached": {
        "en": "{kpi} {latest} vs baseline {baseline} ({change_pct}): guardrail breached",
        "da": "{kpi} {latest} mod baseline {baseline} ({change_pct}): værn overskredet",
    },
    "guardrail.held": {
        "en": "Guardrails held: none is more than {limit_pct} worse than its baseline",
        "da": "Værnene holder: intet er mere end {limit_pct} værre end sin baseline",
    },
    "guardrail.no_data": {
        "en": "{kpi}: guardrail has no measurements yet",
        "da": "{kpi}: værnet har endnu ingen målinger",
    },
    "attainment.none": {
        "en": "No benefit KPI has a measurement yet",
        "da": "Intet gevinst-nøgletal har endnu en måling",
    },
    "attainment.value": {
        "en": "Benefit attainment {value_pct} ({light})",
        "da": "Gevinstopnåelse {value_pct} ({light})",
    },
    "attainment.kpi": {
        "en": "{kpi} {latest} vs target {target} (baseline {baseline}): {progress_pct} of the way",
        "da": "{kpi} {latest} mod mål {target} (baseline {baseline}): {progress_pct} af vejen",
    },
    "attainment.self_reported_cap": {
        "en": "{kpi} is fed only by self-reports: benefits are shown yellow, not green, "
        "until a system export or manual measurement confirms them",
        "da": "{kpi} bygger kun på selvrapporteringer: gevinsterne vises gule, ikke grønne, "
        "indtil et systemudtræk eller en manuel måling bekræfter dem",
    },
    "attainment.forecast": {
        "en": "{kpi}: at the current trend the target is reached on {forecast_on}",
        "da": "{kpi}: med den nuværende udvikling nås målet den {forecast_on}",
    },
    "attainment.forecast_passed": {
        "en": "{kpi}: at the trend of its measurements the target should already have been "
        "reached on {forecast_on}, and it has not been",
        "da": "{kpi}: med udviklingen i målingerne burde målet allerede være nået den "
        "{forecast_on}, og det er det ikke",
    },
    "attainment.not_at_this_trend": {
        "en": "{kpi}: the target is not reached at this trend",
        "da": "{kpi}: målet nås ikke med den nuværende udvikling",
    },
    "proof.none": {
        "en": "Proof: no benefit KPI has a measurement yet",
        "da": "Holdbarhed: intet gevinst-nøgletal har endnu en måling",
    },
    "proof.band": {
        "en": "Attainment at the band's lower edge {value_pct} ({light})",
        "da": "Gevinstopnåelse ved båndets nedre kant {value_pct} ({light})",
    },
    "proof.too_few": {
        "en": "{kpi}: {count} measurements, SCALE needs at least {min}",
        "da": "{kpi}: {count} målinger, SKALÉR kræver mindst {min}",
    },
    "proof.too_short": {
        "en": "{kpi}: measured over {days} days, SCALE needs at least {min}",
        "da": "{kpi}: målt over {days} dage, SKALÉR kræver mindst {min}",
    },
    "proof.kpi": {
        "en": "{kpi}: the newest measurements lie between {low_pct} and {high_pct} of the way",
        "da": "{kpi}: de nyeste målinger ligger mellem {low_pct} og {high_pct} af vejen",
    },
    "budget.none": {
        "en": "No budget registered",
        "da": "Intet budget registreret",
    },
    "budget.overrun": {
        "en": "Budget: spent {spent_dkk} of {budget_dkk} DKK, overrun {overrun_pct} ({light})",
        "da": "Budget: brugt {spent_dkk} af {budget_dkk} kr., "
        "overskridelse {overrun_pct} ({light})",
    },
    "time.no_review": {
        "en": "No review date set",
        "da": "Ingen reviewdato sat",
    },
    "time.overdue": {
        "en": "Review date {review_on} passed {days} days ago with no decision since",
        "da": "Reviewdatoen {review_on} passerede for {days} dage siden uden en beslutning",
    },
    "time.due": {
        "en": "Review date {review_on} is reached",
        "da": "Reviewdatoen {review_on} er nået",
    },
    "time.upcoming": {
        "en": "Review date {review_on} in {days} days",
        "da": "Reviewdato {review_on} om {days} dage",
    },
    "recommend.needs_data": {
        "en": "NEEDS_DATA: the evidence is not sufficient to judge",
        "da": "MANGLER DATA: grundlaget er ikke tilstrækkeligt til en vurdering",
    },
    "recommend.close_guardrail": {
        "en": "CLOSE: a guardrail is breached and the benefits are not on target",
        "da": "LUK: et værn er overskredet, og gevinsterne er ikke i mål",
    },
    "recommend.close_attainment": {
        "en": "CLOSE: benefit attainment is red at the review date",
        "da": "LUK: gevinstopnåelsen er rød ved reviewdatoen",
    },
    "recommend.close_budget": {
        "en": "CLOSE: the budget is red and the benefits are not on target",
        "da": "LUK: budgettet er rødt, og gevinsterne er ikke i mål",
    },
    "recommend.pivot_guardrail": {
        "en": "PIVOT: the benefits are on target, but a guardrail is breached",
        "da": "JUSTÉR: gevinsterne er i mål, men et værn er overskredet",
    },
    "recommend.scale": {
        "en": "SCALE: the experiment reaches its targets within guardrails and budget",
        "da": "SKALÉR: eksperimentet når sine mål inden for værn og budget",
    },
    "recommend.not_proven": {
        "en": "CONTINUE: promising, not yet proven — the benefits look green, but their "
        "band or evidence run does not yet carry SCALE",
        "da": "FORTSÆT: lovende, men endnu ikke bevist — gevinsterne ser grønne ud, men "
        "deres bånd eller måleperiode bærer endnu ikke SKALÉR",
    },
    "recommend.pivot_attainment": {
        "en": "PIVOT: benefit attainment is only yellow at the review date",
        "da": "JUSTÉR: gevinstopnåelsen er kun gul ved reviewdatoen",
    },
    "recommend.continue": {
        "en": "CONTINUE: no rule calls for a change yet",
        "da": "FORTSÆT: ingen regel kræver endnu en ændring",
    },
}

LIGHTS = {
    "green": {"en": "green", "da": "grøn"},
    "yellow": {"en": "yellow", "da": "gul"},
    "red": {"en": "red", "da": "rød"},
}

_CHANGE_PARAMS = {"change_pct"}


def _format(name: str, value: Any, lang: str) -> str:
    if name == "light" and isinstance(value, str):
        return LIGHTS.get(value, {}).get(lang, value)
    if name.endswith("_pct"):
        return formats.share(value, lang, signed=name in _CHANGE_PARAMS)
    if name.endswith("_dkk") and isinstance(value, int | float):
        return formats.count(round(value), lang)
    if name.endswith("_on") and isinstance(value, str):
        return formats.day(value, lang) if _ISO_DAY.fullmatch(value) else value
    if isinstance(value, bool) or value is None:
        return str(value)
    if isinstance(value, int | float):
        return formats.number(value, lang)
    return str(value)


def render_reason(
    reason: Reason, lang: str = "en", escape: Callable[[str], str] | None = None
) -> str:
    """The reason as a sentence. `escape` is applied to every parameter (a KPI's name and
    unit are user text): Markdown pages pass theirs, so a KPI named `[x](http://evil)`
    stays text inside the sentence (#14); the template itself is trusted."""
    return render_reason_code(reason.code, reason.params, lang, escape)


def render_reason_code(
    code: str, params: Mapping[str, Any], lang: str = "en",
    escape: Callable[[str], str] | None = None,
) -> str:
    """A reason from its code and params, for readers of stored rows that build no model
    (`failscale evaluate --json` at national scale: 400 k reasons, #15)."""
    lang = lang if lang in LANGUAGES else "en"
    template = REASONS.get(code, {}).get(lang)
    if template is None:
        return code
    keep = escape or (lambda text: text)
    shown = {k: keep(_format(k, v, lang)) for k, v in params.items()}
    unit = params.get("unit")
    if unit and "latest" in shown:
        shown["latest"] = f"{shown['latest']} {keep(str(unit))}"
    try:
        return template.format(**shown)
    except (KeyError, IndexError):
        return code

# The domain's vocabulary, shared by the dashboard, the reports and the e-mails so a
# steering group reads the same word for the same thing everywhere.
RECOMMENDATION_LABELS: dict[str, dict[str, str]] = {
    "SCALE": {"en": "Scale", "da": "Skalér"},
    "CONTINUE": {"en": "Continue", "da": "Fortsæt"},
    "PIVOT": {"en": "Pivot", "da": "Justér"},
    "CLOSE": {"en": "Close", "da": "Luk"},
    "NEEDS_DATA": {"en": "Needs data", "da": "Mangler data"},
}

# The same in capitals, as the reasons, the e-mails and the error texts name a
# recommendation or decision ("CLOSE: …" / "LUK: …").
DECISION_WORDS: dict[str, dict[str, str]] = {
    "SCALE": {"en": "SCALE", "da": "SKALÉR"},
    "CONTINUE": {"en": "CONTINUE", "da": "FORTSÆT"},
    "PIVOT": {"en": "PIVOT", "da": "JUSTÉR"},
    "CLOSE": {"en": "CLOSE", "da": "LUK"},
    "PARK": {"en": "PARK", "da": "PARKÉR"},
    "NEEDS_DATA": {"en": "NEEDS_DATA", "da": "MANGLER DATA"},
}

STAGE_LABELS: dict[str, dict[str, str]] = {
    "idea": {"en": "Idea", "da": "Idé"},
    "experiment": {"en": "Experiment", "da": "Eksperiment"},
    "scaling": {"en": "Scaling", "da": "Skalering"},
    "operation": {"en": "Operation", "da": "Drift"},
    "closed": {"en": "Closed", "da": "Lukket"},
}

ROLE_LABELS: dict[str, dict[str, str]] = {
    "viewer": {"en": "viewer", "da": "læser"},
    "key_employee": {"en": "key employee", "da": "nøglemedarbejder"},
    "leader": {"en": "leader", "da": "leder"},
    "steering_member": {"en": "steering-group member", "da": "styregruppemedlem"},
    "admin": {"en": "administrator", "da": "administrator"},
}

CLOSE_REASON_LABELS: dict[str, dict[str, str]] = {
    "no_effect": {"en": "No effect", "da": "Ingen effekt"},
    "guardrail": {"en": "Guardrail breached", "da": "Værn overskredet"},
    "budget": {"en": "Budget overrun", "da": "Budgetoverskridelse"},
    "not_now": {"en": "Not now", "da": "Ikke nu"},
    "superseded": {"en": "Superseded by something better", "da": "Erstattet af noget bedre"},
    "other": {"en": "Other", "da": "Andet"},
}

# The built-in policy's name and description as a reader sees them; the stored name
# ("default") is a key the evaluations cite, so it stays. A policy an administrator named
# reads as named.
POLICY_TEXTS: dict[str, dict[str, str]] = {
    "default": {"en": "Default policy", "da": "Standardpolitik"},
    "Fail or Scale default review criteria": {
        "en": "Fail or Scale default review criteria",
        "da": "Fail or Scales standardkriterier for review",
    },
}


def policy_text(text: str, lang: str) -> str:
    """A policy's name or description in the reader's language, when it is the built-in."""
    return POLICY_TEXTS.get(text, {}).get(lang, text)
