"""The public results page's words, Danish and English: the `public.*` keys of the one
catalogue (portfolio/texts.py). The labels of stages, decisions, technologies and KPI kinds
are the reports' own: portfolio/reports/labels.py."""

from __future__ import annotations

from portfolio import texts

TEXTS: dict[str, dict[str, str]] = texts.table("public")


def text(key: str, lang: str, **params: str) -> str:
    return texts.text(f"public.{key}", lang, **params)
