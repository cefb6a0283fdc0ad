"""Every use case × every role: allowed ones work and are audited, refused ones change
nothing and say why (the role model of docs/security.md)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from io import StringIO
from pathlib import Path
from typing import Any

import pytest

from portfolio.errors import NotAllowed
from portfolio.i18n import ROLE_LABELS
from portfolio.models import (
    Actor,
    BenefitLine,
    Decision,
    DecisionKind,
    Measurement,
    Person,
    Role,
    User,
)
from portfolio.review.policy import default_policy
from portfolio.service import (
    audit_log,
    backup,
    benefits,
    board,
    decisions,
    evaluation,
    imports,
    inbox,
    initiatives,
    lessons,
    people,
    policy_admin,
    queries,
    reports,
    steering,
    users,
)
from portfolio.storage import Database
from tests.factories import AS_OF, make_initiative, make_kpi
from tests.security.conftest import ACTORS
from tests.units import in_reading, in_transaction

pytestmark = pytest.mark.security

V, K, L, S, A = (Role.VIEWER, Role.KEY_EMPLOYEE, Role.LEADER, Role.STEERING_MEMBER,
                 Role.ADMIN)
EVERYONE = frozenset(Role)
UseCase = Callable[[Database, Actor, Path], Any]


def _file(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, "utf-8")
    return path


def _import(kind: str, text: str) -> UseCase:
    def run(db: Database, actor: Actor, folder: Path) -> Any:
        report = imports.import_file(db, actor, _file(folder, f"{kind}.csv", text), kind)
        assert report.rejected == 0, report.errors
        return report
    return run


def _inbox(db: Database, actor: Actor, folder: Path) -> Any:
    return inbox.ingest_inbox(db, actor, folder / "inbox", settle_seconds=0)


def _decide(db: Database, actor: Actor, folder: Path) -> Any:
    return in_transaction(db, decisions.record_decision, actor, Decision(
        initiative_id="A-1", kind=DecisionKind.CONTINUE, decided_by="", decided_on=AS_OF,
        rationale="On track.", next_review_on=AS_OF + timedelta(days=90)))


WRITES: dict[str, tuple[UseCase, frozenset[Role]]] = {
    "edit an initiative": (lambda db, a, f: in_transaction(
        db, initiatives.save_initiative,
        a, make_initiative(id="A-1", department="A", title="Renamed")), {L, A}),
    "register an initiative": (lambda db, a, f: in_transaction(
        db, initiatives.save_initiative,
        a, make_initiative(id="A-9", department="A", stage="idea")), {L, A}),
    "add a KPI": (lambda db, a, f: in_transaction(
        db, initiatives.save_kpi, a, make_kpi("complaints", initiative_id="A-1")), {L, A}),
    "record a measurement": (lambda db, a, f: in_transaction(
        db, initiatives.record_measurement,
        a, Measurement(initiative_id="A-1", kpi="digital share", on=AS_OF, value=90)),
        {K, L, A}),
    "import initiatives": (_import("initiatives", (
        "id,title,department,owner,stage,started_on,review_on,budget_dkk,spent_dkk\n"
        "A-7,New,A,x,idea,2025-01-01,2025-09-01,10,0\n")), {L, A}),
    "import KPIs": (_import("kpis", (
        "initiative_id,kpi,unit,direction,baseline,target,kind,weight\n"
        "A-1,walk-ins,n,lower,100,50,guardrail,1\n")), {L, A}),
    "import measurements": (_import("measurements", (
        "initiative_id,kpi,date,value\nA-1,digital share,2025-06-15,91\n")), {K, L, A}),
    "ingest the inbox": (_inbox, {L, A}),
    "plan a benefit in kroner": (lambda db, a, f: in_transaction(
        db, benefits.save_benefit_line,
        a, BenefitLine(initiative_id="A-1", year=2025, benefit="Porto",
                           budget_line="3.22", planned=500)), {L, A}),
    "record a realised benefit": (lambda db, a, f: in_transaction(
        db, benefits.record_realised, a, ("A-1", 2025, "cashable", "Kørsel"), 800), {K, L, A}),
    "import benefit plans": (_import("benefits", (
        "initiativ;år;gevinst;budgetlinje;planlagt_kr\nA-1;2025;Husleje;5.32;100\n")),
        {L, A}),
    "record a decision": (_decide, {S, A}),
    "add a lesson": (lambda db, a, f: in_transaction(
        db, decisions.add_lesson, a, "A-1", "Involve citizens early.", AS_OF), {L, A}),
    "evaluate the portfolio": (lambda db, a, f: evaluation.evaluate_now(
        db, a, AS_OF, "run-1"), {L, S, A}),
    "store a run computed by the core": (lambda db, a, f: evaluation.store_run(
        db, a, "run-2", AS_OF), {L, S, A}),
    "activate a review policy": (lambda db, a, f: in_transaction(
        db, policy_admin.activate_policy,
        a, default_policy().next_version(guardrail={"max_worsening": 0.2})), {A}),
    "add a user": (lambda db, a, f: in_transaction(
        db, users.add_user, a, User(username="newbie", role=Role.VIEWER)), {A}),
    "change a user's role": (lambda db, a, f: in_transaction(
        db, users.update_user, a, User(username="viv", role=Role.LEADER, departments=("A",))), {A}),
    "disable a user": (lambda db, a, f: in_transaction(db, users.set_active, a, "viv", False), {A}),
    "reset a password": (lambda db, a, f: in_transaction(db, users.reset_password, a, "viv"), {A}),
    "assign a key employee": (lambda db, a, f: in_transaction(
        db, users.assign_contributor, a, "A-2", "kim"), {L, A}),
    "route someone's mail": (lambda db, a, f: in_transaction(
        db, people.save_person, a, Person(name="Ann", email="ann@example.org")), {A}),
    "export the audit log": (lambda db, a, f: audit_log.export_audit_csv(
        db, a, StringIO()), {A}),
    "back up the database": (lambda db, a, f: backup.back_up(
        db, a, folder=f / "backups"), {A}),
}

READS: dict[str, tuple[UseCase, frozenset[Role]]] = {
    "read the board": (lambda db, a, f: in_reading(db, board.portfolio_board, a, AS_OF), EVERYONE),
    "read an initiative": (lambda db, a, f: in_reading(db, queries.initiative_detail,
                                                       a, "B-1"), EVERYONE),
    "search lessons": (lambda db, a, f: in_reading(db, lessons.search_lessons, a, "x"), EVERYONE),
    "read the steering agenda": (lambda db, a, f: in_reading(db, steering.agenda, a, AS_OF),
                                 EVERYONE),
    "read the portfolio report": (lambda db, a, f: in_reading(db, reports.portfolio_material, a),
                                  EVERYONE),
    "read a benefit plan": (lambda db, a, f: in_reading(db, benefits.benefit_plan_of, a, "A-1"),
                            EVERYONE),
    "read the kroner planned and realised": (lambda db, a, f: in_reading(
        db, benefits.kroner_view, a, AS_OF), EVERYONE),
    "read the review policy": (lambda db, a, f: in_reading(db, policy_admin.policy_overview, a),
                               EVERYONE),
    "preview a policy change": (lambda db, a, f: in_reading(
        db, policy_admin.what_if,
        a, default_policy().next_version(guardrail={"max_worsening": 0.2}), AS_OF), {A}),
    "preview a run (stores nothing)": (lambda db, a, f: evaluation.preview(db, a, AS_OF),
                                       {L, S, A}),
    "read every department's KPI statistics for a run": (
        lambda db, a, f: evaluation.prepare_run(db, a, AS_OF), {L, S, A}),
    "read when evaluation last ran": (lambda db, a, f: evaluation.last_run(db, a), EVERYONE),
    "list users": (lambda db, a, f: in_reading(db, users.list_users, a), {A}),
    "read the address book": (lambda db, a, f: in_reading(db, people.address_book, a), {A}),
}

CASES = [
    pytest.param(name, use_case, role, role in allowed, write, id=f"{role.value}-{name}")
    for write, table in ((True, WRITES), (False, READS))
    for name, (use_case, allowed) in table.items()
    for role in Role
]


def test_the_matrix_covers_every_role_for_at_least_forty_cases() -> None:
    assert len(CASES) >= 40 and {c.values[2] for c in CASES} == set(Role)


@pytest.mark.parametrize(("name", "use_case", "role", "allowed", "write"), CASES)
def test_a_role_may_do_only_what_the_role_model_allows(
    portfolio: Database, tmp_path: Path, audit_count: Callable[[], int],
    name: str, use_case: UseCase, role: Role, allowed: bool, write: bool,
) -> None:
    (tmp_path / "inbox").mkdir()
    _file(tmp_path / "inbox", "measurements.csv",
          "initiative_id,kpi,date,value\nA-1,digital share,2025-06-16,92\n")
    before = audit_count()
    if allowed:
        use_case(portfolio, ACTORS[role], tmp_path)
        assert audit_count() > before if write else audit_count() == before
    else:
        label = ROLE_LABELS[role]["en"]
        with pytest.raises(NotAllowed, match=f"{ACTORS[role].username} \\({label}\\) "
                           "may not .*Ask an administrator"):
            use_case(portfolio, ACTORS[role], tmp_path)
        assert audit_count() == before
