"""What the language coach reports, and the kinds of text it reads (see `pm_postmortem.core.coach`).

Kept apart from the rules so that showing findings does not load and compile every detector.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class FieldKind(StrEnum):
    TIMELINE = "timeline"
    SYMPTOM = "symptom"
    WHY = "why"
    ROOT_CAUSE = "root_cause"
    FACTOR = "factor"
    WENT_WELL = "went_well"
    WENT_POORLY = "went_poorly"
    LUCKY = "lucky"
    ACTION = "action"
    LESSON = "lesson"
    SUMMARY = "summary"
    OTHER = "other"


IMPACT_TEXT_FIELDS = (
    "revenue_impact",
    "compliance_details",
    "affected_segments",
    "affected_functionality",
    "data_integrity",
    "compliance_exposure",
)
"""The impact section's free-text fields: the coach reads them, the UI shows their findings."""


@dataclass(frozen=True)
class Finding:
    rule: str
    message: str
    reframe: str
    start: int
    end: int
    """``text[start:end]`` is the wording the finding is about."""


@dataclass(frozen=True)
class FieldFinding:
    field: str
    """A stable path such as ``timeline.<id>.text`` or ``metadata.executive_summary``."""
    kind: FieldKind
    finding: Finding
