"""The post-mortem document: pydantic models whose enum values are spelled as the seed spells them."""

# Annotations stay objects here (no `from __future__ import annotations`): pydantic would compile
# and evaluate each one as a string when the models are built at start-up.
import uuid
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Annotated, Any, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_serializer,
    field_validator,
)

SCHEMA_VERSION = 2
"""2: an event's ``markers`` list replaced its single ``marker``."""


class Severity(StrEnum):
    S1 = "S1"
    S2 = "S2"
    S3 = "S3"
    S4 = "S4"

    @property
    def label(self) -> str:
        return SEVERITY_LABELS[self]


SEVERITY_LABELS = {
    Severity.S1: "Critical",
    Severity.S2: "Major",
    Severity.S3: "Minor",
    Severity.S4: "Low",
}


class Status(StrEnum):
    DRAFT = "Draft"
    IN_REVIEW = "In Review"
    FINAL = "Final"


class Category(StrEnum):
    PROCESS = "Process"
    TECHNICAL = "Technical"
    ORGANIZATIONAL = "Organizational"
    EXTERNAL = "External"


class ActionType(StrEnum):
    PREVENT = "Prevent"
    DETECT = "Detect"
    MITIGATE = "Mitigate"
    PROCESS = "Process"
    OTHER = "Other"


class Priority(StrEnum):
    P1 = "P1"
    P2 = "P2"
    P3 = "P3"


class ActionStatus(StrEnum):
    OPEN = "Open"
    IN_PROGRESS = "In Progress"
    DONE = "Done"


class Marker(StrEnum):
    IMPACT_START = "impact_start"
    DETECTED = "detected"
    DECLARED = "declared"
    MITIGATION_STARTED = "mitigation_started"
    MITIGATED = "mitigated"
    ROOT_CAUSE_IDENTIFIED = "root_cause_identified"
    FIX_DEPLOYED = "fix_deployed"
    RESOLVED = "resolved"
    COMMUNICATED = "communicated"
    ALL_CLEAR = "all_clear"

    @property
    def label(self) -> str:
        """The marker as written in markdown: upper case with spaces (``IMPACT START``)."""
        return self.value.replace("_", " ").upper()

    @property
    def short(self) -> str:
        """The label in at most nine characters and one word, for a narrow column."""
        return _MARKER_SHORT.get(self, self.label)


_MARKER_SHORT = {
    Marker.IMPACT_START: "IMPACT",
    Marker.DETECTED: "DETECT",
    Marker.DECLARED: "DECL",
    Marker.MITIGATION_STARTED: "MIT.START",
    Marker.MITIGATED: "MITIG",
    Marker.ROOT_CAUSE_IDENTIFIED: "ROOTCAUSE",
    Marker.FIX_DEPLOYED: "FIX.DEPL",
    Marker.COMMUNICATED: "COMMS",
    Marker.ALL_CLEAR: "ALL.CLEAR",
}


def in_marker_order(markers: Iterable[Marker]) -> tuple[Marker, ...]:
    """Each marker once, in the order the ``Marker`` enum lists them (the order of an incident)."""
    chosen = set(markers)
    return tuple(marker for marker in Marker if marker in chosen)


def new_id() -> str:
    return uuid.uuid4().hex[:12]


FIRST_YEAR, LAST_YEAR = 2, 9998
"""Times stay a day inside the years datetime can hold, so every timezone can show them."""


def _as_utc(value: datetime) -> datetime:
    if value.tzinfo is not UTC:  # as saved: nothing to convert (thousands of events are loaded at start)
        if value.tzinfo is None:
            raise ValueError("needs a timezone")
        try:
            value = value.astimezone(UTC)
        except OverflowError:
            value = value.replace(year=1)  # the year check below says what is wrong
    return _within_years(value)


_When = TypeVar("_When", bound=date)


def _within_years(value: _When) -> _When:
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValueError(f"must be in the years {FIRST_YEAR} to {LAST_YEAR}")
    return value


UtcDateTime = Annotated[datetime, AfterValidator(_as_utc)]
Day = Annotated[date, AfterValidator(_within_years)]


def _check_duration(value: str) -> str:
    text = value.strip()
    if not text:
        return ""
    hours, sep, minutes = text.partition(":")
    if not (sep and hours.isdigit() and minutes.isdigit() and len(minutes) == 2):
        raise ValueError("must be written as HH:MM, for example 02:15")
    if int(minutes) >= 60:
        raise ValueError(f"has {minutes} minutes; an hour has 60, so write {int(hours) + int(minutes) // 60:02d}:"
                         f"{int(minutes) % 60:02d}")
    return f"{int(hours):02d}:{minutes}"


Duration = Annotated[str, AfterValidator(_check_duration)]


TOML_INT_MAX = 2**63 - 1
Count = Annotated[int, Field(ge=0, le=TOML_INT_MAX)]
"""A whole number a TOML file can hold (64 bits)."""


class Model(BaseModel):
    """Base for every part of the document: strict about unknown keys, validated on assignment."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, use_enum_values=False)


class Item(Model):
    """An entry of a collection: it has a stable id that undo, links and the UI refer to."""

    id: str = Field(default_factory=new_id)


class Metadata(Model):
    title: str = "Untitled incident"
    incident_date: Day | None = None
    severity: Severity | None = None
    duration: Duration = ""
    authors: list[str] = []
    postmortem_date: Day | None = None
    status: Status = Status.DRAFT
    services: list[str] = []
    tags: list[str] = []
    what_happened: str = ""
    executive_summary: str = ""


class Impact(Model):
    customers_affected: Count | None = None
    traffic_percent: float | None = Field(default=None, ge=0, le=100)
    revenue_impact: str = ""
    compliance_affected: bool | None = None
    compliance_details: str = ""
    affected_segments: str = ""
    affected_functionality: str = ""
    data_integrity: str = ""
    compliance_exposure: str = ""


class Targets(Model):
    """Metric targets in minutes."""

    ttd: Count = 5
    ttr: Count = 15
    ttm: Count | None = None
    mttr: Count = 60
    communicate: Count = 15


class TimelineEvent(Item):
    time: UtcDateTime
    text: str = ""
    actor: str = ""
    markers: tuple[Marker, ...] = Field(default=(), exclude_if=lambda markers: not markers)
    """Distinct, in marker order; per marker the earliest event carrying it counts."""
    evidence: str = ""

    @field_validator("markers")
    @classmethod
    def _distinct_in_order(cls, value: tuple[Marker, ...]) -> tuple[Marker, ...]:
        return in_marker_order(value)

    @field_serializer("markers")
    def _as_list(self, value: tuple[Marker, ...]) -> list[Marker]:
        return list(value)  # a TOML array


class WhyNode(Item):
    """An answer ("because …") to the why of its parent; parent None answers the symptom."""

    parent: str | None = None
    answer: str
    question: str | None = None
    """The facilitator's own wording of the why this answers; None: the generated question."""

    @field_validator("answer")
    @classmethod
    def _answer_not_empty(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("cannot be empty")
        return value


class Whys(Model):
    symptom: str = ""
    nodes: list[WhyNode] = []
    root_cause: str | None = None
    root_cause_statement: str = ""


class Factor(Item):
    factor: str = ""
    category: Category = Category.TECHNICAL
    how: str = ""
    why_node: str | None = None


class Note(Item):
    """One entry of a plain list (went well, went poorly, got lucky)."""

    text: str


class Action(Item):
    number: Count = 0
    action: str = ""
    type: ActionType = ActionType.PREVENT
    owner: str = ""
    deadline: Day | None = None
    priority: Priority = Priority.P2
    status: ActionStatus = ActionStatus.OPEN
    ticket: str = ""
    done_when: str = ""
    done_on: Day | None = None
    why_node: str | None = None
    factor: str | None = None


class Lesson(Item):
    lesson: str = ""
    applicable: bool = False
    shared_with: str = ""


class ComplianceCheck(Item):
    label: str
    checked: bool = False
    note: str = ""
    regulation: str = ""


class Compliance(Model):
    checks: list[ComplianceCheck] = []
    notification_required: bool | None = None
    notification_deadline: Day | None = None


class Dismissal(Item):
    """A coach finding the room decided to keep: rule id and the field it was raised on."""

    rule: str
    field: str


GENERIC_COMPLIANCE_CHECKS = (
    "Audit trail integrity verified",
    "Data export consistency confirmed",
    "No unauthorized data modifications during incident window",
    "Multi-entity isolation confirmed (no cross-entity data leakage)",
    "Transaction processing verified (no duplicate/missed transactions)",
    "Backup and recovery point validated",
)


class Workspace(Model):
    schema_version: int = SCHEMA_VERSION
    created: UtcDateTime = Field(default_factory=lambda: datetime.now(UTC))
    updated: UtcDateTime = Field(default_factory=lambda: datetime.now(UTC))
    display_tz: str = "UTC"
    metadata: Metadata = Field(default_factory=Metadata)
    impact: Impact = Field(default_factory=Impact)
    targets: Targets = Field(default_factory=Targets)
    timeline: list[TimelineEvent] = []
    whys: Whys = Field(default_factory=Whys)
    factors: list[Factor] = []
    went_well: list[Note] = []
    went_poorly: list[Note] = []
    lucky: list[Note] = []
    actions: list[Action] = []
    lessons: list[Lesson] = []
    compliance: Compliance = Field(default_factory=Compliance)
    dismissals: list[Dismissal] = []
    notes: str = ""

    @field_validator("display_tz")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"must be a timezone name like Europe/Berlin, not {value!r}") from None
        return value


def missing_regulation_checks(
    compliance: Compliance, regulation_checks: list[tuple[str, str]]
) -> list[tuple[str, str]]:
    """The ``(regulation, label)`` checks the checklist does not hold yet, in the given order."""
    present = {check.label for check in compliance.checks}
    return [(regulation, label) for regulation, label in regulation_checks if label not in present]


def new_workspace(
    title: str = "Untitled incident",
    *,
    severity: Severity | str | None = None,
    incident_date: date | None = None,
    regulation_checks: Sequence[tuple[str, str]] = (),
) -> Workspace:
    """A fresh workspace with the seed's generic compliance checks plus ``(regulation, label)``
    extras (the domain context's, when the incident affected compliance)."""
    checks = [ComplianceCheck(label=label) for label in GENERIC_COMPLIANCE_CHECKS]
    checks += [ComplianceCheck(label=label, regulation=reg) for reg, label in regulation_checks]
    return Workspace(
        # A severity written as text ("S2") is read, and refused with its message, by validation.
        metadata=Metadata.model_validate({"title": title, "severity": severity, "incident_date": incident_date}),
        compliance=Compliance(checks=checks),
    )


_FIELD_NAMES = {
    "ttd": "TTD target",
    "ttr": "TTR target",
    "ttm": "TTM target",
    "mttr": "MTTR target",
    "communicate": "time-to-communicate target",
    "customers_affected": "customers affected",
    "traffic_percent": "% of traffic",
    "display_tz": "display timezone",
}


def _where(loc: tuple[Any, ...]) -> str:
    """``"timeline item 3: "`` for an error in the third event, ``"metadata: "`` in the metadata."""
    parts = [f"item {part + 1}" if isinstance(part, int) else str(part).replace("_", " ") for part in loc[:-1]]
    return " ".join(parts) + ": " if parts else ""


def _field_name(loc: tuple[Any, ...]) -> str:
    names = [str(part) for part in loc if isinstance(part, str)]
    if not names:
        return "value"
    last = names[-1]
    return _FIELD_NAMES.get(last, last.replace("_", " "))


def describe_errors(error: ValidationError, *, where: bool = False) -> list[str]:
    """Turn a pydantic error into sentences a person understands; with ``where``, each names
    the section and the list item it is in (a file's errors need that, a form's do not)."""
    messages = []
    for detail in error.errors():
        name = _field_name(detail["loc"])
        if where:
            name = _where(detail["loc"]) + name
        kind = detail["type"]
        ctx = detail.get("ctx", {})
        if kind == "enum":
            expected = ctx.get("expected", "").replace("'", "").replace(" or ", ", ")
            messages.append(f"{name} must be one of {expected}")
        elif kind in ("date_from_datetime_parsing", "date_parsing", "date_type"):
            messages.append(f"{name} must be a date written as YYYY-MM-DD")
        elif kind in ("int_parsing", "int_type", "int_from_float"):
            messages.append(f"{name} must be a whole number")
        elif kind in ("float_parsing", "float_type"):
            messages.append(f"{name} must be a number")
        elif kind in ("greater_than_equal", "less_than_equal"):
            bound = ctx.get("ge", ctx.get("le"))
            relation = "at least" if kind == "greater_than_equal" else "at most"
            messages.append(f"{name} must be {relation} {bound}")
        elif kind in ("bool_parsing", "bool_type"):
            messages.append(f"{name} must be yes or no")
        elif kind in ("string_type", "string_sub_type"):
            messages.append(f"{name} must be text")
        elif kind == "extra_forbidden":
            messages.append(f"{name} is not a field of a workspace")
        elif kind in ("tuple_type", "list_type"):
            messages.append(f"{name} must be a list in square brackets")
        elif kind == "missing":
            messages.append(f"{name} is missing")
        elif kind == "value_error":
            messages.append(f"{name} {ctx.get('error', detail['msg'])}")
        else:
            messages.append(f"{name}: {detail['msg'].lower()}")
    return messages
