"""The error texts: message code → {"en": template, "da": template}, read from the one
catalogue (portfolio/texts.py; the texts are the `error.*` keys of portfolio/locale).

Both languages of a code use the same named placeholders (tests/unit/test_text_catalogue.py
says so). Templates say what was wrong, where, and what to do; portfolio/error_messages.py
renders them, and how a parameter reads (a role, a stage, a list) is decided there.
"""

from __future__ import annotations

from portfolio import texts

ERRORS: dict[str, dict[str, str]] = texts.table("error")
