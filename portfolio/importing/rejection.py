"""A rejected import row, one type from the parser to the quarantine table (#16).

The parser rejects a row for its cells, the import use case for what the database says
(an unknown initiative or KPI, a department outside the importer's scope); either way the
row becomes a Rejection, is reported as it is (CLI, `--json`, dashboard, API) and is
written to quarantine as it is, all of an import's rejections in one insert.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from portfolio.importing.problems import Problem, explained


@dataclass(frozen=True)
class Rejection:
    """A rejected (quarantined) row: where it is, why, and what it held.

    `reason` is the English text the CLI, `--json` and the quarantine keep; `problems` are
    the catalogue entries it is rendered from, for the reader's language (`in_language`).
    """

    row: int
    reason: str
    raw: dict[str, str]
    problems: tuple[Problem, ...] = field(default=(), kw_only=True)

    @classmethod
    def of(cls, row: int, problems: tuple[Problem, ...], raw: dict[str, str]) -> Rejection:
        """A rejected row whose English reason is rendered from its problems."""
        return cls(row, explained(problems), raw, problems=problems)

    @classmethod
    def of_fields(cls, row: int, problem: Problem, fields: Mapping[str, object]) -> Rejection:
        """A row refused after parsing, kept as the fields it was parsed into (as text)."""
        return cls.of(row, (problem,), {name: as_text(value) for name, value in fields.items()})

    def in_language(self, lang: str) -> str:
        return explained(self.problems, lang) if self.problems else self.reason


def as_text(value: object) -> str:
    """A parsed field as the quarantine keeps it: JSON's text of the value, "" for none."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(getattr(value, "value", value))
