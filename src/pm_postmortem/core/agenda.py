"""The meeting agenda: its steps, what to ask the room at each one, and a timebox per step.

Presenter mode shows this on the shared screen. Everything here is plain data and arithmetic on
an injected clock, so the timers can be tested without waiting and used outside the TUI.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from pm_postmortem.core.actions import status_counts
from pm_postmortem.core.export import why_chain
from pm_postmortem.core.metrics import compute_metrics
from pm_postmortem.core.model import ActionStatus, Workspace

Clock = Callable[[], datetime]

AMBER_AT = 0.8
"""The share of a timebox after which the room gets a heads-up."""
MIN_MINUTES = 1
MAX_MINUTES = 120


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    short: str
    """The title in the agenda strip."""
    minutes: int
    """The default timebox."""
    pane: str
    """The workspace pane that holds this part of the document."""
    prompt: str
    """The one question to put to the room."""
    follow_ups: tuple[str, ...]
    """Further questions when the first one has been answered."""


STEPS: tuple[Step, ...] = (
    Step(
        "intake",
        "Intake",
        "Intake",
        5,
        "overview",
        "In two or three sentences: what did customers and colleagues notice, from when to when?",
        (
            "Who was affected and how badly? Pick a severity for now; it can change later.",
            "Were money, data or a legal deadline involved?",
        ),
    ),
    Step(
        "timeline",
        "Timeline",
        "Timeline",
        15,
        "timeline",
        "Walk through it in order: what did people see at each moment, and what did they do next?",
        (
            "What made that next step look sensible with what was known at the time?",
            "When did the impact start, when did we notice, and when did it stop?",
            "Which signals were there before anyone noticed?",
        ),
    ),
    Step(
        "whys",
        "5 Whys",
        "5 Whys",
        15,
        "whys",
        "Start from what was observed and ask why it happened; repeat for every answer.",
        (
            "If an answer names a person, ask what made the slip easy and what did not catch it.",
            "Keep going until you reach something about the system we can change.",
            "How we found out is a separate question from why it broke.",
        ),
    ),
    Step(
        "factors",
        "Contributing factors",
        "Factors",
        10,
        "review",
        "What else made this more likely or worse: process, tooling, organisation, outside events?",
        (
            "What slowed detection or response, apart from the cause itself?",
            "Which defaults, deadlines or handovers put pressure on the people involved?",
        ),
    ),
    Step(
        "actions",
        "Corrective actions",
        "Actions",
        10,
        "actions",
        "For each cause and each detection gap: what change to the system would help next time?",
        (
            "Who owns it, by when, and how will we know it is done?",
            "Three to five actions are plenty; which ones matter most?",
        ),
    ),
    Step(
        "lessons",
        "Lessons learned",
        "Lessons",
        5,
        "review",
        "What went well that we want to keep on purpose, and where did we simply get lucky?",
        (
            "What would other teams want to know from this?",
            "Who should hear about it, and who tells them?",
        ),
    ),
)

STEP_IDS = tuple(step.id for step in STEPS)
PROMPTS: dict[str, str] = {step.id: step.prompt for step in STEPS}
"""Step id → the question to ask the room."""
PANE_PROMPTS: dict[str, str] = {}
"""Workspace pane → the question of the first step shown in it (a pane hint)."""
for _step in STEPS:
    PANE_PROMPTS.setdefault(_step.pane, _step.prompt)


class TimeboxState(StrEnum):
    OK = "ok"
    AMBER = "amber"
    RED = "red"


class Timebox:
    """A stopwatch measured against a budget in minutes; paused until started."""

    def __init__(self, minutes: int, clock: Clock) -> None:
        self.minutes = _clamp(minutes)
        self.clock = clock
        self._spent = timedelta()
        self._started: datetime | None = None

    @property
    def running(self) -> bool:
        return self._started is not None

    def start(self) -> None:
        if self._started is None:
            self._started = self.clock()

    def pause(self) -> None:
        if self._started is not None:
            self._spent += max(self.clock() - self._started, timedelta())
            self._started = None

    def toggle(self) -> None:
        if self.running:
            self.pause()
        else:
            self.start()

    def reset(self) -> None:
        self._spent = timedelta()
        self._started = self.clock() if self.running else None

    @property
    def elapsed(self) -> timedelta:
        if self._started is None:
            return self._spent
        return self._spent + max(self.clock() - self._started, timedelta())

    @property
    def budget(self) -> timedelta:
        return timedelta(minutes=self.minutes)

    @property
    def remaining(self) -> timedelta:
        """Negative once the timebox is over."""
        return self.budget - self.elapsed

    @property
    def fraction(self) -> float:
        return self.elapsed / self.budget

    @property
    def state(self) -> TimeboxState:
        fraction = self.fraction
        if fraction > 1:
            return TimeboxState.RED
        if fraction >= AMBER_AT:
            return TimeboxState.AMBER
        return TimeboxState.OK

    def change(self, minutes: int) -> None:
        """Add (or with a negative number take away) minutes; stays within 1 and 120."""
        self.minutes = _clamp(self.minutes + minutes)


def _clamp(minutes: int) -> int:
    return max(MIN_MINUTES, min(MAX_MINUTES, int(minutes)))


class Agenda:
    """The steps of one meeting, the current one and a timebox for each."""

    def __init__(
        self, clock: Clock, minutes: dict[str, int] | None = None, steps: tuple[Step, ...] = STEPS
    ) -> None:
        self.steps = steps
        self.clock = clock
        minutes = minutes or {}
        self.timeboxes = [Timebox(minutes.get(step.id, step.minutes), clock) for step in steps]
        self.index = 0

    @property
    def step(self) -> Step:
        return self.steps[self.index]

    @property
    def timebox(self) -> Timebox:
        return self.timeboxes[self.index]

    @property
    def is_first(self) -> bool:
        return self.index == 0

    @property
    def is_last(self) -> bool:
        return self.index == len(self.steps) - 1

    def go(self, index: int) -> None:
        """Move to another step; a running timer moves along with the room."""
        index = max(0, min(index, len(self.steps) - 1))
        if index == self.index:
            return
        running = self.timebox.running
        self.timebox.pause()
        self.index = index
        if running:
            self.timebox.start()

    def next(self) -> None:
        self.go(self.index + 1)

    def previous(self) -> None:
        self.go(self.index - 1)

    @property
    def total_minutes(self) -> int:
        return sum(timebox.minutes for timebox in self.timeboxes)

    @property
    def total_elapsed(self) -> timedelta:
        return sum((timebox.elapsed for timebox in self.timeboxes), timedelta())


def clock_text(delta: timedelta) -> str:
    """A duration as M:SS (or H:MM:SS), with a leading "+" when it is negative (over time)."""
    seconds = int(delta.total_seconds())
    sign = "+" if seconds < 0 else ""
    seconds = abs(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{seconds:02d}"
    return f"{sign}{minutes:02d}:{seconds:02d}"


# --- what the room sees of the document at each step ----------------------------------------


def _short(text: str, limit: int = 90) -> str:
    text, limit = " ".join(text.split()), max(limit, 20)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def step_summary(ws: Workspace, step_id: str, limit: int = 5, width: int = 90) -> list[str]:
    """A few lines about the part of the document the step works on (for the shared screen).

    ``limit`` caps the entries listed, ``width`` the characters of each line.
    """
    if step_id == "intake":
        meta, impact = ws.metadata, ws.impact
        severity = f"{meta.severity.value} ({meta.severity.label})" if meta.severity else "not set"
        facts = [f"Severity {severity}"]
        if impact.customers_affected is not None:
            facts.append(f"{impact.customers_affected:,} customers")
        if impact.traffic_percent is not None:
            facts.append(f"{impact.traffic_percent:g} % of traffic")
        duration = compute_metrics(ws.timeline, ws.targets).duration_or(meta.duration)
        facts.append(f"duration {duration}" if duration else "duration not known yet")
        happened = meta.what_happened.strip()
        return [
            " · ".join(facts),
            _short(happened, 3 * width) if happened else "What happened: not written yet",
        ]
    if step_id == "timeline":
        events = ws.timeline
        zone = ZoneInfo(ws.display_tz)
        lines = [
            f"{len(events)} event{'s' if len(events) != 1 else ''} so far"
            + (", the latest:" if events else "")
        ]
        for event in events[-limit:]:
            labels = "".join(f"{marker.label} " for marker in event.markers)
            lines.append(
                f"{event.time.astimezone(zone):%H:%M}  {labels}{_short(event.text, width - 26)}"
            )
        return lines
    if step_id == "whys":
        whys = ws.whys
        lines = [
            f"Symptom: {_short(whys.symptom, width)}"
            if whys.symptom.strip()
            else "Symptom: not written yet"
        ]
        chain = why_chain(whys)
        for depth, node in enumerate(chain[-limit:], start=max(1, len(chain) - limit + 1)):
            mark = "  (root cause)" if node.id == whys.root_cause else ""
            lines.append(f"{depth}. because {_short(node.answer, width - 24)}{mark}")
        if not chain:
            lines.append("No answers yet.")
        return lines
    if step_id == "factors":
        factors = ws.factors
        lines = [f"{len(factors)} contributing factor{'s' if len(factors) != 1 else ''}"]
        lines += [
            f"{factor.category.value}: {_short(factor.factor, width - 16)}"
            for factor in factors[:limit]
        ]
        return lines
    if step_id == "actions":
        open_actions = [action for action in ws.actions if action.status is not ActionStatus.DONE]
        lines = [status_counts(ws.actions)]
        for action in open_actions[:limit]:
            owner = action.owner or "no owner"
            deadline = f"{action.deadline:%Y-%m-%d}" if action.deadline else "no date"
            lines.append(
                f"#{action.number} {_short(action.action, width - 34)} · {owner} · {deadline}"
            )
        return lines
    if step_id == "lessons":
        lines = [
            f"Went well {len(ws.went_well)} · went poorly {len(ws.went_poorly)} · "
            f"lucky {len(ws.lucky)} · lessons {len(ws.lessons)}"
        ]
        lines += [_short(lesson.lesson, width) for lesson in ws.lessons[:limit]]
        return lines
    raise KeyError(step_id)
