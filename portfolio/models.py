"""The nouns of PRODUCT.md as frozen pydantic models.

Models are values: the evaluation engine receives them and never mutates them, and the
storage layer returns them instead of cursors or tuples.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from portfolio.i18n import render_reason

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", use_enum_values=False)


class Stage(StrEnum):
    IDEA = "idea"
    EXPERIMENT = "experiment"
    SCALING = "scaling"
    OPERATION = "operation"
    CLOSED = "closed"


class FocusArea(StrEnum):
    AUTOMATION = "automation"
    DATA_SUPPORT = "data_support"
    TECHNOLOGY_USE = "technology_use"
    ORGANISATIONAL_COHERENCE = "organisational_coherence"


class Technology(StrEnum):
    RPA = "rpa"
    AI_ML = "ai_ml"
    CHATBOT = "chatbot"
    VIDEO_CONSULTATION = "video_consultation"
    SENSORS_IOT = "sensors_iot"
    VR = "vr"
    SELF_SERVICE = "self_service"
    WELFARE_TECHNOLOGY = "welfare_technology"
    DATA_PLATFORM = "data_platform"
    OTHER = "other"


class Direction(StrEnum):
    HIGHER = "higher"
    LOWER = "lower"


class KpiKind(StrEnum):
    BENEFIT = "benefit"
    GUARDRAIL = "guardrail"
    ADOPTION = "adoption"


class Provenance(StrEnum):
    """How a measurement came to be (system export, manual, self-reported): how much a
    reader can trust it. Not its `source`, which is free text naming the system or person
    (issue #13: a `kilde` column names "KMD Nexus", not a provenance word)."""

    SYSTEM_EXPORT = "system_export"
    MANUAL = "manual"
    SELF_REPORTED = "self_reported"


# The provenance words were once the only values `source` took; code and files that still
# pass them as `source` keep their meaning (see Measurement).
Source = Provenance


MAX_SOURCE_LENGTH = 200


def provenance_word(source: object) -> Provenance | None:
    """The provenance a `source` text names exactly ('self_reported'), else None."""
    if isinstance(source, Provenance):
        return source
    if isinstance(source, str):
        try:
            return Provenance(source.strip().lower())
        except ValueError:
            return None
    return None


class Recommendation(StrEnum):
    SCALE = "SCALE"
    CONTINUE = "CONTINUE"
    PIVOT = "PIVOT"
    CLOSE = "CLOSE"
    NEEDS_DATA = "NEEDS_DATA"


class Light(StrEnum):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"

    @property
    def rank(self) -> int:
        return {"green": 0, "yellow": 1, "red": 2}[self.value]


class DecisionKind(StrEnum):
    """What a steering group can decide. PARK is a close that keeps it on the shelf."""

    SCALE = "SCALE"
    CONTINUE = "CONTINUE"
    PIVOT = "PIVOT"
    CLOSE = "CLOSE"
    PARK = "PARK"


class Role(StrEnum):
    VIEWER = "viewer"
    KEY_EMPLOYEE = "key_employee"
    LEADER = "leader"
    STEERING_MEMBER = "steering_member"
    ADMIN = "admin"


class OrganisationKind(StrEnum):
    KOMMUNE = "kommune"
    REGION = "region"
    OTHER = "other"


class Organisation(Frozen):
    """A kommune, a region or another public body; one instance may hold many (#13)."""

    name: str = Field(min_length=1, max_length=200)
    kind: OrganisationKind = OrganisationKind.KOMMUNE
    cvr: str = Field(default="", pattern=r"^(\d{8})?$")
    """The Danish CVR number: eight digits, or empty."""
    shares_lessons: bool = False
    """Whether its lessons (never budgets or people) answer "has anyone tried this?" in
    other organisations."""

    @field_validator("name")
    @classmethod
    def _strip_name(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value.strip()


class GroupKey(NamedTuple):
    """A steering group's identity: organisation + name (#13). Two municipalities may both
    have a "Styregruppe for digitalisering"; everything that addresses a group (agendas,
    mail, the steering page, the meeting pack, the API) keys it by both."""

    organisation: str
    name: str

    def label(self) -> str:
        """How a page or a file tells it apart: "name (organisation)"."""
        return f"{self.name} ({self.organisation})" if self.organisation else self.name

    def path(self) -> str:
        """How a link, an audit entity or a command names it: "organisation/name"."""
        return f"{self.organisation}/{self.name}" if self.organisation else self.name


class PersonKey(NamedTuple):
    """An address-book entry's identity: organisation + name (#13). An owner's reminders
    go to the person of that name in the initiative's organisation, never to a namesake
    of another organisation."""

    organisation: str
    name: str


class Department(Frozen):
    """An organisational unit of one organisation: its identity is organisation + name."""

    name: str = Field(min_length=1, max_length=200)
    organisation: str = Field(default="", max_length=200)
    steering_group: str = Field(default="", max_length=200)
    """The name of its steering group, which is one of the department's organisation."""

    @property
    def group(self) -> GroupKey | None:
        """Its steering group's identity; None when it has none."""
        return GroupKey(self.organisation, self.steering_group) if self.steering_group else None


class SteeringGroup(Frozen):
    """A steering group of one organisation: who sits in it, where its agenda and
    escalations go, and when it meets (the agenda's "next meeting")."""

    organisation: str = Field(min_length=1, max_length=200)
    name: str = Field(min_length=1, max_length=200)
    chair: str = Field(default="", max_length=200)
    """The chair's name in the address book (people)."""
    members: tuple[str, ...] = ()
    """User accounts (usernames) that sit in the group."""
    emails: tuple[str, ...] = ()
    meeting_dates: tuple[date, ...] = ()
    cadence_weeks: int | None = Field(default=None, ge=1, le=52)
    """Meets every so many weeks after the last listed date (when no later date is listed)."""

    @field_validator("emails")
    @classmethod
    def _addresses(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        cleaned = tuple(dict.fromkeys(v.strip() for v in value if v.strip()))
        bad = [v for v in cleaned if not _EMAIL.match(v) or len(v) > 320]
        if bad:
            raise ValueError(f"not an e-mail address: {', '.join(bad)}")
        return cleaned

    @property
    def key(self) -> GroupKey:
        return GroupKey(self.organisation, self.name)

    def next_meeting(self, today: date) -> date | None:
        """The first meeting on or after `today`: a listed date, else the cadence on from
        the last listed one; None when neither says."""
        upcoming = sorted(d for d in self.meeting_dates if d >= today)
        if upcoming:
            return upcoming[0]
        if self.cadence_weeks and self.meeting_dates:
            last = max(self.meeting_dates)
            step = timedelta(weeks=self.cadence_weeks)
            periods = -(-(today - last).days // step.days)
            return last + periods * step
        return None


class Initiative(Frozen):
    id: str = Field(min_length=1, max_length=64)
    title: str = Field(min_length=1, max_length=300)
    department: str = Field(min_length=1, max_length=200)
    owner: str = Field(default="", max_length=200)
    stage: Stage = Stage.IDEA
    started_on: date | None = None
    review_on: date | None = None
    budget_dkk: float = Field(default=0.0, ge=0)
    spent_dkk: float = Field(default=0.0, ge=0)
    focus_area: FocusArea | None = None
    technology: Technology | None = None
    core_task: str = Field(default="", max_length=500)
    hypothesis: str = Field(default="", max_length=4000)
    tags: tuple[str, ...] = ()
    organisation: str = Field(default="", max_length=200)
    """The organisation of its department (department identity is organisation + name)."""
    planned_departments: tuple[str, ...] = ()
    adopted_departments: tuple[str, ...] = ()
    """Read from the recorded adoptions (service/adoption.py); saving an initiative leaves
    them alone."""
    radar_technology: str | None = Field(default=None, max_length=120)
    """The technology on KL's Teknologiradar the initiative is classed with directly (#18),
    by the stored radar's name; None: reached only through its `technology` class."""

    @field_validator("id", "title", "department")
    @classmethod
    def _strip(cls, value: str) -> str:
        stripped = value.strip()
        if not stripped:
            raise ValueError("must not be blank")
        return stripped

    @field_validator("radar_technology")
    @classmethod
    def _blank_is_none(cls, value: str | None) -> str | None:
        return (value.strip() or None) if value is not None else None


class Kpi(Frozen):
    initiative_id: str = Field(min_length=1)
    name: str = Field(min_length=1, max_length=200)
    unit: str = Field(default="", max_length=50)
    direction: Direction = Direction.HIGHER
    baseline: float
    target: float
    kind: KpiKind = KpiKind.BENEFIT
    weight: float = Field(default=1.0, ge=0)
    cashable: bool = False
    """A cashable benefit frees money (DKK); non-cashable ones are quality, time, outcomes."""


class Measurement(Frozen):
    """A KPI's value on a date. `source` is free text, stored as given (the source system
    or who reported it); `provenance` is what the evidence rules read."""

    initiative_id: str
    kpi: str
    on: date
    value: float
    source: str = Field(default="", max_length=MAX_SOURCE_LENGTH)
    provenance: Provenance = Provenance.MANUAL
    recorded_by: str = ""

    @model_validator(mode="before")
    @classmethod
    def _provenance_word_as_source(cls, data: Any) -> Any:
        """A `source` that is a provenance word and no provenance given: the word is the
        provenance, as it was before the two were separate (schema 8)."""
        if isinstance(data, dict) and data.get("provenance") is None:
            word = provenance_word(data.get("source"))
            data = {k: v for k, v in data.items() if k != "provenance"}
            if word is not None:
                data["provenance"] = word
        return data


class Reason(Frozen):
    """A sentence of an explanation: a message code with the numbers it cites.

    Kept structured so the dashboard and reports can render it in Danish or English.
    """

    code: str
    params: dict[str, Any] = Field(default_factory=dict)

    def render(self, lang: str = "en", escape: Callable[[str], str] | None = None) -> str:
        """The sentence; `escape` applies to its parameters (user text: see i18n)."""
        return render_reason(self, lang, escape)


class KpiStats(Frozen):
    """What the evaluation knows about one KPI as of the evaluation date."""

    name: str
    kind: KpiKind
    direction: Direction
    unit: str
    baseline: float
    target: float
    weight: float
    count: int
    latest_value: float | None
    latest_on: date | None
    age_days: int | None
    progress: float | None
    trend_per_30d: float | None
    sources: tuple[Source, ...] = ()
    first_on: date | None = None
    """The oldest measurement's date: with latest_on, the span of the evidence run."""
    band_min: float | None = None
    band_max: float | None = None
    """The lowest and highest value of the newest measurements (review.columns.BAND_POINTS):
    the band attainment is judged on, not the latest point alone (issue #18)."""
    forecast_on: date | None = None
    """When a benefit KPI reaches its target at its current trend; None: reached, too few
    dates to tell, or not at this trend."""

    @property
    def self_reported_only(self) -> bool:
        return bool(self.sources) and set(self.sources) == {Source.SELF_REPORTED}


class CriterionResult(Frozen):
    name: str
    light: Light | None
    value: float | None = None
    passed: bool = True
    reasons: tuple[Reason, ...] = ()


class Verdict(Frozen):
    """The pure result of evaluating one initiative: what the engine returns."""

    initiative_id: str
    as_of: date
    recommendation: Recommendation
    light: Light
    score: float | None
    criteria: tuple[CriterionResult, ...]
    reasons: tuple[Reason, ...]
    kpis: tuple[KpiStats, ...] = ()
    overdue: bool = False

    def criterion(self, name: str) -> CriterionResult | None:
        return next((c for c in self.criteria if c.name == name), None)

    @property
    def lights(self) -> dict[str, Light | None]:
        """The state IT council's three lights: budget, time and benefit (issue #18).
        Benefit is the attainment light, left out (None) while evidence is insufficient,
        as the overall light leaves it out."""
        def light(name: str) -> Light | None:
            found = self.criterion(name)
            return found.light if found else None

        benefit = None if self.recommendation is Recommendation.NEEDS_DATA else light("attainment")
        return {"budget": light("budget"), "time": light("time"), "benefit": benefit}


class Evaluation(Verdict):
    """A stored verdict: which run produced it under which policy version."""

    run_id: str
    policy_name: str
    policy_version: int
    evaluated_at: datetime


class Decision(Frozen):
    id: int | None = None
    initiative_id: str
    kind: DecisionKind
    decided_by: str
    decided_on: date
    rationale: str = ""
    recommendation: Recommendation | None = None
    evaluation_run_id: str | None = None
    next_review_on: date | None = None
    reason_code: str | None = None
    spread_to: tuple[str, ...] = ()
    evidence: dict[str, Any] = Field(default_factory=dict)
    recorded_at: datetime | None = None

    @property
    def is_override(self) -> bool:
        """Deciding other than recommended; PARK follows a CLOSE recommendation (it closes)."""
        if self.recommendation is None:
            return False
        if self.kind is DecisionKind.PARK:
            return self.recommendation is not Recommendation.CLOSE
        return self.recommendation.value != self.kind.value


class Lesson(Frozen):
    id: int | None = None
    initiative_id: str
    text: str = Field(min_length=1, max_length=8000)
    author: str = ""
    created_on: date
    tags: tuple[str, ...] = ()


class Adoption(Frozen):
    """A department took a scaled initiative into use: the spread PRODUCT.md tracks."""

    initiative_id: str = Field(min_length=1, max_length=64)
    department: str = Field(min_length=1, max_length=200)
    adopted_on: date | None = None
    """None only for adoptions moved from before schema version 5, which kept no date."""
    note: str = Field(default="", max_length=2000)
    recorded_by: str = ""
    recorded_at: datetime | None = None


class AuditEvent(Frozen):
    id: int | None = None
    at: datetime
    actor: str
    via: str | None = None
    """How the actor acted, when not signed in to the dashboard: "operator root" is the
    command line run by the OS user root (with --as naming the actor)."""
    action: str
    entity: str
    entity_id: str
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None


class Person(Frozen):
    """The address book: where mail for a name goes (an initiative owner, a chair, a
    steering group's list), optionally the user account of that person. Its identity is
    organisation + name (PersonKey): an organisation's address book is its own."""

    name: str = Field(min_length=1, max_length=200)
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+$", max_length=320)
    language: str = Field(default="da", pattern="^(da|en)$")
    username: str = Field(default="", max_length=100)
    organisation: str = Field(default="", max_length=200)

    @property
    def key(self) -> PersonKey:
        return PersonKey(self.organisation, self.name)


class GroupAddress(Person):
    """A steering group's addresses as the address book hands them to the mail: its first
    in `email`, the others in `also`, so every address set on the Organisation page gets
    the agenda and the escalations (#13), not only the first."""

    also: tuple[str, ...] = ()


class User(Frozen):
    """An account that may sign in. The password hash is not part of it on purpose: a
    model is what the audit trail and exports dump, and a hash must reach neither."""

    username: str = Field(min_length=1, max_length=100, pattern=r"^[A-Za-z0-9._@-]+$")
    display_name: str = Field(default="", max_length=200)
    role: Role = Role.VIEWER
    departments: tuple[str, ...] = ()
    steering_group: str = Field(default="", max_length=200)
    """A steering member's group: they act for every department of it."""
    language: str = Field(default="da", pattern="^(da|en)$")
    organisation: str = Field(default="", max_length=200)
    """The organisation the account belongs to; an administrator without one is a
    national administrator (every organisation)."""
    active: bool = True
    must_change_password: bool = False


class Actor(Frozen):
    """Who is acting: a signed-in user, or the local operator on the command line."""

    username: str
    role: Role
    departments: tuple[str, ...] = ()
    language: str = "en"
    via: str | None = None
    """Who really acts for `username` when it is not them signed in: the command line sets
    "operator <OS user>" (`--as` does not authenticate); the audit trail keeps both."""
    organisation: str = ""
    """Confined to this organisation (an API token given --organisation, an account of one
    organisation, #13); empty: national (every organisation)."""

    @classmethod
    def operator(cls) -> Actor:
        return cls(username="operator", role=Role.ADMIN)


class InitiativeSnapshot(Frozen):
    """Everything the engine needs to judge one initiative, loaded in one read."""

    initiative: Initiative
    kpis: tuple[Kpi, ...] = ()
    measurements: tuple[Measurement, ...] = ()
    last_decision_on: date | None = None


class BenefitKind(StrEnum):
    """Cashable benefits free kroner from a budget line; non-cashable ones are hours freed,
    quality and citizen outcomes, in their own units (PRODUCT.md: not oversimplified)."""

    CASHABLE = "cashable"
    NON_CASHABLE = "non_cashable"


DKK = "DKK"


class BenefitLine(Frozen):
    """One year's line of an initiative's benefit-realisation plan (gevinstrealiseringsplan,
    #18): what was planned, what was realised (None until recorded), and for a cashable
    benefit the budget line the kroner are taken home from (hjemtagning)."""

    initiative_id: str = Field(min_length=1, max_length=64)
    year: int = Field(ge=2000, le=2100)
    kind: BenefitKind = BenefitKind.CASHABLE
    benefit: str = Field(min_length=1, max_length=200)
    """What is gained: 'Kørselsudgifter', 'Frigjorte timer', 'Borgertilfredshed'."""
    budget_line: str = Field(default="", max_length=200)
    unit: str = Field(default="", max_length=50)
    planned: float = Field(ge=0, allow_inf_nan=False)
    realised: float | None = Field(default=None, allow_inf_nan=False)
    """May be negative: a saving that turned into a cost is realised as such."""
    note: str = Field(default="", max_length=2000)
    updated_by: str = ""
    updated_at: datetime | None = None

    @model_validator(mode="before")
    @classmethod
    def _cashable_is_in_kroner(cls, data: Any) -> Any:
        """A cashable benefit's unit is kroner, whatever a file or form said ('kr.')."""
        if isinstance(data, dict) and str(data.get("kind", BenefitKind.CASHABLE)) == "cashable":
            return {**data, "unit": DKK}
        return data

    @model_validator(mode="after")
    def _cashable_is_booked(self) -> BenefitLine:
        if self.kind is BenefitKind.CASHABLE:
            if not self.budget_line.strip():
                raise ValueError("a cashable benefit names the budget line it is taken home "
                                 "from (budget_line)")
        elif not self.unit.strip():
            raise ValueError("a non-cashable benefit names its unit (hours, points, …)")
        return self

    @property
    def key(self) -> tuple[str, int, str, str]:
        return (self.initiative_id, self.year, self.kind.value, self.benefit)
