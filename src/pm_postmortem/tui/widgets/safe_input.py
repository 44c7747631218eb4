"""Text fields that never draw a control character, whatever is pasted into them."""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import Input

from pm_postmortem.core.text import without_controls


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
    (a pasted escape sequence would otherwise reach the terminal)."""

    def render_line(self, y: int) -> Strip:
        return drawable(super().render_line(y))
