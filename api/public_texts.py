"""The public results page's words, Danish and English: the `public.*` keys of the one
catalogue (portfolio/texts.py), and the words it shares with the reports named in full
(`word.department`). Stages and closing reasons read as everywhere (portfolio/i18n.py);
technologies and KPI kinds as in the reports (portfolio/reports/labels.py)."""

from __future__ import annotations

from portfolio import texts


def text(key: str, lang: str, **params: str) -> str:
    return texts.text(texts.own("public", key), lang, **params)
