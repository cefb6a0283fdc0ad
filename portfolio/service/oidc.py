"""OpenID Connect sign-in: the identity provider's claims decide role and scope.

The dashboard signs the user in with `st.login` (e.g. Microsoft Entra ID); what the
provider says about them arrives as ID-token claims. `user_from_claims` maps those to an
account (pure, tested without a provider); `oidc_sign_in` applies it, honours a local
account that an administrator disabled, and audits the sign-in. docs/security.md shows
how to configure Entra ID.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from portfolio.errors import SignInFailed
from portfolio.models import Role, User
from portfolio.service import audit
from portfolio.service.signin import ANONYMOUS, SignedIn
from portfolio.service.users import actor_of
from portfolio.settings import Settings
from portfolio.storage import Database

# When several claim values map, the most powerful role wins.
RANK = (Role.VIEWER, Role.KEY_EMPLOYEE, Role.LEADER, Role.STEERING_MEMBER, Role.ADMIN)
USERNAME_CLAIMS = ("preferred_username", "email", "upn", "sub")


@dataclass(frozen=True)
class ClaimMapping:
    role_claim: str = "roles"
    role_map: Mapping[str, str] = field(default_factory=dict)
    """Claim value (an Entra app role or group id) to a role name."""
    department_claim: str = "department"
    default_role: str = ""
    """Role of a user whose claims map to none; empty: such a user is refused."""
    organisation_claim: str = "organisation"
    """Claim naming the user's organisation (its first value); absent: no organisation,
    which for an administrator means every organisation, as for a local account."""

    @classmethod
    def from_settings(cls, settings: Settings) -> ClaimMapping:
        return cls(settings.oidc_role_claim, dict(settings.oidc_role_map),
                   settings.oidc_department_claim, settings.oidc_default_role,
                   settings.oidc_organisation_claim)


def _values(claims: Mapping[str, Any], name: str) -> list[str]:
    value = claims.get(name)
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]


def role_from_claims(claims: Mapping[str, Any], mapping: ClaimMapping) -> Role | None:
    """The highest role any value of the role claim maps to (role names map to
    themselves, case-insensitively), else the default role, else None."""
    table = {key.casefold(): value for key, value in mapping.role_map.items()}
    found = set()
    for value in _values(claims, mapping.role_claim):
        name = table.get(value.casefold(), value.casefold())
        if name in Role._value2member_map_:
            found.add(Role(name))
    if not found and mapping.default_role:
        found.add(Role(mapping.default_role))
    return max(found, key=RANK.index) if found else None


def user_from_claims(
    claims: Mapping[str, Any], mapping: ClaimMapping, steering_groups: frozenset[str]
) -> User:
    """The account the claims describe; SignInFailed when they give no usable identity or
    role. A steering member's department claim may name their steering group."""
    username = next((v for c in USERNAME_CLAIMS for v in _values(claims, c)), "")
    if not username:
        raise SignInFailed(code="signin.no_username")
    role = role_from_claims(claims, mapping)
    if role is None:
        raise SignInFailed(code="signin.no_role", params={"username": username})
    departments = _values(claims, mapping.department_claim)
    group = next((d for d in departments if d in steering_groups), "")
    steering = role is Role.STEERING_MEMBER and group
    scoped = role in (Role.LEADER, Role.STEERING_MEMBER, Role.KEY_EMPLOYEE)
    return User(
        username=username[:100],
        display_name=str(claims.get("name", ""))[:200],
        role=role,
        departments=tuple(d for d in departments if d != group) if scoped else (),
        steering_group=group if steering else "",
        language="da" if str(claims.get("locale", "")).startswith("da") else "en",
        organisation=next(iter(_values(claims, mapping.organisation_claim)), "")[:200],
    )


def oidc_sign_in(db: Database, claims: Mapping[str, Any], mapping: ClaimMapping) -> SignedIn:
    """Sign in a user the identity provider vouched for, as the claims map them."""
    with db.reading() as store:
        every = store.departments.all()
    organisation = next(iter(_values(claims, mapping.organisation_claim)), "")
    departments = [d for d in every if not organisation or d.organisation in ("", organisation)]
    groups = frozenset(d.steering_group for d in departments if d.steering_group)
    try:
        user = user_from_claims(claims, mapping, groups)
    except SignInFailed as refused:
        name = next((v for c in USERNAME_CLAIMS for v in _values(claims, c)), "")[:100]
        with db.transaction() as store:
            audit.record(store, ANONYMOUS, "sign_in_failed", "user", name or "(none)",
                         after={"reason": "no role", "method": "oidc"})
        raise refused
    actor = actor_of(user, departments)
    with db.transaction() as store:
        local = store.users.get(user.username)
        disabled = local is not None and not local.active
        audit.record(store, ANONYMOUS if disabled else actor,
                     "sign_in_failed" if disabled else "sign_in", "user", user.username,
                     after={"method": "oidc", "role": user.role.value,
                            "departments": list(actor.departments),
                            "organisation": user.organisation,
                            **({"reason": "disabled"} if disabled else {})})
    if disabled:
        raise SignInFailed(code="user.disabled", params={"username": user.username})
    return SignedIn(actor, must_change_password=False)
