"""Accounts: who may sign in, with which role and scope, and who contributes to what.

Only administrators change accounts. A new or reset password is a one-time password: it
is returned once (to be handed over), stored only as a hash, and must be changed at the
next sign-in. Accounts are disabled, never deleted, so the audit trail keeps naming them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from portfolio.demo import DemoUser
from portfolio.errors import NotAllowed, NotFound, ValidationFailed
from portfolio.models import Actor, Department, Role, User
from portfolio.service import audit
from portfolio.service.access import Permission, authorize
from portfolio.service.passwords import check_policy, hash_password, one_time_password, verify
from portfolio.storage import Database, Store

FIRST_ADMIN = "admin"


@dataclass(frozen=True)
class Issued:
    """An account and the password to hand over. Shown once; never stored in clear."""

    user: User
    password: str = ""

    def __repr__(self) -> str:  # keep the password out of tracebacks and logs
        return f"Issued(user={self.user.username!r}, password=<hidden>)"


def actor_of(user: User, departments: Sequence[Department]) -> Actor:
    """The Actor a user acts as: a steering member's scope is their group's departments."""
    scope = list(user.departments)
    if user.role is Role.STEERING_MEMBER and user.steering_group:
        scope += [d.name for d in departments if d.steering_group == user.steering_group]
    return Actor(username=user.username, role=user.role,
                 departments=tuple(dict.fromkeys(scope)), language=user.language)


def actor_for(db: Database, username: str) -> Actor:
    """The Actor of an existing, active account (the CLI's --as; a dashboard session
    re-reads it on every run, so a disabled account or a changed role applies at once)."""
    with db.reading() as store:
        user = store.users.get(username)
        if user is None:
            raise NotFound(f"There is no user {username!r}. An administrator adds users with "
                           "`failscale user add` or on the Users page.")
        if not user.active:
            raise NotAllowed(f"The user {username!r} is disabled. Ask an administrator.")
        return actor_of(user, store.departments.all())


def list_users(db: Database, actor: Actor) -> list[User]:
    authorize(actor, Permission.ADMIN_USERS)
    with db.reading() as store:
        return store.users.all()


def _validate(store: Store, user: User) -> None:
    known = {d.name: d for d in store.departments.all()}
    unknown = [d for d in user.departments if d not in known]
    if unknown:
        raise ValidationFailed(f"Unknown department(s): {', '.join(unknown)}. "
                               f"Known: {', '.join(sorted(known)) or 'none'}.",
                               field="departments")
    if user.steering_group and user.role is not Role.STEERING_MEMBER:
        raise ValidationFailed("Only a steering member belongs to a steering group.",
                               field="steering_group")
    groups = {d.steering_group for d in known.values() if d.steering_group}
    if user.steering_group and user.steering_group not in groups:
        raise ValidationFailed(f"There is no steering group {user.steering_group!r}. "
                               f"Known: {', '.join(sorted(groups)) or 'none'}.",
                               field="steering_group")
    if user.role is Role.LEADER and not user.departments:
        raise ValidationFailed("A leader needs at least one department.", field="departments")
    if (user.role is Role.STEERING_MEMBER and not user.steering_group
            and not user.departments):
        raise ValidationFailed("A steering member needs a steering group (or departments).",
                               field="steering_group")


def _create(store: Store, actor: Actor, user: User, password: str, *, must_change: bool) -> None:
    store.users.save(user)
    store.users.set_password(user.username, hash_password(password), must_change=must_change)
    audit.record(store, actor, "create", "user", user.username, after=user)


def add_user(db: Database, actor: Actor, user: User) -> Issued:
    """Create an account with a one-time password that must be changed at first sign-in."""
    authorize(actor, Permission.ADMIN_USERS)
    user = user.model_copy(update={"must_change_password": True, "active": True})
    password = one_time_password()
    with db.transaction() as store:
        if store.users.get(user.username) is not None:
            raise ValidationFailed(f"The user {user.username!r} exists already.",
                                   field="username")
        _validate(store, user)
        _create(store, actor, user, password, must_change=True)
    return Issued(user, password)


def _existing(store: Store, username: str) -> User:
    user = store.users.get(username)
    if user is None:
        raise NotFound(f"There is no user {username!r}.")
    return user


def _keep_an_admin(store: Store, before: User, after: User) -> None:
    if before.role is Role.ADMIN and before.active and not (
            after.role is Role.ADMIN and after.active):
        admins = [u for u in store.users.all() if u.role is Role.ADMIN and u.active]
        if len(admins) <= 1:
            raise ValidationFailed("At least one active administrator must remain.",
                                   field="role")


def update_user(db: Database, actor: Actor, user: User) -> User:
    """Change an account's name, role, scope, language or whether it is active."""
    authorize(actor, Permission.ADMIN_USERS)
    with db.transaction() as store:
        before = _existing(store, user.username)
        user = user.model_copy(update={"must_change_password": before.must_change_password})
        _validate(store, user)
        _keep_an_admin(store, before, user)
        if user != before:
            store.users.save(user)
            audit.record(store, actor, "update", "user", user.username, before, user)
    return user


def set_active(db: Database, actor: Actor, username: str, active: bool) -> User:
    """Disable (or enable again) an account; a disabled user cannot sign in or act."""
    authorize(actor, Permission.ADMIN_USERS)
    with db.transaction() as store:
        before = _existing(store, username)
        after = before.model_copy(update={"active": active})
        _keep_an_admin(store, before, after)
        if after != before:
            store.users.save(after)
            audit.record(store, actor, "enable" if active else "disable", "user", username,
                         before, after)
    return after


def reset_password(db: Database, actor: Actor, username: str) -> Issued:
    """A new one-time password; the old one stops working, and a lock-out is lifted."""
    authorize(actor, Permission.ADMIN_USERS)
    password = one_time_password()
    with db.transaction() as store:
        user = _existing(store, username).model_copy(update={"must_change_password": True})
        store.users.set_password(username, hash_password(password), must_change=True)
        audit.record(store, actor, "reset_password", "user", username,
                     after={"must_change_password": True})
    return Issued(user, password)


def change_password(
    db: Database, actor: Actor, current: str, new: str, *, min_length: int
) -> None:
    """A user changes their own password (required after a one-time password)."""
    check_policy(new, actor.username, min_length)
    if new == current:
        raise ValidationFailed("Choose a new password, not the current one.", field="password")
    with db.transaction() as store:
        user = _existing(store, actor.username)
        if not verify(store.users.password_hash(actor.username), current):
            raise ValidationFailed("The current password is not right.",
                                   field="current_password")
        store.users.set_password(user.username, hash_password(new), must_change=False)
        audit.record(store, actor, "change_password", "user", user.username,
                     after={"must_change_password": False})


def create_first_admin(db: Database, actor: Actor, username: str = FIRST_ADMIN) -> Issued | None:
    """On a database without accounts: the first administrator, with a one-time password
    (`failscale init` prints it once). None when accounts exist already."""
    authorize(actor, Permission.ADMIN_USERS)
    password = one_time_password()
    user = User(username=username, display_name="Administrator", role=Role.ADMIN,
                must_change_password=True)
    with db.transaction() as store:
        if store.users.count():
            return None
        _create(store, actor, user, password, must_change=True)
    return Issued(user, password)


def demo_account(demo: DemoUser, departments: Sequence[Department]) -> User:
    """A demo user as an account; a steering member gets the group of their departments."""
    groups = {d.name: d.steering_group for d in departments}
    group = next((groups[d] for d in demo.departments if groups.get(d)), "")
    steering = demo.role is Role.STEERING_MEMBER and group
    return User(username=demo.username, display_name=demo.display_name, role=demo.role,
                departments=() if steering else demo.departments,
                steering_group=group if steering else "", language=demo.language)


def create_demo_users(db: Database, actor: Actor, demo_users: Sequence[DemoUser]) -> list[Issued]:
    """The demo's users with random passwords (demo mode only: `failscale demo` prints
    them once). Existing accounts are left alone."""
    authorize(actor, Permission.ADMIN_USERS)
    issued = []
    with db.transaction() as store:
        departments = store.departments.all()
        for demo in demo_users:
            if store.users.get(demo.username) is None:
                user = demo_account(demo, departments)
                password = one_time_password()
                _create(store, actor, user, password, must_change=False)
                issued.append(Issued(user, password))
    return issued


def assign_contributor(
    db: Database, actor: Actor, initiative_id: str, username: str, *, assigned: bool = True
) -> bool:
    """Let a key employee record measurements on one initiative (or stop it); leaders of
    the initiative's department and administrators decide. True when something changed."""
    with db.transaction() as store:
        initiative = store.initiatives.get(initiative_id)
        if initiative is None:
            raise NotFound(f"There is no initiative with id {initiative_id!r}.")
        authorize(actor, Permission.EDIT_INITIATIVE, initiative.department)
        user = _existing(store, username)
        if user.role is not Role.KEY_EMPLOYEE:
            raise ValidationFailed(f"{username} is a {user.role.value}; only key employees are "
                                   "assigned to initiatives.", field="username")
        change = (store.contributors.assign if assigned else store.contributors.unassign)
        changed = change(initiative_id, username)
        if changed:
            audit.record(store, actor, "assign" if assigned else "unassign", "initiative",
                         initiative_id, after={"contributor": username})
    return changed


def contributors(db: Database, actor: Actor, initiative_id: str) -> tuple[str, ...]:
    authorize(actor, Permission.READ)
    with db.reading() as store:
        return store.contributors.for_initiative(initiative_id)
