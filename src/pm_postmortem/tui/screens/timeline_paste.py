"""Paste a timeline from chat or logs: read it, check the preview, add every event at once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, tzinfo
from functools import partial

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Label, Static, TextArea

from pm_postmortem.core.editing import EditError
from pm_postmortem.core.text import pasted_text
from pm_postmortem.core.timeparse import (
    ParsedEvent,
    TimelineParse,
    parse_timeline_text,
    too_many_lines,
)
from pm_postmortem.tui.compat import resize_column
from pm_postmortem.tui.focus import focus_now
from pm_postmortem.tui.host import host_app
from pm_postmortem.tui.screens.edit_form import UnsavedGuard
from pm_postmortem.tui.styles import style_sheet
from pm_postmortem.tui.text import cell, one_line
from pm_postmortem.tui.timeline_rows import short, time_text
from pm_postmortem.tui.widgets.fitted_table import FittedTable
from pm_postmortem.tui.widgets.paste_area import PasteArea

PREVIEW_LIMIT = 500
"""Parsed events listed in the preview; the rest are counted."""
UNREAD_WARNING = "Not added: escape again discards the text, ctrl+s reads it"


class PreviewTable(FittedTable):
    """The events read: Line and Time as wide as what they show, Marker and Actor giving way
    (down to 9 and 8 cells) until the Event column, which takes the rest, is 30 wide."""

    def fit_to(self, rows: list[list[Text]]) -> None:
        """Size the columns to ``rows`` (as shown), then give the Event column the rest."""
        columns = self.ordered_columns

        def widest(index: int, at_most: int) -> int:
            shown = max((row[index].cell_len for row in rows), default=0)
            return min(at_most, max(shown, columns[index].label.cell_len))

        for index in (0, 1):
            width = widest(index, 19)
            if columns[index].width != width:
                resize_column(self, columns[index], width)
        marker, actor = widest(3, 18), widest(2, 16)
        self.giving_columns = {3: (marker, min(marker, 9)), 2: (actor, min(actor, 8))}
        self.fit_columns()


class UnreadTable(FittedTable):
    """The lines not understood: why, then the line, in the width left by the line number."""


def unread_cell(parse: TimelineParse, number: int, line: str) -> Text:
    """Why line ``number`` was not understood, then the line itself (literal, one line)."""
    reason = parse.reasons.get(number, "not understood")
    return Text.assemble((one_line(reason), "bold"), " · ", one_line(short(line)), no_wrap=True, overflow="ellipsis")


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
        self.unsaved = UnsavedGuard(partial(self.show_error, mark=""), UNREAD_WARNING)

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
            area = PasteArea("" if too_many_lines(self.text) else pasted_text(self.text), id="paste-text",
                             show_line_numbers=True, soft_wrap=False)
            area.cursor_blink = host_app(self).cursor_blink
            yield area
            with Vertical(id="paste-preview"):
                yield Static("", id="paste-summary")
                yield PreviewTable(id="paste-events", cursor_type="row", zebra_stripes=True)
                yield Static(Content("Lines not understood (they are not added):"), id="paste-bad-title")
                yield UnreadTable(id="paste-bad", cursor_type="row")
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
        bad.add_column("Why not, and the line", key="text", width=20)
        self._show_stage()
        focus_now(self.query_one("#paste-text"))
        problem = too_many_lines(self.text)
        if problem is not None:
            self.show_error(f"{problem}. Nothing was pasted; the text is still on the clipboard.")

    def _show_stage(self) -> None:
        previewing = self.previewing
        self.query_one("#paste-help").display = not previewing  # the preview needs the rows
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
        events = self.query_one("#paste-events", PreviewTable)
        events.clear()
        zone = self.zone
        rows = [
            [cell(item.line), cell(time_text(item.time, zone, with_date=True)), cell(short(item.actor)),
             cell(" · ".join(marker.label for marker in item.markers)), cell(short(item.text))]
            for item in parse.events[:PREVIEW_LIMIT]
        ]
        events.add_rows(rows)
        more = len(parse.events) - PREVIEW_LIMIT
        if more > 0:
            events.add_row("", "", "", "", cell(f"… and {more} more events", style="dim"))
        bad = self.query_one("#paste-bad", UnreadTable)
        bad.clear()
        bad.add_rows([cell(number), unread_cell(parse, number, line)] for number, line in parse.unparsed)
        self.query_one("#paste-bad-title").display = bool(parse.unparsed)
        bad.display = bool(parse.unparsed)
        bad.styles.height = len(parse.unparsed) + 3  # header, rows, frame (auto leaves a blank row)
        count, unparsed = len(parse.events), len(parse.unparsed)
        summary = f"{count} event{'s' if count != 1 else ''} read"
        if unparsed:
            summary += f", {unparsed} line{'s' if unparsed != 1 else ''} not understood"
        if count:
            summary += f" (times in {self.zone_name}). enter adds them all; escape goes back to the text."
        else:
            summary += ". Nothing to add: escape goes back to the text."
        self.query_one("#paste-summary", Static).update(Content(summary))
        events.fit_to(rows)
        bad.fit_columns()
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

    def show_error(self, message: str, mark: str = "✗ ") -> None:
        errors = self.query_one("#paste-error", Static)
        errors.update(Content(f"{mark}{message}"))
        errors.display = True
        self.unsaved.warned = False

    def action_back(self) -> None:
        """From the preview back to the text; from the text, away (the first escape only says
        that text would be discarded, as the event form does)."""
        if self.previewing:
            self.parse = None
            self._show_stage()
            focus_now(self.query_one("#paste-text"))
        elif not self.unsaved.holds(bool(self.query_one("#paste-text", TextArea).text.strip())):
            self.dismiss(None)

    @on(TextArea.Changed, "#paste-text")
    def _text_edited(self) -> None:
        """An edit makes the message about the text out of date."""
        errors = self.query_one("#paste-error", Static)
        if errors.display:
            errors.display = False
        self.unsaved.warned = False

    @on(Button.Pressed, "#paste-read")
    def _read_pressed(self) -> None:
        self.read()

    @on(Button.Pressed, "#paste-add")
    def _add_pressed(self) -> None:
        self.action_confirm()

    @on(Button.Pressed, "#paste-cancel, #paste-back")
    def _cancel_pressed(self) -> None:
        self.action_back()
