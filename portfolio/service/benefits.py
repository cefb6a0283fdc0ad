"""The benefit-realisation plan (gevinstrealiseringsplan) of an initiative (#18, item 2).

Per year: the cashable kroner planned and the budget line they are taken home from
(hjemtagning), the non-cashable benefits in their units, and what was realised. A leader
plans their department's initiatives (EDIT_INITIATIVE); realised values are recorded as
measurements are (RECORD_MEASUREMENT: a key employee on the initiatives they contribute
to). Every change is audited with before and after. The kroner summed per year,
department and organisation are read under the board's filters (`kroner_view`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from portfolio.errors import NotFound, ValidationFailed
from portfolio.models import Actor, BenefitLine, Initiative
from portfolio.service import audit
from portfolio.service.access import Permission, authorize, can
from portfolio.service.board_metrics import BoardFilters
from portfolio.storage import Store
from portfolio.storage.board import BoardQuery, KronerRow


def line_id(line: BenefitLine | tuple[str, int, str, str]) -> str:
    """How the audit trail names a line: 'INI-1/2026/cashable/Kørselsudgifter'."""
    initiative_id, year, kind, benefit = line.key if isinstance(line, BenefitLine) else line
    return f"{initiative_id}/{year}/{kind}/{benefit}"


def _initiative(store: Store, actor: Actor, initiative_id: str) -> Initiative:
    initiative = store.initiatives.get(initiative_id)
    if initiative is None:
        raise NotFound(code="initiative.not_found", params={"id": initiative_id})
    authorize(actor, Permission.READ, organisation=initiative.organisation)
    return initiative


def may_plan(actor: Actor, initiative: Initiative) -> bool:
    """Whether `actor` may add, change or remove lines of `initiative`'s plan."""
    return can(actor, Permission.EDIT_INITIATIVE, initiative.department,
               organisation=initiative.organisation)


def may_record_realised(actor: Actor, initiative: Initiative,
                        contributors: Sequence[str] = ()) -> bool:
    """Whether `actor` may record a realised value on `initiative`'s plan."""
    return can(actor, Permission.RECORD_MEASUREMENT, initiative.department,
               contributors=contributors, organisation=initiative.organisation)


def check_realised_year(line: BenefitLine, today: date) -> None:
    """A realised value belongs to a year that has begun."""
    if line.realised is not None and line.year > today.year:
        raise ValidationFailed(field="realised", code="benefit.realised_future",
                               params={"year": line.year, "benefit": line.benefit})


def benefit_plan_of(store: Store, actor: Actor, initiative_id: str) -> tuple[BenefitLine, ...]:
    """The plan's lines, by year, cashable first."""
    authorize(actor, Permission.READ)
    _initiative(store, actor, initiative_id)
    return tuple(store.benefit_plans.for_initiative(initiative_id))


def save_benefit_line(store: Store, actor: Actor, line: BenefitLine,
                      today: date | None = None) -> BenefitLine:
    """Add a line to the plan or change one (its key: initiative, year, kind, benefit)."""
    check_realised_year(line, today or date.today())
    initiative = _initiative(store, actor, line.initiative_id)
    authorize(actor, Permission.EDIT_INITIATIVE, initiative.department,
              organisation=initiative.organisation)
    before = store.benefit_plans.get(line.key)
    if before is not None and same(before, line):
        return before
    stored = store.benefit_plans.save(line, actor.username)
    audit.record(store, actor, "save", "benefit_line", line_id(stored), before, stored)
    return stored


def record_realised(
    store: Store, actor: Actor, key: tuple[str, int, str, str], realised: float | None,
    today: date | None = None,
) -> BenefitLine:
    """Record (or, with None, clear) what a planned line realised."""
    initiative_id = key[0]
    initiative = _initiative(store, actor, initiative_id)
    authorize(actor, Permission.RECORD_MEASUREMENT, initiative.department,
              contributors=store.contributors.for_initiative(initiative_id),
              organisation=initiative.organisation)
    before = store.benefit_plans.get(key)
    if before is None:
        raise NotFound(code="benefit.no_line", params={
            "id": initiative_id, "year": key[1], "benefit": key[3]})
    line = BenefitLine.model_validate({**before.model_dump(), "realised": realised})
    check_realised_year(line, today or date.today())
    if same(before, line):
        return before
    stored = store.benefit_plans.save(line, actor.username)
    audit.record(store, actor, "record_realised", "benefit_line", line_id(stored),
                 before, stored)
    return stored


def remove_benefit_line(store: Store, actor: Actor,
                        key: tuple[str, int, str, str]) -> BenefitLine:
    """Take a mistaken line out of the plan; the audit trail keeps what it said."""
    initiative = _initiative(store, actor, key[0])
    authorize(actor, Permission.EDIT_INITIATIVE, initiative.department,
              organisation=initiative.organisation)
    before = store.benefit_plans.get(key)
    if before is None:
        raise NotFound(code="benefit.no_line", params={
            "id": key[0], "year": key[1], "benefit": key[3]})
    store.benefit_plans.remove(key)
    audit.record(store, actor, "remove", "benefit_line", line_id(before), before=before)
    return before


def same(before: BenefitLine, after: BenefitLine) -> bool:
    """Equal in everything a user gives (who saved it last and when do not count)."""
    keep = {"updated_by": "", "updated_at": None}
    return before.model_copy(update=keep) == after.model_copy(update=keep)


@dataclass(frozen=True)
class KronerView:
    """Planned against realised cashable kroner of a board view (#18)."""

    rows: tuple[KronerRow, ...]
    year: int
    """The current year: planned kroner 'to date' are those of the years up to it."""

    def level(self, level: str) -> tuple[KronerRow, ...]:
        return tuple(r for r in self.rows if r.level == level)

    @property
    def planned_to_date(self) -> float:
        return sum(r.planned for r in self.level("all") if r.year <= self.year)

    @property
    def planned_total(self) -> float:
        return sum(r.planned for r in self.level("all"))

    @property
    def realised(self) -> float:
        return sum(r.realised for r in self.level("all"))

    @property
    def share(self) -> float | None:
        """Realised of planned to date (None: nothing planned yet)."""
        return self.realised / self.planned_to_date if self.planned_to_date else None


def kroner_view(store: Store, actor: Actor, today: date,
                filters: BoardFilters | None = None) -> KronerView:
    """The kroner of the initiatives a board view with `filters` holds."""
    authorize(actor, Permission.READ)
    filters = filters or BoardFilters()
    if actor.organisation:  # one organisation's people see their organisation (#13)
        filters = replace(filters, organisation=actor.organisation)
    rows = store.board.kroner(query_of(filters))
    return KronerView(tuple(rows), today.year)


def query_of(filters: BoardFilters) -> BoardQuery:
    """The board's filters as the stored values the board's SQL compares."""
    def value(member: object) -> str | None:
        return None if member is None else str(getattr(member, "value", member))

    return BoardQuery(value(filters.department), value(filters.stage),
                      value(filters.technology), value(filters.focus_area),
                      value(filters.recommendation), filters.organisation)

