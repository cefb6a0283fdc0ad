"""Reasons in plain Danish or English, with the numbers formatted for the reader.

Parameters keep raw values; the suffix of a parameter name says how to show it:
`_pct` a share (0.55 → "+55 %" for changes, "55 %" otherwise), `_dkk` an amount,
`_on` an ISO date ("1. juni 2026"). The formats come from CLDR (portfolio/formats.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, Protocol

from portfolio import formats, texts


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

# Views of the one catalogue (portfolio/texts.py); the texts live in portfolio/locale.
REASONS: dict[str, dict[str, str]] = texts.table("reason")

LIGHTS: dict[str, dict[str, str]] = texts.table("light")

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
# steering group reads the same word for the same thing everywhere. A value whose word other
# places share reads a `word.*` key ("Scale" labels a recommendation and a decision alike:
# one English text, one key), named here where the vocabulary is built.
_SHARED_VERDICTS = {"SCALE": "word.scale", "CONTINUE": "word.continue", "PIVOT": "word.pivot",
                    "CLOSE": "word.close"}


def _labels(keys: Mapping[str, str]) -> dict[str, dict[str, str]]:
    return {value: texts.both(key) for value, key in keys.items()}


RECOMMENDATION_LABELS: dict[str, dict[str, str]] = _labels(
    {**_SHARED_VERDICTS, "NEEDS_DATA": "recommendation.NEEDS_DATA"})

DECISION_LABELS: dict[str, dict[str, str]] = _labels(
    {**_SHARED_VERDICTS, "PARK": "decision.PARK"})

# The same in capitals, as the reasons, the e-mails and the error texts name a
# recommendation or decision ("CLOSE: …" / "LUK: …").
DECISION_WORDS: dict[str, dict[str, str]] = texts.table("decision_word")

STAGE_LABELS: dict[str, dict[str, str]] = texts.table("stage")

ROLE_LABELS: dict[str, dict[str, str]] = texts.table("role")

CLOSE_REASON_LABELS: dict[str, dict[str, str]] = {
    **texts.table("close_reason"), "other": texts.both("word.other")}

TECHNOLOGY_LABELS: dict[str, dict[str, str]] = {
    **texts.table("technology"), "other": texts.both("word.other")}

KPI_KIND_LABELS: dict[str, dict[str, str]] = {
    **texts.table("kpi_kind"), "benefit": texts.both("word.benefit")}

# The built-in policy's name and description as a reader sees them; the stored name
# ("default") is a key the evaluations cite, so it stays. A policy an administrator named
# reads as named.
POLICY_TEXTS: dict[str, dict[str, str]] = {
    "default": texts.both("policy.default"),
    "Fail or Scale default review criteria": texts.both("policy.default_description"),
}


def policy_text(text: str, lang: str) -> str:
    """A policy's name or description in the reader's language, when it is the built-in."""
    return POLICY_TEXTS.get(text, {}).get(lang, text)
