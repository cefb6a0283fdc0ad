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
from portfolio.storage import Store

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
        scope += [d.name for d in departments if d.steering_group == user.steering_group
                  and (not user.organisation or d.organisation in ("", user.organisation))]
    return Actor(username=user.username, role=user.role,
                 departments=tuple(dict.fromkeys(scope)), language=user.language,
                 organisation=user.organisation)


def actor_for(store: Store, username: str) -> Actor:
    """The Actor of an existing, active account (the CLI's --as; a dashboard session
    re-reads it on every run, so a disabled account or a changed role applies at once)."""
    return live_actor(store, username)


def live_actor(store: Store, username: str) -> Actor:
    """actor_for inside a unit of work that reads more (a dashboard session)."""
    user = store.users.get(username)
    if user is None:
        raise NotFound(code="user.unknown", params={"username": username})
    if not user.active:
        raise NotAllowed(code="user.disabled", params={"username": username})
    return actor_of(user, store.departments.all())


def list_users(store: Store, actor: Actor) -> list[User]:
    """Every account; an organisation's administrator sees their organisation's only."""
    authorize(actor, Permission.ADMIN_USERS)
    return [u for u in store.users.all() if _mine(actor, u)]


def _mine(actor: Actor, user: User) -> bool:
    """Whether `actor` administers `user`: a national administrator every account, an
    organisation's administrator the accounts of that organisation only (#13)."""
    return not actor.organisation or user.organisation == actor.organisation


def _in_scope(store: Store, actor: Actor, user: User) -> User:
    """`user` placed in the acting administrator's organisation, or refused when it names
    another one (or none: a national account is for a national administrator to make)."""
    if actor.organisation:
        if user.organisation and user.organisation != actor.organisation:
            raise NotAllowed(code="access.other_organisation",
                             params={"user": actor.username, "organisation": user.organisation})
        user = user.model_copy(update={"organisation": actor.organisation})
    if user.organisation and store.organisations.get(user.organisation) is None:
        raise ValidationFailed(field="organisation", code="organisation.unknown",
                               params={"organisation": user.organisation})
    return _in_group_organisation(store, user)


def _in_group_organisation(store: Store, user: User) -> User:
    """A steering member without an organisation, named to a group of exactly one
    organisation, belongs to that organisation: a national administrator adding the
    members of a municipality's group (before its departments exist) places them there,
    so they read that municipality's agenda and no other."""
    if user.organisation or not user.steering_group:
        return user
    homes = sorted({g.organisation for g in store.steering_groups.named(user.steering_group)})
    if len(homes) > 1:  # a group's identity is organisation + name (#13): say which
        raise ValidationFailed(field="organisation",
                               code="user.group_in_several_organisations",
                               params={"group": user.steering_group,
                                       "organisations": tuple(homes)})
    return user.model_copy(update={"organisation": homes[0]}) if homes else user


def _validate(store: Store, user: User) -> None:
    known = {d.name: d for d in store.departments.all(user.organisation or None)}
    unknown = [d for d in user.departments if d not in known]
    if unknown:
        raise ValidationFailed(field="departments", code="user.unknown_departments",
                               params={"unknown": tuple(unknown), "known": tuple(sorted(known))})
    if user.steering_group and user.role is not Role.STEERING_MEMBER:
        raise ValidationFailed(field="steering_group", code="user.steering_group_role")
    # A group set up on the Organisation page has no departments yet on the first day.
    groups = {d.steering_group for d in known.values() if d.steering_group} | {
        g.name for g in store.steering_groups.all(user.organisation or None)}
    if user.steering_group and user.steering_group not in groups:
        raise ValidationFailed(field="steering_group", code="user.unknown_steering_group",
                               params={"group": user.steering_group,
                                       "known": tuple(sorted(groups))})
    if user.role is Role.LEADER and not user.departments:
        raise ValidationFailed(field="departments", code="user.leader_needs_department")
    if (user.role is Role.STEERING_MEMBER and not user.steering_group
            and not user.departments):
        raise ValidationFailed(field="steering_group", code="user.steering_needs_group")


def _create(store: Store, actor: Actor, user: User, password: str, *, must_change: bool) -> None:
    store.users.save(user)
    store.users.set_password(user.username, hash_password(password), must_change=must_change)
    audit.record(store, actor, "create", "user", user.username, after=user)


def add_user(store: Store, actor: Actor, user: User) -> Issued:
    """Create an account with a one-time password that must be changed at first sign-in."""
    authorize(actor, Permission.ADMIN_USERS)
    user = user.model_copy(update={"must_change_password": True, "active": True})
    password = one_time_password()
    if store.users.get(user.username) is not None:
        raise ValidationFailed(field="username", code="user.exists",
                               params={"username": user.username})
    user = _in_scope(store, actor, user)
    _validate(store, user)
    _create(store, actor, user, password, must_change=True)
    return Issued(user, password)


def _existing(store: Store, username: str, actor: Actor | None = None) -> User:
    """The account `username`; with `actor`, only one that actor administers."""
    user = store.users.get(username)
    if user is None or (actor is not None and not _mine(actor, user)):
        raise NotFound(code="user.not_found", params={"username": username})
    return user


def _keep_an_admin(store: Store, before: User, after: User) -> None:
    if before.role is Role.ADMIN and before.active and not (
            after.role is Role.ADMIN and after.active):
        admins = [u for u in store.users.all() if u.role is Role.ADMIN and u.active]
        if len(admins) <= 1:
            raise ValidationFailed(field="role", code="user.last_admin")


def update_user(store: Store, actor: Actor, user: User) -> User:
    """Change an account's name, role, scope, language or whether it is active."""
    authorize(actor, Permission.ADMIN_USERS)
    before = _existing(store, user.username, actor)
    user = user.model_copy(update={"must_change_password": before.must_change_password})
    user = _in_scope(store, actor, user)
    _validate(store, user)
    _keep_an_admin(store, before, user)
    if user != before:
        store.users.save(user)
        audit.record(store, actor, "update", "user", user.username, before, user)
    return user


def set_own_language(store: Store, actor: Actor, language: str) -> User | None:
    """The signed-in user's choice of language (da or en), kept on the account so the next
    sign-in, e-mail and report start in it (#13). None for an actor without an account
    (the local operator). Every user may choose their own; audited like any change."""
    authorize(actor, Permission.READ)
    if language not in ("da", "en"):
        raise ValidationFailed(field="language", code="user.language")
    before = store.users.get(actor.username)
    if before is None or before.language == language:
        return before
    after = before.model_copy(update={"language": language})
    store.users.save(after)
    audit.record(store, actor, "update", "user", actor.username, before, after)
    return after


def set_active(store: Store, actor: Actor, username: str, active: bool) -> User:
    """Disable (or enable again) an account; a disabled user cannot sign in or act."""
    authorize(actor, Permission.ADMIN_USERS)
    before = _existing(store, username, actor)
    after = before.model_copy(update={"active": active})
    _keep_an_admin(store, before, after)
    if after != before:
        store.users.save(after)
        if not active:
            store.sessions.end_all_of(username)  # signed out in every open tab
        audit.record(store, actor, "enable" if active else "disable", "user", username,
                     before, after)
    return after


def reset_password(store: Store, actor: Actor, username: str) -> Issued:
    """A new one-time password; the old one stops working, and a lock-out is lifted."""
    authorize(actor, Permission.ADMIN_USERS)
    password = one_time_password()
    user = _existing(store, username, actor).model_copy(
        update={"must_change_password": True})
    store.users.set_password(username, hash_password(password), must_change=True)
    store.sessions.end_all_of(username)  # whoever knew the old password is out
    audit.record(store, actor, "reset_password", "user", username,
                 after={"must_change_password": True})
    return Issued(user, password)


def change_password(
    store: Store, actor: Actor, current: str, new: str, *, min_length: int
) -> None:
    """A user changes their own password (required after a one-time password)."""
    check_policy(new, actor.username, min_length)
    if new == current:
        raise ValidationFailed(field="password", code="password.same")
    user = _existing(store, actor.username)
    if not verify(store.users.password_hash(actor.username), current):
        raise ValidationFailed(field="current_password", code="password.current_wrong")
    store.users.set_password(user.username, hash_password(new), must_change=False)
    audit.record(store, actor, "change_password", "user", user.username,
                 after={"must_change_password": False})


def create_first_admin(store: Store, actor: Actor, username: str = FIRST_ADMIN) -> Issued | None:
    """On a database without accounts: the first administrator, with a one-time password
    (`failscale init` prints it once). None when accounts exist already."""
    authorize(actor, Permission.ADMIN_USERS)
    password = one_time_password()
    user = User(username=username, display_name="Administrator", role=Role.ADMIN,
                must_change_password=True)
    if store.users.count():
        return None
    _create(store, actor, user, password, must_change=True)
    return Issued(user, password)


def demo_account(demo: DemoUser, departments: Sequence[Department]) -> User:
    """A demo user as an account; a steering member gets the group of their departments."""
    groups = {d.name: d.steering_group for d in departments}
    group = next((groups[d] for d in demo.departments if groups.get(d)), "")
    steering = demo.role is Role.STEERING_MEMBER and group
    home = next((d.organisation for d in departments if d.name in demo.departments), "")
    return User(username=demo.username, display_name=demo.display_name, role=demo.role,
                departments=() if steering else demo.departments,
                steering_group=group if steering else "", language=demo.language,
                organisation="" if demo.role is Role.ADMIN else home)


def create_demo_users(store: Store, actor: Actor, demo_users: Sequence[DemoUser]) -> list[Issued]:
    """The demo's users with random passwords (demo mode only: `failscale demo` prints
    them once). Existing accounts are left alone."""
    authorize(actor, Permission.ADMIN_USERS)
    issued = []
    departments = store.departments.all()
    for demo in demo_users:
        if store.users.get(demo.username) is None:
            user = demo_account(demo, departments)
            password = one_time_password()
            _create(store, actor, user, password, must_change=False)
            issued.append(Issued(user, password))
    return issued


def assign_contributor(
    store: Store, actor: Actor, initiative_id: str, username: str, *, assigned: bool = True
) -> bool:
    """Let a key employee record measurements on one initiative (or stop it); leaders of
    the initiative's department and administrators decide. True when something changed."""
    initiative = store.initiatives.get(initiative_id)
    if initiative is None:
        raise NotFound(code="initiative.not_found", params={"id": initiative_id})
    authorize(actor, Permission.EDIT_INITIATIVE, initiative.department,
              organisation=initiative.organisation)
    user = _existing(store, username)
    if user.role is not Role.KEY_EMPLOYEE:
        raise ValidationFailed(field="username", code="user.not_key_employee",
                               params={"username": username, "role": user.role})
    change = (store.contributors.assign if assigned else store.contributors.unassign)
    changed = change(initiative_id, username)
    if changed:
        audit.record(store, actor, "assign" if assigned else "unassign", "initiative",
                     initiative_id, after={"contributor": username})
    return changed


def contributors(store: Store, actor: Actor, initiative_id: str) -> tuple[str, ...]:
    authorize(actor, Permission.READ)
    return store.contributors.for_initiative(initiative_id)
