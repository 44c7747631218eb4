"""Time readers: zones (names, abbreviations, offsets) and the clock that dates timeline times."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

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
