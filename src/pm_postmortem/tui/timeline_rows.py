"""What the timeline grid shows, as plain data: the cells of each row and the marker flags.

Nothing here knows Textual; `TimelineRows` is rebuilt after every change to the timeline (its
cost grows with the number of marked events, not with the number of rows) and hands out one row's
cells at a time, so the grid formats only the rows on screen.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

from pm_postmortem.core.metrics import Metrics, out_of_order_markers
from pm_postmortem.core.model import Marker, TimelineEvent

CELL_LIMIT = 300
"""Characters of a text kept for a cell; the column cuts it with an ellipsis long before."""

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


def row_time_text(moment: datetime, zone: tzinfo, *, with_date: bool) -> str:
    """A row's time: ``14:51``, or ``11-06 14:51`` when the timeline spans days (the year is in
    the selected event's detail; the column stays narrow enough for the text at 80 columns)."""
    local = moment.astimezone(zone)
    if with_date:
        return f"{local.month:02d}-{local.day:02d} {clock_text(local)}"
    return clock_text(local)


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
    """How an event's markers are shown on its row, and what the detail line says about them."""

    names: tuple[str, ...]
    """Each marker in full, with its count when it is on several events: ``DETECTED (2×)``."""
    shorts: tuple[str, ...]
    """Each marker's short form, without spaces: ``DETECT``."""
    counts: tuple[int, ...]
    """On how many events each marker is."""
    style: str
    flag: str = ""
    """Why the markers are out of order (``before impact start``); the cell then starts with ⚠."""
    explanation: str = ""

    @property
    def text(self) -> str:
        return self.fitted(CELL_LIMIT)

    def fitted(self, width: int) -> str:
        """The cell for ``width`` characters: the full names, else the short ones (with their
        counts, else without), else as many short ones as fit and ``+2`` for the rest. A name is
        never cut; the flag's reason after them may be (the column cuts it with an ellipsis)."""
        lead = "⚠ " if self.flag else ""
        tail = f" {self.flag}" if self.flag else ""
        room = width - 2 if tail else width  # a cut reason still shows " …"
        counted = tuple(
            short if count == 1 else f"{short}({count}×)" for short, count in zip(self.shorts, self.counts, strict=True)
        )
        for names, separator in ((self.names, " · "), (counted, " "), (self.shorts, " ")):
            text = lead + separator.join(names)
            if len(text) <= room:
                return text + tail
        for count in range(len(self.shorts) - 1, 0, -1):
            text = f"{lead}{' '.join(self.shorts[:count])} +{len(self.shorts) - count}"
            if len(text) <= width:
                return text
        return f"{lead}{len(self.shorts)} markers"


def marker_notes(events: list[TimelineEvent], metrics: Metrics, zone: tzinfo) -> dict[str, MarkerNote]:
    """Event id → its marker cell: each marker plain, used more than once, or out of order (⚠ and why)."""
    marked = [event for event in events if event.markers]
    counts = Counter(marker for event in marked for marker in event.markers)
    first: dict[Marker, TimelineEvent] = {}
    for event in marked:
        for marker in event.markers:
            if marker not in first or event.time < first[marker].time:
                first[marker] = event
    reasons: dict[str, list[str]] = {}
    explanations: dict[str, list[str]] = {}
    for marker, expected in out_of_order_markers(metrics.marker_times).items():
        later = ", ".join(other.label.lower() for other in expected)
        reasons.setdefault(first[marker].id, []).append(f"before {later}")
        explanations.setdefault(first[marker].id, []).append(
            f"{marker.label} is set before {later}; check the times or the markers."
        )
        for other in expected:
            reasons.setdefault(first[other].id, []).append(f"after {marker.label.lower()}")
            explanations.setdefault(first[other].id, []).append(
                f"{other.label} is set after {marker.label.lower()}, which should come later."
            )
    notes: dict[str, MarkerNote] = {}
    for event in marked:
        names: list[str] = []
        said: list[str] = []
        counted = False
        for marker in event.markers:
            count = counts[marker]
            earliest = first[marker] is event
            counted |= earliest
            if count == 1:
                names.append(marker.label)
                continue
            names.append(f"{marker.label} ({count}×)" if earliest else f"{marker.label} ({count}×, not counted)")
            when = clock_text(first[marker].time.astimezone(zone))
            said.append(
                f"{marker.label} is used {count} times; "
                + ("this one, the earliest, counts for the metrics." if earliest
                   else f"the earliest ({when}) counts for the metrics, not this one.")
            )
        flag = "; ".join(reasons.get(event.id, []))
        style = "bold red" if flag else "bold" if counted else "dim"
        explanation = " ".join([*explanations.get(event.id, []), *said])
        shorts = tuple(marker.short for marker in event.markers)
        on_events = tuple(counts[marker] for marker in event.markers)
        notes[event.id] = MarkerNote(tuple(names), shorts, on_events, style, flag, explanation)
    return notes


@dataclass(frozen=True)
class RowCells:
    """One row as shown: each cell's text, and the marker cell's style (``""``, bold, dim, flag)."""

    time: str
    gap: str
    text: str
    actor: str
    marker: str
    marker_style: str


class TimelineRows:
    """The events as the grid shows them in ``zone``: dates when they span days, gaps, flags."""

    def __init__(self, events: list[TimelineEvent], metrics: Metrics, zone: tzinfo, zone_name: str) -> None:
        self.events = list(events)  # as they were: the editor changes its list in place
        self.zone = zone
        self.zone_name = zone_name
        self.with_dates = spans_days(events, zone)
        self.notes = marker_notes(events, metrics, zone)

    def __len__(self) -> int:
        return len(self.events)

    def gap(self, index: int) -> timedelta | None:
        return self.events[index].time - self.events[index - 1].time if index > 0 else None

    def cells(self, index: int, marker_width: int = CELL_LIMIT) -> RowCells:
        """Row ``index``; its markers fitted to ``marker_width`` characters."""
        event = self.events[index]
        note = self.notes.get(event.id)
        return RowCells(
            row_time_text(event.time, self.zone, with_date=self.with_dates),
            gap_text(self.gap(index)),
            short(event.text),
            short(event.actor),
            note.fitted(marker_width) if note else "",
            note.style if note else "",
        )
