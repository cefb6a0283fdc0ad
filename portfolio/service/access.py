"""Who may do what: checked here, in the core, whatever the UI shows.

The dashboard hides what this refuses, but hiding is a courtesy; this is the lock.
"""

from __future__ import annotations

from enum import StrEnum

from portfolio.errors import NotAllowed
from portfolio.models import Actor, Role


class Permission(StrEnum):
    READ = "read"
    EDIT_INITIATIVE = "edit_initiative"
    RECORD_MEASUREMENT = "record_measurement"
    IMPORT = "import"
    DECIDE = "decide"
    EVALUATE = "evaluate"
    ADMIN_POLICY = "admin_policy"
    ADMIN_USERS = "admin_users"
    BACKUP = "backup"  # back up and restore the database: admin (the operator) only


ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.VIEWER: frozenset({Permission.READ}),
    Role.KEY_EMPLOYEE: frozenset({Permission.READ, Permission.RECORD_MEASUREMENT}),
    Role.LEADER: frozenset(
        {Permission.READ, Permission.EDIT_INITIATIVE, Permission.RECORD_MEASUREMENT,
         Permission.IMPORT, Permission.EVALUATE}
    ),
    Role.STEERING_MEMBER: frozenset({Permission.READ, Permission.DECIDE, Permission.EVALUATE}),
    Role.ADMIN: frozenset(Permission),
}

# Roles whose rights reach only the departments listed on the actor.
SCOPED_ROLES = frozenset({Role.LEADER, Role.STEERING_MEMBER, Role.KEY_EMPLOYEE})


def can(actor: Actor, permission: Permission, department: str | None = None) -> bool:
    if permission not in ROLE_PERMISSIONS.get(actor.role, frozenset()):
        return False
    if department is None or permission is Permission.READ:
        return True
    return actor.role not in SCOPED_ROLES or department in actor.departments


def authorize(actor: Actor, permission: Permission, department: str | None = None) -> None:
    if not can(actor, permission, department):
        where = f" in {department}" if department else ""
        raise NotAllowed(
            f"{actor.username} ({actor.role.value}) may not {permission.value.replace('_', ' ')}"
            f"{where}. Ask an administrator for the right role or department."
        )
