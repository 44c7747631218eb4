"""Text fields that never draw a control character, whatever is pasted into them."""

from __future__ import annotations

from rich.segment import Segment
from textual import events
from textual.strip import Strip
from textual.widgets import Input

from pm_postmortem.core.text import joined_lines, without_controls


def drawable(strip: Strip) -> Strip:
    """``strip`` without control characters: they take no cells, so nothing else moves."""
    segments = list(strip)
    shown = [without_controls(segment.text) for segment in segments]
    if all(text == segment.text for text, segment in zip(shown, segments, strict=True)):
        return strip
    return Strip(
        [Segment(text, segment.style, segment.control) for text, segment in zip(shown, segments, strict=True)],
        strip.cell_length,
    )


class SafeInput(Input):
    """An `Input` whose value is kept as typed or pasted but drawn without control characters
    (a pasted escape sequence would otherwise reach the terminal); pasted lines are joined with a
    space (Textual's `Input` would keep only the first)."""

    def on_paste(self, event: events.Paste) -> None:
        # prevent_default stops the dispatch before Input's own handler, which keeps one line
        event.prevent_default()
        event.stop()
        self._insert_pasted(event.text)

    def action_paste(self) -> None:
        self._insert_pasted(self.app.clipboard)

    def _insert_pasted(self, text: str) -> None:
        if text:
            self.replace(joined_lines(text), *self.selection)

    def render_line(self, y: int) -> Strip:
        return drawable(super().render_line(y))
