"""Times as people type them, and timelines as they paste them from chat, logs or tables."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pm_postmortem.core.model import Marker, in_marker_order
from pm_postmortem.core.text import line_feeds, match_end, strip_terminal_sequences

MAX_LINE_LENGTH = 5000
"""Longer lines are reported as unparsed instead of read."""

REPORT_LENGTH = 200
"""Unparsed lines are reported cut to this many characters."""

MAX_PASTE_LINES = 10_000
"""A timeline text with more lines is not read: reading and adding it would take seconds."""

MARKER_PHRASES: dict[str, Marker] = {marker.label: marker for marker in Marker} | {
    "OUTAGE BEGINS": Marker.IMPACT_START,
    "INCIDENT BEGINS": Marker.DECLARED,
    "OUTAGE MITIGATED": Marker.MITIGATED,
    "OUTAGE ENDS": Marker.RESOLVED,
    "INCIDENT ENDS": Marker.ALL_CLEAR,
}
"""Upper-case event prefixes that set a marker: the marker labels and the Google SRE phrases."""

_ACCEPTED = "use 14:51, 14:51:30, 2:51 pm, 2015-10-21 14:51, an ISO time with offset, now, or +5m"

NO_TIME = "start the line with a time"
"""The start of the reason a line without a time is not an event; the examples follow."""
NO_TIME_OF_DAY = "{clock} is not a time of day: hours go up to 23, minutes up to 59"
TOO_LONG = "the line is too long: {length:,} characters, at most {limit:,}"
JUNK = "binary data or control characters, not text"

_CLOCK = (
    r"(?P<hour>[0-9]{1,2}):(?P<minute>[0-9]{2})"
    r"(?::(?P<second>[0-9]{2})(?:[.,](?P<fraction>[0-9]{1,9}))?)?"
)
_TIME = (
    r"(?:(?P<year>[0-9]{4})-(?P<month>[0-9]{2})-(?P<day>[0-9]{2})(?:[Tt]|[ \t]+)"
    r"|(?P<de_day>[0-9]{1,2})\.(?P<de_month>[0-9]{1,2})\.(?P<de_year>[0-9]{4})[ \t]+)?"
    + _CLOCK
    + r"(?:[ \t]?(?P<ampm>[AaPp]\.?[Mm]\.?))?"
    r"(?(year)(?P<offset>[Zz]|[+-][0-9]{2}(?::?[0-9]{2})?|[ \t]?(?i:utc))?)"
    r"(?!\w|:[0-9])"
)
_STAMP = re.compile(
    r"(?:(?P<square>\[)|(?P<paren>\())?[ \t]*" + _TIME + r"[ \t]*(?(square)\])(?(paren)\))"
)
_RELATIVE = re.compile(
    r"(?P<sign>[+-])\s*(?=[0-9])(?:(?P<hours>[0-9]+)\s*h)?\s*"
    r"(?:(?P<minutes>[0-9]+)\s*m(?:in)?)?\s*(?:(?P<seconds>[0-9]+)\s*s)?",
    re.IGNORECASE,
)
_LEAD_SEPARATOR = re.compile(r"\s*(?:\||[-–—:>~]+(?=\s|$))?\s*")
_IRC_NICK = re.compile(r"<[@+%&~]?(?P<name>[^\s<>]{1,40})>\s*")
_NAME = re.compile(r"@?(?P<name>[\w.\-]+(?: [\w.\-]+){0,2}):(?:\s+|$)")
# fmt: off
_NOT_NAMES = frozenset({
    # log levels
    "trace", "debug", "info", "notice", "warn", "warning", "error", "err", "critical", "crit",
    "fatal", "alert", "emerg", "emergency", "panic", "severe", "exception",
    # labels written before a colon
    "note", "nb", "fyi", "update", "status", "summary", "cause", "reason", "impact", "result",
    "fix", "action", "todo", "question", "answer", "edit", "ps", "re", "eta", "next", "decision",
    "problem", "issue", "symptom", "observation", "hypothesis", "resolution", "workaround",
    # words that start a sentence rather than a name
    "the", "a", "an", "we", "i", "it", "this", "that", "our", "they", "he", "she", "you",
    "first", "then", "later", "again", "still", "finally", "meanwhile",
})
_VERBS_ENDING_A_SENTENCE = frozenset({
    "fails", "failed", "starts", "started", "stops", "stopped", "breaks", "broke", "crashes",
    "crashed", "returns", "returned", "goes", "went", "is", "was", "are", "were", "shows", "showed",
    "says", "said", "reports", "reported", "times", "dies", "died", "hangs", "hung",
})
"""A phrase before a colon ending in one of these is a sentence ("the pipeline fails: x509 …"),
not who acted."""
# fmt: on
_TABLE_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_TABLE_SEPARATOR = re.compile(r"\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_PHRASE = "|".join(
    r"\s+".join(map(re.escape, phrase.split()))
    for phrase in sorted(MARKER_PHRASES, key=len, reverse=True)
)
_MARKER_PREFIX = re.compile(
    rf"\s*(?:\*\*\s*(?P<bold>{_PHRASE})\s*:?\s*\*\*|(?P<plain>{_PHRASE})(?![\w*]))"
    r"(?:\s*(?:[:,]|[-–—](?=\s|$)))?\s*"
)
_CLOCK_LIKE = re.compile(r"[\[(]?\s*([0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?(?:\s?[ap]\.?m\b\.?)?)", re.IGNORECASE)
"""A line that starts with what looks like a time (``25:99``, ``13:05 pm``), read or not."""
_EVENING = time(18)
_MORNING = time(6)


class TimeParseError(ValueError):
    """A time someone typed that cannot be read; the message says what is accepted."""


@dataclass(frozen=True)
class ParsedEvent:
    """One event read from timeline text; ``line`` is the 1-based line where it starts."""

    line: int
    time: datetime
    text: str
    actor: str
    markers: tuple[Marker, ...]


@dataclass(frozen=True)
class TimelineParse:
    """The events read from timeline text and the lines that could not be read (with their line
    numbers, cut to ``REPORT_LENGTH``); ``reasons`` says why each was not read, in one line."""

    events: list[ParsedEvent]
    unparsed: list[tuple[int, str]]
    reasons: dict[int, str] = field(default_factory=dict, compare=False)


MARKER_TOKEN = re.compile(r"(?<!\S)!([A-Za-z][\w-]*)(?!\S)")
"""``!detected``, ``!impact-start``, ``!det``: a marker named in an event's text."""


def markers_named(token: str) -> list[Marker]:
    """The markers a ``!token`` may mean: the one it names in full, else those it starts (three
    letters at least)."""
    name = token.lower().replace("-", "_")
    exact = [marker for marker in Marker if name in (marker.value, marker.value.replace("_", ""))]
    if exact or len(name) < 3:  # "!a" is too short to mean a marker
        return exact
    return [marker for marker in Marker if marker.value.startswith(name)]


def take_marker_tokens(text: str) -> tuple[tuple[Marker, ...], str]:
    """The markers of the ``!tokens`` that name exactly one, and the text without them; other
    ``!words`` stay in the text."""
    found: list[Marker] = []

    def take(match: re.Match[str]) -> str:
        named = markers_named(match[1])
        if len(named) != 1:
            return match[0]
        found.append(named[0])
        return ""

    rest = MARKER_TOKEN.sub(take, text)
    if not found:
        return (), text
    return in_marker_order(found), re.sub(r"[ \t]{2,}", " ", rest.strip())


def split_marker_prefixes(text: str) -> tuple[tuple[Marker, ...], str]:
    """Split the leading marker phrases (``**MITIGATED** **RESOLVED**``, ``OUTAGE BEGINS -``) off
    an event text."""
    found: list[Marker] = []
    while (match := _MARKER_PREFIX.match(text)) is not None:
        found.append(MARKER_PHRASES[" ".join((match["bold"] or match["plain"]).split())])
        text = text[match.end() :]
    return in_marker_order(found), text


def parse_time_entry(
    text: str,
    *,
    tz: str | tzinfo = "UTC",
    default_date: date | None = None,
    reference: datetime | None = None,
    now: datetime | None = None,
) -> datetime:
    """Read one typed time and return it as an aware UTC datetime.

    Bare times take the date of ``reference`` (in ``tz``), else ``default_date``, else today in
    ``tz`` (today by ``now`` when given). Naive date-times are in ``tz``; explicit offsets win.
    ``+5m``, ``-1h30m`` and ``+90s`` count from ``reference``; ``now`` is ``now`` or the clock.
    """
    entry = text.strip()
    if not entry:
        raise TimeParseError("a time is required")
    zone = _zone(tz)
    current = _aware(now, zone) if now is not None else datetime.now(UTC)
    if entry.lower() == "now":
        return current.astimezone(UTC)
    if relative := _RELATIVE.fullmatch(entry):
        if reference is None:
            raise TimeParseError(f"{entry} needs a selected event to count from")
        try:
            return (_aware(reference, zone) + _delta(relative)).astimezone(UTC)
        except OverflowError:
            pass
    elif stamp := _STAMP.fullmatch(entry):
        try:
            day, clock, offset = _stamp_parts(stamp)
            if day is None:
                if reference is not None:
                    day = _aware(reference, zone).astimezone(zone).date()
                else:
                    day = default_date or current.astimezone(zone).date()
            return datetime.combine(day, clock, offset or zone).astimezone(UTC)
        except (ValueError, OverflowError):
            pass
    raise TimeParseError(f"{entry!r} is not a time: {_ACCEPTED}")


def parse_zone(text: str) -> str:
    """A typed timezone name as the workspace stores it; empty is UTC. A field parser: a wrong
    name is a ValueError that says what is expected."""
    stripped = text.strip()
    if not stripped:
        return "UTC"
    try:
        ZoneInfo(stripped)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError("a timezone name, like UTC or Europe/Berlin") from None
    return stripped


def too_many_lines(text: str) -> str | None:
    """What is wrong with a timeline text too long to read at once, or None when it is not.

    CR, CRLF and LF are line breaks (`line_feeds`), as a text area reads them.
    """
    lines = line_feeds(text).count("\n") + 1
    if lines <= MAX_PASTE_LINES:
        return None
    return (
        f"{lines:,} lines is more than a timeline takes at once (at most {MAX_PASTE_LINES:,}): "
        "keep the lines around the incident and leave out the rest of the log"
    )


def line_too_long(line: str) -> str | None:
    """Why ``line`` is too long to read as an event, or None when it is not."""
    if len(line) <= MAX_LINE_LENGTH:
        return None
    return TOO_LONG.format(length=len(line), limit=MAX_LINE_LENGTH)


def clock_problem(text: str) -> str | None:
    """Why the time ``text`` starts with (``25:99``, ``[24:00]``, ``13:05 pm``) is no time of day,
    or None when it starts with none or with one that is."""
    clock = _CLOCK_LIKE.match(text)
    if clock is None:
        return None
    try:
        parse_time_entry(clock[1], default_date=date(2000, 1, 1))
    except TimeParseError:
        return NO_TIME_OF_DAY.format(clock=clock[1])
    return None


def _unread_reason(line: str, stamp: re.Match[str] | None) -> str:
    """Why a line of timeline text (common indentation removed) is no event; ``stamp``: the time
    it starts with, which could not be read."""
    if (too_long := line_too_long(line)) is not None:
        return too_long
    if line.startswith("|"):
        first = _TABLE_CELL_SPLIT.split(line.strip())[1:2]
        problem = clock_problem(_unescape_cell(first[0])) if first else None
        return problem or "a table row starts with its time: | 14:09 | what happened |"
    if stamp is not None:
        return clock_problem(line) or f"{stamp[0].strip()} is not a date and time that exists"
    if _is_junk(line):
        return JUNK
    return clock_problem(line) or f"{NO_TIME}: 14:09, 2:09 pm or 2025-11-06 14:09"


def parse_timeline_text(
    text: str, *, date: date | None = None, tz: str | tzinfo = "UTC"
) -> TimelineParse:
    """Read pasted timeline text: one event per line that starts with a time, or a table row.

    - CR, CRLF and LF are line breaks (`line_feeds`): terminals send a paste's breaks as CR.
    - A line starts an event with a time (``14:51``, ``2:51 PM``, ``[14:51]``, ``(14:51)``,
      ``2015-10-21 14:51``, ``21.10.2015 14:51``, ISO 8601 with offset or ``Z``), then optional
      separators (`` - ``, ``:``, ``|``), an optional actor (``anna:``, ``Anna Schmidt:``,
      ``@anna:`` → ``anna``, IRC ``<anna>``) and the text. A leading marker phrase
      (``**DETECTED**``, ``OUTAGE BEGINS``) sets a marker; several may follow each other.
    - Markdown rows ``| time | event | actor |`` are events; header and separator rows are skipped.
    - Indented lines, and lines without a leading time, continue the previous event. Indentation
      common to all lines is ignored, so a uniformly indented paste reads as written.
    - Bare times take ``date`` in ``tz``. Without ``date`` they take the date of the latest full
      date above them, else today in ``tz``. A bare time rolls to the next day when it goes past
      midnight: the previous time is 18:00 or later and this one is before 06:00. Other backward
      steps are kept as written.
    - Terminal escape sequences (the colours of a log copied from a terminal) are dropped first.
    - A time-less line before any event, a line that looks like a time but is none (``25:99``),
      a continuation of binary junk or control characters and a line over ``MAX_LINE_LENGTH``
      characters are reported in ``unparsed``. Nothing raises.
    """
    zone = _zone(tz)
    calendar = _Calendar(date, zone)
    lines = strip_terminal_sequences(line_feeds(text)).split("\n")
    indent = _common_indent(lines)
    drafts: list[_Draft] = []
    unparsed: list[tuple[int, str]] = []
    reasons: dict[int, str] = {}
    for index, raw in enumerate(lines):
        line = raw[indent:]
        if not line.strip():
            continue
        number = index + 1
        readable = len(line) <= MAX_LINE_LENGTH
        stamp = _STAMP.match(line) if readable and not line[0].isspace() else None
        if readable and line.startswith("|"):
            following = lines[index + 1][indent:] if index + 1 < len(lines) else ""
            if _is_table_rule(line) or _is_table_rule(following):
                continue
            draft = _table_row(line, number, calendar)
        elif stamp is not None:
            draft = _stamped_line(stamp, line, number, calendar)
        elif readable and drafts and not _is_junk(line):
            drafts[-1].parts.append(line.strip())
            continue
        else:
            draft = None
        if draft is None:
            unparsed.append((number, _report(raw)))
            reasons[number] = _unread_reason(line, stamp)
        else:
            drafts.append(draft)
    return TimelineParse([draft.event() for draft in drafts], unparsed, reasons)


@dataclass
class _Draft:
    line: int
    time: datetime
    actor: str
    markers: tuple[Marker, ...]
    parts: list[str]

    def event(self) -> ParsedEvent:
        text = "\n".join(part for part in self.parts if part)
        markers = self.markers
        if "!" in text:
            named, text = take_marker_tokens(text)
            markers = in_marker_order((*markers, *named))
        return ParsedEvent(self.line, self.time, text, self.actor, markers)


class _Calendar:
    """Gives bare times their date, rolling over midnight."""

    def __init__(self, day: date | None, zone: tzinfo) -> None:
        self.zone = zone
        self.follows_dates = day is None
        self.day = day or datetime.now(zone).date()
        self.previous: time | None = None

    def place(self, day: date | None, clock: time, offset: tzinfo | None) -> datetime:
        """The UTC moment of a stamp; full dates move the calendar when no date was given."""
        if day is None:
            if self.previous is not None and self.previous >= _EVENING and clock < _MORNING:
                self.day += timedelta(days=1)
            self.previous = clock
            return datetime.combine(self.day, clock, self.zone).astimezone(UTC)
        moment = datetime.combine(day, clock, offset or self.zone)
        if self.follows_dates:
            local = moment.astimezone(self.zone)
            self.day, self.previous = local.date(), local.time()
        return moment.astimezone(UTC)


def _stamped_line(
    stamp: re.Match[str], line: str, number: int, calendar: _Calendar
) -> _Draft | None:
    try:
        moment = calendar.place(*_stamp_parts(stamp))
    except (ValueError, OverflowError):
        return None
    rest = line[stamp.end() :]
    rest = rest[match_end(_LEAD_SEPARATOR, rest) :]
    markers, rest = split_marker_prefixes(rest)
    actor, rest = _split_actor(rest)
    after_actor, rest = split_marker_prefixes(rest)
    return _Draft(number, moment, actor, in_marker_order((*markers, *after_actor)), [rest.strip()])


def _table_row(line: str, number: int, calendar: _Calendar) -> _Draft | None:
    cells = [_unescape_cell(cell) for cell in _TABLE_CELL_SPLIT.split(line.strip())[1:]]
    if cells and not cells[-1]:
        cells.pop()
    stamp = _STAMP.fullmatch(cells[0]) if cells else None
    if stamp is None:
        return None
    try:
        moment = calendar.place(*_stamp_parts(stamp))
    except (ValueError, OverflowError):
        return None
    text = " | ".join([cells[1], *cells[3:]]) if len(cells) > 1 else ""
    markers, text = split_marker_prefixes(text)
    actor = cells[2] if len(cells) > 2 else ""
    return _Draft(number, moment, actor, markers, [text.strip()])


def _is_table_rule(line: str) -> bool:
    return _TABLE_SEPARATOR.fullmatch(line.strip()) is not None


def _unescape_cell(cell: str) -> str:
    return _BR.sub("\n", cell.strip().replace("\\|", "|"))


def _split_actor(rest: str) -> tuple[str, str]:
    if nick := _IRC_NICK.match(rest):
        return nick["name"], rest[nick.end() :]
    named = _NAME.match(rest)
    if named is None:
        return "", rest
    name = named["name"]
    words = name.lower().split()
    sentence = (len(name) > 1 and bool(_NOT_NAMES.intersection(words))) or (  # "a:" alone is a name
        len(words) > 1 and words[-1] in _VERBS_ENDING_A_SENTENCE
    )
    if len(name) > 40 or not any(c.isalpha() for c in name) or sentence:
        return "", rest
    return name, rest[named.end() :]


def _stamp_parts(stamp: re.Match[str]) -> tuple[date | None, time, tzinfo | None]:
    """The date (None when bare), clock time and explicit offset of a matched stamp."""
    hour = int(stamp["hour"])
    if stamp["ampm"]:
        if not 1 <= hour <= 12:
            raise ValueError("12-hour clock")
        hour = hour % 12 + (12 if stamp["ampm"][0] in "pP" else 0)
    fraction = (stamp["fraction"] or "0")[:6].ljust(6, "0")
    clock = time(hour, int(stamp["minute"]), int(stamp["second"] or 0), int(fraction))
    if stamp["year"]:
        day = date(int(stamp["year"]), int(stamp["month"]), int(stamp["day"]))
    elif stamp["de_year"]:
        day = date(int(stamp["de_year"]), int(stamp["de_month"]), int(stamp["de_day"]))
    else:
        day = None
    return day, clock, _offset(stamp["offset"])


def _offset(text: str | None) -> tzinfo | None:
    if not text:
        return None
    text = text.strip()
    if text.upper() in ("Z", "UTC"):
        return UTC
    hours, minutes = int(text[1:3]), int(text[3:].lstrip(":") or 0)
    if minutes >= 60:
        raise ValueError("offset minutes")
    delta = timedelta(hours=hours, minutes=minutes)
    return timezone(-delta if text[0] == "-" else delta)


def _delta(relative: re.Match[str]) -> timedelta:
    delta = timedelta(
        hours=int(relative["hours"] or 0),
        minutes=int(relative["minutes"] or 0),
        seconds=int(relative["seconds"] or 0),
    )
    return -delta if relative["sign"] == "-" else delta


def _zone(tz: str | tzinfo) -> tzinfo:
    if isinstance(tz, tzinfo):
        return tz
    if tz.upper() == "UTC":
        return UTC
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise TimeParseError(f"{tz!r} is not a timezone name like Europe/Berlin") from None


def _aware(moment: datetime, zone: tzinfo) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=zone)


def _common_indent(lines: list[str]) -> int:
    indents = [line[: len(line) - len(line.lstrip())] for line in lines if line.strip()]
    return len(os.path.commonprefix(indents)) if indents else 0


def _is_junk(line: str) -> bool:
    """Binary garbage: a NUL or replacement character, or over a quarter control characters."""
    if "\x00" in line or "\ufffd" in line:
        return True
    return len(_CONTROL.findall(line)) * 4 > len(line)


def _report(line: str) -> str:
    return line if len(line) <= REPORT_LENGTH else line[: REPORT_LENGTH - 1] + "…"
