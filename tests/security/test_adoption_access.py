"""Who may record (and withdraw) that a department adopted a scaled initiative.

Department A belongs to steering group "Group A", B to "Group B" (tests/security/conftest):
a leader speaks for their own department adopting; a steering member for the initiatives
of their group; an administrator anywhere; viewers and key employees never.
"""

from __future__ import annotations

import pytest

from portfolio.errors import NotAllowed
from portfolio.i18n import ROLE_LABELS
from portfolio.models import Role, Stage
from portfolio.service.adoption import record_adoption, withdraw_adoption
from portfolio.storage import Database
from tests.factories import AS_OF, make_initiative
from tests.security.conftest import ACTORS, DEPARTMENTS
from tests.units import in_transaction

pytestmark = pytest.mark.security

V, K, L, S, A = (Role.VIEWER, Role.KEY_EMPLOYEE, Role.LEADER, Role.STEERING_MEMBER,
                 Role.ADMIN)

# (initiative, adopting department) -> roles that may record it
MATRIX = {
    ("B-SCALED", "A"): {L, A},  # A's leader records A adopting B's initiative
    ("A-SCALED", "B"): {S, A},  # Group A's member records B adopting A's initiative
}
CASES = [
    pytest.param(initiative, department, role, role in allowed,
                 id=f"{role.value}-{department}-adopts-{initiative}")
    for (initiative, department), allowed in MATRIX.items()
    for role in Role
]


@pytest.fixture
def spreading(db: Database) -> Database:
    with db.transaction() as store:
        for department in DEPARTMENTS:
            store.departments.save(department)
        for initiative_id, owner in (("A-SCALED", "A"), ("B-SCALED", "B")):
            store.initiatives.save(make_initiative(id=initiative_id, department=owner,
                                                   stage=Stage.SCALING))
    return db


def trail(db: Database) -> int:
    with db.reading() as store:
        return len(store.audit.recent(100_000))


@pytest.mark.parametrize(("initiative", "department", "role", "allowed"), CASES)
def test_a_role_may_record_an_adoption_only_where_the_role_model_allows(
    spreading: Database, initiative: str, department: str, role: Role, allowed: bool
) -> None:
    actor, before = ACTORS[role], trail(spreading)
    if allowed:
        in_transaction(spreading, record_adoption, actor, initiative, department, AS_OF)
        assert trail(spreading) == before + 1
    else:
        label = ROLE_LABELS[role]["en"]
        with pytest.raises(NotAllowed, match=f"{actor.username} \\({label}\\) may not "
                           "record adoptions of scaled initiatives in .*Ask an administrator"):
            in_transaction(spreading, record_adoption, actor, initiative, department, AS_OF)
        assert trail(spreading) == before


@pytest.mark.parametrize(("initiative", "department", "role", "allowed"), CASES)
def test_a_role_may_withdraw_an_adoption_only_where_it_may_record_one(
    spreading: Database, initiative: str, department: str, role: Role, allowed: bool
) -> None:
    in_transaction(spreading, record_adoption, ACTORS[A], initiative, department, AS_OF)
    actor, before = ACTORS[role], trail(spreading)
    if allowed:
        in_transaction(spreading, withdraw_adoption, actor, initiative, department)
        assert trail(spreading) == before + 1
    else:
        with pytest.raises(NotAllowed):
            in_transaction(spreading, withdraw_adoption, actor, initiative, department)
        assert trail(spreading) == before


def test_a_leader_may_not_record_another_department_adopting_their_own_initiative(
    spreading: Database,
) -> None:
    """The adopting department says it has adopted, not the department it comes from."""
    with pytest.raises(NotAllowed, match="may not record adoptions of scaled initiatives in B"):
        in_transaction(spreading, record_adoption, ACTORS[L], "A-SCALED", "B", AS_OF)
