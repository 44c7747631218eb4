"""A text area for timelines that turns away a paste too long to read at once."""

from __future__ import annotations

from textual import events
from textual.strip import Strip
from textual.widgets import TextArea

from pm_postmortem.core.timeparse import too_many_lines
from pm_postmortem.tui.widgets.safe_input import drawable


class PasteArea(TextArea):
    """A `TextArea` that refuses a paste of more lines than a timeline takes.

    Inserting a whole log takes Textual seconds, and reading it seconds more; the refused text
    is still on the clipboard, and a notification says why nothing was inserted. The text is
    kept as pasted (the reader reports junk lines), but control characters are never drawn:
    an escape sequence in a pasted log would move the cursor and scramble the lines shown.
    """

    def render_line(self, y: int) -> Strip:
        return drawable(super().render_line(y))

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
