"""The capture line: one typed line becomes one timeline event.

``14:09 alertmanager: alert fired for 5xx !detected`` reads as the paste parser reads a line (a
time, an optional ``actor:``, the text), plus ``!marker`` tokens anywhere in it, one for each
marker the event carries: the marker's name (``!detected``, ``!impact_start``, ``!impact-start``)
or the start of one that no other marker shares (``!det``, ``!rca`` is not a start of anything
and is refused). ``now`` stands for the current time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from pm_postmortem.core.model import Marker, in_marker_order
from pm_postmortem.core.timeparse import (
    MARKER_TOKEN,
    ParsedEvent,
    TimeParseError,
    markers_named,
    parse_time_entry,
    parse_timeline_text,
)

_NOW = re.compile(r"now\b", re.IGNORECASE)
_CLOCK_LIKE = re.compile(r"[\[(]?\s*([0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?(?:\s?[ap]\.?m\b\.?)?)", re.IGNORECASE)
"""A line that starts with what looks like a time (``25:99``, ``13:05 pm``), read or not."""


class CaptureError(ValueError):
    """A capture line that cannot become an event; the message says why, in one line."""


@dataclass(frozen=True)
class Captured:
    """What a capture line says."""

    time: datetime
    text: str
    actor: str
    markers: tuple[Marker, ...]


def marker_named(token: str) -> Marker:
    """The marker a ``!token`` names: its full name or a start only it has."""
    found = markers_named(token)
    if len(found) == 1:
        return found[0]
    if found:
        raise CaptureError(f"!{token} could be {' or '.join('!' + marker.value for marker in found)}")
    raise CaptureError(f"!{token} is not a marker (m on the table lists them)")


def parse_capture_line(
    line: str, *, day: date | None, zone: tzinfo, now: datetime, after: datetime | None = None
) -> Captured:
    """Read one capture line. A bare time (in ``zone``) falls on the day of ``after`` (the event the
    line follows), rolling past midnight as a pasted timeline does (after 18:00, a time before
    06:00 is the next day); without ``after``, on ``day`` (today in ``zone`` when None)."""
    text = line.strip()
    if not text:
        raise CaptureError("type a time and what happened, e.g. 14:09 alertmanager: alert fired !detected")
    tokens = MARKER_TOKEN.findall(text)
    markers = [marker_named(token) for token in tokens]
    text = " ".join(MARKER_TOKEN.sub(" ", text).split())
    now_match = _NOW.match(text)
    if now_match is not None:
        local = now.astimezone(zone)
        text = f"{local:%Y-%m-%d %H:%M:%S}{text[now_match.end():]}"
    if after is not None:  # the paste parser's calendar: the line follows a dated one
        local = after.astimezone(zone)
        parse = parse_timeline_text(f"{local:%Y-%m-%d %H:%M:%S} -\n{text}", tz=zone)
        events, unparsed = parse.events[1:], parse.unparsed
    else:
        parse = parse_timeline_text(text, date=day, tz=zone)
        events, unparsed = parse.events, parse.unparsed
    if unparsed or len(events) != 1:
        clock = _CLOCK_LIKE.match(text)
        if clock is not None and not _is_time_of_day(clock[1]):
            raise CaptureError(f"{clock[1]} is not a time of day: hours go up to 23, minutes up to 59")
        raise CaptureError("start the line with a time: 14:09, 2:09 pm or now")
    event: ParsedEvent = events[0]
    if not event.text.strip():
        raise CaptureError("say what happened after the time")
    return Captured(event.time, event.text, event.actor, in_marker_order((*markers, *event.markers)))


def _is_time_of_day(clock: str) -> bool:
    try:
        parse_time_entry(clock, default_date=date(2000, 1, 1))
    except TimeParseError:
        return False
    return True
