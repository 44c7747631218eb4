"""The list of timeline markers: type the start of a name or move to it, enter chooses."""

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
from pm_postmortem.tui.timeline_rows import MARKER_ORDER


def marker_starting(typed: str) -> Marker | None:
    """The first marker whose name starts with ``typed`` (spaces and underscores alike)."""
    wanted = typed.lower().replace(" ", "_")
    return next((marker for marker in Marker if marker.value.startswith(wanted)), None)


class MarkerChooser(ModalScreen[str | None]):
    """Enter chooses the highlighted marker (``"none"`` clears it), escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="markers.cancel")]

    def __init__(self, current: Marker | None, used: dict[Marker, str]) -> None:
        super().__init__()
        self.current = current
        self.used = used
        self.typed = ""

    def compose(self) -> ComposeResult:
        options = [Option(Content("(no marker)"), id="none")]
        for marker in Marker:
            when = f"  · used at {self.used[marker]}" if marker in self.used else ""
            options.append(Option(Content.assemble((marker.label, "bold"), (when, "dim")), id=marker.value))
        with Vertical(id="marker-chooser"):
            yield Label(Content("Marker of the selected event"), id="marker-title")
            yield OptionList(*options, id="marker-options")
            yield Static(Content("type the start of a name · ↑↓ move · enter choose · escape cancel"),
                         id="marker-keys")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = MARKER_ORDER.index(self.current)
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
        self.query_one(OptionList).highlighted = MARKER_ORDER.index(marker)

    @on(OptionList.OptionSelected)
    def _chosen(self, message: OptionList.OptionSelected) -> None:
        self.dismiss(message.option_id)

    def action_cancel(self) -> None:
        self.dismiss(None)
