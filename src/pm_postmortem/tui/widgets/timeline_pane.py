"""F3 Timeline: the events in time order, edited live, and the paste-a-timeline dialog.

The table never rebuilds for one edit. Rows are keyed by event id and kept in the model's order:
an insert appends its row and re-places only the rows from its index down (what
``DataTable.sort`` would do for the whole table), a removal shifts the rows below it, and only
cells that show something different are rewritten (the edited row, the gap of the row after it,
marker flags that came or went). `FastTable` removes DataTable's own per-change O(n) work and
re-renders only rows that changed. A reload, a big paste or its undo rebuild the table at once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from itertools import count, repeat
from typing import Any, Self
from zoneinfo import ZoneInfo

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.cache import LRUCache
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.coordinate import Coordinate
from textual.geometry import Region, Size, Spacing
from textual.screen import ModalScreen
from textual.strip import Strip
from textual.widgets import Button, DataTable, Label, OptionList, Static, TextArea
from textual.widgets.data_table import (
    CellKey,
    ColumnKey,
    DuplicateKey,
    Row,
    RowDoesNotExist,
    RowKey,
)
from textual.widgets.option_list import Option

from pm_postmortem.core.editing import Change, EditError, Editor
from pm_postmortem.core.metrics import Metrics, out_of_order_markers
from pm_postmortem.core.model import Marker, TimelineEvent
from pm_postmortem.core.timeparse import (
    ParsedEvent,
    TimelineParse,
    parse_time_entry,
    parse_timeline_text,
    too_many_lines,
)
from pm_postmortem.tui.fields import FieldSpec, Kind
from pm_postmortem.tui.focus import focus_now
from pm_postmortem.tui.screens.edit_form import EditForm
from pm_postmortem.tui.text import cell, one_line
from pm_postmortem.tui.widgets.paste_area import PasteArea

COLUMNS = (
    ("time", "Time", 8),
    ("gap", "Gap", 7),
    ("text", "Event", 40),
    ("actor", "Actor/System", 16),
    ("marker", "Marker", 28),
)
COLUMN_KEYS = tuple(key for key, _, _ in COLUMNS)
TIME_WIDTH, DATE_TIME_WIDTH = 8, 19

BULK_CHANGES = 100
"""More changed rows than this at once (a big paste, its undo) rebuild the table instead."""

CELL_LIMIT = 300
"""Characters of a text kept for a cell; the column cuts it with an ellipsis long before."""

DETAIL_LIMIT = 2000
"""Characters of an event's text shown under the table."""

PASTE_IN_PLACE = 50
"""Pastes up to this size are added event by event; larger ones replace the list in one step."""

PREVIEW_LIMIT = 500
"""Parsed events listed in the paste preview; the rest are counted."""

MARKER_ORDER: tuple[Marker | None, ...] = (None, *Marker)
MARKER_CHOICES = tuple((marker.label, marker.value) for marker in Marker)


# --- formatting (pure functions) -----------------------------------------------------------


def zone_named(name: str) -> tzinfo:
    return UTC if name.upper() == "UTC" else ZoneInfo(name)


def clock_text(local: datetime) -> str:
    """``14:51``, or ``14:51:30`` when the seconds are not zero."""
    if local.second:
        return f"{local.hour:02d}:{local.minute:02d}:{local.second:02d}"
    return f"{local.hour:02d}:{local.minute:02d}"


def time_text(moment: datetime, zone: tzinfo, *, with_date: bool) -> str:
    local = moment.astimezone(zone)
    if with_date:
        return f"{local.year:04d}-{local.month:02d}-{local.day:02d} {clock_text(local)}"
    return clock_text(local)


def text_cell(value: str, style: str = "") -> Text:
    """`cell` with a fast path for the usual text that has nothing to make visible."""
    if value.isprintable():
        return Text(value, style=style, no_wrap=True, overflow="ellipsis")
    return cell(value, style=style)


class LazyCell:
    """A table cell that becomes a literal `Text` only when drawn.

    DataTable hands rich renderables through untouched and draws only the rows on screen, so a
    table of thousands of rows builds thousands of these small objects instead of `Text`s.
    """

    __slots__ = ("plain", "style")

    def __init__(self, plain: str, style: str = "") -> None:
        self.plain = plain
        self.style = style

    def __rich__(self) -> Text:
        return text_cell(self.plain, self.style)

    def __repr__(self) -> str:
        return f"LazyCell({self.plain!r}, {self.style!r})"


def gap_text(delta: timedelta | None) -> str:
    """The time since the previous event, at most 7 characters: ``+0``, ``+45s``, ``+4m``,
    ``+4m30s``, ``+1h05m``, ``+2d03h``, ``+385d``."""
    if delta is None:
        return ""
    seconds = int(delta.total_seconds())
    if seconds <= 0:
        return "+0"
    if seconds < 60:
        return f"+{seconds}s"
    minutes, second = divmod(seconds, 60)
    if minutes < 60:
        return f"+{minutes}m{second:02d}s" if second else f"+{minutes}m"
    hours, minute = divmod(minutes, 60)
    if hours < 24:
        return f"+{hours}h{minute:02d}m"
    days, hour = divmod(hours, 24)
    return f"+{days}d{hour:02d}h" if days < 10 else f"+{days}d"


def spans_days(events: list[TimelineEvent], zone: tzinfo) -> bool:
    """Whether the first and the last event fall on different days in ``zone``."""
    if len(events) < 2:
        return False
    return events[0].time.astimezone(zone).date() != events[-1].time.astimezone(zone).date()


def entry_text(moment: datetime, zone: tzinfo, bare_date: date | None) -> str:
    """A time as typed into the form: bare when a bare time would land on the same day."""
    local = moment.astimezone(zone)
    if bare_date is not None and local.date() == bare_date:
        return clock_text(local)
    return f"{local:%Y-%m-%d} {clock_text(local)}"


def short(text: str, limit: int = CELL_LIMIT) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class MarkerNote:
    """How a marker is shown on its row, and what the detail line says about it."""

    text: str
    style: str
    explanation: str = ""


def marker_notes(events: list[TimelineEvent], metrics: Metrics, zone: tzinfo) -> dict[str, MarkerNote]:
    """Event id → its marker cell: plain, used more than once, or out of order (⚠ and why)."""
    marked = [event for event in events if event.marker is not None]
    counts = Counter(event.marker for event in marked)
    first: dict[Marker, TimelineEvent] = {}
    for event in marked:
        if event.marker not in first or event.time < first[event.marker].time:
            first[event.marker] = event
    reasons: dict[str, list[str]] = {}
    explanations: dict[str, list[str]] = {}
    for marker, expected in out_of_order_markers(metrics.marker_times).items():
        names = ", ".join(other.label.lower() for other in expected)
        reasons.setdefault(first[marker].id, []).append(f"before {names}")
        explanations.setdefault(first[marker].id, []).append(
            f"{marker.label} is set before {names}; check the times or the markers."
        )
        for other in expected:
            reasons.setdefault(first[other].id, []).append(f"after {marker.label.lower()}")
            explanations.setdefault(first[other].id, []).append(
                f"{other.label} is set after {marker.label.lower()}, which should come later."
            )
    notes: dict[str, MarkerNote] = {}
    for event in marked:
        marker = event.marker
        count = counts[marker]
        earliest = first[marker] is event
        label = marker.label if count == 1 else f"{marker.label} ({count}×)"
        said: list[str] = []
        if count > 1:
            when = clock_text(first[marker].time.astimezone(zone))
            said.append(
                f"{marker.label} is used {count} times; "
                + ("this one, the earliest, counts for the metrics." if earliest
                   else f"the earliest ({when}) counts for the metrics, not this one.")
            )
        if event.id in reasons:
            notes[event.id] = MarkerNote(
                f"⚠ {label} {'; '.join(reasons[event.id])}",
                "bold red",
                " ".join([*explanations[event.id], *said]),
            )
        elif not earliest:
            notes[event.id] = MarkerNote(f"{marker.label} ({count}×, not counted)", "dim", " ".join(said))
        else:
            notes[event.id] = MarkerNote(label, "bold", " ".join(said))
    return notes


# --- the table ------------------------------------------------------------------------------


class FastTable(DataTable):
    """A DataTable of one-line rows and fixed-width columns whose cost per change does not grow
    with the number of rows.

    DataTable keys its row-order and line-offset caches by an update counter that every
    update_cell bumps, so each edit rebuilt two O(n) lists in Python; removing a row rebuilt the
    position map; scrolling the cursor into view summed the heights of all rows above it; and
    every new row was measured cell by cell. Here the caches are keyed by the row order alone and
    built in C, a removal shifts only the rows below, regions are computed directly and nothing
    is measured (the widths are fixed). Relies on DataTable internals: Textual is pinned (8.2.8).
    """

    _order_version = 0
    _line_style = Style()
    _ordered_key: tuple[int, int] | None = None
    _ordered: list[Row] = []
    _offsets_key: tuple[int, int] | None = None
    _offsets: list[tuple[RowKey, int]] = []

    flex_column: str | None = None
    """The column that takes the width the others leave (long text ends in an ellipsis)."""

    def __init__(self, *, flex_column: str | None = None, **kwargs: Any) -> None:
        self.flex_column = flex_column or self.flex_column
        self._row_keys: dict[str, RowKey] = {}
        self._row_versions: dict[RowKey, int] = {}
        self._versions = count(1)
        self._cell_cache: LRUCache[tuple, Any] = LRUCache(4000)
        self._strip_cache: LRUCache[tuple, Strip] = LRUCache(1000)
        super().__init__(**kwargs)

    def on_resize(self) -> None:
        self.fit_flex_column()

    def fit_flex_column(self) -> None:
        """Give the flex column the width the other columns leave."""
        key = self.flex_column
        if key is None or key not in self.columns or not self.size.width:
            return
        used = sum(column.get_render_width(self) for name, column in self.columns.items() if name != key)
        width = max(12, self.scrollable_content_region.width - used - 2 * self.cell_padding)
        column = self.columns[ColumnKey(key)]
        if column.width == width and not column.auto_width:
            return
        column.auto_width = False
        column.width = width
        self._clear_caches()  # DataTable has no public way to resize a column
        self._require_update_dimensions = True
        self.refresh()

    def touch_row(self, key: RowKey) -> None:
        """The row's cells changed: its rendered cells are stale (see `_render_cell`)."""
        self._row_versions[key] = next(self._versions)

    def update_cell(self, row_key: RowKey | str, column_key: ColumnKey | str, value: Any, *,
                    update_width: bool = False) -> None:
        """As DataTable's, but only the row's line is drawn again, not every visible line."""
        row_key = row_key if isinstance(row_key, RowKey) else RowKey(row_key)
        column_key = column_key if isinstance(column_key, ColumnKey) else ColumnKey(column_key)
        if update_width or row_key not in self._row_locations or column_key not in self._column_locations:
            super().update_cell(row_key, column_key, value, update_width=update_width)
        else:
            self._data[row_key][column_key] = value
            self._update_count += 1
            self.refresh_row(self._row_locations.get(row_key))
        self.touch_row(row_key)

    def render_lines(self, crop: Region) -> list[Strip]:
        self._line_style = self.rich_style  # DataTable works it out again for every line
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        fixed_height = self.fixed_rows + (self.header_height if self.show_header else 0)
        if y >= fixed_height:
            y += scroll_y
        return self._render_line(y, scroll_x, scroll_x + self.size.width, self._line_style)

    def _render_cell(self, row_index: int, column_index: int, base_style: Style, width: int,
                     cursor: bool = False, hover: bool = False) -> Any:
        """DataTable re-renders every visible cell after any change (its cache key holds a
        counter every update bumps); here a cell is cached until its own row changes."""
        row_key = self._row_locations.get_key(row_index) if row_index >= 0 else None
        key = (row_key, row_index % 2 if row_key is not None else row_index, column_index, base_style, width, cursor, hover,
               self._show_hover_cursor, self._row_versions.get(row_key, 0), self._pseudo_class_state)
        lines = self._cell_cache.get(key)
        if lines is None:
            lines = super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
            self._cell_cache[key] = lines
        return lines

    def _render_line(self, y: int, x1: int, x2: int, base_style: Style) -> Strip:
        """As `_render_cell`: a line is cached until its row changes, not until any row does, and
        is found again when the row moves (an insert above) or the cursor leaves another row."""
        try:
            row_key, _ = self._get_offsets(y)
        except LookupError:
            return super()._render_line(y, x1, x2, base_style)
        row_index = self._row_locations.get(row_key)
        if row_index is None:  # the header: drawn from the column labels and the cursor's column
            where = (y, self.cursor_coordinate, self.hover_coordinate)
        else:
            where = (row_index % 2, self._highlight_on_row(self.cursor_coordinate, row_index),
                     self._highlight_on_row(self.hover_coordinate, row_index))
        key = (row_key, self._row_versions.get(row_key, 0), where, x1, x2, self.size.width, base_style,
               self.cursor_type, self._show_hover_cursor, self._pseudo_class_state)
        strip = self._strip_cache.get(key)
        if strip is None:
            strip = super()._render_line(y, x1, x2, base_style)
            self._strip_cache[key] = strip
        return strip

    def _highlight_on_row(self, coordinate: Coordinate, row_index: int) -> object:
        """What of a cursor at ``coordinate`` shows on row ``row_index`` (see should_highlight)."""
        if self.cursor_type == "row":
            return coordinate.row == row_index
        if self.cursor_type == "column":
            return coordinate.column
        return coordinate.column if coordinate.row == row_index else None

    def _clear_caches(self) -> None:
        super()._clear_caches()
        self._cell_cache.clear()
        self._strip_cache.clear()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cell_cache.clear()
        self._strip_cache.clear()

    def add_row(self, *cells: Any, height: int | None = 1, key: str | None = None,
                label: Any = None) -> RowKey:
        row_key = super().add_row(*cells, height=1, key=key, label=label)
        self._row_keys[row_key.value] = row_key
        self.touch_row(row_key)
        self._order_version += 1
        return row_key

    def append_rows(self, rows: Iterable[tuple[str, Sequence[Any]]]) -> None:
        """Add many rows at the end at once: (key, cells) pairs; no per-row events or measuring."""
        columns = [column.key for column in self.ordered_columns]
        locations, data, table_rows, keys = self._row_locations, self._data, self.rows, self._row_keys
        first = position = len(table_rows)
        for item_id, cells in rows:
            key = RowKey(item_id)
            if key in locations:
                raise DuplicateKey(f"The row key {key!r} already exists.")
            locations[key] = position
            data[key] = dict(zip(columns, cells, strict=True))
            table_rows[key] = Row(key, 1)
            keys[item_id] = key
            self._row_versions[key] = next(self._versions)
            position += 1
        self._order_version += 1
        self._update_count += 1
        self._require_update_dimensions = True
        self.cursor_coordinate = self.cursor_coordinate
        if first == 0 and position and self.show_cursor and self.cursor_type != "none":
            self._highlight_cursor()
        self.check_idle()
        self.refresh()

    def remove_row(self, row_key: RowKey | str) -> None:
        """As DataTable's, but only the rows below shift: O(rows below), not O(n) rebuilds."""
        key = row_key if isinstance(row_key, RowKey) else RowKey(row_key)
        locations = self._row_locations
        index = locations.get(key)
        if index is None:
            raise RowDoesNotExist(f"Row key {row_key!r} is not valid.")
        last = len(self.rows) - 1
        forward, reverse = locations._forward, locations._reverse
        del forward[key]
        for position in range(index + 1, last + 1):
            moved = reverse[position]
            forward[moved] = position - 1
            reverse[position - 1] = moved
        del reverse[last]  # the former last position now maps nowhere
        for column_key in self._data[key]:
            self._updated_cells.discard(CellKey(key, column_key))
        del self.rows[key]
        del self._data[key]
        self._row_keys.pop(key.value, None)
        self._order_version += 1
        self._update_count += 1
        self._require_update_dimensions = True
        self.cursor_coordinate = self.cursor_coordinate
        self.hover_coordinate = self.hover_coordinate
        self.check_idle()
        self.refresh(layout=True)

    def clear(self, columns: bool = False) -> Self:
        super().clear(columns)
        self._row_keys.clear()
        self._row_versions.clear()
        self._order_version += 1
        return self

    def sort(self, *columns: Any, key: Any = None, reverse: bool = False) -> Self:
        super().sort(*columns, key=key, reverse=reverse)
        self._order_version += 1
        return self

    @property
    def ordered_rows(self) -> list[Row]:
        key = (len(self.rows), self._order_version)
        if self._ordered_key != key:
            keys = map(self._row_locations._reverse.__getitem__, range(len(self.rows)))
            self._ordered = list(map(self.rows.__getitem__, keys))
            self._ordered_key = key
        return self._ordered

    @property
    def _y_offsets(self) -> list[tuple[RowKey, int]]:
        key = (len(self.rows), self._order_version)
        if self._offsets_key != key:
            by_position = self._row_locations._reverse  # position → row key, built in C below
            self._offsets = list(zip(map(by_position.__getitem__, range(len(self.rows))), repeat(0)))
            self._offsets_key = key
        return self._offsets

    def _get_fixed_offset(self) -> Spacing:
        top = (self.header_height if self.show_header else 0) + self.fixed_rows
        left = sum(column.get_render_width(self) for column in self.ordered_columns[: self.fixed_columns])
        return Spacing(top, 0, 0, left + self._row_label_column_width)

    def _get_cell_region(self, coordinate: Coordinate) -> Region:
        if not self.is_valid_coordinate(coordinate):
            return Region(0, 0, 0, 0)
        row_index, column_index = coordinate
        columns = self.ordered_columns
        x = sum(column.get_render_width(self) for column in columns[:column_index])
        y = row_index + (self.header_height if self.show_header else 0)
        width = columns[column_index].get_render_width(self)
        return Region(x + self._row_label_column_width, y, width, 1)

    def _get_row_region(self, row_index: int) -> Region:
        if not self.is_valid_row_index(row_index):
            return Region(0, 0, 0, 0)
        width = sum(column.get_render_width(self) for column in self.columns.values())
        y = row_index + (self.header_height if self.show_header else 0)
        return Region(0, y, max(self.size.width, width + self._row_label_column_width), 1)

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        """Every column has a fixed width and every row one line: nothing to measure."""
        width = sum(column.get_render_width(self) for column in self.columns.values())
        header = self.header_height if self.show_header else 0
        size = Size(width + self._row_label_column_width, len(self.rows) + header)
        if size == self.virtual_size:
            return
        # Setting virtual_size lays out the whole screen again; a table that scrolls already only
        # needs its scrollbar adjusted, unless a scrollbar comes or goes.
        scrollbars = (self.show_vertical_scrollbar, self.show_horizontal_scrollbar)
        self.set_reactive(DataTable.virtual_size, size)
        self._scroll_update(size)  # redraws the scrollbars; the rows were redrawn when they changed
        if (self.show_vertical_scrollbar, self.show_horizontal_scrollbar) != scrollbars:
            self.refresh(layout=True)


class TimelineTable(FastTable):
    """The events as rows keyed by id, always in the model's order."""

    flex_column = "text"

    BINDINGS = [
        Binding("a", "add", "Add", id="timeline.add",
                tooltip="add an event after the cursor (its time is prefilled)"),
        Binding("n", "add_now", "Now", id="timeline.now", tooltip="add an event stamped now"),
        Binding("enter", "edit", "Edit", id="timeline.edit", tooltip="edit the event under the cursor"),
        Binding("d,delete", "delete", "Delete", id="timeline.delete",
                tooltip="delete the event (undo brings it back)"),
        Binding("m", "cycle_marker", "Marker", id="timeline.marker",
                tooltip="cycle the event's marker: none, impact start, …, all clear, none"),
        Binding("M", "choose_marker", "Choose marker", id="timeline.choose_marker", show=False,
                tooltip="choose the event's marker from a list"),
        Binding("p", "paste", "Paste", id="timeline.paste",
                tooltip="paste a timeline from chat or logs: preview, then add"),
        Binding("z", "toggle_zone", "UTC/local", id="timeline.zone",
                tooltip="show times in UTC or in the workspace's display timezone"),
        Binding("home", "scroll_top", "First", id="timeline.first", show=False,
                tooltip="go to the first event"),
        Binding("end", "scroll_bottom", "Last", id="timeline.last", show=False,
                tooltip="go to the last event"),
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.show_utc = False
        self.with_dates = False
        self._shown: dict[str, list[tuple[str, str]]] = {}
        self._gaps: dict[str, timedelta | None] = {}
        self._notes: dict[str, MarkerNote] = {}
        self._marked: dict[str, TimelineEvent] = {}

    # -- state ---------------------------------------------------------------------------------

    @property
    def editor(self) -> Editor:
        return self.app.editor

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

    @property
    def selected_id(self) -> str | None:
        if not self.row_count:
            return None
        return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value

    @property
    def selected_event(self) -> TimelineEvent | None:
        item_id = self.selected_id
        if item_id is None:
            return None
        events = self.events
        row = self.cursor_row
        if row < len(events) and events[row].id == item_id:  # rows are in the model's order
            return events[row]
        try:
            return self.editor.find("timeline", item_id)
        except EditError:
            return None

    def note_of(self, item_id: str) -> MarkerNote | None:
        return self._notes.get(item_id)

    def select(self, item_id: str) -> None:
        if item_id in self._shown:
            row = self.get_row_index(item_id)
            if row != self.cursor_row:
                self.move_cursor(row=row)

    # -- building and updating -----------------------------------------------------------------

    def on_mount(self) -> None:
        for key, label, width in COLUMNS:
            self.add_column(label, key=key, width=width)
        self.rebuild()

    def _set_time_width(self) -> None:
        column = self.columns[ColumnKey("time")]
        column.width = DATE_TIME_WIDTH if self.with_dates else TIME_WIDTH
        self._clear_caches()
        self._require_update_dimensions = True
        self.fit_flex_column()

    def rebuild(self) -> None:
        """Every row anew (a reload, a big paste or its undo)."""
        selected = self.selected_id
        row = self.cursor_row
        self.clear()
        self._shown.clear()
        self._gaps.clear()
        events = self.events
        zone = self.zone
        self.with_dates = spans_days(events, zone)
        self._set_time_width()
        self._marked = {event.id: event for event in events if event.marker is not None}
        self._notes = marker_notes(list(self._marked.values()), self.editor.metrics, zone)
        rows = []
        previous: datetime | None = None
        for event in events:
            gap = event.time - previous if previous is not None else None
            previous = event.time
            values = self._values(event, gap, zone)
            rows.append((event.id, [LazyCell(text, style) for text, style in values]))
            self._shown[event.id] = values
            self._gaps[event.id] = gap
        self.append_rows(rows)
        if selected in self._shown:
            self.select(selected)
        elif self.row_count:
            self.move_cursor(row=min(row, self.row_count - 1))

    def _values(self, event: TimelineEvent, gap: timedelta | None, zone: tzinfo) -> list[tuple[str, str]]:
        note = self._notes.get(event.id)
        return [
            (time_text(event.time, zone, with_date=self.with_dates), ""),
            (gap_text(gap), "dim"),
            (short(event.text), ""),
            (short(event.actor), ""),
            (note.text, note.style) if note else ("", ""),
        ]

    def refresh_from(self, changes: list[Change]) -> None:
        """Apply the editor's changes to the rows they touch."""
        timeline = [change for change in changes if change.target == "timeline"]
        if any(change.kind == "reload" for change in changes) or any(
            change.kind == "set" for change in timeline
        ):
            self.rebuild()
            return
        zone_changed = any(change.target == "display_tz" for change in changes)
        if not timeline and not zone_changed:
            return
        if len(timeline) > BULK_CHANGES:
            self.rebuild()
            return
        if zone_changed and self.configured_zone.upper() == "UTC":
            self.show_utc = False
        events = self.events
        located, exact = self._locate(timeline, events)
        structural = any(change.kind == "move" for change in timeline)
        for item_id, index in located.items():
            if index is not None and item_id not in self._shown:
                event = events[index]
                gap = event.time - events[index - 1].time if index else None
                values = self._values(event, gap, self.zone)
                self.add_row(*(LazyCell(text, style) for text, style in values), key=item_id)
                self._shown[item_id] = values
                self._gaps[item_id] = gap
                structural = True
            elif index is None and item_id in self._shown:
                self.remove_row(item_id)
                del self._shown[item_id]
                self._gaps.pop(item_id, None)
                structural = True
            if index is not None and events[index].marker is not None:
                self._marked[item_id] = events[index]
            else:
                self._marked.pop(item_id, None)
        if self.row_count != len(events):  # out of step (should not happen): start over
            self.rebuild()
            return
        if structural:
            self._place(events, *self._span(timeline, exact, len(events)))
        if exact:  # one intent: the rows at its indices and the rows after them
            rows = {row for change in timeline if change.index is not None
                    for row in (change.index, change.index + 1)}
        else:
            rows = {row for index in located.values() if index is not None for row in (index, index + 1)}
        self._sync(events, rows, scan=not exact, everything=zone_changed)
        for change in reversed(timeline):
            if change.kind in ("insert", "update", "move") and located.get(change.item_id) is not None:
                self.select(change.item_id)
                break

    @staticmethod
    def _span(timeline: list[Change], exact: bool, count: int) -> tuple[int, int]:
        """The rows whose order may have changed (remove_row already shifted the rows below)."""
        if not exact:
            return 0, count - 1
        indices = [change.index for change in timeline if change.kind != "remove" and change.index is not None]
        if not indices:
            return 0, -1
        if any(change.kind == "insert" for change in timeline):
            return min(indices), count - 1  # the new row was appended at the end
        return min(indices), max(indices)

    @staticmethod
    def _locate(timeline: list[Change], events: list[TimelineEvent]) -> tuple[dict[str, int | None], bool]:
        """Where each touched event is now (None: gone); True when the change indices are exact."""
        ids = dict.fromkeys(change.item_id for change in timeline if change.item_id)
        if len(ids) == 1:  # one add, delete or edit: its last change says where it is
            (item_id,) = ids
            last = timeline[-1]
            if last.kind == "remove":
                return {item_id: None}, True
            index = last.index
            if index is not None and index < len(events) and events[index].id == item_id:
                return {item_id: index}, True
        positions = {event.id: index for index, event in enumerate(events)}
        return {item_id: positions.get(item_id) for item_id in ids}, False

    def _place(self, events: list[TimelineEvent], low: int = 0, high: int | None = None) -> None:
        """Put rows ``low``..``high`` in the model's order (the rows there are a permutation of
        the events there); what `DataTable.sort` does, for the part that changed."""
        high = len(events) - 1 if high is None else min(high, len(events) - 1)
        forward, reverse = self._row_locations._forward, self._row_locations._reverse
        keys = self._row_keys
        low = max(low, 0)
        for index in range(low, high + 1):
            key = keys[events[index].id]
            forward[key] = index
            reverse[index] = key
        self._update_count += 1
        self._order_version += 1
        if low <= high:  # only the lines of the rows that moved are drawn again
            self._refresh_region(self._get_row_region(low).union(self._get_row_region(high)))

    def _sync(
        self, events: list[TimelineEvent], rows: set[int], *, scan: bool = False, everything: bool = False
    ) -> None:
        """Rewrite the cells that changed in ``rows``, in rows whose marker flag changed, and
        (``scan``) in rows whose gap changed; ``everything`` checks every row."""
        zone = self.zone
        with_dates = spans_days(events, zone)
        if with_dates != self.with_dates:
            self.with_dates = with_dates
            self._set_time_width()
            everything = True
        marked = sorted(self._marked.values(), key=lambda event: event.time)
        notes = marker_notes(marked, self.editor.metrics, zone)
        for item_id in notes.keys() | self._notes.keys():
            if notes.get(item_id) != self._notes.get(item_id) and item_id in self._shown:
                rows.add(self.get_row_index(item_id))
        self._notes = notes
        if everything:
            rows = set(range(len(events)))
        elif scan:
            gaps = self._gaps
            previous: datetime | None = None
            for index, event in enumerate(events):
                gap = event.time - previous if previous is not None else None
                previous = event.time
                if gaps.get(event.id, 0) != gap:
                    rows.add(index)
        for index in sorted(rows):
            if 0 <= index < len(events):
                self._render_row(events, index, zone)  # update_cell redraws the row's line
        if everything:
            self.refresh()

    def _render_row(self, events: list[TimelineEvent], index: int, zone: tzinfo) -> None:
        event = events[index]
        gap = event.time - events[index - 1].time if index else None
        self._gaps[event.id] = gap
        values = self._values(event, gap, zone)
        shown = self._shown[event.id]
        for key, new, old in zip(COLUMN_KEYS, values, shown, strict=True):
            if new != old:  # update_cell without its refresh per cell: _sync refreshes once
                row_key = self._row_keys[event.id]
                self._data[row_key][ColumnKey(key)] = LazyCell(*new)
                self._update_count += 1
                self.touch_row(row_key)
        self._shown[event.id] = values

    def toggle_zone(self) -> bool:
        """Switch between UTC and the display timezone; False when both are UTC."""
        if self.configured_zone.upper() == "UTC":
            return False
        self.show_utc = not self.show_utc
        self._sync(self.events, set(), everything=True)
        return True

    # -- keys ----------------------------------------------------------------------------------

    def _try(self, edit: Callable[[], object]) -> bool:
        try:
            edit()
        except EditError as error:
            self.notify(str(error), severity="error", markup=False)
            return False
        return True

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
                text, tz=zone, default_date=incident_date, reference=anchor, now=self.app.clock()
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
            FieldSpec("marker", "Marker", Kind.CHOICE, MARKER_CHOICES),
            FieldSpec("evidence", "Evidence (a link to a graph, log line or chat message)"),
        )

    def _form(self, title: str, fields: tuple[FieldSpec, ...], values: dict[str, Any],
              submit: Callable[[dict[str, Any]], None], **kwargs: Any) -> EditForm:
        form = EditForm(title, fields, values, submit, **kwargs)
        form.add_class("timeline-form")  # compact: five fields and the error line fit 36 rows
        return form

    def _bare_date(self, reference: TimelineEvent | None) -> date:
        """The day a bare time typed into the form lands on."""
        if reference is not None:
            return reference.time.astimezone(self.zone).date()
        incident_date = self.editor.workspace.metadata.incident_date
        return incident_date or self.app.clock().astimezone(self.zone).date()

    def _open_add_form(self, title: str, prefill: str, *, focus: str) -> None:
        if self._read_only():
            return
        selected = self.selected_event

        def submit(values: dict[str, Any]) -> None:
            index = None
            if selected is not None and values["time"] == selected.time:
                index = self.editor.index_of("timeline", selected.id) + 1  # right after the cursor
            self.editor.add("timeline", values, index=index, label="Add timeline event")

        values = {"time": prefill, "text": "", "actor": "", "marker": None, "evidence": ""}
        self.app.push_screen(self._form(title, self.event_fields(selected), values, submit, focus=focus))

    def action_add(self) -> None:
        selected = self.selected_event
        prefill = entry_text(selected.time, self.zone, self._bare_date(selected)) if selected else ""
        self._open_add_form("New timeline event", prefill, focus="time")

    def action_add_now(self) -> None:
        now = self.app.clock().replace(microsecond=0)
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
            "marker": event.marker.value if event.marker else None,
            "evidence": event.evidence,
        }

        def submit(new: dict[str, Any]) -> None:
            changed = {name: value for name, value in new.items() if value != getattr(event, name)}
            if changed:
                self.editor.update("timeline", event.id, label="Edit timeline event", **changed)

        fields = self.event_fields(event, multiline="\n" in event.text or "\r" in event.text)
        self.app.push_screen(self._form("Edit timeline event", fields, values, submit))

    def action_delete(self) -> None:
        event = self.selected_event
        if event is None:
            return
        if self._try(lambda: self.editor.delete("timeline", event.id, label="Delete timeline event")):
            self.notify("Deleted the event. ctrl+z brings it back.", timeout=3)

    def set_marker(self, event: TimelineEvent, marker: Marker | None) -> None:
        label = f"Set marker {marker.label}" if marker else "Clear marker"
        self._try(lambda: self.editor.update("timeline", event.id, label=label, marker=marker))

    def action_cycle_marker(self) -> None:
        event = self.selected_event
        if event is None:
            return
        following = MARKER_ORDER[(MARKER_ORDER.index(event.marker) + 1) % len(MARKER_ORDER)]
        self.set_marker(event, following)

    def action_choose_marker(self) -> None:
        event = self.selected_event
        if event is None or self._read_only():
            return
        zone = self.zone
        used: dict[Marker, str] = {}
        for other in self.events:
            if other.marker is not None and other.marker not in used:
                used[other.marker] = time_text(other.time, zone, with_date=self.with_dates)

        def chosen(choice: str | None) -> None:
            if choice is None:
                return
            marker = None if choice == "none" else Marker(choice)
            current = self.selected_event
            if current is not None and marker != current.marker:
                self.set_marker(current, marker)

        self.app.push_screen(MarkerChooser(event.marker, used), chosen)

    def action_paste(self) -> None:
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
            TimelinePasteScreen(day=day, zone=zone, zone_name=self.zone_name, add=self.add_parsed), done
        )

    def add_parsed(self, parsed: list[ParsedEvent]) -> int:
        """Add pasted events as one undo step "Paste N events"; returns how many."""
        return add_parsed_events(self.editor, parsed)

    def action_toggle_zone(self) -> None:
        if not self.toggle_zone():
            self.notify(
                "Times are shown in UTC, the workspace's display timezone. Set another one (for "
                "example Europe/Berlin) in the Overview to switch between it and UTC with z.",
                timeout=6,
            )
            return
        self.notify(f"Times are now shown in {self.zone_name}.", timeout=2, markup=False)
        pane = self.parent
        if isinstance(pane, TimelinePane):
            pane.refresh_titles()
            pane.show_detail()


def add_parsed_events(editor: Editor, parsed: list[ParsedEvent]) -> int:
    """Add parsed events in one undo step; a big paste replaces the list in one O(n) step."""
    events = [
        TimelineEvent(time=item.time, text=item.text, actor=item.actor, marker=item.marker)
        for item in parsed
    ]
    if not events:
        return 0
    label = f"Paste {len(events)} event{'s' if len(events) != 1 else ''}"
    with editor.group(label):
        if len(events) <= PASTE_IN_PLACE:
            for event in events:
                editor.add("timeline", event, label=label)
        else:
            # Equal times keep entry order: existing events first, then the paste as written.
            merged = sorted([*editor.items("timeline"), *events], key=lambda event: event.time)
            editor.set("timeline", merged, label=label)
    return len(events)


# --- the pane -------------------------------------------------------------------------------


class TimelinePane(Vertical):
    """The table, and under it the selected event in full with room for coach findings."""

    _detail: Content | None = None
    _titles: tuple[str, str] | None = None

    def compose(self) -> ComposeResult:
        yield TimelineTable(id="timeline-table")
        with Vertical(id="timeline-detail"):
            yield Static("", id="timeline-detail-text")
            yield Static("", id="timeline-coach")

    def on_mount(self) -> None:
        self.query_one("#timeline-detail").border_title = "Selected event"
        self.refresh_titles()
        self.show_detail()

    @property
    def table(self) -> TimelineTable:
        return self.query_one(TimelineTable)

    def refresh_from(self, changes: list[Change]) -> None:
        table = self.table
        table.refresh_from(changes)
        self.refresh_titles()
        self.show_detail()

    def select_item(self, collection: str, item_id: str) -> None:
        self.table.select(item_id)
        focus_now(self.table)

    def refresh_titles(self) -> None:
        table = self.table
        count = table.row_count
        title = f"Timeline · {count} event{'s' if count != 1 else ''}"
        zone = f"times in {table.zone_name}"
        if table.configured_zone.upper() != "UTC":
            other = table.configured_zone if table.show_utc else "UTC"
            zone += f" · z: show {other}"
        subtitle = zone if count else f"No events yet: a adds one, n stamps one now, p pastes a timeline · {zone}"
        if (title, subtitle) != self._titles:  # a new title redraws the whole table
            self._titles = (title, subtitle)
            table.border_title, table.border_subtitle = title, subtitle

    @on(DataTable.RowHighlighted, "#timeline-table")
    def _highlighted(self) -> None:
        self.show_detail()

    def show_detail(self) -> None:
        table = self.table
        event = table.selected_event
        if event is None:
            self._show(Content("No event selected.").stylize("dim"))
            return
        zone = table.zone
        local = event.time.astimezone(zone)
        index = table.cursor_row
        heading = [(f"{local:%Y-%m-%d} {clock_text(local)} {table.zone_name}", "bold")]
        if index > 0:
            previous = table.events[index - 1] if index - 1 < len(table.events) else None
            if previous is not None:
                heading.append((f"  {gap_text(event.time - previous.time)} after the previous event", "dim"))
        if event.marker is not None:
            heading.append((f"  {event.marker.label}", "bold"))
        text = event.text if len(event.text) <= DETAIL_LIMIT else (
            event.text[:DETAIL_LIMIT] + f"… ({len(event.text) - DETAIL_LIMIT} more characters)"
        )
        lines = [
            Content.assemble(*heading),
            Content(_visible(text)) if text else Content("(no text)").stylize("dim"),
            Content.assemble(
                ("Actor/System: ", "dim"), one_line(event.actor) or "—",
                ("    Evidence: ", "dim"), one_line(event.evidence) or "—",
            ),
        ]
        note = table.note_of(event.id)
        if note is not None and note.explanation:
            lines.append(Content(note.explanation).stylize("bold red" if note.text.startswith("⚠") else "dim"))
        self._show(Content("\n").join(lines))

    def _show(self, content: Content) -> None:
        """Update the detail only when it changed, and re-lay out only when its height did."""
        if content == self._detail:
            return
        detail = self.query_one("#timeline-detail-text", Static)
        same_height = self._detail is not None and self._detail.plain.count("\n") == content.plain.count("\n")
        self._detail = content
        detail.update(content, layout=not same_height)


def _visible(text: str) -> str:
    """Text for a Static: line breaks kept, other control characters made visible."""
    return "\n".join(one_line(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


# --- marker chooser -------------------------------------------------------------------------


class MarkerChooser(ModalScreen[str | None]):
    """A list of the markers: enter chooses (``"none"`` clears), escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="markers.cancel")]

    def __init__(self, current: Marker | None, used: dict[Marker, str]) -> None:
        super().__init__()
        self.current = current
        self.used = used

    def compose(self) -> ComposeResult:
        options = [Option(Content("(no marker)"), id="none")]
        for marker in Marker:
            when = f"  · used at {self.used[marker]}" if marker in self.used else ""
            options.append(Option(Content.assemble((marker.label, "bold"), (when, "dim")), id=marker.value))
        with Vertical(id="marker-chooser"):
            yield Label(Content("Marker of the selected event"), id="marker-title")
            yield OptionList(*options, id="marker-options")
            yield Static(Content("enter choose · escape cancel"), id="marker-keys")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = MARKER_ORDER.index(self.current)
        focus_now(options)

    @on(OptionList.OptionSelected)
    def _chosen(self, message: OptionList.OptionSelected) -> None:
        self.dismiss(message.option_id)

    def action_cancel(self) -> None:
        self.dismiss(None)


# --- paste ----------------------------------------------------------------------------------


class TimelinePasteScreen(ModalScreen[int | None]):
    """Paste text, read it (ctrl+s), check the preview, then add every event (enter)."""

    BINDINGS = [
        Binding("ctrl+s", "primary", "Read / add", id="paste.primary", priority=True),
        Binding("enter", "confirm", "Add", id="paste.confirm", priority=True),
        Binding("escape", "back", "Back", id="paste.back"),
    ]

    def __init__(
        self,
        *,
        day: date | None,
        zone: tzinfo,
        zone_name: str,
        add: Callable[[list[ParsedEvent]], int],
    ) -> None:
        super().__init__()
        self.day = day
        self.zone = zone
        self.zone_name = zone_name
        self.add = add
        self.parse: TimelineParse | None = None

    @property
    def previewing(self) -> bool:
        return self.parse is not None

    def compose(self) -> ComposeResult:
        dated = f"dated {self.day:%Y-%m-%d}" if self.day else "dated by the nearest full date above them (else today)"
        with Vertical(id="paste"):
            yield Label(Content("Paste a timeline"), id="paste-title")
            yield Static(
                Content(
                    "One event per line, starting with a time (14:51, [14:51], 2:51 PM, "
                    "2025-11-06 14:51, ISO 8601), or markdown table rows. Lines without a time "
                    f"continue the event above. Bare times are {dated} in {self.zone_name}; "
                    "times that pass midnight roll over to the next day."
                ),
                id="paste-help",
            )
            area = PasteArea("", id="paste-text", show_line_numbers=True, soft_wrap=False)
            area.cursor_blink = self.app.cursor_blink
            yield area
            with Vertical(id="paste-preview"):
                yield Static("", id="paste-summary")
                yield FastTable(id="paste-events", cursor_type="row", zebra_stripes=True, flex_column="text")
                yield Static(Content("Lines not understood (they are not added):"), id="paste-bad-title")
                yield FastTable(id="paste-bad", cursor_type="row", flex_column="text")
            yield Static("", id="paste-error")
            with Horizontal(id="paste-buttons"):
                yield Button("Read the text (ctrl+s)", id="paste-read", variant="primary")
                yield Button("Add the events (enter)", id="paste-add", variant="success")
                yield Button("Back to the text (escape)", id="paste-back")
                yield Button("Cancel (escape)", id="paste-cancel")

    def on_mount(self) -> None:
        events = self.query_one("#paste-events", FastTable)
        for key, label, width in (("line", "Line", 5), ("time", "Time", 19), ("actor", "Actor/System", 16),
                                  ("marker", "Marker", 18), ("text", "Event", 30)):
            events.add_column(label, key=key, width=width)
        bad = self.query_one("#paste-bad", FastTable)
        bad.add_column("Line", key="line", width=5)
        bad.add_column("Text", key="text", width=60)
        self._show_stage()
        focus_now(self.query_one("#paste-text"))

    def _show_stage(self) -> None:
        previewing = self.previewing
        self.query_one("#paste-text").display = not previewing
        self.query_one("#paste-preview").display = previewing
        self.query_one("#paste-read").display = not previewing
        self.query_one("#paste-add").display = previewing
        self.query_one("#paste-back").display = previewing
        self.query_one("#paste-cancel").display = not previewing
        self.query_one("#paste-error").display = False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "confirm":
            return self.previewing  # in the text box, enter is a line break
        return True

    # -- reading -------------------------------------------------------------------------------

    def action_primary(self) -> None:
        if self.previewing:
            self.action_confirm()
        else:
            self.read()

    def read(self) -> None:
        text = self.query_one("#paste-text", TextArea).text
        problem = too_many_lines(text)
        if problem is not None:
            self.show_error(f"{problem}.")
            return
        self.parse = parse_timeline_text(text, date=self.day, tz=self.zone)
        self._fill_preview(self.parse)
        self._show_stage()
        focus_now(self.query_one("#paste-events"))

    def _fill_preview(self, parse: TimelineParse) -> None:
        events = self.query_one("#paste-events", FastTable)
        events.clear()
        zone = self.zone
        rows = [
            (str(index), [
                LazyCell(str(item.line)),
                LazyCell(time_text(item.time, zone, with_date=True)),
                LazyCell(short(item.actor)),
                LazyCell(item.marker.label if item.marker else ""),
                LazyCell(short(item.text)),
            ])
            for index, item in enumerate(parse.events[:PREVIEW_LIMIT])
        ]
        more = len(parse.events) - PREVIEW_LIMIT
        if more > 0:
            rows.append(("more", [*(LazyCell("") for _ in range(4)), LazyCell(f"… and {more} more events", "dim")]))
        events.append_rows(rows)
        bad = self.query_one("#paste-bad", FastTable)
        bad.clear()
        bad.append_rows(
            (str(number), [LazyCell(str(number)), LazyCell(f"not understood: {short(line)}")])
            for number, line in parse.unparsed
        )
        self.query_one("#paste-bad-title").display = bool(parse.unparsed)
        bad.display = bool(parse.unparsed)
        count, unparsed = len(parse.events), len(parse.unparsed)
        summary = f"{count} event{'s' if count != 1 else ''} read"
        if unparsed:
            summary += f", {unparsed} line{'s' if unparsed != 1 else ''} not understood"
        if count:
            summary += f" (times in {self.zone_name}). enter adds them all; escape goes back to the text."
        else:
            summary += ". Nothing to add: escape goes back to the text."
        self.query_one("#paste-summary", Static).update(Content(summary))
        add = self.query_one("#paste-add", Button)
        add.label = f"Add {count} event{'s' if count != 1 else ''} (enter)"
        add.disabled = not count
        add.refresh(layout=True)  # the label's width changed

    # -- confirming ----------------------------------------------------------------------------

    def action_confirm(self) -> None:
        if self.parse is None:
            return
        if not self.parse.events:
            self.notify("There is nothing to add.", severity="warning", timeout=3)
            return
        try:
            count = self.add(self.parse.events)
        except (EditError, ValueError) as error:
            self.show_error(str(error))
            return
        self.dismiss(count)

    def show_error(self, message: str) -> None:
        errors = self.query_one("#paste-error", Static)
        errors.update(Content(f"✗ {message}"))
        errors.display = True

    def action_back(self) -> None:
        if self.previewing:
            self.parse = None
            self._show_stage()
            focus_now(self.query_one("#paste-text"))
        else:
            self.dismiss(None)

    @on(Button.Pressed, "#paste-read")
    def _read_pressed(self) -> None:
        self.read()

    @on(Button.Pressed, "#paste-add")
    def _add_pressed(self) -> None:
        self.action_confirm()

    @on(Button.Pressed, "#paste-cancel, #paste-back")
    def _cancel_pressed(self) -> None:
        self.action_back()
