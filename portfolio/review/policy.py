"""The review policy as a validated, versioned document.

A policy is data: thresholds per criterion, loaded from TOML and checked by pydantic,
so an admin can change it without code and every evaluation can name its version.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from pydantic_core import PydanticCustomError

from portfolio.errors import PolicyInvalid


class _Section(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class EvidenceRule(_Section):
    min_measurements: int = Field(default=3, ge=1, le=1000)
    max_age_days: int = Field(default=90, ge=1, le=3650)


class GuardrailRule(_Section):
    max_worsening: float = Field(default=0.10, ge=0, le=10)


class AttainmentRule(_Section):
    green: float = Field(default=0.8, gt=0, le=1)
    yellow: float = Field(default=0.4, ge=0, le=1)
    cap_self_reported: bool = True
    """No watermelons (#18, version 2): a benefit KPI fed only by self-reports caps the
    benefit light at yellow. Version 1 of `default` had no cap (false)."""

    @model_validator(mode="after")
    def _ordered(self) -> AttainmentRule:
        if self.yellow > self.green:
            raise PydanticCustomError(
                "attainment_order", "attainment.yellow must not be above attainment.green")
        return self


class BudgetRule(_Section):
    green_overrun: float = Field(default=0.10, ge=0, le=100)
    yellow_overrun: float = Field(default=0.25, ge=0, le=100)

    @model_validator(mode="after")
    def _ordered(self) -> BudgetRule:
        if self.green_overrun > self.yellow_overrun:
            raise PydanticCustomError(
                "budget_order", "budget.green_overrun must not be above budget.yellow_overrun")
        return self


class TimeRule(_Section):
    red_after_days: int = Field(default=30, ge=0, le=3650)
    """Overdue (past the review date, no decision since) up to this many days is yellow,
    beyond it red: the state IT council's time light (issue #18)."""


class ScaleRule(_Section):
    """What SCALE needs beyond green attainment: proof that it holds (issue #18)."""

    required: bool = True
    """SCALE needs proof (#18, version 2); version 1 of `default` scaled on green
    attainment alone (false): proof is then still computed and shown, never required."""
    min_measurements: int = Field(default=4, ge=1, le=1000)
    min_span_days: int = Field(default=90, ge=0, le=3650)


class FollowupRule(_Section):
    months_after_scaling: tuple[int, ...] = (6, 12)


class ReviewPolicy(_Section):
    name: str = Field(default="default", min_length=1, max_length=100)
    version: int = Field(default=2, ge=1)
    description: str = ""
    evidence: EvidenceRule = EvidenceRule()
    guardrail: GuardrailRule = GuardrailRule()
    attainment: AttainmentRule = AttainmentRule()
    budget: BudgetRule = BudgetRule()
    time: TimeRule = TimeRule()
    scale: ScaleRule = ScaleRule()
    followup: FollowupRule = FollowupRule()

    def thresholds(self) -> dict[str, Any]:
        """The settings without identity: two versions differ iff these differ."""
        return self.model_dump(exclude={"name", "version", "description"})

    def next_version(self, **changes: Any) -> ReviewPolicy:
        """A new version with some sections changed, validated like a loaded one."""
        data = self.model_dump()
        for section, values in changes.items():
            if isinstance(values, dict):
                data[section] = {**data.get(section, {}), **values}
            else:
                data[section] = values
        data["version"] = self.version + 1
        return parse_policy(data)


_ORDERINGS = {"attainment_order": "policy.attainment_order", "budget_order": "policy.budget_order"}


def parse_policy(data: dict[str, Any]) -> ReviewPolicy:
    try:
        return ReviewPolicy.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        if len(errors) == 1 and errors[0]["type"] in _ORDERINGS:
            # The one mistake the dashboard's bounded inputs allow: said in the reader's words.
            raise PolicyInvalid(code=_ORDERINGS[errors[0]["type"]]) from None
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in errors
        )
        raise PolicyInvalid(code="policy.invalid", params={"problems": problems}) from None


def parse_policy_toml(text: str) -> ReviewPolicy:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PolicyInvalid(f"The review policy is not valid TOML: {exc}") from None
    return parse_policy(data)


@cache
def default_policy() -> ReviewPolicy:
    """The shipped default, version 2 since #18 (three lights, proof, no watermelons)."""
    text = resources.files("portfolio.review").joinpath("default_policy.toml").read_text("utf-8")
    return parse_policy_toml(text)


@cache
def shipped_versions() -> tuple[ReviewPolicy, ...]:
    """Every version of `default` the product has shipped, oldest first: what an admin
    can compare in the what-if preview, and what a stored verdict's version means."""
    folder = resources.files("portfolio.review")
    older = parse_policy_toml(folder.joinpath("default_policy_v1.toml").read_text("utf-8"))
    return (older, default_policy())
