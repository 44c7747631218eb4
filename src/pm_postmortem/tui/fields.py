"""What the edit forms ask for: one `FieldSpec` per field, in the export table's column order."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from pm_postmortem.core.domain import DomainContext
from pm_postmortem.core.model import (
    Action,
    ActionStatus,
    ActionType,
    Category,
    Priority,
    Severity,
    Status,
)


class Kind(StrEnum):
    TEXT = "text"
    MULTILINE = "multiline"
    CHOICE = "choice"
    YES_NO = "yes_no"
    DATE = "date"
    NUMBER = "number"
    LIST = "list"


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str
    kind: Kind = Kind.TEXT
    choices: tuple[tuple[str, str], ...] = ()
    """(shown label, stored value) pairs for CHOICE fields, (label, typed text) for YES_NO ones."""
    hint: str = ""
    parse: Callable[[str], Any] | None = None
    """Turns the typed text into the stored value; raise ValueError with a reason."""
    show: Callable[[Any], str] | None = None
    """Turns the stored value into the text in the field."""
    suggestions: Callable[[DomainContext], list[str]] | None = None
    """What the domain context offers for a TEXT field (a comma-separated list): completed as
    the facilitator types and listed under the field; anything else may be typed too."""

    def text_of(self, value: Any) -> str:
        """The stored value as the text a person edits."""
        if self.show is not None:
            return self.show(value)
        if value is None:
            return ""
        if self.kind is Kind.LIST:
            return ", ".join(value)
        if self.kind is Kind.YES_NO:
            return "yes" if value else "no"
        return str(value)

    def value_of(self, text: str) -> Any:
        """The typed text as the value the document stores; a box's text without the blank lines
        and spaces around it (the enter pressed after the last line)."""
        if self.parse is not None:
            return self.parse(text)
        stripped = text.strip()
        if self.kind is Kind.MULTILINE:
            return stripped
        if self.kind is Kind.LIST:
            return [part.strip() for part in text.split(",") if part.strip()]
        if self.kind in (Kind.DATE, Kind.NUMBER, Kind.CHOICE) and not stripped:
            return None
        if self.kind is Kind.DATE:
            try:
                return date.fromisoformat(stripped)
            except ValueError:
                if re.fullmatch(r"\d{4}-\d{2}-\d{2}", stripped):
                    raise ValueError(f"{self.label.lower()}: {stripped} is not a day of the calendar") from None
                raise ValueError(f"{self.label.lower()} must be a date written as YYYY-MM-DD") from None
        if self.kind is Kind.YES_NO:
            if not stripped:
                return None
            if stripped.lower() in ("y", "yes", "true", "ja", "1"):
                return True
            if stripped.lower() in ("n", "no", "false", "nein", "0"):
                return False
            raise ValueError(f"{self.label.lower()}: answer yes or no")
        return text


def choices(enum: type[StrEnum], labels: dict[Any, str] | None = None) -> tuple[tuple[str, str], ...]:
    return tuple(((labels or {}).get(member, member.value), member.value) for member in enum)


YES_NO = (("Yes", "yes"), ("No", "no"))
"""The choices of a yes/no question, picked from a list so no other answer can be typed."""

SEVERITY_CHOICES = (
    ("S1: Critical", "S1"),
    ("S2: Major", "S2"),
    ("S3: Minor", "S3"),
    ("S4: Low", "S4"),
)

METADATA_FIELDS = (
    FieldSpec("title", "Title"),
    FieldSpec("incident_date", "Date of Incident", Kind.DATE, hint="YYYY-MM-DD"),
    FieldSpec("severity", "Severity", Kind.CHOICE, SEVERITY_CHOICES),
    FieldSpec("duration", "Duration", hint="HH:MM; computed from the markers when they are set"),
    FieldSpec("authors", "Post-Mortem Author", Kind.LIST, hint="names separated by commas"),
    FieldSpec("postmortem_date", "Post-Mortem Date", Kind.DATE, hint="YYYY-MM-DD"),
    FieldSpec("status", "Status", Kind.CHOICE, choices(Status)),
    FieldSpec("services", "Services", Kind.LIST, hint="separated by commas"),
    FieldSpec("tags", "Tags", Kind.LIST, hint="separated by commas"),
)

SUMMARY_FIELDS = (
    FieldSpec("what_happened", "What happened", Kind.MULTILINE, hint="two or three sentences"),
    FieldSpec(
        "executive_summary",
        "Executive summary",
        Kind.MULTILINE,
        hint="for readers outside engineering: what happened, who noticed, how it ended",
    ),
)

IMPACT_FIELDS = (
    FieldSpec("customers_affected", "Customers affected", Kind.NUMBER),
    FieldSpec("traffic_percent", "% of traffic", Kind.NUMBER),
    FieldSpec("revenue_impact", "Revenue impact", hint='an amount, or "none"'),
    FieldSpec("compliance_affected", "Compliance affected", Kind.YES_NO, YES_NO),
    FieldSpec("compliance_details", "Compliance details"),
    FieldSpec(
        "affected_segments",
        "Affected segments",
        hint="separated by commas",
        suggestions=DomainContext.persona_suggestions,
    ),
    FieldSpec("affected_functionality", "Affected functionality"),
    FieldSpec("data_integrity", "Data integrity"),
    FieldSpec("compliance_exposure", "Compliance exposure"),
)

TARGET_FIELDS = (
    FieldSpec("ttd", "TTD target (min)", Kind.NUMBER),
    FieldSpec("ttr", "TTR target (min)", Kind.NUMBER),
    FieldSpec("ttm", "TTM target (min)", Kind.NUMBER),
    FieldSpec("mttr", "MTTR target (min)", Kind.NUMBER),
    FieldSpec("communicate", "Communicate target (min)", Kind.NUMBER),
)

FACTOR_FIELDS = (
    FieldSpec("factor", "Factor"),
    FieldSpec("category", "Category", Kind.CHOICE, choices(Category)),
    FieldSpec("how", "How It Contributed", Kind.MULTILINE),
)

NOTE_FIELDS = (FieldSpec("text", "Text", Kind.MULTILINE),)

ACTION_FIELDS = (
    FieldSpec("action", "Action"),
    FieldSpec("type", "Type", Kind.CHOICE, choices(ActionType)),
    FieldSpec("owner", "Owner"),
    FieldSpec("deadline", "Deadline", Kind.DATE, hint="YYYY-MM-DD"),
    FieldSpec("priority", "Priority", Kind.CHOICE, choices(Priority)),
    FieldSpec("status", "Status", Kind.CHOICE, choices(ActionStatus)),
    FieldSpec("ticket", "Ticket"),
    FieldSpec("done_when", "Done when"),
)


def new_action_values(**chosen: Any) -> dict[str, Any]:
    """What the form of a new corrective action starts with, wherever it is made (the board, a
    why): the model's defaults (type Prevent, priority P2, status Open), then ``chosen``."""
    defaults = {
        spec.name: Action.model_fields[spec.name].get_default(call_default_factory=True)
        for spec in ACTION_FIELDS
    }
    return {**defaults, **chosen}

LESSON_FIELDS = (
    FieldSpec("lesson", "Lesson", Kind.MULTILINE),
    FieldSpec("applicable", "Applicable Beyond This Incident?", Kind.YES_NO, YES_NO),
    FieldSpec("shared_with", "Shared With"),
)

COMPLIANCE_FIELDS = (
    FieldSpec("label", "Check"),
    FieldSpec("checked", "Done", Kind.YES_NO, YES_NO),
    FieldSpec("note", "Note", Kind.MULTILINE),
)

NOTIFICATION_FIELDS = (
    FieldSpec(
        "notification_required", "Regulatory notification required", Kind.YES_NO, YES_NO
    ),
    FieldSpec("notification_deadline", "Notification deadline", Kind.DATE, hint="YYYY-MM-DD"),
)

SEVERITY_GUIDE = {
    Severity.S1: "Most or all customers cannot work, data is lost or wrong, or a legal duty is breached.",
    Severity.S2: "A part of the product is badly degraded for some customers; a workaround exists.",
    Severity.S3: "Little impact: something cosmetic or non-essential misbehaves.",
    Severity.S4: "No customer notices; an internal tool or a gap we found ourselves.",
}
