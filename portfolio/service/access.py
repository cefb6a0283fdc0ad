"""Who may do what: checked here, in the core, whatever the UI shows.

The dashboard hides what this refuses, but hiding is a courtesy; this is the lock.
"""

from __future__ import annotations

from collections.abc import Collection
from enum import StrEnum

from portfolio.errors import NotAllowed
from portfolio.models import Actor, Role
from portfolio.scope import Scope


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
    AUDIT = "audit"  # read and export the whole audit log: admin only
    # A department adopted a scaled initiative: its leader, or the initiative's steering
    # group (service/adoption.py picks which department the scope is checked in).
    RECORD_ADOPTION = "record_adoption"
    # Show an initiative on the public results page, or change how (#19): admin only.
    PUBLISH = "publish"
    # Organisations, departments, steering groups and the address book (#13): an
    # organisation's administrator in their own, a national administrator in all.
    ADMIN_ORGANISATION = "admin_organisation"


ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.VIEWER: frozenset({Permission.READ}),
    Role.KEY_EMPLOYEE: frozenset({Permission.READ, Permission.RECORD_MEASUREMENT}),
    Role.LEADER: frozenset(
        {Permission.READ, Permission.EDIT_INITIATIVE, Permission.RECORD_MEASUREMENT,
         Permission.IMPORT, Permission.EVALUATE, Permission.RECORD_ADOPTION}
    ),
    Role.STEERING_MEMBER: frozenset({Permission.READ, Permission.DECIDE, Permission.EVALUATE,
                                     Permission.RECORD_ADOPTION}),
    Role.ADMIN: frozenset(Permission),
}

# Roles whose rights reach only the departments listed on the actor.
SCOPED_ROLES = frozenset({Role.LEADER, Role.STEERING_MEMBER, Role.KEY_EMPLOYEE})


def scope_of(actor: Actor, permission: Permission, *,
             assigned: Collection[str] = ()) -> Scope:
    """Where `actor` may exercise `permission` (whether they may at all is the role's:
    see can). `assigned`: the initiatives `actor` is a contributor of, which a key
    employee records measurements on whatever their department (#5). Storage filters
    rows by this very value (#16)."""
    scoped = actor.role in SCOPED_ROLES and permission is not Permission.READ
    reach = (assigned if actor.role is Role.KEY_EMPLOYEE
             and permission is Permission.RECORD_MEASUREMENT else ())
    return Scope(actor.organisation or "",
                 frozenset(actor.departments) if scoped else None, frozenset(reach))


def within(actor: Actor, organisation: str | None) -> bool:
    """Whether `organisation` is one `actor` acts in: a national actor (no organisation of
    their own) acts in every one; the others in their own only. "" (not known) passes, for
    data from before organisations (#13)."""
    return Scope(actor.organisation or "").reaches_organisation(organisation)


# can() asks about one initiative, known to it by its contributors rather than its id.
_THIS = "this initiative"


def can(
    actor: Actor, permission: Permission, department: str | None = None,
    *, contributors: Collection[str] = (), organisation: str | None = None,
) -> bool:
    """Whether `actor` may do this (in `department`, for an initiative whose assigned
    contributors are `contributors`). Without a department: whether the role may at all.

    A key employee records measurements on the initiatives assigned to them, and on every
    initiative of the departments on their account (a standing assignment); a steering
    member's departments are those of their steering group (resolved at sign-in).
    `organisation`: the department's organisation; department identity is organisation +
    name, so an actor of another organisation is refused whatever the department's name.
    """
    if permission not in ROLE_PERMISSIONS.get(actor.role, frozenset()):
        return False
    if department is None:
        return within(actor, organisation)
    mine = (_THIS,) if actor.username in contributors else ()
    return scope_of(actor, permission, assigned=mine).admits(department, organisation, _THIS)


def authorize(
    actor: Actor, permission: Permission, department: str | None = None,
    *, contributors: Collection[str] = (), organisation: str | None = None,
) -> None:
    if not can(actor, permission, department, contributors=contributors,
               organisation=organisation):
        if not within(actor, organisation):
            raise NotAllowed(code="access.other_organisation", params={
                "user": actor.username, "organisation": organisation or ""})
        raise NotAllowed(
            code="access.denied_in" if department else "access.denied",
            params={"user": actor.username, "role": actor.role, "permission": permission,
                    **({"department": department} if department else {})},
        )
