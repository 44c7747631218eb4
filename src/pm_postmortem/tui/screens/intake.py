"""The questions asked before a new post-mortem opens; every one of them can be left out."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Input, Label, OptionList, Static, TextArea

from pm_postmortem.core import store
from pm_postmortem.core.domain import FILE_NAME as DOMAIN_CONTEXT_FILE
from pm_postmortem.core.domain import DomainContext
from pm_postmortem.core.model import Severity, TimelineEvent, Workspace, new_workspace
from pm_postmortem.core.paths import config_dir, shipped_file, workspaces_dir
from pm_postmortem.core.timeparse import (
    TimelineParse,
    parse_timeline_text,
    parse_zone,
    too_many_lines,
)
from pm_postmortem.tui.fields import SEVERITY_CHOICES, SEVERITY_GUIDE
from pm_postmortem.tui.focus import focus_now
from pm_postmortem.tui.host import host_app
from pm_postmortem.tui.screens.edit_form import typed_text
from pm_postmortem.tui.styles import style_sheet
from pm_postmortem.tui.text import one_line
from pm_postmortem.tui.widgets.key_bar import KeyBar
from pm_postmortem.tui.widgets.paste_area import PasteArea
from pm_postmortem.tui.widgets.safe_input import SafeInput

DEFAULT_TITLE = "Untitled incident"
NOT_SET = "Not set"
COMPLIANCE_CHOICES = (("Not known", None), ("Yes", True), ("No", False))

_WHOLE_NUMBER = re.compile(r"\d+|\d{1,3}(?:([ ,.'_])\d{3})(?:\1\d{3})*")
_DURATION = re.compile(r"(?P<hours>\d{1,3}):(?P<minutes>[0-5]\d)")
_NONE_WORDS = frozenset({"none", "no", "0", "-", "—", "keine", "kein", "n/a"})


def context_note(context: DomainContext) -> str:
    """Which domain context is in use, what it adds, and how to point to another one."""
    from pm_postmortem.tui.screens.picker import display_path

    if context.source is None:
        used = "No domain context is in use"
    else:
        # the shipped copy's path is an install detail, and differs from machine to machine
        shipped = context.source == shipped_file(DOMAIN_CONTEXT_FILE)
        used = f"Domain context: {'the example shipped with pm-postmortem' if shipped else display_path(context.source)}"
        if context.regulations:
            names = ", ".join(dict.fromkeys(regulation.framework for regulation in context.regulations))
            used += f"; with compliance affected, its checks for {names} are added"
    return (
        f"{used}. Another one: a {DOMAIN_CONTEXT_FILE} beside the workspace or in "
        f"{display_path(config_dir())}, or pm-postmortem --domain-context PATH."
    )


def calendar_note(context: DomainContext, day: date | None) -> str:
    """A reminder when ``day`` falls in periods of the domain context's calendar (deadlines,
    seasons) that raise the stakes; "" when it falls in none."""
    periods = context.periods_for(day) if day is not None else []
    if day is None or not periods:
        return ""
    named = "; ".join(
        f"{period.event} ({period.period})" + (f": {period.impact}" if period.impact else "")
        for period in periods
    )
    return one_line(f"⚠ {day.isoformat()} falls in a busy period. {named}")


def today() -> date:
    """The default incident date (a function, so tests can pin it)."""
    return date.today()


CHECKED_ANSWERS = ("customers", "revenue", "duration", "date", "tz")
"""The answers read on start that can be refused, each with its own error line."""


@dataclass
class Answers:
    """What the form holds, converted; ``problems`` maps a field to what is wrong with it."""

    values: dict[str, Any] = field(default_factory=dict)
    problems: dict[str, str] = field(default_factory=dict)


def parse_customers(text: str) -> int | None:
    stripped = text.strip()
    if not stripped:
        return None
    if not _WHOLE_NUMBER.fullmatch(stripped):
        raise ValueError("a whole number, like 1200 or 1,200")
    return int(re.sub(r"\D", "", stripped))


def parse_revenue(text: str) -> str:
    stripped = " ".join(text.split())
    if not stripped:
        return ""
    if stripped.lower() in _NONE_WORDS:
        return "none"
    if not any(char.isdigit() for char in stripped):
        raise ValueError('an amount, like 12,500, or "none"')
    return stripped


def parse_duration(text: str) -> str:
    stripped = text.strip()
    if not stripped:
        return ""
    match = _DURATION.fullmatch(stripped)
    if match is None:
        raise ValueError("hours and minutes as HH:MM, like 02:15")
    return f"{int(match['hours']):02d}:{match['minutes']}"


def parse_date(text: str) -> date | None:
    stripped = text.strip()
    if not stripped:
        return None
    try:
        return date.fromisoformat(stripped)
    except ValueError:
        raise ValueError("a date written as YYYY-MM-DD, like 2026-03-10") from None


def describe_parse(parsed: TimelineParse) -> str:
    """``"3 events recognised, line 4 not understood"``."""
    count = len(parsed.events)
    if count == 0 and not parsed.unparsed:
        return "Lines that start with a time become events, e.g. “14:02 alert fired on checkout errors”."
    text = f"{count} event{'s' if count != 1 else ''} recognised"
    if parsed.unparsed:
        numbers = [str(number) for number, _line in parsed.unparsed]
        shown = ", ".join(numbers[:8]) + (" …" if len(numbers) > 8 else "")
        text += f", line{'s' if len(numbers) > 1 else ''} {shown} not understood (kept in the notes)"
    return text


class Choice(OptionList):
    """One answer out of a few: the highlighted option is the answer, marked with a dot."""

    BINDINGS = [
        Binding("right", "cursor_down", show=False),
        Binding("left", "cursor_up", show=False),
    ]

    def __init__(self, *labels: Content, id: str) -> None:
        self.labels = labels
        super().__init__(*(self._prompt(index, 0) for index in range(len(labels))), id=id)

    def _prompt(self, index: int, chosen: int) -> Content:
        return Content.assemble("● " if index == chosen else "○ ", self.labels[index])

    def on_mount(self) -> None:
        self.highlighted = 0

    @property
    def chosen(self) -> int:
        return self.highlighted or 0

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        for index in range(self.option_count):
            self.replace_option_prompt_at_index(index, self._prompt(index, highlighted or 0))

    def action_select(self) -> None:
        """enter moves on, as in the text fields."""
        self.screen.focus_next()


class IntakeScreen(Screen):
    """Asks the first questions, then creates the workspace and opens it.

    Without a ``path`` the file goes to the workspaces folder, named after the title.
    """

    CSS_PATH = style_sheet("intake")

    BINDINGS = [
        Binding("ctrl+s", "start", "Start", id="intake.start", priority=True),
        Binding("escape", "skip", "Skip the questions", id="intake.skip"),
        Binding("escape", "back", "Back", id="intake.back"),
    ]

    def __init__(self, path: Path | None = None) -> None:
        super().__init__()
        self.path = path
        self.initial: dict[str, object] = {}
        self._typed = False
        self._refused: set[str] = set()
        """Answers refused on start and not edited since: the summary line stays while any is."""

    # -- layout --------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        from pm_postmortem.tui.screens.picker import display_path

        where = (
            f"saved as {display_path(self.path)}"
            if self.path is not None
            else f"saved in {display_path(workspaces_dir())}, named after the title"
        )
        with Vertical(id="intake-top"):
            yield Static(Content("New post-mortem"), id="intake-heading")
            yield Static(
                Content(
                    f"A few questions to get the room started ({where}). Leave out whatever "
                    "nobody knows yet: every answer can be changed later."
                ),
                id="intake-intro",
            )
        with VerticalScroll(id="intake-form"):
            yield self._question("Title", "a short name for the incident")
            yield self._input("title", placeholder="e.g. DATEV export wrote wrong VAT codes")
            yield self._question(
                "What happened", "two or three sentences: what people noticed, and what was going on"
            )
            yield self._text_area("what")
            yield self._question("Severity", "arrow keys choose")
            yield Choice(
                Content(NOT_SET),
                *(
                    Content.assemble((f"{label:<15}", "bold"), (SEVERITY_GUIDE[Severity(value)], "dim"))
                    for label, value in SEVERITY_CHOICES
                ),
                id="intake-severity",
            )
            with Horizontal(classes="intake-row"):
                with Vertical(classes="intake-cell"):
                    yield self._question("Customers affected", "a number")
                    yield self._input("customers", placeholder="e.g. 1200")
                    yield self._error("customers")
                with Vertical(classes="intake-cell"):
                    currency = host_app(self).context.currency
                    yield self._question(f"Revenue impact ({currency})", "or \"none\"")
                    yield self._input("revenue", placeholder="e.g. 12,500 or none")
                    yield self._error("revenue")
                with Vertical(classes="intake-cell"):
                    yield self._question("Duration", "HH:MM")
                    yield self._input("duration", placeholder="e.g. 02:15")
                    yield self._error("duration")
            yield self._question("Compliance affected", "arrow keys choose")
            with Horizontal(classes="intake-row"):
                yield Choice(*(Content(label) for label, _value in COMPLIANCE_CHOICES), id="intake-compliance")
                yield self._input("compliance-details", placeholder="which rules or duties, and how")
            yield Static(Content(context_note(host_app(self).context)), id="intake-context")
            with Horizontal(classes="intake-row"):
                with Vertical(classes="intake-cell"):
                    yield self._question("Incident date", "YYYY-MM-DD")
                    yield self._input("date", today().isoformat())
                    yield self._error("date")
                with Vertical(classes="intake-cell"):
                    yield self._question("Times are in", "a timezone name")
                    yield self._input("tz", "UTC", placeholder="UTC or e.g. Europe/Berlin")
                    yield self._error("tz")
            yield Static("", id="intake-calendar")
            yield self._question(
                "Rough timeline", "one line per event, starting with its time; paste from chat works"
            )
            yield self._text_area("timeline")
            yield Static("", id="intake-timeline-count")
            yield Static("", id="intake-problems")
            yield Button("Start the post-mortem", id="intake-start", variant="primary")
        yield KeyBar()

    def _question(self, label: str, hint: str) -> Label:
        return Label(Content.assemble((label, "bold"), "  ", (hint, "dim")), classes="intake-question")

    def _input(self, name: str, value: str = "", *, placeholder: str = "") -> Input:
        widget = SafeInput(value, placeholder=placeholder, id=f"intake-{name}")
        widget.cursor_blink = host_app(self).cursor_blink
        return widget

    def _text_area(self, name: str) -> TextArea:
        area = PasteArea if name == "timeline" else TextArea
        widget = area(id=f"intake-{name}", soft_wrap=True)
        widget.cursor_blink = host_app(self).cursor_blink
        return widget

    def _error(self, name: str) -> Static:
        return Static("", id=f"intake-{name}-error", classes="intake-error")

    def on_mount(self) -> None:
        self.initial = self.snapshot()
        focus_now(self.query_one("#intake-title", Input))
        self.update_timeline_count()
        self.update_calendar_note()

    # -- reading the form ----------------------------------------------------------------------

    def _text(self, name: str) -> str:
        return typed_text(self.query_one(f"#intake-{name}"))

    def _choice(self, name: str) -> int:
        return self.query_one(f"#intake-{name}", Choice).chosen

    def snapshot(self) -> dict[str, object]:
        """Everything as typed, to tell whether anything was."""
        names = ("title", "what", "customers", "revenue", "duration", "compliance-details", "date", "tz", "timeline")
        values: dict[str, object] = {name: self._text(name) for name in names}
        values["severity"] = self._choice("severity")
        values["compliance"] = self._choice("compliance")
        return values

    def anything_typed(self) -> bool:
        return bool(self.initial) and self.snapshot() != self.initial

    def answers(self) -> Answers:
        answers = Answers()
        parsers = {
            "customers": parse_customers,
            "revenue": parse_revenue,
            "duration": parse_duration,
            "date": parse_date,
            "tz": parse_zone,
        }
        for name, parse in parsers.items():
            try:
                answers.values[name] = parse(self._text(name))
            except ValueError as error:
                answers.problems[name] = str(error)
        answers.values["title"] = " ".join(self._text("title").split()) or DEFAULT_TITLE
        answers.values["what"] = self._text("what").strip()
        severity = self._choice("severity")
        answers.values["severity"] = SEVERITY_CHOICES[severity - 1][1] if severity else None
        answers.values["compliance"] = COMPLIANCE_CHOICES[self._choice("compliance")][1]
        answers.values["compliance-details"] = self._text("compliance-details").strip()
        timeline = self._text("timeline")
        problem = too_many_lines(timeline)
        if problem is None:
            answers.values["timeline"] = self.parse_timeline(timeline)
        else:
            answers.problems["timeline"] = problem
        return answers

    def typed_date(self) -> date | None:
        """The incident date as typed, None while it is not a date."""
        try:
            return parse_date(self._text("date"))
        except ValueError:
            return None

    def parse_timeline(self, text: str) -> TimelineParse:
        day = self.typed_date()
        try:
            zone = parse_zone(self._text("tz"))
        except ValueError:
            zone = "UTC"
        return parse_timeline_text(text, date=day, tz=zone)

    def build(self, answers: Answers) -> Workspace:
        values = answers.values
        workspace = new_workspace(
            values["title"],
            severity=values["severity"],
            incident_date=values["date"],
            regulation_checks=host_app(self).context.regulation_checks() if values["compliance"] else [],
        )
        workspace.display_tz = values["tz"]
        workspace.metadata.what_happened = values["what"]
        workspace.metadata.duration = values["duration"]
        workspace.impact.customers_affected = values["customers"]
        workspace.impact.revenue_impact = values["revenue"]
        workspace.impact.compliance_affected = values["compliance"]
        workspace.impact.compliance_details = values["compliance-details"]
        parsed: TimelineParse = values["timeline"]
        workspace.timeline = [
            TimelineEvent(time=event.time, text=event.text, actor=event.actor, markers=event.markers)
            for event in parsed.events
        ]
        if parsed.unparsed:
            lines = "\n".join(f"line {number}: {text}" for number, text in parsed.unparsed)
            workspace.notes = f"Timeline lines from the intake that were not understood:\n{lines}"
        return workspace

    # -- live feedback -------------------------------------------------------------------------

    @on(TextArea.Changed)
    @on(Input.Changed)
    @on(OptionList.OptionHighlighted)
    def changed(self, event: Input.Changed | TextArea.Changed | OptionList.OptionHighlighted) -> None:
        control = event.control
        name = (control.id or "").removeprefix("intake-")
        if name in ("timeline", "date", "tz"):
            self.update_timeline_count()
        if name == "date":
            self.update_calendar_note()
        for error in self.query(f"#intake-{name}-error"):
            error.remove_class("visible")
        self._refused.discard(name)
        if not self._refused:
            self.query_one("#intake-problems", Static).remove_class("visible")  # each one corrected
        typed = self.anything_typed()
        if typed != self._typed:
            self._typed = typed
            self.refresh_bindings()  # escape: skip the questions, or back

    def update_timeline_count(self) -> None:
        timeline = self._text("timeline")
        problem = too_many_lines(timeline)
        described = f"✗ {problem}." if problem else describe_parse(self.parse_timeline(timeline))
        self.query_one("#intake-timeline-count", Static).update(Content(described))

    def update_calendar_note(self) -> None:
        note = calendar_note(host_app(self).context, self.typed_date())
        widget = self.query_one("#intake-calendar", Static)
        widget.update(Content(note))
        widget.set_class(bool(note), "visible")

    @on(Input.Submitted)
    def next_field(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    @on(Button.Pressed, "#intake-start")
    def start_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_start()

    def show_problems(self, problems: dict[str, str]) -> None:
        for name in CHECKED_ANSWERS:
            error = self.query_one(f"#intake-{name}-error", Static)
            error.set_class(name in problems, "visible")
            error.update(Content(f"✗ {problems.get(name, '')}"))
        self._refused = set(problems)
        summary = self.query_one("#intake-problems", Static)
        summary.set_class(bool(problems), "visible")
        several = len(problems) > 1
        summary.update(
            Content(
                f"✗ {len(problems)} answer{'s' if several else ''} cannot be used as typed; "
                f"correct or clear {'them' if several else 'it'}, then start again."
            )
        )
        if problems:
            focus_now(self.query_one(f"#intake-{next(iter(problems))}"))

    # -- actions -------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "skip":
            return self.anything_typed()
        if action == "back":
            return not self.anything_typed()
        return True

    def action_start(self) -> None:
        answers = self.answers()
        self.show_problems(answers.problems)
        if answers.problems:
            return
        workspace = self.build(answers)
        parsed: TimelineParse = answers.values["timeline"]
        path = self.path or store.unique_path(workspace.metadata.title)
        if host_app(self).create_workspace(path, workspace) and parsed.unparsed:
            count = len(parsed.unparsed)
            self.app.notify(
                f"{count} timeline line{'s' if count > 1 else ''} not understood: kept in the notes.",
                severity="warning",
                markup=False,
            )

    def action_skip(self) -> None:
        """Start now with what is answered; the rest stays empty."""
        self.action_start()

    def action_back(self) -> None:
        from pm_postmortem.tui.screens.picker import PickerScreen

        stack = self.app.screen_stack
        back_to_picker = len(stack) > 1 and isinstance(stack[-2], PickerScreen)
        self.dismiss()
        if not back_to_picker:
            host_app(self).show_picker()
