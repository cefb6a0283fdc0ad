"""What is wrong with an imported row, as a code of portfolio/error_texts.py and its params.

The English text is what the CLI, `--json` and the quarantine keep (a contract); the
dashboard renders the same entry in the reader's language. Column names and the values a
user typed are interpolated as given. Problems are built only for rejected rows, never
per accepted one, so the import's speed does not depend on them (#7).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from portfolio.error_messages import render_error


@dataclass(frozen=True)
class Problem:
    """One reason a row is rejected: `code` names its catalogue entry."""

    code: str
    params: Mapping[str, object] = field(default_factory=dict)

    def in_language(self, lang: str) -> str:
        """The text in `lang` (English for a language the catalogue lacks)."""
        return render_error(self.code, self.params, lang) or self.code

    def __str__(self) -> str:
        return self.in_language("en")


def explained(problems: tuple[Problem, ...], lang: str = "en") -> str:
    """Several problems of one row as one sentence, each clause naming its column."""
    return "; ".join(p.in_language(lang) for p in problems)
