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


ITEM_TEXT_FIELDS: dict[str, dict[str, FieldKind]] = {
    "timeline": {"text": FieldKind.TIMELINE},
    "whys": {"answer": FieldKind.WHY},
    "factors": {"factor": FieldKind.FACTOR, "how": FieldKind.FACTOR},
    "went_well": {"text": FieldKind.WENT_WELL},
    "went_poorly": {"text": FieldKind.WENT_POORLY},
    "lucky": {"text": FieldKind.LUCKY},
    "actions": {"action": FieldKind.ACTION, "done_when": FieldKind.ACTION},
    "lessons": {"lesson": FieldKind.LESSON},
    "compliance": {"note": FieldKind.OTHER},
}
"""Collection → its free-text fields the coach reads, with the kind of text each holds (the
answer marked as the root cause is read as `FieldKind.ROOT_CAUSE`)."""

SECTION_TEXT_FIELDS: dict[str, dict[str, FieldKind]] = {
    "metadata": {
        "title": FieldKind.SUMMARY,
        "what_happened": FieldKind.SUMMARY,
        "executive_summary": FieldKind.SUMMARY,
    },
    "impact": dict.fromkeys(IMPACT_TEXT_FIELDS, FieldKind.OTHER),
    "whys": {"symptom": FieldKind.SYMPTOM, "root_cause_statement": FieldKind.ROOT_CAUSE},
}
"""Section path → its free-text fields the coach reads; with the workspace's ``notes``, these
and `ITEM_TEXT_FIELDS` are every field the coach reads."""


class BlameKind(StrEnum):
    """What kind of blame a finding is: each rule belongs to one."""

    PERSON = "person"
    GROUP = "group"
    FAULT = "fault"
    HINDSIGHT = "hindsight"
    FIX_THE_HUMAN = "fix-the-human"
    QUESTION = "question"
    VAGUE = "vague"

    @property
    def heading(self) -> str:
        """The kind in a few words, as findings are grouped under it."""
        return _KIND_TITLES[self]

    @property
    def why(self) -> str:
        """Why this kind of wording matters, in one sentence."""
        return _KIND_WHY[self]


_KIND_TITLES = {
    BlameKind.PERSON: "Person as the cause",
    BlameKind.GROUP: "Group as the culprit",
    BlameKind.FAULT: "Words of fault",
    BlameKind.HINDSIGHT: "Hindsight",
    BlameKind.FIX_THE_HUMAN: "Fixing the human",
    BlameKind.QUESTION: "Question aimed at a person",
    BlameKind.VAGUE: "Vague action",
}
_KIND_WHY = {
    BlameKind.PERSON: "Naming who slipped ends the inquiry where it should start: at what made the "
    "slip easy and let it through.",
    BlameKind.GROUP: "Pointing at a team turns a gap in the process into a verdict on people, and "
    "the gap stays open.",
    BlameKind.FAULT: "Words like “by mistake” or “human error” judge an act instead of explaining "
    "it, and people stop telling what really happened.",
    BlameKind.HINDSIGHT: "Knowing the outcome makes the signs look plain; at the time they were "
    "buried among others.",
    BlameKind.FIX_THE_HUMAN: "Asking people to try harder does not survive the next busy night; a "
    "change to the system does.",
    BlameKind.QUESTION: "A question aimed at a person asks them to defend themselves, so the room "
    "learns less.",
    BlameKind.VAGUE: "Without a measurable end nobody can tell when the action is done, so it "
    "quietly never is.",
}


@dataclass(frozen=True)
class Rewording:
    """Replace ``text[start:end]`` (the sentence of the finding) with ``text``."""

    start: int
    end: int
    text: str

    def apply(self, text: str) -> str:
        return text[: self.start] + self.text + text[self.end :]


@dataclass(frozen=True)
class Finding:
    rule: str
    message: str
    reframe: str
    start: int
    end: int
    """``text[start:end]`` is the wording the finding is about."""
    kind: BlameKind = BlameKind.PERSON
    rewording: Rewording | None = None
    """A systems-focused rewording of the sentence, when the coach can offer one."""


@dataclass(frozen=True)
class FieldFinding:
    field: str
    """A stable path such as ``timeline.<id>.text`` or ``metadata.executive_summary``."""
    kind: FieldKind
    finding: Finding
