"""The capture line: one typed line becomes one timeline event.

``14:09 alertmanager: alert fired for 5xx !detected`` reads as the paste parser reads a line (a
time, an optional ``actor:``, the text), plus ``!marker`` tokens anywhere in it: the marker's
name (``!detected``, ``!impact_start``, ``!impact-start``) or the start of one that no other
marker shares (``!det``, ``!rca`` is not a start of anything and is refused). ``now`` stands for
the current time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from pm_postmortem.core.model import Marker
from pm_postmortem.core.timeparse import ParsedEvent, parse_timeline_text

_MARKER_TOKEN = re.compile(r"(?<!\S)!([A-Za-z][\w-]*)(?!\S)")
_NOW = re.compile(r"now\b", re.IGNORECASE)


class CaptureError(ValueError):
    """A capture line that cannot become an event; the message says why, in one line."""


@dataclass(frozen=True)
class Captured:
    """What a capture line says."""

    time: datetime
    text: str
    actor: str
    marker: Marker | None


def marker_named(token: str) -> Marker:
    """The marker a ``!token`` names: its full name or a start only it has."""
    name = token.lower().replace("-", "_")
    exact = [marker for marker in Marker if marker.value == name or marker.value.replace("_", "") == name]
    if exact:
        return exact[0]
    starts = [marker for marker in Marker if marker.value.startswith(name)]
    if len(starts) == 1:
        return starts[0]
    if starts:
        names = ", ".join(f"!{marker.value}" for marker in starts)
        raise CaptureError(f"!{token} could be {names}: type more of the name")
    raise CaptureError(f"!{token} is not a marker; markers are {', '.join('!' + m.value for m in Marker)}")


def parse_capture_line(line: str, *, day: date | None, zone: tzinfo, now: datetime) -> Captured:
    """Read one capture line; bare times fall on ``day`` (today in ``zone`` when None) in ``zone``."""
    text = line.strip()
    if not text:
        raise CaptureError("type a time and what happened, e.g. 14:09 alertmanager: alert fired !detected")
    tokens = _MARKER_TOKEN.findall(text)
    markers = list(dict.fromkeys(marker_named(token) for token in tokens))
    if len(markers) > 1:
        raise CaptureError("an event takes one marker; keep one of " + ", ".join(f"!{m.value}" for m in markers))
    text = " ".join(_MARKER_TOKEN.sub(" ", text).split())
    now_match = _NOW.match(text)
    if now_match is not None:
        local = now.astimezone(zone)
        text = f"{local:%Y-%m-%d %H:%M:%S}{text[now_match.end():]}"
    parse = parse_timeline_text(text, date=day, tz=zone)
    if parse.unparsed or len(parse.events) != 1:
        raise CaptureError("start the line with a time: 14:09, 2:09 pm or now")
    event: ParsedEvent = parse.events[0]
    if not event.text.strip():
        raise CaptureError("say what happened after the time")
    marker = markers[0] if markers else event.marker
    return Captured(event.time, event.text, event.actor, marker)
