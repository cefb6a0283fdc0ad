"""The nouns of opening Fail or Scale to other systems and the public (#19).

An `ApiToken` is a service identity for the REST API: a role and a scope like a user's,
no password, and only the SHA-256 of its secret stored. A `Webhook` is where a steering
group's chat channel takes messages. A `PublicMark` says an administrator chose to show an
initiative on the public results page (and whether its budget lines too).
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import Field

from portfolio.models import Frozen, GroupKey, Role

TOKEN_PREFIX = "token:"
"""Audit trail names of tokens: `token:NAME`, never a user name (those have no colon)."""


class ApiToken(Frozen):
    name: str = Field(min_length=1, max_length=100, pattern=r"^[A-Za-z0-9._-]+$")
    role: Role
    organisation: str = Field(default="", max_length=200)
    """Confined to this organisation's departments; empty: every organisation."""
    departments: tuple[str, ...] = ()
    created_by: str = ""
    created_at: datetime | None = None
    revoked_at: datetime | None = None

    @property
    def identity(self) -> str:
        return f"{TOKEN_PREFIX}{self.name}"

    @property
    def active(self) -> bool:
        return self.revoked_at is None


class WebhookFormat(StrEnum):
    SLACK = "slack"
    TEAMS = "teams"


class Webhook(Frozen):
    steering_group: str = Field(min_length=1, max_length=200)
    url: str = Field(pattern=r"^https?://[^\s]+$", max_length=2000)
    format: WebhookFormat = WebhookFormat.SLACK
    set_by: str = ""
    set_at: datetime | None = None
    organisation: str = Field(default="", max_length=200)
    """The group's organisation: a group is organisation + name (#13)."""

    @property
    def key(self) -> GroupKey:
        return GroupKey(self.organisation, self.steering_group)


class PublicMark(Frozen):
    initiative_id: str = Field(min_length=1, max_length=64)
    show_budget: bool = False
    marked_by: str = ""
    marked_at: datetime | None = None
