"""The list of timeline markers: type the start of a name or move to it, enter sets or removes it."""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from pm_postmortem.core.model import Marker
from pm_postmortem.tui.focus import focus_now
from pm_postmortem.tui.styles import style_sheet

MARKERS = tuple(Marker)


def marker_starting(typed: str) -> Marker | None:
    """The first marker whose name starts with ``typed`` (spaces and underscores alike)."""
    wanted = typed.lower().replace(" ", "_")
    return next((marker for marker in Marker if marker.value.startswith(wanted)), None)


class MarkerChooser(ModalScreen[Marker | None]):
    """Enter picks the highlighted marker, to be set on the event or taken off it (✓ marks the
    ones it has); escape cancels."""

    CSS_PATH = style_sheet("timeline")

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="markers.cancel")]

    def __init__(self, current: tuple[Marker, ...], used: dict[Marker, str]) -> None:
        super().__init__()
        self.current = current
        self.used = used
        self.typed = ""

    def compose(self) -> ComposeResult:
        options = []
        for marker in MARKERS:
            when = f"  · used at {self.used[marker]}" if marker in self.used else ""
            check = "✓ " if marker in self.current else "  "
            options.append(Option(Content.assemble(check, (marker.label, "bold"), (when, "dim")), id=marker.value))
        with Vertical(id="marker-chooser"):
            yield Label(Content("Markers of the selected event (✓ set)"), id="marker-title")
            yield OptionList(*options, id="marker-options")
            yield Static(Content("type a name's start · ↑↓ move · enter set/remove · escape cancel"),
                         id="marker-keys")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = MARKERS.index(self.current[0]) if self.current else 0
        focus_now(options)

    def on_key(self, event: events.Key) -> None:
        if not (event.is_printable and event.character and event.character.isalpha() or event.character == "_"):
            return
        event.stop()
        marker = marker_starting(self.typed + event.character)
        if marker is None:  # a new start: "d" after "de…" found nothing
            self.typed = ""
            marker = marker_starting(event.character)
        if marker is None:
            self.notify(f"No marker starts with {event.character!r}.", severity="warning", timeout=2, markup=False)
            return
        self.typed += event.character
        self.query_one(OptionList).highlighted = MARKERS.index(marker)
        verb = "removes" if marker in self.current else "sets"
        self.query_one("#marker-keys", Static).update(
            Content(f"typed “{self.typed}” · enter {verb} {marker.label} · escape cancels")
        )

    @on(OptionList.OptionSelected)
    def _chosen(self, message: OptionList.OptionSelected) -> None:
        if message.option_id is not None:  # every option is a marker's value
            self.dismiss(Marker(message.option_id))

    def action_cancel(self) -> None:
        self.dismiss(None)
