"""The timeline's rows drawn straight from the document with the Line API.

A `ScrollView` whose `render_line` formats only the rows on screen from a `TimelineRows` view
model: a new model after an edit costs a redraw of the visible lines, never a rebuild of the
table, and there is no cache that can fall out of step with the document.
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from pm_postmortem.tui.text import one_line
from pm_postmortem.tui.timeline_rows import RowCells, TimelineRows

TIME_WIDTH, DATE_TIME_WIDTH, GAP_WIDTH = 8, 14, 7
ACTOR_WIDTHS = (16, 10)
MARKER_WIDTHS = (28, 14)
"""Widest and narrowest: the actor and marker columns give way before the event text does."""
EVENT_MIN_SHARE = 0.4
PADDING = 1
HEADINGS = ("Time", "Gap", "Event", "Actor/System", "Marker")


def column_widths(width: int, *, with_dates: bool) -> tuple[int, int, int, int, int]:
    """Widths of time, gap, event, actor and marker for ``width`` cells; the event takes the rest."""
    time = DATE_TIME_WIDTH if with_dates else TIME_WIDTH
    room = max(0, width - time - GAP_WIDTH - 5 * 2 * PADDING)
    actor, marker = ACTOR_WIDTHS[0], MARKER_WIDTHS[0]
    if room - actor - marker < room * EVENT_MIN_SHARE:
        actor, marker = ACTOR_WIDTHS[1], MARKER_WIDTHS[1]
    event = max(1, room - actor - marker)
    return time, GAP_WIDTH, event, actor, marker


def fit(text: str, width: int) -> str:
    """``text`` in exactly ``width`` cells: padded, or cut with an ellipsis."""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, width - 1) + "…" if width > 0 else ""


class TimelineGrid(ScrollView, can_focus=True):
    """Rows of the timeline with a header line and a row cursor."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "timeline-grid--header",
        "timeline-grid--cursor",
        "timeline-grid--even-row",
        "timeline-grid--dim",
        "timeline-grid--flag",
        "timeline-grid--marker",
    }

    DEFAULT_CSS = """
    TimelineGrid {
        background: $surface;
        color: $foreground;
        & > .timeline-grid--header { text-style: bold; background: $panel; }
        & > .timeline-grid--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus > .timeline-grid--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
        & > .timeline-grid--even-row { background: $surface-lighten-1 50%; }
        &:dark > .timeline-grid--even-row { background: $surface-darken-1 40%; }
        & > .timeline-grid--dim { color: $text-muted; }
        & > .timeline-grid--flag { color: $error; text-style: bold; }
        & > .timeline-grid--marker { text-style: bold; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", "Up", show=False, id="timeline.up"),
        Binding("down", "move(1)", "Down", show=False, id="timeline.down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="timeline.page_up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="timeline.page_down"),
        Binding("home", "first", "First", show=False, id="timeline.first", tooltip="go to the first event"),
        Binding("end", "last", "Last", show=False, id="timeline.last", tooltip="go to the last event"),
    ]

    class Highlighted(Message):
        """The cursor was moved to another row (keys, clicks, `move_cursor`)."""

        def __init__(self, grid: TimelineGrid, index: int) -> None:
            super().__init__()
            self.grid = grid
            self.index = index

        @property
        def control(self) -> TimelineGrid:
            return self.grid

    def __init__(self, rows: TimelineRows, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.rows = rows
        self.cursor_row = 0

    # -- the model -------------------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self.rows)

    def show(self, rows: TimelineRows, cursor: int | None = None) -> None:
        """Draw ``rows`` from now on, with the cursor at ``cursor`` (default: where it was). The
        owner shows what changed with them; `Highlighted` is for moves by keys and clicks."""
        self.rows = rows
        count = len(rows)
        wanted = self.cursor_row if cursor is None else cursor
        self.cursor_row = max(0, min(wanted, count - 1))
        size = Size(self.size.width, count + 1)
        if size != self.virtual_size:
            self.virtual_size = size
            # scrolling is bounded by the size of the last layout: once more, after this one
            self.call_after_refresh(self.scroll_to_cursor)
        self.scroll_to_cursor()
        self.refresh()

    def move_cursor(self, row: int) -> None:
        if not self.row_count:
            return
        row = max(0, min(row, self.row_count - 1))
        if row == self.cursor_row:
            return
        previous, self.cursor_row = self.cursor_row, row
        self.refresh_lines(previous + 1)
        self.refresh_lines(row + 1)
        self.scroll_to_cursor()
        self.post_message(self.Highlighted(self, row))

    def scroll_to_cursor(self) -> None:
        visible = max(1, self.scrollable_content_region.height - 1)
        top = round(self.scroll_y)
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False)
        elif self.cursor_row >= top + visible:
            self.scroll_to(y=self.cursor_row - visible + 1, animate=False)

    # -- keys and mouse -------------------------------------------------------------------------

    def action_move(self, step: int) -> None:
        self.move_cursor(self.cursor_row + step)

    def action_page(self, direction: int) -> None:
        self.move_cursor(self.cursor_row + direction * max(1, self.scrollable_content_region.height - 2))

    def action_first(self) -> None:
        self.move_cursor(0)

    def action_last(self) -> None:
        self.move_cursor(self.row_count - 1)

    def on_click(self, event: events.Click) -> None:
        if event.y > 0:
            self.move_cursor(round(self.scroll_y) + event.y - 1)

    def on_resize(self) -> None:
        if self.virtual_size.width != self.size.width:
            self.virtual_size = Size(self.size.width, self.row_count + 1)
        self.scroll_to_cursor()

    # -- drawing --------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        widths = column_widths(width, with_dates=self.rows.with_dates)
        base = self.rich_style
        if y == 0:
            style = base + self.get_component_rich_style("timeline-grid--header")
            return self._strip([(heading, style) for heading in HEADINGS], widths, style, width)
        index = round(self.scroll_y) + y - 1
        if index >= self.row_count:
            return Strip.blank(width, base)
        line = base
        if index % 2:
            line += self.get_component_rich_style("timeline-grid--even-row")
        cursor = self.get_component_rich_style("timeline-grid--cursor") if index == self.cursor_row else None
        cells = self.rows.cells(index, marker_width=widths[-1])
        return self._strip(self._cells(cells, line, cursor), widths, line + cursor if cursor else line, width)

    def _cells(self, cells: RowCells, line: Style, cursor: Style | None) -> list[tuple[str, Style]]:
        dim = self.get_component_rich_style("timeline-grid--dim", partial=True)
        marker = {
            "bold": self.get_component_rich_style("timeline-grid--marker", partial=True),
            "bold red": self.get_component_rich_style("timeline-grid--flag", partial=True),
            "dim": dim,
        }.get(cells.marker_style, Style())
        styled = [(cells.time, line), (cells.gap, line + dim), (one_line(cells.text), line),
                  (one_line(cells.actor), line), (cells.marker, line + marker)]
        if cursor is None:
            return styled
        return [(text, style + cursor + Style(bold=style.bold)) for text, style in styled]

    @staticmethod
    def _strip(cells: list[tuple[str, Style]], widths: tuple[int, ...], fill: Style, width: int) -> Strip:
        pad = " " * PADDING
        segments: list[Segment] = []
        for (text, style), column in zip(cells, widths, strict=True):
            segments.append(Segment(pad + fit(text, column) + pad, style))
        used = sum(widths) + len(widths) * 2 * PADDING
        if used < width:
            segments.append(Segment(" " * (width - used), fill))
        return Strip(segments).crop(0, width)

    def rendered_text(self) -> list[str]:
        """The visible lines as plain text (what the room reads)."""
        height = self.scrollable_content_region.height
        return [self.render_line(y).text.rstrip() for y in range(height)]
