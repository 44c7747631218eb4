"""The Prime Directive, full screen: read aloud when a meeting starts; any key goes on."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Center, Middle, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from pm_postmortem.tui.screens.help import PRIME_DIRECTIVE
from pm_postmortem.tui.screens.workspace import PANES

HEADING = "Our Prime Directive"
READ_ALOUD = "Before we start, one of us reads this aloud."
CONTINUE = "Press any key to begin."


PANE_KEYS = frozenset(record.key for record in PANES.values())


class PrimeDirectiveScreen(Screen[None]):
    """Nothing else on screen, so the room reads it together; any key or click dismisses it."""

    def compose(self) -> ComposeResult:
        with Middle(), Center(), Vertical(id="prime-directive"):
            yield Static(Content(HEADING), id="prime-heading")
            yield Static(Content(READ_ALOUD), id="prime-hint")
            yield Static(Content(PRIME_DIRECTIVE), id="prime-text")
            yield Static(Content(CONTINUE), id="prime-continue")

    async def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        self.dismiss()
        if event.key in PANE_KEYS:
            self.app.simulate_key(event.key)  # F3 closes the statement and shows the Timeline

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.dismiss()
