"""The capture line: one typed line becomes one timeline event.

``14:09 alertmanager: alert fired for 5xx !detected`` reads as the paste parser reads a line (a
time, an optional ``actor:``, the text), plus ``!marker`` tokens anywhere in it, one for each
marker the event carries: the marker's name (``!detected``, ``!impact_start``, ``!impact-start``)
or the start of one that no other marker shares (``!det``, three letters at least). Any other
``!word`` is refused with the reason (``!mit`` could be two markers, ``!rca`` is none), also one
run into the next word (``!mit10:30``, a line typed onto one that was refused): nothing typed
after a ``!`` is taken as text silently. ``now`` stands for the current time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from pm_postmortem.core.model import Marker, in_marker_order
from pm_postmortem.core.timeparse import (
    MARKER_TOKEN,
    NO_TIME,
    ParsedEvent,
    clock_problem,
    line_too_long,
    markers_named,
    parse_timeline_text,
)

_NOW = re.compile(r"now\b", re.IGNORECASE)
_MARKER_WORD = re.compile(r"(?<!\S)!([A-Za-z][A-Za-z_-]*+)(\S*)")
"""A ``!word`` starting a word, and what follows it up to the next space (``!mit10:30``)."""
_LINE_START = re.compile(
    r"now\b|[\[(]?\s*(?:[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ]\s*|[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{4}\s+)?[0-9]{1,2}:[0-9]{2}",
    re.IGNORECASE,
)
"""How a capture line starts: ``now`` or a time, read or not (``14:09``, ``[25:99]``, ``2025-11-06 14:09``)."""
GLUED_SHOWN = 12
"""Characters shown of what a marker runs into."""


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
    if not found:  # "!m", "!mi": too short to set one, but the person meant a marker
        start = token.lower().replace("-", "_")
        found = [marker for marker in Marker if marker.value.startswith(start)]
        if len(found) == 1:
            name = found[0].value
            raise CaptureError(f"!{token} is too short: type !{name[:3]} or more for !{name}")
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
    too_long = line_too_long(text)
    if too_long is not None:
        raise CaptureError(too_long)
    markers = [_marker_word(word) for word in _MARKER_WORD.finditer(text)]
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
        raise CaptureError(clock_problem(text) or f"{NO_TIME}: 14:09, 2:09 pm or now")
    event: ParsedEvent = events[0]
    if not event.text.strip():
        raise CaptureError("say what happened after the time")
    return Captured(event.time, event.text, event.actor, in_marker_order((*markers, *event.markers)))


def _marker_word(word: re.Match[str]) -> Marker:
    """The marker a ``!word`` names; raises when it names none, or runs into more text."""
    name, glued = word[1], word[2]
    marker = marker_named(name)
    if glued:
        shown = glued if len(glued) <= GLUED_SHOWN else glued[: GLUED_SHOWN - 1] + "…"
        raise CaptureError(f"put a space after !{name} (it runs into {shown})")
    return marker


def typed_after(line: str, refused: str) -> str | None:
    """What was typed onto a refused line left on the capture line, when it starts a line of its
    own (a time or ``now``): the next event, typed before the refused one was put right. None
    when ``line`` is not ``refused`` followed by such a line."""
    if not line.startswith(refused):
        return None
    rest = line[len(refused) :].strip()
    return rest if _LINE_START.match(rest) else None
