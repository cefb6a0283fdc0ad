"""An error's message in the reader's language, rendered from portfolio/error_texts.py.

A PortfolioError raised with `code=` renders its English text (what the CLI and the logs
show) from the same catalogue entry the dashboard renders in the reader's language, so the
two languages cannot drift. Parameters are interpolated as given (ids, user and department
names); those named in VOCABULARY (roles, stages, decisions, permissions) are words of the
domain and read in the reader's language. A tuple reads as a list ("a, b"; for
CONJOINED parameters "a and b"), an empty one as "none".
"""

from __future__ import annotations

from collections.abc import Mapping

from portfolio import formats
from portfolio.error_texts import ERRORS
from portfolio.i18n import DECISION_WORDS, LANGUAGES, ROLE_LABELS, STAGE_LABELS

# How a refusal names what was refused (portfolio/service/access.Permission values).
PERMISSIONS: dict[str, dict[str, str]] = {
    "read": {"en": "read the portfolio", "da": "læse porteføljen"},
    "edit_initiative": {"en": "edit initiatives", "da": "redigere initiativer"},
    "record_measurement": {"en": "record measurements", "da": "registrere målinger"},
    "import": {"en": "import files", "da": "importere filer"},
    "decide": {"en": "record steering decisions", "da": "registrere styregruppebeslutninger"},
    "evaluate": {"en": "run evaluations", "da": "køre vurderinger"},
    "admin_policy": {"en": "change the review policy", "da": "ændre reviewpolitikken"},
    "admin_users": {"en": "manage users", "da": "administrere brugere"},
    "backup": {"en": "back up or restore the database",
               "da": "tage backup af eller gendanne databasen"},
    "audit": {"en": "export the audit log", "da": "eksportere revisionssporet"},
    "record_adoption": {"en": "record adoptions of scaled initiatives",
                        "da": "registrere udbredelse af skalerede initiativer"},
    "publish": {"en": "publish initiatives on the public results page",
                "da": "offentliggøre initiativer på den offentlige resultatside"},
    "admin_organisation": {"en": "set up organisations, departments and steering groups",
                           "da": "opsætte organisationer, afdelinger og styregrupper"},
}

# What an initiative lacks before it may be an experiment (service.initiatives).
MISSING_RULE: dict[str, dict[str, str]] = {
    "a benefit KPI with baseline and target": {"en": "a benefit KPI with baseline and target",
                                                "da": "et gevinst-nøgletal med baseline og mål"},
    "a review date": {"en": "a review date", "da": "en reviewdato"},
}

IMPORT_KINDS: dict[str, dict[str, str]] = {
    "initiatives": {"en": "initiatives", "da": "initiativer"},
    "kpis": {"en": "kpis", "da": "nøgletal"},
    "measurements": {"en": "measurements", "da": "målinger"},
}

# What an import file held too much of (importing/limits.py).
FILE_MEASURES: dict[str, dict[str, str]] = {
    "bytes": {"en": "bytes", "da": "byte"},
    "uncompressed bytes": {"en": "bytes unpacked", "da": "byte udpakket"},
    "rows": {"en": "rows", "da": "rækker"},
    "columns": {"en": "columns", "da": "kolonner"},
    "bytes in one field": {"en": "bytes in one field", "da": "byte i ét felt"},
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
_AND = {"en": "and", "da": "og"}
_NONE = {"en": "none", "da": "ingen"}


def render_param(name: str, value: object, lang: str) -> str:
    """One parameter as the reader sees it: a domain word translated, a tuple as a list,
    a decimal number with the reader's decimal mark."""
    if isinstance(value, tuple | list | frozenset | set):
        items = [render_param(name, v, lang) for v in value]
        if not items:
            return _NONE[lang]
        if name in CONJOINED and len(items) > 1:
            return f"{', '.join(items[:-1])} {_AND[lang]} {items[-1]}"
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
