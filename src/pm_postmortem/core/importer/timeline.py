"""The timeline reader: tables, stamped lines and the date lines that set their day and zone."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, tzinfo
from operator import itemgetter
from typing import Any

from pm_postmortem.core.export import EMPTY
from pm_postmortem.core.importer.aliases import TIMELINE_COLUMNS
from pm_postmortem.core.importer.base import SectionReader, _Continuations, _timeline_events
from pm_postmortem.core.importer.blocks import (
    _blocks,
    _clean_heading,
    _columns,
    _heading,
    _Section,
    _Table,
)
from pm_postmortem.core.importer.cells import (
    _BR_LENIENT,
    _EMPTY_LINES,
    _date,
    _enum_value,
    _mask,
    _norm,
    unescape,
)
from pm_postmortem.core.importer.times import (
    _DATE_LINE,
    _FAST_TIME,
    _LINE_STAMP,
    Stamp,
    _Clock,
    _zone_name,
    read_stamp,
    read_zone_statement,
    zone_for,
)
from pm_postmortem.core.model import (
    Marker,
    TimelineEvent,
    in_marker_order,
)
from pm_postmortem.core.timeparse import (
    MARKER_PHRASES,
    split_marker_prefixes,
)

_MARKER_LIST = re.compile(r"\s*[,;/+]\s*")
"""Between the markers of a Marker column cell: ``MITIGATED, RESOLVED``."""


class TimelineReader(SectionReader):
    # -- timeline --------------------------------------------------------------------------

    def timeline(self, section: _Section) -> None:
        if not self.strict:
            self.written_timeline(section)
            return
        clock = _Clock(self.ws.metadata.incident_date, UTC)
        name = section.heading
        previous: TimelineEvent | None = None
        continued = _Continuations()
        for block in _blocks(section.lines):
            if isinstance(block, _Table):
                self.timeline_table(block, clock, name, section.line)
                previous = None
                continue
            number, line = block
            stripped = line.strip()
            if stripped in _EMPTY_LINES or (not self.strict and self.is_template(stripped)):
                continue
            date_line = _DATE_LINE.fullmatch(stripped) if len(stripped) < 200 else None
            if (
                date_line is not None
                and (date_line["date"] or date_line["zone"])
                and self.date_line(date_line, clock, number, name, section.line)
            ):
                previous = None
                continue
            stamp = _LINE_STAMP.match(stripped) if not self.strict else None
            if stamp is not None:
                previous = self.timeline_line(stamp, stripped, clock, number, name, section.line)
                continue
            if previous is not None and line[:1].isspace():
                continued.add(previous, "text", unescape(stripped))
                continue
            self.keep(name, section.line, number, stripped)
        continued.apply()
        if clock.used_today:
            self.warn("timeline times without a date and no incident date: they are put on today")

    def written_timeline(self, section: _Section) -> None:
        """A timeline as people write it: tables, stamped lines and headings, each event going on
        over the paragraphs below it; zone and date statements; days on lines of their own."""
        name, where = section.heading, section.line
        clock = _Clock(self.ws.metadata.incident_date, UTC)
        texts: list[
            tuple[TimelineEvent | None, list[str]]
        ] = []  # events and their text, joined at the end
        day_line: date | None = None  # a day on its own line, waiting for its events
        blank = fence = False
        lines, index = section.lines, 0
        while index < len(lines):
            number, line = lines[index]
            stripped = line.strip()
            if stripped.startswith("|") and not fence:
                end = index
                while end < len(lines) and lines[end][1].lstrip().startswith("|"):
                    end += 1
                for block in _blocks(lines[index:end]):
                    if isinstance(block, _Table):
                        self.timeline_table(block, clock, name, where)
                    else:
                        self.keep(name, where, *block)
                index = end
                day_line = None
                texts.append((None, []))  # nothing continues a table row
                continue
            index += 1
            if fence or stripped.startswith(("```", "~~~")):
                if stripped.startswith(("```", "~~~")):
                    fence = not fence
                if texts and texts[-1][0] is not None:
                    texts[-1][1].append("\n" + stripped)
                elif stripped:
                    self.keep(name, where, number, stripped)
                continue
            if not stripped:
                blank = True
                continue
            if stripped in _EMPTY_LINES or self.is_template(stripped):
                continue
            heading = _heading(stripped) if stripped.startswith("#") else None
            text = _clean_heading(heading[1], numbering=False) if heading else stripped
            year = (clock.day or self.ws.metadata.incident_date or datetime.now(UTC).date()).year
            statement = read_zone_statement(text, year) if len(text) < 120 else None
            if statement is not None:
                day, zone, written = statement
                clock.reset(day, zone)
                self.zone_stated(zone, written, number)
                if day is not None:
                    self.written_day(day)
                texts.append((None, []))
                blank = False
                continue
            pieces = _BR_LENIENT.split(text) if "<" in text else [text]
            for piece in pieces:
                piece = piece.strip()
                if not piece:
                    continue
                stamp = read_stamp(piece, year)
                if stamp is not None and stamp.clock is None and not stamp.rest:
                    clock.reset(stamp.day, clock.zone)  # a day on its own
                    if stamp.day is not None:
                        self.written_day(stamp.day)
                    day_line = stamp.day
                    texts.append((None, []))
                elif stamp is not None:
                    if stamp.day is not None:
                        self.written_day(stamp.day)
                    if stamp.zone is not None:
                        self.zone_stated(stamp.zone, stamp.zone_written, number)
                    event = self.stamped_event(clock.place_stamp_parts(stamp), stamp.rest)
                    texts.append((event, [event.text] if event.text else []))
                    day_line = None
                elif texts and texts[-1][0] is not None and not heading:
                    joiner = "\n" if blank or line[:1].isspace() else " "
                    texts[-1][1].append(
                        joiner + unescape(piece) if texts[-1][1] else unescape(piece)
                    )
                elif day_line is not None and not heading:
                    moment = clock.place_stamp_parts(Stamp(day_line, None, None, ""))
                    event = self.stamped_event(moment, piece)
                    texts.append((event, [event.text]))
                    day_line = None
                else:
                    self.keep(name, where, number, piece)
                    texts.append((None, []))
            blank = False
        for entry, pieces in texts:
            if entry is not None and "".join(pieces) != entry.text:
                entry.text = "".join(pieces)
        if clock.used_today:
            self.warn("timeline times without a date and no incident date: they are put on today")

    def stamped_event(self, moment: datetime, rest: str) -> TimelineEvent:
        markers, text, evidence = self.event_cell(rest)
        return self.add_event(moment, text, "", markers, evidence)

    def zone_stated(self, zone: tzinfo, written: str, number: int) -> None:
        """Note the zone a timeline states, for the report and the workspace's display zone."""
        name = _zone_name(zone) or str(zone)
        shown = f"{written} ({name})" if written and written != name else name
        if shown not in self.report.zones:
            self.report.zones.append(shown)
        self.note_zone(zone)

    def written_day(self, day: date) -> None:
        if self.first_written_day is None:
            self.first_written_day = day
        if self.ws.metadata.incident_date is None:
            self.ws.metadata.incident_date = day

    def date_line(
        self, match: re.Match[str], clock: _Clock, number: int, name: str, where: int
    ) -> bool:
        zone = clock.zone
        if match["zone"]:
            found = zone_for(match["zone"])
            if found is None:
                return False
            zone = found
        day = _date(match["date"]) if match["date"] else None
        if match["date"] and day is None:
            self.keep(name, where, number, match.group(0), "date: ")
            return True
        clock.reset(day, zone)
        self.note_zone(zone)
        if day is not None and self.ws.metadata.incident_date is None and self.fmt == "google-sre":
            self.ws.metadata.incident_date = day
        return True

    def note_zone(self, zone: tzinfo) -> None:
        name = _zone_name(zone)
        if name and name != "UTC":
            self.ws.display_tz = name

    def timeline_table(self, table: _Table, clock: _Clock, name: str, where: int) -> None:
        if table.header is None:
            for number, _, raw in table.rows:
                self.keep(name, where, number, raw.strip())
            return
        columns, extra = _columns(table.header, TIMELINE_COLUMNS, {"time": "time", "date": "time"})
        if "time" not in columns:
            self.keep(name, where, table.line, " | ".join(table.header), "table header: ")
            for number, _, raw in table.rows:
                self.keep(name, where, number, raw.strip())
            return
        header = unescape(table.header[columns["time"]])
        stated = None if self.strict else read_zone_statement(header)
        if stated is not None:
            clock.reset(stated[0], stated[1])
            self.zone_stated(stated[1], stated[2], table.line)
        elif "(" in header and header.endswith(")"):
            zone_text = header[header.index("(") + 1 : -1]
            zone = zone_for(zone_text)
            if zone is None:
                self.warn(f"unknown timezone “{zone_text}” in the timeline header: read as UTC")
                zone = UTC
            clock.reset(None, zone)
            if self.strict:
                self.note_zone(zone)
            else:
                self.zone_stated(zone, zone_text, table.line)
        width = len(table.header)
        fields = itemgetter(
            *(columns.get(key, width) for key in ("time", "event", "actor", "evidence", "marker"))
        )
        events: list[dict[str, Any]] = []  # validated together: much faster than one by one
        last_time_raw, moment = None, None
        for number, cells, raw in table.rows:
            count = len(cells)
            padded = cells + [""] * (width + 1 - count) if count <= width else cells
            time_raw, event_raw, actor_raw, evidence_raw, marker_raw = fields(padded)
            if (
                not self.strict
                and self.is_placeholder(event_raw)
                and _norm(time_raw) in ("hh:mm", "", EMPTY)
            ):
                self.placeholders += 1
                continue
            if time_raw != last_time_raw:
                # Reading a time again right after itself gives the same moment and changes
                # nothing, so rows of one minute (there are many) share the first one's.
                moment, last_time_raw = self.read_time(time_raw, clock), time_raw
            if moment is None:
                self.keep(name, where, number, raw.strip(), "time not readable: ")
                continue
            markers, text, evidence = self.event_cell(event_raw)
            marker_raw = marker_raw.strip()
            if marker_raw and marker_raw != EMPTY:
                markers = in_marker_order((*markers, *self.marker_column(marker_raw, name, where, number)))
            if not evidence and evidence_raw:
                evidence = self.cell(evidence_raw)
            events.append(
                {
                    "id": self.new_id(),
                    "time": moment,
                    "text": text,
                    "actor": self.cell(actor_raw),
                    "markers": markers,
                    "evidence": evidence,
                }
            )
            if extra or count > width:
                for index, header_name in extra.items():
                    if index < count and cells[index] and cells[index] != EMPTY:
                        self.keep(name, where, number, cells[index], f"{header_name}: ")
                for extra_cell in cells[width:]:
                    if extra_cell:
                        self.keep(name, where, number, extra_cell, "extra cell: ")
        self.ws.timeline.extend(_timeline_events().validate_python(events))
        self.counts["timeline"] += len(events)

    def timeline_line(
        self, stamp: re.Match[str], line: str, clock: _Clock, number: int, name: str, where: int
    ) -> TimelineEvent | None:
        moment = self.read_time(stamp["stamp"], clock)
        if moment is None:
            self.keep(name, where, number, line, "time not readable: ")
            return None
        markers, text, evidence = self.event_cell(line[stamp.end() :])
        return self.add_event(moment, text, "", markers, evidence)

    def read_time(self, raw: str, clock: _Clock) -> datetime | None:
        if not self.strict:
            year = (clock.day or self.ws.metadata.incident_date or datetime.now(UTC).date()).year
            stamp = read_stamp(unescape(raw.strip()), year)
            if stamp is not None and not stamp.rest:
                if stamp.day is not None:
                    self.written_day(stamp.day)
                if stamp.zone is not None:
                    self.zone_stated(stamp.zone, stamp.zone_written, 0)
                return clock.place_stamp_parts(stamp)
        fast = _FAST_TIME.fullmatch(raw)
        if fast is not None:
            return clock.place_stamp(raw, fast)
        text = unescape(raw.strip()).strip("*").strip()
        if not text or not (text[0].isdigit() or text[0] in "[(") or len(text) > 60:
            return None
        return clock.place(text)

    def marker_column(self, raw: str, name: str, where: int, number: int) -> list[Marker]:
        """The markers of a Marker column cell (``MITIGATED, RESOLVED``); what is none is kept."""
        found = []
        for written in _MARKER_LIST.split(raw):
            marker = MARKER_PHRASES.get(" ".join(_norm(written).upper().split())) or _enum_value(Marker, written)
            if marker is None:
                self.keep(name, where, number, written, "marker: ")
            else:
                found.append(marker)
        return found

    def event_cell(self, raw: str) -> tuple[tuple[Marker, ...], str, str]:
        """Markers, text and evidence of an event cell (``**MITIGATED** **RESOLVED** text
        *(evidence: e)*``)."""
        raw = raw.strip()
        if raw == EMPTY:
            return (), "", ""
        markers: list[Marker] = []
        if self.strict:
            while raw.startswith("**"):
                end = _mask(raw).find("**", 2)
                phrase = raw[2:end] if end > 0 else ""
                if phrase not in MARKER_PHRASES:
                    break
                markers.append(MARKER_PHRASES[phrase])
                raw = raw[end + 2 :]
                raw = raw[1:] if raw.startswith(" ") else raw
        else:
            prefixed, raw = split_marker_prefixes(raw)
            markers.extend(prefixed)
            raw = raw.strip()
        evidence = ""
        if raw.endswith(")*"):
            masked = _mask(raw)
            start = masked.rfind("*(evidence: ") if masked.endswith(")*") else -1
            if start == 0 or (start > 0 and masked[start - 1] == " "):
                evidence = self.cell(raw[start + 12 : -2], dash_is_empty=False)
                raw = raw[: max(start - 1, 0)]
        return in_marker_order(markers), self.cell(raw, dash_is_empty=False), evidence

    def add_event(
        self, moment: datetime, text: str, actor: str, markers: tuple[Marker, ...], evidence: str
    ) -> TimelineEvent:
        event = TimelineEvent(
            id=self.new_id(), time=moment, text=text, actor=actor, markers=markers, evidence=evidence
        )
        self.ws.timeline.append(event)
        self.counts["timeline"] += 1
        return event
