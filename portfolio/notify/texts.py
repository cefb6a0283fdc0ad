"""The words of the e-mails in Danish and English: the `mail.*` keys of the one catalogue."""

from __future__ import annotations

from typing import Any

from portfolio import texts
from portfolio.i18n import DECISION_WORDS


def text(key: str, lang: str, **params: Any) -> str:
    return texts.text(f"mail.{key}", "da" if lang == "da" else "en", **params)


def recommendation(value: str | None, lang: str) -> str:
    if value is None:
        return "–"
    # the reasons' capitals (DECISION_WORDS), not the dashboard's labels
    return DECISION_WORDS.get(value, {}).get("da" if lang == "da" else "en", value)
