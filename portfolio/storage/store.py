"""A unit of work's view of the database: one repository per noun, one connection."""

from __future__ import annotations

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
from portfolio.storage.radar import Radar
from portfolio.storage.realised import RealisedReader
from portfolio.storage.run_verdicts import RunVerdictsReader
from portfolio.storage.sessions import Sessions
from portfolio.storage.synthetic import Synthetic
from portfolio.storage.users import Contributors, Users


class Store:
    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self.departments = Departments(con)
        self.initiatives = Initiatives(con)
        self.kpis = Kpis(con)
        self.kpi_stats = KpiStatsReader(con)
        self.realised = RealisedReader(con)
        self.board = BoardReader(con)
        self.agenda_facts = AgendaFactsReader(con)
        self.initiative_index = InitiativeIndexReader(con)
        self.measurements = Measurements(con)
        self.evaluations = Evaluations(con)
        self.run_verdicts = RunVerdictsReader(con)
        self.decisions = Decisions(con)
        self.lessons = Lessons(con)
        self.lessons_index = LessonsIndexReader(con)
        self.audit = AuditLog(con)
        self.imports = Imports(con)
        self.policies = Policies(con)
        self.synthetic = Synthetic(con)
        self.people = People(con)
        self.users = Users(con)
        self.contributors = Contributors(con)
        self.adoptions = Adoptions(con)
        self.benefit_plans = BenefitPlans(con)
        self.sessions = Sessions(con)
        self.api_tokens = ApiTokens(con)
        self.webhooks = Webhooks(con)
        self.public_marks = PublicMarks(con)
        self.radar = Radar(con)
        self.initiative_pages = InitiativePages(con)
        self.organisations = Organisations(con)
        self.steering_groups = SteeringGroups(con)
