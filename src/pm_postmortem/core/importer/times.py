"""Time readers: zones (names, abbreviations, offsets) and the clock that dates timeline times."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pm_postmortem.core.text import match_end
from pm_postmortem.core.timeparse import (
    TimeParseError,
    parse_time_entry,
)

ZONE_ABBREVIATIONS = {
    "UTC": "UTC",
    "GMT": "UTC",
    "Z": "UTC",
    "PT": "America/Los_Angeles",
    "PST": "America/Los_Angeles",
    "PDT": "America/Los_Angeles",
    "MT": "America/Denver",
    "MST": "America/Denver",
    "MDT": "America/Denver",
    "CT": "America/Chicago",
    "CST": "America/Chicago",
    "CDT": "America/Chicago",
    "ET": "America/New_York",
    "EST": "America/New_York",
    "EDT": "America/New_York",
    "CET": "Europe/Berlin",
    "CEST": "Europe/Berlin",
    "MEZ": "Europe/Berlin",
    "MESZ": "Europe/Berlin",
    "BST": "Europe/London",
    "WET": "Europe/Lisbon",
    "WEST": "Europe/Lisbon",
    "EET": "Europe/Helsinki",
    "EEST": "Europe/Helsinki",
    "IST": "Asia/Kolkata",
    "JST": "Asia/Tokyo",
    "AEST": "Australia/Sydney",
    "AEDT": "Australia/Sydney",
}
"""Zone abbreviations as people write them in timelines, mapped to a region (DST follows the date)."""


_FAST_TIME = re.compile(r"(?:([0-9]{4})-([0-9]{2})-([0-9]{2})[ T])?([0-9]{2}):([0-9]{2})")
_LINE_STAMP = re.compile(
    r"(?:[-*+][ \t]+)?(?:\*\*)?[\[(]?"
    r"(?P<stamp>(?:[0-9]{4}-[0-9]{2}-[0-9]{2}[ T])?[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?"
    r"(?:[ ]?[AaPp]\.?[Mm]\.?)?(?:[ ]?(?:UTC|Z|[+-][0-9]{2}:?[0-9]{2}))?)"
    r"[\])]?(?:\*\*)?(?=\s|$|[-–—:|])[ \t]*(?:[-–—:|](?=\s|$)[ \t]*)?"
)
_DATE_LINE = re.compile(
    r"\**[ \t]*(?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2})?[ \t]*\**[ \t]*"
    r"(?:\(?[ \t]*(?:all[ \t]+)?times?[ \t]+(?:are[ \t]+)?(?:in[ \t]+)?(?P<zone>[A-Za-z_/+0-9:-]{1,40})[ \t]*\)?)?"
    r"[ \t]*:?[ \t]*"
)
_DATED = re.compile(r"[\[(]?(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{4})")


def zone_for(name: str) -> tzinfo | None:
    """A timezone by IANA name, abbreviation (PT, CET …) or offset (``UTC+2``, ``+05:30``)."""
    name = name.strip()
    if not name or len(name) > 60:
        return None
    mapped = ZONE_ABBREVIATIONS.get(name.upper())
    if mapped == "UTC":
        return UTC
    if mapped:
        return ZoneInfo(mapped)
    offset = re.fullmatch(r"(?:UTC|GMT)?\s*([+-])\s*([0-9]{1,2})(?::?([0-9]{2}))?", name, re.I)
    if offset:
        hours, minutes = int(offset[2]), int(offset[3] or 0)
        if hours > 14 or minutes >= 60:
            return None
        delta = timedelta(hours=hours, minutes=minutes)
        return timezone(-delta if offset[1] == "-" else delta)
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def _zone_name(zone: tzinfo) -> str:
    return getattr(zone, "key", None) or ("UTC" if zone is UTC else "")


_EVENING = time(18)
_MORNING = time(6)


class _Clock:
    """Gives the times of a timeline their date and zone; bare times roll over midnight."""

    def __init__(self, day: date | None, zone: tzinfo) -> None:
        self.day = day
        self.zone = zone
        self.previous: time | None = None
        self.used_today = False
        self.parsed: dict[tuple[str, date, tzinfo], datetime] = {}

    def reset(self, day: date | None, zone: tzinfo) -> None:
        self.zone = zone
        if day is not None:
            self.day = day
        self.previous = None

    def place_stamp_parts(self, stamp: Stamp) -> datetime:
        """The UTC moment of a `Stamp`: a written date starts a new day, a date without a time
        is its midnight, and a bare time that goes back more than twelve hours (or from the
        evening to before six) is on the next day."""
        zone = stamp.zone or self.zone
        if stamp.day is not None:
            self.day = stamp.day
            self.previous = None
        if stamp.clock is None:
            day = self.day or stamp.day
            if day is None:
                raise TypeError("a stamp without a date or a time has no moment")
            return datetime.combine(day, time(), zone).astimezone(UTC)
        if self.day is None:
            self.used_today = True
            self.day = datetime.now(UTC).date()
        clock = stamp.clock
        if (
            stamp.day is None
            and self.previous is not None
            and (
                (self.previous >= _EVENING and clock < _MORNING)
                or _seconds(self.previous) - _seconds(clock) > 12 * 3600
            )
        ):
            self.day += timedelta(days=1)
        self.previous = clock
        return datetime.combine(self.day, clock, zone).astimezone(UTC)

    def place(self, text: str) -> datetime | None:
        fast = _FAST_TIME.fullmatch(text)
        if fast is not None:
            return self.place_stamp(text, fast)
        bare = _DATED.match(text) is None
        if self.day is None and bare:
            self.used_today = True
        day = self.day or datetime.now(UTC).date()
        try:
            moment = self.parse(text, day)
            local = moment.astimezone(self.zone)
            if bare and self.previous and self.previous >= _EVENING and local.time() < _MORNING:
                day = self.day = day + timedelta(days=1)
                moment = self.parse(text, day)
        except (ValueError, OverflowError, TimeParseError):
            return None
        local = moment.astimezone(self.zone)
        self.previous = local.time()
        if not bare:
            self.day = local.date()
        elif self.day is None:
            self.day = day
        return moment.astimezone(UTC)

    def parse(self, text: str, day: date) -> datetime:
        """`parse_time_entry`, once per text and day: a long timeline repeats its times."""
        key = (text, day, self.zone)
        moment = self.parsed.get(key)
        if moment is None:
            moment = self.parsed[key] = parse_time_entry(text, tz=self.zone, default_date=day)
        return moment

    def place_stamp(self, text: str, stamp: re.Match[str]) -> datetime | None:
        """`place` for `text` that is a `_FAST_TIME` match, in fewer steps.

        ``fromisoformat`` reads these two shapes as ``date`` and ``time`` would read their
        numbers and refuses the same ones (``2026-02-30``, ``12:60``), except that newer
        Pythons read ``24:00`` as the next midnight.
        """
        if stamp[4] == "24":
            return None
        if stamp[1] is not None:
            try:
                local = datetime.fromisoformat(text)
            except ValueError:
                return None
            self.day, self.previous = local.date(), local.time()
            return datetime.combine(self.day, self.previous, self.zone).astimezone(UTC)
        if self.day is None:
            self.used_today = True
        day = self.day or datetime.now(UTC).date()
        try:
            clock = time.fromisoformat(text)
            if self.previous and self.previous >= _EVENING and clock < _MORNING:
                day = self.day = day + timedelta(days=1)
        except (ValueError, OverflowError):
            return None
        self.previous = clock
        if self.day is None:
            self.day = day
        return datetime.combine(day, clock, self.zone).astimezone(UTC)


# --- stamps as people write them ----------------------------------------------------------------

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january", "januar", "janvier"),
            ("feb", "february", "februar", "février"),
            ("mar", "march", "märz", "mars"),
            ("apr", "april", "avril"),
            ("may", "mai"),
            ("jun", "june", "juni", "juin"),
            ("jul", "july", "juli", "juillet"),
            ("aug", "august", "août"),
            ("sep", "sept", "september", "septembre"),
            ("oct", "october", "oktober", "octobre"),
            ("nov", "november", "novembre"),
            ("dec", "december", "dezember", "décembre"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>[A-Za-zäéû]{3,9})\.?"
_ORDINAL = r"(?:st|nd|rd|th)?"
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}\.?,?[ \t]+)?"
_DATE_SHAPES = (
    re.compile(r"(?P<year>[0-9]{4})-(?P<num>[0-9]{1,2})-(?P<day>[0-9]{1,2})"),
    re.compile(r"(?P<day>[0-9]{1,2})\.(?P<num>[0-9]{1,2})\.(?P<year>[0-9]{4})"),
    re.compile(_WEEKDAY + _MONTH + r"[ \t]+(?P<day>[0-9]{1,2})" + _ORDINAL + r"(?:,?[ \t]+(?P<year>[0-9]{4}))?", re.I),
    re.compile(_WEEKDAY + r"(?P<day>[0-9]{1,2})" + _ORDINAL + r"\.?[ \t]+" + _MONTH + r"(?:,?[ \t]+(?P<year>[0-9]{4}))?", re.I),
)  # fmt: skip
_CLOCK = re.compile(
    r"(?P<hour>[0-9]{1,2}):(?P<minute>[0-9]{2})(?::(?P<second>[0-9]{2}))?"
    r"(?:[ \t]?(?P<half>[AaPp])\.?[Mm]\.?(?![A-Za-z]))?|(?P<unknown>--:--|\?\?:\?\?)"
)
_STAMP_ZONE = re.compile(
    r"[ \t]*\(?(?P<zone>(?:UTC|GMT)?[+-][0-9]{1,2}(?::?[0-9]{2})?|UTC|GMT|Z|[A-Z]{2,5}T|CET|MEZ|"
    r"MESZ|BST|IST|JST|WET|EET)\)?(?![A-Za-z0-9])"
)
_DATE_TIME_SEPARATOR = re.compile(r"[ \t]*(?:,|T|at|um)?[ \t]*")
_RANGE_END = re.compile(r"[ \t]*(?:-|–|—|to|bis)[ \t]*~?[0-9]{1,2}:[0-9]{2}(?![0-9])")
_LEAD = re.compile(r"(?:[-*+•][ \t]+)?(?:\[[ xX]\][ \t]+)?(?:[*_`[(~±≈ \t]|ca\.|approx\.?)*")
_TRAIL = re.compile(r"[*_`\])]*[ \t]*(?:[-–—:|,.][*_`]*(?=\s|$)[ \t]*)?")


@dataclass
class Stamp:
    """A date and/or time read at the start of a line, the zone written with it, what follows."""

    day: date | None
    clock: time | None
    zone: tzinfo | None
    rest: str
    zone_written: str = ""


def read_date(text: str, year: int | None) -> tuple[date, int] | None:
    """A date at the start of `text` and where it ends; a date without a year takes `year`."""
    for shape in _DATE_SHAPES:
        match = shape.match(text)
        if match is None:
            continue
        groups = match.groupdict()
        month = int(groups["num"]) if groups.get("num") else _MONTHS.get(groups["month"].lower())
        written_year = int(groups["year"]) if groups.get("year") else year
        if month is None or written_year is None:
            continue
        try:
            return date(written_year, month, int(groups["day"])), match.end()
        except ValueError:
            continue
    return None


def read_stamp(text: str, year: int | None = None) -> Stamp | None:
    """The stamp at the start of a timeline line, heading or cell, else None.

    Reads ``2015-10-21 14:51``, ``14:51``, ``- *09:03* text``, ``**± 17:20 UTC:** text``,
    ``[23:55]``, ``Sep 27 2017 13:06``, ``19. April, 11:00``, ``~13:30-13:45``, ``8:20 - 8:24``,
    ``2019-12-03 --:--`` and a date alone; what follows the stamp's punctuation is the rest.
    """
    if len(text) > 2000:
        text = text[:2000]
    position = match_end(_LEAD, text)
    day = None
    dated = read_date(text[position:], year)
    if dated is not None:
        day, length = dated
        position += length
        position = match_end(_DATE_TIME_SEPARATOR, text, position)
    clock = None
    zone = None
    zone_written = ""
    timed = _CLOCK.match(text, position)
    if timed is not None and not timed["unknown"]:
        hour, minute = int(timed["hour"]), int(timed["minute"])
        if timed["half"]:
            hour = hour % 12 + (12 if timed["half"] in "Pp" else 0)
        if hour > 23 or minute > 59:
            return None
        clock = time(hour, minute, int(timed["second"] or 0))
        position = timed.end()
    elif timed is not None:
        position = timed.end()
    elif day is None:
        return None
    if clock is not None or (timed is not None and timed["unknown"]):
        if ranged := _RANGE_END.match(text, position):
            position = ranged.end()
        if written := _STAMP_ZONE.match(text, position):
            zone = zone_for(written["zone"])
            if zone is not None:
                position, zone_written = written.end(), written["zone"]
    if position < len(text) and (text[position].isalnum() and text[position - 1].isalnum()):
        return None  # "14:51abc", "2019-12-03x": not a stamp
    position = match_end(_TRAIL, text, position)
    rest = text[position:].strip()
    if rest.endswith(("**", "__")) and rest.count(rest[-2:]) % 2:
        rest = rest[:-2].rstrip()
    return Stamp(day, clock, zone, rest, zone_written)


_ZONE_NAMES = {
    "coordinated universal time": "UTC",
    "universal time": "UTC",
    "pacific time": "PT",
    "pacific standard time": "PT",
    "pacific daylight time": "PT",
    "mountain time": "MT",
    "central time": "CT",
    "eastern time": "ET",
    "eastern standard time": "ET",
    "central european time": "CET",
    "central european summer time": "CET",
    "british summer time": "BST",
    "greenwich mean time": "UTC",
}
_TIMES_IN = re.compile(
    r"(?:all[ \t]+)?(?:the[ \t]+)?(?:date[ \t]+and[ \t]+)?times?(?:[ \t]+(?:are|shown|given|listed))?"
    r"(?:[ \t]+(?:in|are|as))?[ \t]+(?P<zone>[A-Za-z][A-Za-z/_ ]{0,40}?(?:[ \t]*\((?P<inner>[A-Za-z]{2,5})\))?"
    r"|(?:UTC|GMT)?[ \t]?[+-][0-9]{1,2}(?::?[0-9]{2})?)(?=$|[ \t]*[.,;:)]|[ \t]+(?:on|unless|except|and|\())",
    re.IGNORECASE,
)


def read_zone_statement(
    text: str, year: int | None = None
) -> tuple[date | None, tzinfo, str] | None:
    """(date, zone, zone as written) of a line that states the timeline's zone, else None.

    ``All times in PST``, ``All times PDT.``, ``2015-10-21 (*all times UTC*)``, ``(PST)``,
    ``All times in Central European Time (CET)``, ``All times in PST, on February 5th 2019``,
    ``Date and Time in CET``.
    """
    if len(text) > 300:
        return None
    plain = " ".join(text.replace("*", " ").replace("_", " ").replace("`", " ").split())
    bare = plain.strip("() ")
    zone = zone_for(bare) if len(bare) <= 6 and bare.isalpha() and bare.isupper() else None
    written = bare
    day = None
    if zone is None:
        statement = _TIMES_IN.search(plain)
        if statement is None:
            return None
        written = (statement["inner"] or statement["zone"]).strip()
        zone = zone_for(written) or zone_for(_ZONE_NAMES.get(written.lower(), ""))
        if zone is None:
            return None
        before = plain[: statement.start()].strip(" (,")
        after = plain[statement.end() :]
        found = read_date(before, year) if before else None
        if found is None:
            on = re.search(r"\bon[ \t]+(.*)", after)
            found = read_date(on[1], year) if on else None
        day = found[0] if found else None
    return day, zone, written


def _seconds(clock: time) -> int:
    return clock.hour * 3600 + clock.minute * 60 + clock.second
