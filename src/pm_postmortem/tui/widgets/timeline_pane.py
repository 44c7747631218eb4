"""F3 Timeline: the events in time order, the capture line, and the selected event in full.

The grid draws from a fresh `TimelineRows` after every change, so what the room reads is always
the document. The capture line is the quick way in: ``i``, then ``14:09 db: failover !mitigated``
and enter, as often as needed; the ``a`` form is for careful edits.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import Key, Paste
from textual.widgets import Input, Static

from pm_postmortem.core.capture import CaptureError, marker_named, parse_capture_line, typed_after
from pm_postmortem.core.editing import Change, EditError
from pm_postmortem.core.model import Marker, TimelineEvent, in_marker_order
from pm_postmortem.core.operations import add_parsed_events
from pm_postmortem.core.text import line_feeds, pasted_line, visible
from pm_postmortem.core.timeparse import ParsedEvent, parse_time_entry, parse_zone
from pm_postmortem.tui.fields import FieldSpec, Kind
from pm_postmortem.tui.focus import focus_now
from pm_postmortem.tui.host import host_app
from pm_postmortem.tui.screens.edit_form import EditForm, KeptForm
from pm_postmortem.tui.text import fit_rows, one_line
from pm_postmortem.tui.timeline_rows import (
    MarkerNote,
    TimelineRows,
    clock_text,
    entry_text,
    gap_text,
    time_text,
    zone_named,
)
from pm_postmortem.tui.widgets.pane import Pane
from pm_postmortem.tui.widgets.safe_input import SafeInput
from pm_postmortem.tui.widgets.timeline_grid import TimelineGrid

DETAIL_LIMIT = 2000
"""Characters of an event's text shown under the table."""
DETAIL_ROWS = 3
"""Rows of an event's text shown under the table; a longer text ends in "…" (enter shows it all),
so the actor and evidence line below it stays in sight."""

CAPTURE_HINT = "i: capture an event — 14:09 alertmanager: alert fired !detected"


def markers_typed(text: str) -> tuple[Marker, ...]:
    """The markers named in a form field: ``mitigated, resolved``, ``!mitigated !res`` or
    ``impact-start``."""
    try:
        return in_marker_order(marker_named(name.lstrip("!")) for name in text.replace(",", " ").split())
    except CaptureError as error:
        raise ValueError(str(error)) from None


def markers_shown(markers: tuple[Marker, ...]) -> str:
    return ", ".join(marker.value for marker in markers)


FIELD_TYPED_TIMES = FieldSpec(
    "times",
    "The times typed so far were",
    Kind.CHOICE,
    choices=(
        ("UTC: each keeps its moment, shown in the new zone", "moments"),
        ("Local: each keeps its clock time, as typed", "clock"),
    ),
    hint="Local: 08:00 typed stays 08:00 in the new zone.",
)


class CaptureLine(SafeInput):
    """One line in, one event out; up and down walk through the lines added before, escape
    returns to the table. A line feed typed as a key (ctrl+j: what tmux ``send-keys`` or a terminal
    without bracketed paste sends between pasted lines) ends the line as enter does."""

    BINDINGS = [
        Binding("ctrl+j", "submit", "Add", show=False, id="capture.line_feed"),
        Binding("up", "recall(-1)", "Earlier line", show=False, id="capture.recall"),
        Binding("down", "recall(1)", "Later line", show=False, id="capture.recall_later"),
        Binding("escape", "leave", "Back to the table", id="capture.leave"),
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(placeholder=CAPTURE_HINT, **kwargs)
        self.history: list[str] = []
        self._recalled = 0
        """How far back up has gone (0: the line being typed)."""

    def remember(self, line: str) -> None:
        self.history.append(line)
        self._recalled = 0

    def action_recall(self, step: int) -> None:
        wanted = max(0, min(len(self.history), self._recalled - step))
        if wanted == self._recalled:
            return
        self._recalled = wanted
        self.value = self.history[-wanted] if wanted else ""
        self.cursor_position = len(self.value)

    def action_leave(self) -> None:
        pane = self._pane()
        if pane is not None:
            focus_now(pane.grid)

    def _pane(self) -> TimelinePane | None:
        return next((ancestor for ancestor in self.ancestors if isinstance(ancestor, TimelinePane)), None)

    def on_paste(self, event: events.Paste) -> None:
        """Several lines go to the paste dialog (one event each, previewed first); one line is
        inserted by `SafeInput.on_paste`, which Textual calls after this one."""
        pane = self._pane()
        if pane is not None and "\n" in line_feeds(event.text.strip()):
            event.prevent_default()
            event.stop()
            pane.action_paste(event.text)

    def _insert_pasted(self, text: str) -> None:
        """A pasted line is read, not kept: its escape sequences and control characters go (a
        coloured log line reads as its words, in order)."""
        super()._insert_pasted(pasted_line(text))


class TimelinePane(Pane, Vertical):
    """The grid, the capture line, and under them the selected event in full."""

    BINDINGS = [
        Binding("i", "capture", "Capture", id="timeline.capture",
                tooltip="type events on the capture line (typing a time on the table does too): 14:09 actor: text !marker, enter adds"),
        Binding("a", "add", "Add", id="timeline.add",
                tooltip="add an event after the cursor with the form (its time is prefilled)"),
        Binding("n", "add_now", "Now", id="timeline.now", tooltip="add an event stamped now"),
        Binding("enter", "edit", "Edit", id="timeline.edit", tooltip="edit the event under the cursor"),
        Binding("d,delete", "delete", "Delete", id="timeline.delete",
                tooltip="delete the event (undo brings it back)"),
        Binding("m", "choose_marker", "Marker", id="timeline.marker",
                tooltip="set or remove one of the event's markers from a list (type its first letters)"),
        Binding("M", "clear_markers", "Clear markers", id="timeline.clear_markers", show=False,
                tooltip="take every marker off the event"),
        Binding("p", "paste", "Paste", id="timeline.paste",
                tooltip="paste a timeline from chat or logs: preview, then add"),
        Binding("z", "toggle_zone", "UTC/local", id="timeline.zone",
                tooltip="show times in UTC or in the workspace's display timezone"),
    ]

    show_utc = False
    _detail: Content | None = None
    _titles: tuple[str, str] | None = None

    def compose(self) -> ComposeResult:
        yield TimelineGrid(self.view(), id="timeline-table")
        with Horizontal(id="timeline-capture"):
            yield CaptureLine(id="timeline-capture-line")
            yield Static("", id="timeline-capture-error")
        with Vertical(id="timeline-detail"):
            yield Static("", id="timeline-detail-text")
            yield Static("", id="timeline-coach")

    def on_mount(self) -> None:
        self.event_form = KeptForm(self.app, "timeline-form")  # compact: five fields and the error line fit 36 rows
        self.query_one("#timeline-detail").border_title = "Selected event"
        self.refresh_titles()
        self.show_detail()

    def on_unmount(self) -> None:
        self.event_form.discard()

    # -- state ---------------------------------------------------------------------------------

    @property
    def grid(self) -> TimelineGrid:
        return self.query_one(TimelineGrid)

    @property
    def capture_line(self) -> CaptureLine:
        return self.query_one(CaptureLine)

    @property
    def events(self) -> list[TimelineEvent]:
        return self.editor.items("timeline")

    @property
    def configured_zone(self) -> str:
        return self.editor.workspace.display_tz

    @property
    def zone_name(self) -> str:
        return "UTC" if self.show_utc else self.configured_zone

    @property
    def zone(self) -> tzinfo:
        return zone_named(self.zone_name)

    def view(self) -> TimelineRows:
        return TimelineRows(self.events, self.editor.metrics, self.zone, self.zone_name)

    @property
    def selected_event(self) -> TimelineEvent | None:
        events = self.events
        index = self.grid.cursor_row
        return events[index] if 0 <= index < len(events) else None

    def note_of(self, item_id: str) -> MarkerNote | None:
        return self.grid.rows.notes.get(item_id)

    # -- following the document ----------------------------------------------------------------

    def refresh_from(self, changes: list[Change]) -> None:
        relevant = any(
            change.kind == "reload" or change.target in ("timeline", "display_tz") for change in changes
        )
        if not relevant:
            return
        if self.configured_zone.upper() == "UTC":
            self.show_utc = False
        self.redraw(self._cursor_after(changes))

    def _cursor_after(self, changes: list[Change]) -> int | None:
        """Where the cursor goes: onto the event the last change added or edited, else it stays
        on the event it was on."""
        for change in reversed(changes):
            if change.target == "timeline" and change.kind in ("insert", "update", "move") and change.item_id:
                try:
                    return self.editor.index_of("timeline", change.item_id)
                except EditError:
                    continue
        selected = self.grid.rows.events[self.grid.cursor_row] if self.grid.row_count else None
        if selected is not None:
            try:
                return self.editor.index_of("timeline", selected.id)
            except EditError:
                return None
        return None

    def redraw(self, cursor: int | None = None) -> None:
        self.grid.show(self.view(), cursor)
        self.refresh_titles()
        self.show_detail()

    def select_item(self, collection: str, item_id: str) -> None:
        try:
            self.grid.move_cursor(self.editor.index_of("timeline", item_id))
        except EditError:
            return
        focus_now(self.grid)

    def refresh_titles(self) -> None:
        grid = self.grid
        count = grid.row_count
        title = f"Timeline · {count} event{'s' if count != 1 else ''}"
        zone = f"times in {self.zone_name}"
        if self.configured_zone.upper() != "UTC":
            other = self.configured_zone if self.show_utc else "UTC"
            zone += f" · z: show {other}"
        subtitle = zone if count else f"No events yet: i captures one, a opens the form, p pastes · {zone}"
        if (title, subtitle) != self._titles:
            self._titles = (title, subtitle)
            grid.border_title, grid.border_subtitle = title, subtitle

    @on(TimelineGrid.Highlighted)
    def _highlighted(self) -> None:
        self.show_detail()

    def show_detail(self) -> None:
        event = self.selected_event
        if event is None:
            self._show(Content("No event selected.").stylize("dim"))
            return
        zone = self.zone
        local = event.time.astimezone(zone)
        index = self.grid.cursor_row
        heading = [(f"{local:%Y-%m-%d} {clock_text(local)} {self.zone_name}", "bold")]
        if event.markers:  # before the gap: a narrow box wraps the gap, not the markers
            heading.append(("  " + " · ".join(marker.label for marker in event.markers), "bold"))
        if index > 0:
            previous = self.events[index - 1]
            heading.append((f"  {gap_text(event.time - previous.time)} after the previous event", "dim"))
        text = event.text if len(event.text) <= DETAIL_LIMIT else (
            event.text[:DETAIL_LIMIT] + f"… ({len(event.text) - DETAIL_LIMIT} more characters)"
        )
        lines = [
            Content.assemble(*heading),
            self._fitted(Content(visible(text, multiline=True))) if text else Content("(no text)").stylize("dim"),
            Content.assemble(
                ("Actor/System: ", "dim"), one_line(event.actor) or "—",
                ("    Evidence: ", "dim"), one_line(event.evidence) or "—",
            ),
        ]
        note = self.note_of(event.id)
        if note is not None and note.explanation:
            lines.append(Content(note.explanation).stylize("bold red" if note.flag else "dim"))
        self._show(Content("\n").join(lines))

    def _fitted(self, text: Content) -> Content:
        """``text`` in at most `DETAIL_ROWS` rows of the detail box."""
        width = self.query_one("#timeline-detail-text", Static).content_size.width
        if not width:  # not laid out yet: the resize that follows shows it again
            return text
        return fit_rows(text, width, DETAIL_ROWS)

    def on_resize(self) -> None:
        self.show_detail()

    def _show(self, content: Content) -> None:
        """Update the detail only when it changed, and re-lay out only when its height did."""
        if content == self._detail:
            return
        detail = self.query_one("#timeline-detail-text", Static)
        same_height = self._detail is not None and self._detail.plain.count("\n") == content.plain.count("\n")
        self._detail = content
        detail.update(content, layout=not same_height)

    # -- the capture line ----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While the capture line has the focus, the table's keys are not offered; in a read-only
        workspace only z is, and i, which says why nothing can be added (a follower's i goes on
        to the app and suggests an event)."""
        if self.session.closed or self.editor.read_only:
            return action == "toggle_zone" or (action == "capture" and not host_app(self).SUGGESTS)
        return not (isinstance(self.app.focused, CaptureLine) and action != "capture")

    def on_key(self, event: Key) -> None:
        """A time typed on the table starts an event on the capture line: "14:09 db: …" typed
        without pressing i first lands where it was meant to (the table binds no digits)."""
        character = event.character
        if (
            character is not None
            and character.isdigit()
            and self.app.focused is self.grid
            and not self.editor.read_only
            and not self.session.closed
        ):
            event.stop()
            event.prevent_default()
            line = self.capture_line
            line.value = character  # what was left on the line goes, as i then typing would replace it
            line.cursor_position = 1
            line.select_on_focus = False  # keep the digit: focusing would select it for replacing
            focus_now(line)
            self.call_after_refresh(setattr, line, "select_on_focus", True)

    def action_capture(self) -> None:
        if not self._read_only():
            focus_now(self.capture_line)

    _refused: tuple[str, str] | None = None
    """The line on the capture line that was refused last, and why."""

    @on(Input.Changed, "#timeline-capture-line")
    def _capture_edited(self, message: Input.Changed) -> None:
        message.stop()
        refused = self._refused
        if refused is None or message.value != refused[0]:  # the reason was for the line as it was
            self._show_capture_error(None)

    @on(Input.Submitted, "#timeline-capture-line")
    def _captured(self, message: Input.Submitted) -> None:
        """Add the line as an event, or keep it with the reason beside it. A line typed onto a
        refused one (the next event, before the refused one was put right) is added on its own
        and the refused line stays as it was: lines are never glued into one event."""
        message.stop()
        line = message.value
        if not line.strip():
            return
        refused = self._refused
        following = typed_after(line, refused[0]) if refused is not None else None
        if refused is not None and following is not None:
            problem = self._capture(following)
            if problem is not None:  # both lines stay, the reason is the new one's
                self._show_capture_error(f"{problem} · in the line after it")
                return
            self.capture_line.remember(following)
            self._show_capture_error(f"{refused[1]} · the next line was added")
            self.capture_line.value = refused[0]
            self.capture_line.cursor_position = len(refused[0])
            return
        problem = self._capture(line)
        if problem is not None:
            self._refused = (line, problem)
            self._show_capture_error(problem)
            return
        self._refused = None
        self._show_capture_error(None)
        self.capture_line.remember(line)
        self.capture_line.value = ""

    def _capture(self, line: str) -> str | None:
        """Add the event ``line`` says; None when it was added, else why not."""
        try:
            selected = self.selected_event
            captured = parse_capture_line(line, day=self._bare_date(None), zone=self.zone, now=self.session.clock(),
                                          after=selected.time if selected is not None else None)
            self.editor.add(
                "timeline",
                {"time": captured.time, "text": captured.text, "actor": captured.actor, "markers": captured.markers},
                label="Capture timeline event",
            )
        except (CaptureError, EditError) as problem:
            return str(problem)
        return None

    def _show_capture_error(self, problem: str | None) -> None:
        """The reason beside the capture line (None: none)."""
        error = self.query_one("#timeline-capture-error", Static)
        capture = self.query_one("#timeline-capture")
        if problem is None:
            if error.display:  # setting it lays out the screen again, even to the same value
                error.display = False
                capture.remove_class("-error-below")
            return
        shown = Content(f"✗ {problem}")
        error.update(shown)
        # beside the line while it fits there (60% of the row), else whole on its own line below
        capture.set_class(shown.cell_length > capture.size.width * 3 // 5, "-error-below")
        error.display = True

    # -- keys ----------------------------------------------------------------------------------

    def _read_only(self) -> bool:
        if self.editor.read_only:
            self.notify(self.editor.read_only, severity="warning", markup=False)
            return True
        return False

    def event_fields(self, reference: TimelineEvent | None, *, multiline: bool = False) -> tuple[FieldSpec, ...]:
        """The form: time (read in the shown zone), event, actor, marker, evidence."""
        zone, zone_name = self.zone, self.zone_name
        incident_date = self.editor.workspace.metadata.incident_date
        anchor = reference.time if reference is not None else None

        def parse_time(text: str) -> datetime:
            return parse_time_entry(
                text, tz=zone, default_date=incident_date, reference=anchor, now=self.session.clock()
            )

        if reference is not None:
            label, relative = f"Time ({zone_name}; +5m or -1h count from the selected event)", ", +5m, -1h"
        else:
            label, relative = f"Time ({zone_name})", ""
        return (
            FieldSpec(
                "time", label, parse=parse_time,
                hint=f"14:51, 14:51:30, 2:51 pm, 2025-11-06 14:51, ISO 8601, now{relative}",
            ),
            FieldSpec("text", "Event", Kind.MULTILINE if multiline else Kind.TEXT),
            FieldSpec("actor", "Actor/System"),
            FieldSpec("markers", "Markers", parse=markers_typed, show=markers_shown,
                      hint="names or their first letters: mitigated, resolved (m on the table: from a list)"),
            FieldSpec("evidence", "Evidence (a link to a graph, log line or chat message)"),
        )

    def _bare_date(self, reference: TimelineEvent | None) -> date:
        """The day a bare time typed into the form lands on."""
        if reference is not None:
            return reference.time.astimezone(self.zone).date()
        incident_date = self.editor.workspace.metadata.incident_date
        return incident_date or self.session.clock().astimezone(self.zone).date()

    def _open_add_form(self, title: str, prefill: str, *, focus: str) -> None:
        if self._read_only():
            return
        selected = self.selected_event

        def submit(values: dict[str, Any]) -> None:
            index = None
            if selected is not None and values["time"] == selected.time:
                index = self.editor.index_of("timeline", selected.id) + 1  # right after the cursor
            self.editor.add("timeline", values, index=index, label="Add timeline event")

        values = {"time": prefill, "text": "", "actor": "", "markers": (), "evidence": ""}
        self.event_form.open(title, self.event_fields(selected), values, submit, focus=focus)

    def action_add(self) -> None:
        selected = self.selected_event
        prefill = entry_text(selected.time, self.zone, self._bare_date(selected)) if selected else ""
        self._open_add_form("New timeline event", prefill, focus="time")

    def action_add_now(self) -> None:
        now = self.session.clock().replace(microsecond=0)
        prefill = entry_text(now, self.zone, self._bare_date(self.selected_event))
        self._open_add_form("New timeline event (now)", prefill, focus="text")

    def action_edit(self) -> None:
        event = self.selected_event
        if event is None:
            self.action_add()
            return
        if self._read_only():
            return
        values = {
            "time": entry_text(event.time, self.zone, self._bare_date(event)),
            "text": event.text,
            "actor": event.actor,
            "markers": event.markers,
            "evidence": event.evidence,
        }

        def submit(new: dict[str, Any]) -> None:
            changed = {name: value for name, value in new.items() if value != getattr(event, name)}
            if changed:
                self.editor.update("timeline", event.id, changed, label="Edit timeline event")

        fields = self.event_fields(event, multiline="\n" in event.text or "\r" in event.text)
        self.event_form.open("Edit timeline event", fields, values, submit)

    def action_delete(self) -> None:
        event = self.selected_event
        if event is None:
            return
        if self.run_intent(lambda: self.editor.delete("timeline", event.id, label="Delete timeline event")):
            self.notify("Deleted the event. ctrl+z brings it back.", timeout=3)

    def action_clear_markers(self) -> None:
        event = self.selected_event
        if event is not None and event.markers:
            self.run_intent(lambda: self.editor.update("timeline", event.id, label="Clear markers", markers=()))

    def action_choose_marker(self) -> None:
        from pm_postmortem.tui.screens.marker_chooser import MarkerChooser

        event = self.selected_event
        if event is None or self._read_only():
            return
        zone, with_dates = self.zone, self.grid.rows.with_dates
        used: dict[Marker, str] = {}
        for other in self.events:
            for marker in other.markers:
                used.setdefault(marker, time_text(other.time, zone, with_date=with_dates))

        def chosen(marker: Marker | None) -> None:
            current = self.selected_event
            if marker is not None and current is not None:
                self.run_intent(lambda: self.editor.toggle_marker(current.id, marker))

        self.app.push_screen(MarkerChooser(event.markers, used), chosen)

    def on_paste(self, event: Paste) -> None:
        """Text pasted onto the table opens the paste dialog with it."""
        event.stop()
        self.action_paste(event.text)

    def action_paste(self, text: str = "") -> None:
        from pm_postmortem.tui.screens.timeline_paste import TimelinePasteScreen

        if self._read_only():
            return
        selected = self.selected_event
        zone = self.zone
        day = selected.time.astimezone(zone).date() if selected else self.editor.workspace.metadata.incident_date

        def done(count: int | None) -> None:
            if count:
                noun = "event" if count == 1 else "events"
                self.notify(f"Added {count} {noun}. One ctrl+z takes the whole paste back.", timeout=4)

        self.app.push_screen(
            TimelinePasteScreen(day=day, zone=zone, zone_name=self.zone_name, add=self.add_parsed, text=text),
            done,
        )

    def add_parsed(self, parsed: list[ParsedEvent]) -> int:
        """Add pasted events as one undo step "Paste N events"; returns how many."""
        return add_parsed_events(self.editor, parsed)

    def toggle_zone(self) -> bool:
        """Switch between UTC and the display timezone; False when both are UTC."""
        if self.configured_zone.upper() == "UTC":
            return False
        self.show_utc = not self.show_utc
        self.redraw()
        return True

    def action_toggle_zone(self) -> None:
        if self.toggle_zone():
            self.notify(f"Times are now shown in {self.zone_name}.", timeout=2, markup=False)
        elif not self._read_only():
            self.ask_display_zone()

    def ask_display_zone(self) -> None:
        """The workspace shows UTC only: ask for its local timezone, then z switches."""

        def submit(values: dict[str, Any]) -> None:
            if values["zone"] != self.configured_zone:
                clock = values.get("times") == "clock"
                self.editor.change_zone(values["zone"], keep_clock_times=clock, label="Set the display timezone")

        fields = [
            FieldSpec("zone", "Display timezone of this post-mortem", parse=parse_zone,
                      hint="Europe/Berlin, America/New_York, UTC; z then switches between it and UTC")
        ]
        values: dict[str, Any] = {"zone": "UTC"}
        if self.editor.workspace.timeline:
            fields.append(FIELD_TYPED_TIMES)
            values["times"] = "moments"
        self.app.push_screen(EditForm("Times are shown in UTC", tuple(fields), values, submit))

