"""Corrective actions as the board and the follow-up report see them: order, overdue, summary, hints.

Pure functions over `Action` lists; the TUI's board and the `actions` subcommand both use them.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pm_postmortem.core.model import Action, ActionStatus, ActionType, Priority, WhyNode
from pm_postmortem.core.text import line_feeds, visible

STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS, ActionStatus.DONE)
"""The board's columns, left to right."""

MAX_OPEN = 5
"""More open actions than this and the board suggests trimming the list."""

RECENT_DAYS = 30
"""`completed_recently` counts actions done within this many days."""

_PRIORITY_RANK = {Priority.P1: 0, Priority.P2: 1, Priority.P3: 2}

WordingCheck = Callable[[str], list[str]]
"""Returns what is wrong with an action's wording (empty when nothing is)."""


def today_in(now: datetime, timezone: str = "UTC") -> date:
    """The calendar date of ``now`` in the workspace's display timezone."""
    try:
        zone = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        return now.date()
    return now.astimezone(zone).date() if now.tzinfo else now.date()


def is_open(action: Action) -> bool:
    """Still to do: Open or In Progress."""
    return action.status is not ActionStatus.DONE


def is_overdue(action: Action, today: date) -> bool:
    """Not done and its deadline lies before today."""
    return is_open(action) and action.deadline is not None and action.deadline < today


def board_key(action: Action) -> tuple:
    """Within a column: priority first, then the nearest deadline (none last), then the number."""
    deadline = action.deadline or date.max
    return (_PRIORITY_RANK.get(action.priority, 9), deadline, action.number, action.id)


def ordered(actions: Iterable[Action]) -> list[Action]:
    return sorted(actions, key=board_key)


def columns(actions: Iterable[Action]) -> dict[ActionStatus, list[Action]]:
    """The actions per status, each column in board order."""
    result: dict[ActionStatus, list[Action]] = {status: [] for status in STATUSES}
    for action in actions:
        result[action.status].append(action)
    return {status: ordered(items) for status, items in result.items()}


def shifted_status(status: ActionStatus, step: int) -> ActionStatus | None:
    """The status one column to the left (-1) or right (+1); None past the edge."""
    index = STATUSES.index(status) + step
    return STATUSES[index] if 0 <= index < len(STATUSES) else None


def next_deadline(actions: Iterable[Action], today: date) -> date | None:
    """The nearest deadline from today on among the actions still to do."""
    upcoming = [a.deadline for a in actions if is_open(a) and a.deadline and a.deadline >= today]
    return min(upcoming, default=None)


def status_counts(actions: Sequence[Action]) -> str:
    """How many actions and how many per column: ``4 actions · 2 open · 2 in progress``."""
    parts = [_count(len(actions), "action")]
    for status in STATUSES:
        count = sum(1 for action in actions if action.status is status)
        if count:
            parts.append(f"{count} {status.value.lower()}")
    return " · ".join(parts)


def summary(actions: Sequence[Action], today: date) -> str:
    """One line: how many, per status and type, how many overdue, the next deadline."""
    if not actions:
        return "No corrective actions yet"
    parts = [status_counts(actions)]
    for kind in ActionType:
        count = sum(1 for action in actions if action.type is kind)
        if count:
            parts.append(f"{count} {kind.value}")
    overdue = sum(1 for action in actions if is_overdue(action, today))
    if overdue:
        parts.append(f"{overdue} overdue")
    upcoming = next_deadline(actions, today)
    if upcoming is not None:
        parts.append(f"next due {upcoming.isoformat()}")
    return " · ".join(parts)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


NUMBERS_SHOWN = 6
"""A hint names at most this many actions, then says how many more."""


def numbers(actions: Iterable[Action], limit: int = NUMBERS_SHOWN) -> str:
    """``#1, #3, #4`` or, for a long list, ``#1, #3, #4, #6, #7, #9 and 12 more``."""
    listed = [f"#{action.number}" for action in actions]
    if len(listed) <= limit:
        return ", ".join(listed)
    return f"{', '.join(listed[:limit])} and {len(listed) - limit} more"


# --- hints ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Hint:
    """A suggestion for the room; ``code`` names the rule, ``action_ids`` the actions concerned."""

    code: str
    text: str
    action_ids: tuple[str, ...] = ()


def hints(
    actions: Sequence[Action], today: date, wording: WordingCheck | None = None
) -> list[Hint]:
    """What the room may want to look at; each hint is advice, never a rule that blocks."""
    found: list[Hint] = []
    pending = [action for action in actions if is_open(action)]
    if len(pending) > MAX_OPEN:
        found.append(
            Hint(
                "too_many_open",
                f"{len(pending)} actions are still to do. Short lists get finished: "
                "merge or drop the ones that matter least",
                tuple(action.id for action in pending),
            )
        )
    if actions and not any(action.priority is Priority.P1 for action in actions):
        found.append(Hint("no_p1", "No action is P1: is there nothing that has to happen first?"))
    checks = (
        (
            "no_owner",
            lambda action: not action.owner.strip(),
            "No owner for {}: name a team or person who answers for it",
        ),
        (
            "no_deadline",
            lambda action: action.deadline is None,
            "No deadline for {}: agree on a date in the room",
        ),
        (
            "overdue",
            lambda action: is_overdue(action, today),
            "Past the deadline: {}. Finish, re-plan or drop them",
        ),
    )
    for code, applies, text in checks:
        concerned = [action for action in pending if applies(action)]
        if concerned:
            found.append(_hint(code, text.format(numbers(concerned)), concerned))
    if wording is not None:
        by_message: dict[str, list[Action]] = {}
        for action in actions:
            for message in dict.fromkeys(wording(action.action)):
                by_message.setdefault(message, []).append(action)
        for message, concerned in by_message.items():
            found.append(_hint("wording", f"{numbers(concerned)}: {message}", concerned))
    return found


def _hint(code: str, text: str, concerned: Sequence[Action]) -> Hint:
    return Hint(code, text, tuple(action.id for action in concerned))


def flags(action: Action, today: date, wording: WordingCheck | None = None) -> list[str]:
    """Short notes for one card: what its hints say about this action."""
    notes: list[str] = []
    if is_open(action):
        if not action.owner.strip():
            notes.append("no owner")
        if action.deadline is None:
            notes.append("no deadline")
        elif action.deadline < today:
            notes.append("overdue")
    if wording is not None and wording(action.action):
        notes.append("check the wording")
    return notes


# --- wording ---------------------------------------------------------------------------------


def wording_check() -> WordingCheck:
    """The language coach's findings for action text (their messages), cached per text."""
    from pm_postmortem.core.coach import FieldKind, check_text

    @lru_cache(maxsize=4096)
    def check(text: str) -> tuple[str, ...]:
        return tuple(finding.message for finding in check_text(text, FieldKind.ACTION))

    return lambda text: list(check(text)) if text.strip() else []


# --- links and the follow-up report ------------------------------------------------------------


def why_depth(nodes: Sequence[WhyNode], node_id: str) -> int | None:
    """Which why a node answers: 1 for an answer to the symptom, 2 below that, and so on."""
    parents = {node.id: node.parent for node in nodes}
    if node_id not in parents:
        return None
    depth, seen = 0, set[str]()
    current: str | None = node_id
    while current is not None and current not in seen:
        seen.add(current)
        depth += 1
        current = parents.get(current)
    return depth


def completed_recently(actions: Iterable[Action], today: date, days: int = RECENT_DAYS) -> int:
    """Actions marked done within the last ``days`` days (today included)."""
    since = today - timedelta(days=days)
    return sum(
        1
        for action in actions
        if action.status is ActionStatus.DONE and action.done_on and since < action.done_on <= today
    )


@dataclass(frozen=True)
class Totals:
    total: int
    open: int
    overdue: int
    done: int
    completed_recently: int

    @property
    def completion_rate(self) -> float | None:
        return self.done / self.total if self.total else None


def totals(actions: Sequence[Action], today: date) -> Totals:
    return Totals(
        total=len(actions),
        open=sum(1 for action in actions if is_open(action)),
        overdue=sum(1 for action in actions if is_overdue(action, today)),
        done=sum(1 for action in actions if action.status is ActionStatus.DONE),
        completed_recently=completed_recently(actions, today),
    )


# --- plain-text report ---------------------------------------------------------------------


def single_line(text: str) -> str:
    """User text for one line of terminal output: line breaks as " / ", control characters visible."""
    joined = " / ".join(part.strip() for part in line_feeds(text).split("\n"))
    return visible(joined)


def text_width(text: str) -> int:
    """Terminal columns ``text`` takes: wide (East Asian) characters count twice, marks not at all."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def aligned(rows: Sequence[Sequence[str]]) -> list[str]:
    """Rows of cells as lines with aligned columns (two spaces apart, no trailing spaces)."""
    if not rows:
        return []
    widths = [max(text_width(row[column]) for row in rows) for column in range(len(rows[0]))]
    return [
        "  ".join(
            value + " " * (width - text_width(value))
            for value, width in zip(row, widths, strict=True)
        ).rstrip()
        for row in rows
    ]


def status_text(action: Action, today: date) -> str:
    return f"{action.status.value} (overdue)" if is_overdue(action, today) else action.status.value


def totals_lines(result: Totals) -> list[str]:
    rate = "—" if result.completion_rate is None else f"{result.completion_rate:.0%}"
    return aligned(
        [
            ("open", str(result.open)),
            ("overdue", str(result.overdue)),
            (f"completed in the last {RECENT_DAYS} days", str(result.completed_recently)),
            ("completion rate", f"{rate} ({result.done} of {result.total} done)"),
        ]
    )
