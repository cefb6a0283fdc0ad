"""What the command line prints, in the operator's language (FAILSCALE_LANGUAGE, #13 item 6).

Every summary, list and error line a person reads comes from the `cli.*` keys of the one
text catalogue (portfolio/texts.py), with numbers and dates in the reader's format from
CLDR (portfolio/formats.py): a Danish operator reads "1.200 rækker læst" and "15. maj
2026". What a script reads (`--json`, exit codes) is not language: it is the contract of
PRODUCT.md and stays as it is.
"""

from __future__ import annotations

from datetime import date, datetime

import typer

from portfolio import formats, texts
from portfolio.settings import load_settings


def language() -> str:
    """The operator's language: FAILSCALE_LANGUAGE (da by default); anything else, English."""
    lang = load_settings().language
    return lang if lang in texts.LANGUAGES else "en"


def shown(value: object, lang: str) -> str:
    """A parameter as the reader writes it: counts with thousands separators, dates long."""
    if isinstance(value, bool) or value is None:
        return str(value)
    if isinstance(value, int):
        return formats.count(value, lang)
    if isinstance(value, float):
        return formats.number(value, lang, decimals=1)
    if isinstance(value, datetime):
        return f"{formats.day(value, lang)} {value:%H:%M:%S}"
    if isinstance(value, date):
        return formats.day(value, lang)
    return str(value)


def say(key: str, lang: str | None = None, **params: object) -> str:
    """The text of catalogue key `key` in `lang` (the operator's by default), `params`
    filled in as the reader writes them."""
    lang = lang or language()
    return texts.text(key, lang, **{k: shown(v, lang) for k, v in params.items()})


def echo(key: str, *, err: bool = False, **params: object) -> None:
    """Print one catalogue text in the operator's language."""
    typer.echo(say(key, **params), err=err)
