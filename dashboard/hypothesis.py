"""The guided hypothesis: "Vi tror at … vil føre til … målt ved …" (and its English twin)."""

from __future__ import annotations

import re

from portfolio import texts

TEMPLATES = {lang: tuple(texts.text(f"hypothesis.{part}", lang)
                        for part in ("we_believe", "will_lead_to", "measured_by"))
             for lang in texts.LANGUAGES}
_PATTERNS = [
    re.compile(rf"^{re.escape(a)} (?P<cause>.+?) {re.escape(b)} (?P<effect>.+?) "
               rf"{re.escape(c)} (?P<measure>.+?)\.?$", re.DOTALL)
    for a, b, c in TEMPLATES.values()
]


def compose(cause: str, effect: str, measure: str, lang: str) -> str:
    """The hypothesis sentence; only the cause when the other parts are left empty."""
    cause, effect, measure = cause.strip(), effect.strip(), measure.strip()
    if not (effect or measure):
        return cause
    a, b, c = TEMPLATES.get(lang, TEMPLATES["en"])
    return f"{a} {cause} {b} {effect} {c} {measure}."


def split(hypothesis: str) -> tuple[str, str, str]:
    """(cause, effect, measure) of a templated hypothesis; free text stays in the cause."""
    for pattern in _PATTERNS:
        if match := pattern.match(hypothesis.strip()):
            return match["cause"], match["effect"], match["measure"]
    return hypothesis, "", ""
