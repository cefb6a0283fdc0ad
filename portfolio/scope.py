"""Where an actor may act, as a value: one answer for a check and for a filter (#16).

`service.access.scope_of` derives it from the actor's role, departments and organisation;
`access.can` asks it about one initiative, and storage applies the very same rule to a
whole table of rows (storage/measurement_columns.py), so department and organisation
scope are derived in one place and never again in SQL or in a use case.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scope:
    organisation: str = ""
    """The one organisation reached ("": every one). An initiative of no known
    organisation ("") is reached from every organisation, as data from before #13 is."""
    departments: frozenset[str] | None = None
    """The departments reached (None: every one)."""
    initiatives: frozenset[str] = frozenset()
    """Initiatives reached whatever their department (a key employee's assignments, #5)."""

    def reaches_organisation(self, organisation: str | None) -> bool:
        return not self.organisation or not organisation or organisation == self.organisation

    def admits(self, department: str, organisation: str | None,
               initiative_id: str | None = None) -> bool:
        """Whether an initiative of `department` in `organisation` is in scope."""
        if not self.reaches_organisation(organisation):
            return False
        return (self.departments is None or department in self.departments
                or initiative_id in self.initiatives)

    @property
    def everywhere(self) -> bool:
        return not self.organisation and self.departments is None
