"""Paste a timeline from chat or logs: read it, check the preview, add every event at once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, tzinfo

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Label, Static, TextArea

from pm_postmortem.core.editing import EditError
from pm_postmortem.core.timeparse import (
    ParsedEvent,
    TimelineParse,
    parse_timeline_text,
    too_many_lines,
)
from pm_postmortem.tui.focus import focus_now
from pm_postmortem.tui.host import host_app
from pm_postmortem.tui.styles import style_sheet
from pm_postmortem.tui.text import cell
from pm_postmortem.tui.timeline_rows import short, time_text
from pm_postmortem.tui.widgets.paste_area import PasteArea

PREVIEW_LIMIT = 500
"""Parsed events listed in the preview; the rest are counted."""


class TimelinePasteScreen(ModalScreen[int | None]):
    """Paste text, read it (ctrl+s), check the preview, then add every event (enter)."""

    CSS_PATH = style_sheet("timeline")

    BINDINGS = [
        Binding("ctrl+s", "primary", "Read / add", id="paste.primary", priority=True),
        Binding("enter", "confirm", "Add", id="paste.confirm", priority=True),
        Binding("escape", "back", "Back", id="paste.back"),
    ]

    def __init__(
        self,
        *,
        day: date | None,
        zone: tzinfo,
        zone_name: str,
        add: Callable[[list[ParsedEvent]], int],
        text: str = "",
    ) -> None:
        """``text``: already pasted (into the timeline or its capture line), shown to check."""
        super().__init__()
        self.day = day
        self.zone = zone
        self.zone_name = zone_name
        self.add = add
        self.text = text
        self.parse: TimelineParse | None = None

    @property
    def previewing(self) -> bool:
        return self.parse is not None

    def compose(self) -> ComposeResult:
        dated = f"dated {self.day:%Y-%m-%d}" if self.day else "dated by the nearest full date above them (else today)"
        with Vertical(id="paste"):
            yield Label(Content("Paste a timeline"), id="paste-title")
            yield Static(
                Content(
                    "One event per line, starting with a time (14:51, [14:51], 2:51 PM, "
                    "2025-11-06 14:51, ISO 8601), or markdown table rows. Lines without a time "
                    f"continue the event above. Bare times are {dated} in {self.zone_name}; "
                    "times that pass midnight roll over to the next day."
                ),
                id="paste-help",
            )
            area = PasteArea("" if too_many_lines(self.text) else self.text, id="paste-text",
                             show_line_numbers=True, soft_wrap=False)
            area.cursor_blink = host_app(self).cursor_blink
            yield area
            with Vertical(id="paste-preview"):
                yield Static("", id="paste-summary")
                yield DataTable(id="paste-events", cursor_type="row", zebra_stripes=True)
                yield Static(Content("Lines not understood (they are not added):"), id="paste-bad-title")
                yield DataTable(id="paste-bad", cursor_type="row")
            yield Static("", id="paste-error")
            with Horizontal(id="paste-buttons"):
                yield Button("Read the text (ctrl+s)", id="paste-read", variant="primary")
                yield Button("Add the events (enter)", id="paste-add", variant="success")
                yield Button("Back to the text (escape)", id="paste-back")
                yield Button("Cancel (escape)", id="paste-cancel")

    def on_mount(self) -> None:
        events = self.query_one("#paste-events", DataTable)
        for key, label, width in (("line", "Line", 5), ("time", "Time", 19), ("actor", "Actor/System", 16),
                                  ("marker", "Marker", 18), ("text", "Event", 30)):
            events.add_column(label, key=key, width=width)
        bad = self.query_one("#paste-bad", DataTable)
        bad.add_column("Line", key="line", width=5)
        bad.add_column("Text", key="text", width=60)
        self._show_stage()
        focus_now(self.query_one("#paste-text"))
        problem = too_many_lines(self.text)
        if problem is not None:
            self.show_error(f"{problem}. Nothing was pasted; the text is still on the clipboard.")

    def _show_stage(self) -> None:
        previewing = self.previewing
        self.query_one("#paste-text").display = not previewing
        self.query_one("#paste-preview").display = previewing
        self.query_one("#paste-read").display = not previewing
        self.query_one("#paste-add").display = previewing
        self.query_one("#paste-back").display = previewing
        self.query_one("#paste-cancel").display = not previewing
        self.query_one("#paste-error").display = False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "confirm":
            return self.previewing  # in the text box, enter is a line break
        return True

    # -- reading -------------------------------------------------------------------------------

    def action_primary(self) -> None:
        if self.previewing:
            self.action_confirm()
        else:
            self.read()

    def read(self) -> None:
        text = self.query_one("#paste-text", TextArea).text
        problem = too_many_lines(text)
        if problem is not None:
            self.show_error(f"{problem}.")
            return
        self.parse = parse_timeline_text(text, date=self.day, tz=self.zone)
        self._fill_preview(self.parse)
        self._show_stage()
        focus_now(self.query_one("#paste-events"))

    def _fill_preview(self, parse: TimelineParse) -> None:
        events = self.query_one("#paste-events", DataTable)
        events.clear()
        zone = self.zone
        events.add_rows(
            [cell(item.line), cell(time_text(item.time, zone, with_date=True)), cell(short(item.actor)),
             cell(" · ".join(marker.label for marker in item.markers)), cell(short(item.text))]
            for item in parse.events[:PREVIEW_LIMIT]
        )
        more = len(parse.events) - PREVIEW_LIMIT
        if more > 0:
            events.add_row("", "", "", "", cell(f"… and {more} more events", style="dim"))
        bad = self.query_one("#paste-bad", DataTable)
        bad.clear()
        bad.add_rows([cell(number), cell(f"not understood: {short(line)}")] for number, line in parse.unparsed)
        self.query_one("#paste-bad-title").display = bool(parse.unparsed)
        bad.display = bool(parse.unparsed)
        count, unparsed = len(parse.events), len(parse.unparsed)
        summary = f"{count} event{'s' if count != 1 else ''} read"
        if unparsed:
            summary += f", {unparsed} line{'s' if unparsed != 1 else ''} not understood"
        if count:
            summary += f" (times in {self.zone_name}). enter adds them all; escape goes back to the text."
        else:
            summary += ". Nothing to add: escape goes back to the text."
        self.query_one("#paste-summary", Static).update(Content(summary))
        add = self.query_one("#paste-add", Button)
        add.label = f"Add {count} event{'s' if count != 1 else ''} (enter)"
        add.disabled = not count
        add.refresh(layout=True)  # the label's width changed

    # -- confirming ----------------------------------------------------------------------------

    def action_confirm(self) -> None:
        if self.parse is None:
            return
        if not self.parse.events:
            self.notify("There is nothing to add.", severity="warning", timeout=3)
            return
        try:
            count = self.add(self.parse.events)
        except (EditError, ValueError) as error:
            self.show_error(str(error))
            return
        self.dismiss(count)

    def show_error(self, message: str) -> None:
        errors = self.query_one("#paste-error", Static)
        errors.update(Content(f"✗ {message}"))
        errors.display = True

    def action_back(self) -> None:
        if self.previewing:
            self.parse = None
            self._show_stage()
            focus_now(self.query_one("#paste-text"))
        else:
            self.dismiss(None)

    @on(Button.Pressed, "#paste-read")
    def _read_pressed(self) -> None:
        self.read()

    @on(Button.Pressed, "#paste-add")
    def _add_pressed(self) -> None:
        self.action_confirm()

    @on(Button.Pressed, "#paste-cancel, #paste-back")
    def _cancel_pressed(self) -> None:
        self.action_back()
