"""A unit of work's view of the database: one repository per noun, one connection.

A repository is built the first time a use case asks for it, not for every unit of work
(#16): most units of work touch two or three of them. The connection stays inside
storage: nothing outside portfolio/storage reads `Store.con` (tests/architecture).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar, overload

import duckdb

from portfolio.storage.adoptions import Adoptions
from portfolio.storage.agenda_facts import AgendaFactsReader
from portfolio.storage.audit import AuditLog
from portfolio.storage.benefit_plan import BenefitPlans
from portfolio.storage.board import BoardReader
from portfolio.storage.decisions import Decisions, Lessons
from portfolio.storage.evaluations import Evaluations
from portfolio.storage.imports import Imports
from portfolio.storage.initiative_index import InitiativeIndexReader
from portfolio.storage.initiatives import Departments, Initiatives, Kpis
from portfolio.storage.kpi_stats import KpiStatsReader
from portfolio.storage.lessons_index import LessonsIndexReader
from portfolio.storage.measurements import Measurements
from portfolio.storage.openness import ApiTokens, InitiativePages, PublicMarks, Webhooks
from portfolio.storage.organisations import Organisations, SteeringGroups
from portfolio.storage.people import People
from portfolio.storage.policies import Policies
from portfolio.storage.portfolio_tables import PortfolioTablesReader
from portfolio.storage.radar import Radar
from portfolio.storage.realised import RealisedReader
from portfolio.storage.run_verdicts import RunVerdictsReader
from portfolio.storage.sessions import Sessions
from portfolio.storage.synthetic import Synthetic
from portfolio.storage.users import Contributors, Users

R = TypeVar("R")


class _Repository(Generic[R]):
    """A Store attribute that builds its repository on first use and keeps it."""

    def __init__(self, build: Callable[[duckdb.DuckDBPyConnection], R]) -> None:
        self.build = build
        self.name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, store: None, owner: type | None = None) -> _Repository[R]: ...
    @overload
    def __get__(self, store: Store, owner: type | None = None) -> R: ...
    def __get__(self, store: Store | None, owner: Any = None) -> R | _Repository[R]:
        if store is None:
            return self
        repository = self.build(store.con)
        store.__dict__[self.name] = repository  # the next read finds it without us
        return repository


class Store:
    """One repository per noun over the unit of work's connection, each built when used."""

    departments = _Repository(Departments)
    initiatives = _Repository(Initiatives)
    kpis = _Repository(Kpis)
    kpi_stats = _Repository(KpiStatsReader)
    realised = _Repository(RealisedReader)
    portfolio_tables = _Repository(PortfolioTablesReader)
    board = _Repository(BoardReader)
    agenda_facts = _Repository(AgendaFactsReader)
    initiative_index = _Repository(InitiativeIndexReader)
    measurements = _Repository(Measurements)
    evaluations = _Repository(Evaluations)
    run_verdicts = _Repository(RunVerdictsReader)
    decisions = _Repository(Decisions)
    lessons = _Repository(Lessons)
    lessons_index = _Repository(LessonsIndexReader)
    audit = _Repository(AuditLog)
    imports = _Repository(Imports)
    policies = _Repository(Policies)
    synthetic = _Repository(Synthetic)
    people = _Repository(People)
    users = _Repository(Users)
    contributors = _Repository(Contributors)
    adoptions = _Repository(Adoptions)
    benefit_plans = _Repository(BenefitPlans)
    sessions = _Repository(Sessions)
    api_tokens = _Repository(ApiTokens)
    webhooks = _Repository(Webhooks)
    public_marks = _Repository(PublicMarks)
    radar = _Repository(Radar)
    initiative_pages = _Repository(InitiativePages)
    organisations = _Repository(Organisations)
    steering_groups = _Repository(SteeringGroups)

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
