"""Cell readers: escaping, enum values, severities, statuses and dates as people write them."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from enum import StrEnum
from operator import itemgetter
from typing import TypeVar

from pm_postmortem.core.model import (
    ActionStatus,
    ActionType,
    Category,
    Priority,
    Severity,
    Status,
)

# --- escaping ---------------------------------------------------------------------------------

_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_ESCAPE_PAIR = re.compile(r"\\[!-/:-@\[-`{-~]")
_MASK = "\x01\x01"
_FIRST_GROUP = itemgetter(1)  # a C-level replacement: much faster than the template r"\1"


def unescape(text: str) -> str:
    """Drop every backslash that escapes an ASCII punctuation character."""
    return _ESCAPE.sub(_FIRST_GROUP, text) if "\\" in text else text


def _norm(text: str) -> str:
    """A heading or label for matching: unescaped, lower case, single spaces, no emphasis or colon."""
    text = unescape(text).strip().strip("*_").strip().rstrip(":").strip()
    return " ".join(text.lower().replace("’", "'").split())


def _mask(text: str) -> str:
    """`text` with every escape pair replaced by two placeholder characters (same positions)."""
    return _ESCAPE_PAIR.sub(_MASK, text) if "\\" in text else text


def _split_unescaped(raw: str, separator: str | re.Pattern[str]) -> list[str]:
    """`raw` split on the separators that are not part of an escape pair."""
    masked = _mask(raw)
    if isinstance(separator, str):
        if separator not in masked:
            return [raw]
        spans = []
        start = masked.find(separator)
        while start >= 0:
            spans.append((start, start + len(separator)))
            start = masked.find(separator, start + len(separator))
    else:
        spans = [match.span() for match in separator.finditer(masked)]
    parts, start = [], 0
    for begin, end in spans:
        parts.append(raw[start:begin])
        start = end
    parts.append(raw[start:])
    return parts


def _backslashes_before(text: str, index: int) -> int:
    count = 0
    while index > 0 and text[index - 1] == "\\":
        count += 1
        index -= 1
    return count


def _looks_like_notion(text: str) -> bool:
    """No unescaped ``<br>`` and some escaped ``\\/``: the exporter's Notion variant."""
    index = text.find("<br>")
    while index >= 0:
        if _backslashes_before(text, index) % 2 == 0:
            return False
        index = text.find("<br>", index + 4)
    index = text.find("\\/")
    while index >= 0:
        if _backslashes_before(text, index) % 2 == 0:
            return True
        index = text.find("\\/", index + 2)
    return False


# --- reading values ---------------------------------------------------------------------------

_PLACEHOLDER = re.compile(r"\[[^\[\]]*\]")
_BR_LENIENT = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TARGET = re.compile(r"<\s*([0-9]{1,6})\s*min(?:utes?|s)?\.?", re.IGNORECASE)
_NUMBER_CELL = re.compile(r"#?([0-9]{1,9})\.?")
_DONE_TODO = re.compile(r"\*\*\s*(DONE|TODO|IN PROGRESS)\s*\*\*", re.IGNORECASE)
_BLAST = re.compile(
    r"~?(?:(?P<customers>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,12})\s+(?:customers?|tenants?|clients?|users?))?"
    r"(?:\s*(?:/|,|;|and)\s*)?"
    r"(?:~?(?P<percent>[0-9]{1,3}(?:\.[0-9]{1,6})?)\s*%(?:\s+of\s+(?:the\s+)?traffic)?)?",
    re.IGNORECASE,
)
_REVENUE_NUMBER = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})*(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?")
_COMPLIANCE_IMPACT = re.compile(
    r"(yes|no)\b\s*(?:(?:—|–|-|:|,)\s*(?P<details>.*))?", re.IGNORECASE | re.DOTALL
)

_AUTHOR_SEPARATOR = re.compile(r"[,;]|\s+and\s+|\s+&\s+")
_LIST_ITEM = re.compile(r"(?:[-*+]|[0-9]{1,9}[.)])[ \t]")
_NUMBERED = re.compile(r"([0-9]{1,9})[.)][ \t]+")
_BULLET = re.compile(r"[-*+][ \t]+")
_CHECKBOX = re.compile(r"[-*+][ \t]+\[([ xX])\][ \t]?")
_NOTIFICATION = "Regulatory notification required?"
_NOTIFICATION_ANSWER = re.compile(r"[ \t]*(yes|no|ja|nein)\b[ \t.]*", re.IGNORECASE)
_STRICT_NOTIFICATION = re.compile(
    re.escape(_NOTIFICATION) + r"(?:(?: Yes)? \(If yes, deadline: [^\n]*\)| No(?: \(If yes, deadline: [^\n]*\))?)"
)
_DATE_FORMATS = ("%d.%m.%Y", "%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%A, %B %d, %Y")
_NO_TICKET = frozenset({"n/a", "na", "none", "-", "—", "tbd"})

_TEMPLATE_PROSE = frozenset(
    _norm(line)
    for line in (
        "Start from the observable symptom and drill down:",
        "Factors that didn't directly cause the incident but made it worse or more likely:",
        "Don't skip this section. Things that prevented worse outcomes:",
        "Systemic issues — not individual failures:",
        "Things that could have made this much worse:",
        "If the incident affected regulated data or compliance (see `domain-context.md` for "
        "relevant regulations):",
    )
)
"""The seed template's explanatory lines: skipped when a hand-written document keeps them."""
_PROSE_INITIALS = frozenset("SFDTIsfdti")

_EMPTY_LINES = frozenset(
    {
        "*No executive summary written yet.*",
        "*No events recorded.*",
        "*No whys asked yet.*",
        "*No contributing factors recorded.*",
        "*Nothing noted yet.*",
        "*No corrective actions yet.*",
        "*No lessons recorded.*",
    }
)
"""What the exporter writes for an empty section."""


E = TypeVar("E", bound=StrEnum)


def _enum_value(enum: type[E], text: str, aliases: Mapping[str, E] | None = None) -> E | None:
    exact = enum._value2member_map_.get(text)
    if exact is not None:
        return exact  # type: ignore[return-value]
    key = " ".join(text.lower().replace("-", " ").replace("_", " ").split())
    for member in enum:
        if key == member.value.lower():
            return member
    return (aliases or {}).get(key)


_SEVERITY_WORDS = {severity.label.lower(): severity for severity in Severity}
_SEVERITY = re.compile(r"(?:s|sev|severity)[ \t-]*([1-4])\b", re.IGNORECASE)
_STATUS_ALIASES = {
    "review": Status.IN_REVIEW,
    "in review": Status.IN_REVIEW,
    "wip": Status.DRAFT,
    "complete": Status.FINAL,
    "completed": Status.FINAL,
    "done": Status.FINAL,
    "closed": Status.FINAL,
    "published": Status.FINAL,
}
_TYPE_ALIASES = {
    "prevention": ActionType.PREVENT,
    "preventive": ActionType.PREVENT,
    "detection": ActionType.DETECT,
    "mitigation": ActionType.MITIGATE,
    "repair": ActionType.OTHER,
    "investigate": ActionType.OTHER,
}
_PRIORITY_ALIASES = {
    "1": Priority.P1,
    "2": Priority.P2,
    "3": Priority.P3,
    "high": Priority.P1,
    "medium": Priority.P2,
    "low": Priority.P3,
}
_ACTION_STATUS_ALIASES = {
    "todo": ActionStatus.OPEN,
    "to do": ActionStatus.OPEN,
    "not started": ActionStatus.OPEN,
    "new": ActionStatus.OPEN,
    "wip": ActionStatus.IN_PROGRESS,
    "doing": ActionStatus.IN_PROGRESS,
    "started": ActionStatus.IN_PROGRESS,
    "closed": ActionStatus.DONE,
    "complete": ActionStatus.DONE,
    "completed": ActionStatus.DONE,
    "fixed": ActionStatus.DONE,
    "resolved": ActionStatus.DONE,
}
_CATEGORY_ALIASES = {
    "organisational": Category.ORGANIZATIONAL,
    "org": Category.ORGANIZATIONAL,
    "tech": Category.TECHNICAL,
}
_ACTION_ENUMS: tuple[tuple[str, type[StrEnum], Mapping[str, StrEnum]], ...] = (
    ("type", ActionType, _TYPE_ALIASES),
    ("priority", Priority, _PRIORITY_ALIASES),
    ("status", ActionStatus, _ACTION_STATUS_ALIASES),
)
_BOOLEANS = {
    "yes": True,
    "y": True,
    "true": True,
    "x": True,
    "ja": True,
    "✓": True,
    "no": False,
    "n": False,
    "false": False,
    "nein": False,
}


def _severity(text: str) -> Severity | None:
    text = text.strip()
    if match := _SEVERITY.match(text):
        return Severity(f"S{match[1]}")
    return _SEVERITY_WORDS.get(text.lower())


def _status(text: str) -> tuple[Status | None, bool]:
    """The status and whether the text was exactly one (SRE: ``Complete, action items open``)."""
    exact = _enum_value(Status, text, _STATUS_ALIASES)
    if exact is not None:
        return exact, True
    lower = text.lower()
    if "review" in lower:
        return Status.IN_REVIEW, False
    if any(word in lower for word in ("final", "complete", "closed", "published", "done")):
        return Status.FINAL, False
    if "draft" in lower:
        return Status.DRAFT, False
    return None, False


def _date(text: str) -> date | None:
    text = text.strip()
    if not text or len(text) > 40:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None
