"""A text area for timelines that turns away a paste too long to read at once."""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.strip import Strip
from textual.widgets import TextArea

from pm_postmortem.core.text import pasted_text
from pm_postmortem.core.timeparse import too_many_lines
from pm_postmortem.tui.widgets.safe_input import drawable


class PasteArea(TextArea):
    """A `TextArea` that refuses a paste of more lines than a timeline takes.

    Inserting a whole log takes Textual seconds, and reading it seconds more; the refused text
    is still on the clipboard, and a notification says why nothing was inserted. A paste loses
    its escape sequences (the colours of a log copied from a terminal: the reader drops them
    anyway, so the box shows what is read); other control characters are kept, for the reader
    to report the junk line, but never drawn. A line feed typed as a key (ctrl+j: what tmux
    ``send-keys`` or a terminal without bracketed paste sends for each pasted line) is a line
    break, as enter is.
    """

    BINDINGS = [
        Binding("ctrl+j", "line_break", "New line", show=False, id="paste_area.line_break"),
    ]

    def render_line(self, y: int) -> Strip:
        return drawable(super().render_line(y))

    def action_line_break(self) -> None:
        if not self.read_only:
            self.move_cursor(self.replace("\n", *self.selection, maintain_selection_offset=False).end_location)

    async def on_paste(self, event: events.Paste) -> None:
        problem = too_many_lines(event.text)
        if problem is None:
            text = pasted_text(event.text)
            if text != event.text and not self.read_only:
                event.prevent_default()  # TextArea's own handler would insert it as sent
                self.move_cursor(self.replace(text, *self.selection, maintain_selection_offset=False).end_location)
            return  # else TextArea's own handler inserts it
        event.prevent_default()
        self.notify(
            f"Nothing was pasted: {problem}. The text is still on the clipboard.",
            title="Paste too long",
            severity="error",
            markup=False,
            timeout=10,
        )
