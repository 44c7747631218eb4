"""A text area for timelines that turns away a paste too long to read at once."""

from __future__ import annotations

from textual import events
from textual.widgets import TextArea

from pm_postmortem.core.timeparse import too_many_lines


class PasteArea(TextArea):
    """A `TextArea` that refuses a paste of more lines than a timeline takes.

    Inserting a whole log takes Textual seconds, and reading it seconds more; the refused text
    is still on the clipboard, and a notification says why nothing was inserted.
    """

    async def on_paste(self, event: events.Paste) -> None:
        problem = too_many_lines(event.text)
        if problem is None:
            return  # TextArea's own handler inserts it
        event.prevent_default()
        self.notify(
            f"Nothing was pasted: {problem}. The text is still on the clipboard.",
            title="Paste too long",
            severity="error",
            markup=False,
            timeout=10,
        )
