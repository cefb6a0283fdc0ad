"""An error's message in the reader's language, rendered from the one catalogue
(portfolio/texts.py, the `error.*` keys; portfolio/error_texts.py is their view).

A PortfolioError raised with `code=` renders its English text (what the CLI and the logs
show) from the same catalogue entry the dashboard renders in the reader's language, so the
two languages cannot drift. Parameters are interpolated as given (ids, user and department
names); those named in VOCABULARY (roles, stages, decisions, permissions) are words of the
domain and read in the reader's language. A tuple reads as a list ("a, b"; for
CONJOINED parameters "a and b"), an empty one as "none".
"""

from __future__ import annotations

from collections.abc import Mapping

from portfolio import formats, texts
from portfolio.error_texts import ERRORS
from portfolio.i18n import DECISION_WORDS, LANGUAGES, ROLE_LABELS, STAGE_LABELS

# How a refusal names what was refused (portfolio/service/access.Permission values).
PERMISSIONS: dict[str, dict[str, str]] = texts.table("permission")

# What an initiative lacks before it may be an experiment (service.initiatives).
MISSING_RULE: dict[str, dict[str, str]] = {
    "a benefit KPI with baseline and target": texts.both("missing.benefit_kpi"),
    "a review date": texts.both("missing.review_date"),
}

IMPORT_KINDS: dict[str, dict[str, str]] = texts.table("import_kind")

# What an import file held too much of (importing/limits.py).
FILE_MEASURES: dict[str, dict[str, str]] = {
    measure: texts.both(f"file_measure.{measure.replace(' ', '_')}")
    for measure in ("bytes", "uncompressed bytes", "rows", "columns", "bytes in one field")
}

VOCABULARY: dict[str, dict[str, dict[str, str]]] = {
    "role": ROLE_LABELS,
    "stage": {k: {lang: text.lower() for lang, text in v.items()}
              for k, v in STAGE_LABELS.items()},
    "permission": PERMISSIONS,
    "decision": DECISION_WORDS,
    "recommendation": DECISION_WORDS,
    "missing": MISSING_RULE,
    "kind": IMPORT_KINDS,
    "what": FILE_MEASURES,
}

CONJOINED = frozenset({"missing"})


def render_param(name: str, value: object, lang: str) -> str:
    """One parameter as the reader sees it: a domain word translated, a tuple as a list,
    a decimal number with the reader's decimal mark."""
    if isinstance(value, tuple | list | frozenset | set):
        items = [render_param(name, v, lang) for v in value]
        if not items:
            return texts.text("list.none", lang)
        if name in CONJOINED and len(items) > 1:
            return f"{', '.join(items[:-1])} {texts.text('list.and', lang)} {items[-1]}"
        return ", ".join(items)
    if isinstance(value, float):
        return formats.number(value, lang)
    words = VOCABULARY.get(name, {}).get(str(value))
    return words[lang] if words else str(value)


def render_error(code: str, params: Mapping[str, object], lang: str = "en") -> str | None:
    """The message for `code` in `lang` (English for an unknown language); None for an
    unknown code, so the caller falls back to the message it has."""
    entry = ERRORS.get(code)
    if entry is None:
        return None
    lang = lang if lang in LANGUAGES else "en"
    return entry[lang].format(**{k: render_param(k, v, lang) for k, v in params.items()})
