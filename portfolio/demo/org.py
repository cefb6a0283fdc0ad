"""Demo Kommune: its departments, steering groups and the people who use the tool."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from portfolio.models import Department, Person, Role, Source

ORGANISATION = "Demo Kommune"

SOCIAL = "Social og Beskæftigelse"
HEALTH = "Sundhed og Ældre"
CHILDREN = "Børn og Unge"
FINANCE = "Økonomi og Digitalisering"
TECHNICAL = "Teknik og Miljø"
CULTURE = "Kultur og Borgerservice"

WELFARE_GROUP = "Velfærdsstyregruppen"
SERVICE_GROUP = "Styregruppen for drift og service"

_GROUP_OF = {
    SOCIAL: WELFARE_GROUP,
    HEALTH: WELFARE_GROUP,
    CHILDREN: WELFARE_GROUP,
    FINANCE: SERVICE_GROUP,
    TECHNICAL: SERVICE_GROUP,
    CULTURE: SERVICE_GROUP,
}

DEPARTMENTS: tuple[Department, ...] = tuple(
    Department(name=name, organisation=ORGANISATION, steering_group=group)
    for name, group in _GROUP_OF.items()
)


@dataclass(frozen=True)
class DemoUser:
    """A user to create for the demo (no password: the caller decides how to sign in)."""

    username: str
    display_name: str
    role: Role
    departments: tuple[str, ...] = ()
    language: str = "da"


USERS: tuple[DemoUser, ...] = (
    DemoUser("admin", "Lise Holm (digitaliseringschef)", Role.ADMIN),
    DemoUser("mette.soerensen", "Mette Sørensen", Role.LEADER, (SOCIAL, HEALTH)),
    DemoUser("jonas.kristensen", "Jonas Kristensen", Role.LEADER, (CHILDREN, CULTURE)),
    DemoUser("hanne.lund", "Hanne Lund", Role.LEADER, (FINANCE, TECHNICAL)),
    DemoUser("peter.nielsen", "Peter Nielsen", Role.KEY_EMPLOYEE, (HEALTH, SOCIAL, CHILDREN)),
    DemoUser("sara.ahmed", "Sara Ahmed", Role.KEY_EMPLOYEE, (FINANCE, TECHNICAL, CULTURE),
             "en"),
    DemoUser("karen.holm", "Karen Holm (direktør, velfærd)", Role.STEERING_MEMBER,
             (SOCIAL, HEALTH, CHILDREN)),
    DemoUser("lars.madsen", "Lars Madsen (direktør, drift og service)", Role.STEERING_MEMBER,
             (FINANCE, TECHNICAL, CULTURE), "en"),
    DemoUser("borgmester", "Borgmester Birgitte Andersen", Role.VIEWER),
)


def _member(role: Role, department: str) -> str:
    return next(u.username for u in USERS if u.role is role and department in u.departments)


def steering_member(department: str) -> str:
    """Who decides for a department: the steering member of its group."""
    return _member(Role.STEERING_MEMBER, department)


def leader(department: str) -> str:
    return _member(Role.LEADER, department)


def recorder(department: str, source: Source) -> str:
    """Who typically records a measurement of this provenance."""
    if source is Source.SYSTEM_EXPORT:
        return "import"
    if source is Source.SELF_REPORTED:
        return leader(department)
    return _member(Role.KEY_EMPLOYEE, department)


MAIL_DOMAIN = "demo-kommune.example"
ENGLISH_SPEAKERS = frozenset({"Sara Ahmed", SERVICE_GROUP})
"""Who reads English: the rest of Demo Kommune gets its mail in Danish."""


def _address(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name.lower().replace("æ", "ae").replace("ø", "oe"))
    local = re.sub(r"[^a-z0-9]+", ".", ascii_name.encode("ascii", "ignore").decode()).strip(".")
    return f"{local}@{MAIL_DOMAIN}"


def people(owners: tuple[str, ...]) -> tuple[Person, ...]:
    """The address book of the demo: every owner and both steering groups' mailing lists."""
    names = sorted({*owners, WELFARE_GROUP, SERVICE_GROUP})
    return tuple(
        Person(name=n, email=_address(n), language="en" if n in ENGLISH_SPEAKERS else "da",
               organisation=ORGANISATION)
        for n in names
    )
