"""Markdown into a workspace: this project's own export, seed-format documents, the Google SRE template.

One parser reads all three; the format decides only how literally it reads.

- **pm-postmortem** (this project's markdown or Notion export, recognised by its own
  ``### Action Type Definitions`` block): read exactly, so that export → import → export gives
  the same bytes. A cell is split on ``<br>`` (Notion: `` / ``) and every backslash before an
  ASCII punctuation character is dropped — the reverse of `export.escape_cell`. A cell that is
  ``—`` is empty. Markers are only the bold prefixes the exporter writes (``**DETECTED** …``);
  the evidence is the trailing `` *(evidence: …)*``. The variant is detected: an unescaped
  ``<br>`` means markdown, an escaped ``\\/`` means Notion; with neither, `` / `` is read as text
  (pass ``variant="notion"`` to read it as a line break).
- **seed**: a document written by hand from the seed template. Headings at any level and in any
  case; tables matched by header name, case-insensitive, in any column order, with missing and
  extra columns; enum values in any case with or without their label (``S1``, ``S1: Critical``,
  ``critical``, ``in progress``); unfilled ``[placeholders]`` and the template's own prose are
  skipped; plain upper-case marker phrases (``OUTAGE BEGINS —``) count as markers too.
- **google-sre**: the SRE book's template. ``**Summary**:``-style fields (or ``## Summary``
  sections); Root Causes → the root-cause statement; Trigger → the first answer of the 5 Whys,
  whose symptom is the summary's first sentence (else the title); Summary → executive summary,
  with Resolution and Detection appended as labelled paragraphs; Impact → affected
  functionality; Action Items (``Action Item | Type | Owner | Bug``, ``**DONE**``/``**TODO**``);
  What went well / wrong / Where we got lucky; the timeline's date line with its zone
  (``2015-10-21 (all times in PT)``) and its rows or bullets.

Decisions:

- 5 Whys: the numbered items are the chain, nested bullets are the other answers (see
  `export._Document.whys`). Chain answers come first among their siblings, and the last one is
  marked as the root cause when a root-cause statement is written or answers hang below it —
  exactly the cases in which the exporter can have written that chain from a marked root cause;
  otherwise nothing is marked and the exporter follows the first answers to the same chain.
- Timeline times: ``HH:MM`` takes the incident date (else today, with a warning), ``YYYY-MM-DD
  HH:MM`` its own; the zone is the one named in the time column's header (``Time (UTC)``,
  ``Time (Europe/Berlin)``, ``Time (CET)``), else the date line's, else UTC. Abbreviations map to
  regions (PT → America/Los_Angeles, ET → America/New_York, CET/CEST → Europe/Berlin …), so
  daylight saving time follows the date. A bare time that goes from the evening (18:00 or later)
  to before 06:00 rolls to the next day.
- Metrics rows are derived from the markers and are not imported, except their targets
  (``< N min``); a value that differs from the recomputed one is a warning. The Duration row
  sets the entered duration only when the markers give none.
- Nothing is dropped: a line or cell that cannot be mapped is listed in the report with its line
  number and appended to the workspace notes under the heading of its section; unknown sections
  go there whole.
- Where the exporter joins escaped cells (authors with ``, ``; a check's label and note with
  `` — ``), the cut is the earliest one at which every piece is exactly what the exporter writes,
  so a name holding the separator may come back as two — written back identically.
- Limits: a document is refused at once, with one line, when it has more than `MAX_LINES`
  lines, `MAX_ITEMS` lines that can each become an item (table rows, list items, headings, lines
  that start with a digit) or `MAX_TABLE_CELLS` table cells. Anything within them imports in
  about a second at most, 10 MiB included (``benchmarks/bench_import_shapes.py`` tries every
  kind of line in every section, alone and mixed); a real post-mortem is a few hundred lines.
  Table rows are read up to `MAX_CELLS` cells.
- Lossy in the export, so not restored: ids, services, tags, why-node and factor links,
  ``done_on``, the TTM target, seconds of event times. Seconds can change a metric by a minute
  after a round trip, so a workspace whose events carry seconds exports the same text only up to
  those metric values.
"""

from __future__ import annotations

import gc
import os
import re
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from functools import cache
from operator import itemgetter
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import TypeAdapter, ValidationError

from pm_postmortem.core.export import ACTION_TYPE_DEFINITIONS, EMPTY, escape_cell
from pm_postmortem.core.metrics import compute_metrics
from pm_postmortem.core.model import (
    GENERIC_COMPLIANCE_CHECKS,
    Action,
    ActionStatus,
    ActionType,
    Category,
    ComplianceCheck,
    Factor,
    Lesson,
    Marker,
    Note,
    Priority,
    Severity,
    Status,
    TimelineEvent,
    WhyNode,
    Workspace,
)
from pm_postmortem.core.text import visible
from pm_postmortem.core.timeparse import (
    MARKER_PHRASES,
    TimeParseError,
    parse_time_entry,
    split_marker_prefix,
)

FORMATS = ("pm-postmortem", "seed", "google-sre")
VARIANTS = ("markdown", "notion")
MAX_LINES = 40_000
"""Longer input is refused with a clear message rather than read for seconds."""
MAX_ITEMS = 10_000
"""Lines that may each become an item; they cost the most to read, so they have their own limit."""
MAX_TABLE_CELLS = 60_000
"""Table cells in the whole document, counted as unescaped pipes."""
MAX_CELLS = 100
"""Table cells read per row; what follows is one last cell (reported, kept in the notes)."""
REPORT_LENGTH = 200
"""Unmapped lines are shown in the report cut to this many characters (the notes keep them whole)."""
SUMMARY_LINES = 8
"""How many unmapped lines and warnings `ImportReport.summary` lists before "… and N more"."""

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


class MarkdownImportError(ValueError):
    """Input that is no markdown document (empty, binary, no headings); the message is one line."""


@dataclass
class ImportReport:
    """What an import did: the format read, counts per section, and what could not be mapped."""

    format: str
    counts: dict[str, int] = field(default_factory=dict)
    unmapped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    source: str = ""
    variant: str = "markdown"

    def summary(self) -> str:
        """A few lines for a person: what was read, what went to the notes, what to check."""
        kind = {"pm-postmortem": "pm-postmortem", "seed": "seed-format", "google-sre": "Google SRE"}
        name = kind.get(self.format, self.format)
        if self.format == "pm-postmortem" and self.variant == "notion":
            name += " (Notion)"
        origin = f" from {visible(str(self.source))}" if self.source else ""
        counted = ", ".join(f"{key} {value}" for key, value in self.counts.items() if value)
        lines = [f"Imported a {name} document{origin}: {counted or 'no content'}."]
        if self.unmapped:
            lines.append(
                f"{_plural(len(self.unmapped), 'line')} could not be mapped and "
                f"{'was' if len(self.unmapped) == 1 else 'were'} kept in the notes:"
            )
            lines += _listed(self.unmapped)
        else:
            lines.append("Everything was mapped.")
        if self.warnings:
            lines.append("Warnings:")
            lines += _listed(self.warnings)
        return "\n".join(lines)


def _listed(items: list[str]) -> list[str]:
    lines = [f"  {visible(item)}" for item in items[:SUMMARY_LINES]]
    if len(items) > SUMMARY_LINES:
        lines.append(f"  … and {len(items) - SUMMARY_LINES} more")
    return lines


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


# --- public entry points ----------------------------------------------------------------------


def read_markdown_file(path: Path) -> str:
    """The text of a markdown file, or a MarkdownImportError naming the file and the problem."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise MarkdownImportError(f"{path}: the file does not exist") from None
    except IsADirectoryError:
        raise MarkdownImportError(f"{path}: this is a folder, not a markdown file") from None
    except PermissionError:
        raise MarkdownImportError(f"{path}: no permission to read the file") from None
    except OSError as error:
        raise MarkdownImportError(f"{path}: could not read: {error.strerror or error}") from None
    if b"\x00" in data:
        raise MarkdownImportError(f"{path}: this is a binary file, not markdown")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise MarkdownImportError(
            f"{path}: not UTF-8 text (the bytes at position {error.start} are not UTF-8)"
        ) from None


def import_markdown_file(path: Path) -> tuple[Workspace, ImportReport]:
    """Read and import a markdown file; every problem with the input is a MarkdownImportError."""
    return import_markdown(read_markdown_file(path), source=str(path))


def import_markdown(
    text: str, *, source: str = "", variant: str | None = None, currency: str = "EUR"
) -> tuple[Workspace, ImportReport]:
    """A workspace from post-mortem markdown, and the report of what was (not) mapped.

    ``variant`` is ``"markdown"`` or ``"notion"`` for this project's exports (None: detected);
    ``currency`` is the one the export was written with (revenue ``EUR 18,500`` → ``18500``).
    Raises MarkdownImportError, with a one-line message, for input that is no markdown document.
    """
    if variant not in (None, *VARIANTS):
        raise ValueError(f"unknown variant {variant!r}: choose markdown or notion")
    where = f"{source}: " if source else ""
    text = text.removeprefix("\ufeff")
    if not text or text.isspace():
        raise MarkdownImportError(f"{where}the document is empty")
    if _is_binary(text):
        raise MarkdownImportError(f"{where}this is binary data, not markdown")
    _refuse_oversized(text, where)
    with _cycle_collector_paused():
        document = _split_document(text)
        if document.title is None and not document.sections and not document.fields:
            raise MarkdownImportError(
                f"{where}no markdown headings found: not a post-mortem document"
            )
        fmt = _detect_format(document)
        if variant is None:
            variant = (
                "notion" if fmt == "pm-postmortem" and _looks_like_notion(text) else "markdown"
            )
        importer = _Importer(fmt, variant, currency, source)
        workspace = importer.run(document)
    return workspace, importer.report


@contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """Python's cycle collector off while a document is read.

    Reading a large document makes hundreds of thousands of objects that stay alive; the
    collector would walk them again and again as they grow, for a third of the time of the
    import, and find nothing. Whatever it could find waits until the import is done.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _is_binary(text: str) -> bool:
    """A NUL, or more than a tenth of the first 8000 characters control or replacement characters."""
    if "\x00" in text:
        return True
    sample = text[:8000]
    odd = sum(1 for char in sample if (char < " " and char not in "\t\n\r\f\v") or char == "\ufffd")
    return odd * 10 > len(sample)


# --- escaping ---------------------------------------------------------------------------------

_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_ESCAPE_PAIR = re.compile(r"\\[!-/:-@\[-`{-~]")
_MASK = "\x01\x01"
_FIRST_GROUP = itemgetter(1)  # a C-level replacement: much faster than the template r"\1"


def unescape(text: str) -> str:
    """Drop every backslash that escapes an ASCII punctuation character."""
    return _ESCAPE.sub(_FIRST_GROUP, text) if "\\" in text else text


def _mask(text: str) -> str:
    """`text` with every escape pair replaced by two placeholder characters (same positions)."""
    return _ESCAPE_PAIR.sub(_MASK, text) if "\\" in text else text


def _split_unescaped(raw: str, separator: str | re.Pattern[str]) -> list[str]:
    """`raw` split on the separators that are not part of an escape pair."""
    masked = _mask(raw)
    if isinstance(separator, str):
        if separator not in masked:
            return [raw]
        spans = []
        start = masked.find(separator)
        while start >= 0:
            spans.append((start, start + len(separator)))
            start = masked.find(separator, start + len(separator))
    else:
        spans = [match.span() for match in separator.finditer(masked)]
    parts, start = [], 0
    for begin, end in spans:
        parts.append(raw[start:begin])
        start = end
    parts.append(raw[start:])
    return parts


def _backslashes_before(text: str, index: int) -> int:
    count = 0
    while index > 0 and text[index - 1] == "\\":
        count += 1
        index -= 1
    return count


def _looks_like_notion(text: str) -> bool:
    """No unescaped ``<br>`` and some escaped ``\\/``: the exporter's Notion variant."""
    index = text.find("<br>")
    while index >= 0:
        if _backslashes_before(text, index) % 2 == 0:
            return False
        index = text.find("<br>", index + 4)
    index = text.find("\\/")
    while index >= 0:
        if _backslashes_before(text, index) % 2 == 0:
            return True
        index = text.find("\\/", index + 2)
    return False


# --- the document as sections -----------------------------------------------------------------


@dataclass
class _Section:
    level: int
    heading: str
    norm: str
    key: str | None
    line: int
    lines: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class _Document:
    title: tuple[int, str] | None
    preamble: list[tuple[int, str]]
    sections: list[_Section]
    fields: dict[str, list[tuple[int, str]]]
    """Bold-prefixed fields of the preamble (``**Summary**: …``) by normalised name."""


SECTION_KEYS = {
    "metadata": "metadata",
    "incident metrics": "metrics",
    "metrics": "metrics",
    "executive summary": "executive_summary",
    "customer impact": "customer_impact",
    "timeline": "timeline",
    "root cause analysis: 5 whys": "whys",
    "root cause analysis - 5 whys": "whys",
    "root cause analysis": "whys",
    "5 whys": "whys",
    "five whys": "whys",
    "contributing factors": "factors",
    "what went well": "went_well",
    "what went poorly": "went_poorly",
    "what went wrong": "went_poorly",
    "where we got lucky": "lucky",
    "corrective actions": "actions",
    "action items": "actions",
    "action type definitions": "type_definitions",
    "lessons learned": "lessons",
    "domain-specific compliance check": "compliance",
    "compliance check": "compliance",
    "compliance checklist": "compliance",
    "notes": "notes",
    # the SRE template's fields as sections
    "summary": "field:summary",
    "impact": "field:impact",
    "root causes": "field:root causes",
    "root cause": "field:root causes",
    "trigger": "field:trigger",
    "resolution": "field:resolution",
    "detection": "field:detection",
}

SEED_HEADINGS = frozenset(
    {
        "metadata",
        "incident metrics",
        "executive summary",
        "customer impact",
        "root cause analysis: 5 whys",
        "contributing factors",
        "what went poorly",
        "corrective actions",
        "action type definitions",
        "domain-specific compliance check",
    }
)
SRE_HEADINGS = frozenset(
    {
        "summary",
        "impact",
        "root causes",
        "trigger",
        "resolution",
        "detection",
        "action items",
        "what went wrong",
        "supporting information",
    }
)
SRE_FIELDS = frozenset(
    {"summary", "impact", "root causes", "root cause", "trigger", "resolution", "detection"}
)

_BOLD_FIELD = re.compile(
    r"\*\*(?P<name>[A-Za-z][A-Za-z /()#-]{0,40}?)[ \t]*(?::[ \t]*\*\*|\*\*[ \t]*:)[ \t]*"
)


def _norm(text: str) -> str:
    """A heading or label for matching: unescaped, lower case, single spaces, no emphasis or colon."""
    text = unescape(text).strip().strip("*_").strip().rstrip(":").strip()
    return " ".join(text.lower().replace("’", "'").split())


def _heading(stripped: str) -> tuple[int, str] | None:
    level = len(stripped) - len(stripped.lstrip("#"))
    if not 1 <= level <= 6 or (len(stripped) > level and stripped[level] not in " \t"):
        return None
    text = stripped[level:].strip()
    if text.endswith("#"):
        closed = text.rstrip("#")
        if not closed or closed.endswith((" ", "\t")):
            text = closed.rstrip()
    return level, text


_ITEM_LINE = re.compile(r"\n[ \t]*[-*+|#0-9]")  # 10x faster than ^ with re.MULTILINE


def _refuse_oversized(text: str, where: str) -> None:
    """Refuse, before reading it, a document that would take seconds to import."""
    lines = text.count("\n") + 1
    limits = [("lines", lines, MAX_LINES)]
    if lines > MAX_ITEMS:  # a shorter text cannot have more item lines than lines
        items = len(_ITEM_LINE.findall("\n" + text))
        limits.append(("table rows, list items and headings", items, MAX_ITEMS))
    limits.append(("table cells", text.count("|") - text.count("\\|"), MAX_TABLE_CELLS))
    for what, count, limit in limits:
        if count > limit:
            raise MarkdownImportError(
                f"{where}too large to import: {count:,} {what}, at most {limit:,} are read"
                " (a post-mortem is a few hundred lines: is this several documents in one?)"
            )


def _split_document(text: str) -> _Document:
    title: tuple[int, str] | None = None
    preamble: list[tuple[int, str]] = []
    sections: list[_Section] = []
    current = preamble  # where the next line goes
    fence = False
    lines = text.split("\n")
    if "\r" in text:
        lines = [line.removesuffix("\r") for line in lines]
    for number, line in enumerate(lines, start=1):
        stripped = line.lstrip()
        if stripped.startswith(("```", "~~~")):
            fence = not fence
        elif not fence and stripped.startswith("#") and len(line) - len(stripped) <= 3:
            heading = _heading(stripped)
            if heading is not None:
                level, heading_text = heading
                norm = _norm(heading_text)
                key = SECTION_KEYS.get(norm)
                if title is None and not sections and level == 1 and key is None:
                    title = (number, heading_text)
                else:
                    sections.append(_Section(level, heading_text, norm, key, number))
                    current = sections[-1].lines
                continue
        current.append((number, line))
    return _Document(title, preamble, sections, _preamble_fields(preamble))


def _preamble_fields(preamble: list[tuple[int, str]]) -> dict[str, list[tuple[int, str]]]:
    fields: dict[str, list[tuple[int, str]]] = {}
    for number, line in preamble:
        match = _BOLD_FIELD.match(line.strip())
        if match is not None:
            fields.setdefault(_norm(match["name"]), []).append((number, line))
    return fields


def _detect_format(document: _Document) -> str:
    norms = {section.norm for section in document.sections}
    title = document.title[1] if document.title else ""
    seed_title = title.lower().startswith(("post-mortem:", "postmortem:", "post mortem:"))
    sre = len(norms & SRE_HEADINGS) + len(document.fields.keys() & SRE_FIELDS)
    sre += not seed_title and _sre_title(title)[2]
    seed = len(norms & SEED_HEADINGS) + seed_title
    if sre > seed:
        return "google-sre"
    definitions = next((s for s in document.sections if s.key == "type_definitions"), None)
    if definitions is not None:
        lines = [line for _, line in definitions.lines if line.strip()]
        if lines == [f"- **{name}**: {meaning}" for name, meaning in ACTION_TYPE_DEFINITIONS]:
            return "pm-postmortem"
    return "seed"


def _sre_title(text: str) -> tuple[str, str, bool]:
    """(title, incident reference, whether it is written the SRE way) of a title heading."""
    title, reference, sre = text.strip(), "", False
    if title.endswith(")"):
        start = title.rfind("(")
        if start >= 0 and title[start + 1 :].lower().startswith("incident"):
            reference = title[start + 1 : -1].strip()
            title, sre = title[:start].rstrip(), True
    lower = title.lower()
    for suffix in (" postmortem", " post-mortem", " post mortem"):
        if lower.endswith(suffix):
            title, sre = title[: -len(suffix)].rstrip(), True
            break
    return title, reference, sre


# --- reading values ---------------------------------------------------------------------------

_PLACEHOLDER = re.compile(r"\[[^\[\]]*\]")
_BR_LENIENT = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TARGET = re.compile(r"<\s*([0-9]{1,6})\s*min(?:utes?|s)?\.?", re.IGNORECASE)
_NUMBER_CELL = re.compile(r"#?([0-9]{1,9})\.?")
_DONE_TODO = re.compile(r"\*\*\s*(DONE|TODO|IN PROGRESS)\s*\*\*", re.IGNORECASE)
_BLAST = re.compile(
    r"~?(?:(?P<customers>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,12})\s+(?:customers?|tenants?|clients?|users?))?"
    r"(?:\s*(?:/|,|;|and)\s*)?"
    r"(?:~?(?P<percent>[0-9]{1,3}(?:\.[0-9]{1,6})?)\s*%(?:\s+of\s+(?:the\s+)?traffic)?)?",
    re.IGNORECASE,
)
_REVENUE_NUMBER = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})*(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?")
_COMPLIANCE_IMPACT = re.compile(
    r"(yes|no)\b\s*(?:(?:—|–|-|:|,)\s*(?P<details>.*))?", re.IGNORECASE | re.DOTALL
)
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
_AUTHOR_SEPARATOR = re.compile(r"[,;]|\s+and\s+|\s+&\s+")
_LIST_ITEM = re.compile(r"(?:[-*+]|[0-9]{1,9}[.)])[ \t]")
_NUMBERED = re.compile(r"([0-9]{1,9})[.)][ \t]+")
_BULLET = re.compile(r"[-*+][ \t]+")
_CHECKBOX = re.compile(r"[-*+][ \t]+\[([ xX])\][ \t]?")
_NOTIFICATION = "Regulatory notification required?"
_DATE_FORMATS = ("%d.%m.%Y", "%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%A, %B %d, %Y")
_NO_TICKET = frozenset({"n/a", "na", "none", "-", "—", "tbd"})

_TEMPLATE_PROSE = frozenset(
    _norm(line)
    for line in (
        "Start from the observable symptom and drill down:",
        "Factors that didn't directly cause the incident but made it worse or more likely:",
        "Don't skip this section. Things that prevented worse outcomes:",
        "Systemic issues — not individual failures:",
        "Things that could have made this much worse:",
        "If the incident affected regulated data or compliance (see `domain-context.md` for "
        "relevant regulations):",
    )
)
"""The seed template's explanatory lines: skipped when a hand-written document keeps them."""
_PROSE_INITIALS = frozenset("SFDTIsfdti")

_EMPTY_LINES = frozenset(
    {
        "*No executive summary written yet.*",
        "*No events recorded.*",
        "*No whys asked yet.*",
        "*No contributing factors recorded.*",
        "*Nothing noted yet.*",
        "*No corrective actions yet.*",
        "*No lessons recorded.*",
    }
)
"""What the exporter writes for an empty section."""


E = TypeVar("E", bound=StrEnum)


def _enum_value(enum: type[E], text: str, aliases: dict[str, E] | None = None) -> E | None:
    exact = enum._value2member_map_.get(text)
    if exact is not None:
        return exact  # type: ignore[return-value]
    key = " ".join(text.lower().replace("-", " ").replace("_", " ").split())
    for member in enum:
        if key == member.value.lower():
            return member
    return (aliases or {}).get(key)


_SEVERITY_WORDS = {severity.label.lower(): severity for severity in Severity}
_SEVERITY = re.compile(r"(?:s|sev|severity)[ \t-]*([1-4])\b", re.IGNORECASE)
_STATUS_ALIASES = {
    "review": Status.IN_REVIEW,
    "in review": Status.IN_REVIEW,
    "wip": Status.DRAFT,
    "complete": Status.FINAL,
    "completed": Status.FINAL,
    "done": Status.FINAL,
    "closed": Status.FINAL,
    "published": Status.FINAL,
}
_TYPE_ALIASES = {
    "prevention": ActionType.PREVENT,
    "preventive": ActionType.PREVENT,
    "detection": ActionType.DETECT,
    "mitigation": ActionType.MITIGATE,
    "repair": ActionType.OTHER,
    "investigate": ActionType.OTHER,
}
_PRIORITY_ALIASES = {
    "1": Priority.P1,
    "2": Priority.P2,
    "3": Priority.P3,
    "high": Priority.P1,
    "medium": Priority.P2,
    "low": Priority.P3,
}
_ACTION_STATUS_ALIASES = {
    "todo": ActionStatus.OPEN,
    "to do": ActionStatus.OPEN,
    "not started": ActionStatus.OPEN,
    "new": ActionStatus.OPEN,
    "wip": ActionStatus.IN_PROGRESS,
    "doing": ActionStatus.IN_PROGRESS,
    "started": ActionStatus.IN_PROGRESS,
    "closed": ActionStatus.DONE,
    "complete": ActionStatus.DONE,
    "completed": ActionStatus.DONE,
    "fixed": ActionStatus.DONE,
    "resolved": ActionStatus.DONE,
}
_CATEGORY_ALIASES = {
    "organisational": Category.ORGANIZATIONAL,
    "org": Category.ORGANIZATIONAL,
    "tech": Category.TECHNICAL,
}
_ACTION_ENUMS = (
    ("type", ActionType, _TYPE_ALIASES),
    ("priority", Priority, _PRIORITY_ALIASES),
    ("status", ActionStatus, _ACTION_STATUS_ALIASES),
)
_BOOLEANS = {
    "yes": True,
    "y": True,
    "true": True,
    "x": True,
    "ja": True,
    "✓": True,
    "no": False,
    "n": False,
    "false": False,
    "nein": False,
}


def _severity(text: str) -> Severity | None:
    text = text.strip()
    if match := _SEVERITY.match(text):
        return Severity(f"S{match[1]}")
    return _SEVERITY_WORDS.get(text.lower())


def _status(text: str) -> tuple[Status | None, bool]:
    """The status and whether the text was exactly one (SRE: ``Complete, action items open``)."""
    exact = _enum_value(Status, text, _STATUS_ALIASES)
    if exact is not None:
        return exact, True
    lower = text.lower()
    if "review" in lower:
        return Status.IN_REVIEW, False
    if any(word in lower for word in ("final", "complete", "closed", "published", "done")):
        return Status.FINAL, False
    if "draft" in lower:
        return Status.DRAFT, False
    return None, False


def _date(text: str) -> date | None:
    text = text.strip()
    if not text or len(text) > 40:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


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


# --- tables -----------------------------------------------------------------------------------


@dataclass
class _Table:
    line: int
    header: list[str] | None
    rows: list[tuple[int, list[str], str]]
    """(line number, raw cells, raw line) of each body row."""


def _row_cells(line: str) -> list[str]:
    raw = line.strip()
    escaped = "\\" in raw
    if escaped:
        # An escaped pipe separates no cells: set it aside, after the escaped backslashes (the
        # pairs are read from the left); NUL marks them, as no imported text holds one.
        raw = raw.replace("\\\\", "\x00b").replace("\\|", "\x00p")
    if raw.startswith("|"):
        raw = raw[1:]
    if raw.endswith("|"):
        raw = raw[:-1]
    pieces = raw.split("|", MAX_CELLS)  # the rest stays one cell
    if escaped:
        return [_unmask(piece.strip()) if "\x00" in piece else piece.strip() for piece in pieces]
    return [piece.strip() for piece in pieces]


def _unmask(cell: str) -> str:
    return cell.replace("\x00p", "\\|").replace("\x00b", "\\\\")


def _is_rule(line: str) -> bool:
    stripped = line.strip()
    return "-" in stripped and not stripped.strip("|-: \t")


def _blocks(lines: list[tuple[int, str]]) -> Iterator[_Table | tuple[int, str]]:
    """Tables (consecutive lines starting with ``|``) and the other non-blank lines, in order."""
    index, count = 0, len(lines)
    while index < count:
        number, line = lines[index]
        if not line.lstrip().startswith("|"):
            if line.strip():
                yield number, line
            index += 1
            continue
        start = index
        index += 1
        while index < count and lines[index][1].lstrip().startswith("|"):
            index += 1
        block = lines[start:index]
        if len(block) >= 2 and _is_rule(block[1][1]):
            rows = [(n, _row_cells(text), text) for n, text in block[2:] if not _is_rule(text)]
            yield _Table(number, _row_cells(block[0][1]), rows)
        else:
            yield _Table(number, None, [(n, _row_cells(text), text) for n, text in block])


def _columns(
    header: list[str], names: dict[str, str], prefixes: dict[str, str] | None = None
) -> tuple[dict[str, int], dict[int, str]]:
    """Column index per field (first match wins) and the header of every other column."""
    found: dict[str, int] = {}
    extra: dict[int, str] = {}
    for index, name in enumerate(header):
        norm = _norm(name).rstrip("?").strip()
        key = names.get(norm)
        if key is None and prefixes:
            key = next((k for prefix, k in prefixes.items() if norm.startswith(prefix)), None)
        if key is not None and key not in found:
            found[key] = index
        else:
            extra[index] = unescape(name) or f"column {index + 1}"
    return found, extra


TIMELINE_COLUMNS = {
    "time": "time",
    "time (utc)": "time",
    "date": "time",
    "when": "time",
    "timestamp": "time",
    "date/time": "time",
    "time/date": "time",
    "event": "event",
    "events": "event",
    "description": "event",
    "what": "event",
    "what happened": "event",
    "actor/system": "actor",
    "actor / system": "actor",
    "actor": "actor",
    "system": "actor",
    "who": "actor",
    "evidence": "evidence",
    "link": "evidence",
    "links": "evidence",
    "marker": "marker",
}
FACTOR_COLUMNS = {
    "factor": "factor",
    "contributing factor": "factor",
    "category": "category",
    "type": "category",
    "how it contributed": "how",
    "how": "how",
    "explanation": "how",
    "contribution": "how",
}
ACTION_COLUMNS = {
    "#": "number",
    "no": "number",
    "no.": "number",
    "nr": "number",
    "number": "number",
    "action": "action",
    "action item": "action",
    "action items": "action",
    "corrective action": "action",
    "item": "action",
    "type": "type",
    "owner": "owner",
    "assignee": "owner",
    "deadline": "deadline",
    "due": "deadline",
    "due date": "deadline",
    "priority": "priority",
    "prio": "priority",
    "status": "status",
    "state": "status",
    "ticket": "ticket",
    "bug": "ticket",
    "issue": "ticket",
    "done when": "done_when",
    "definition of done": "done_when",
}
LESSON_COLUMNS = {
    "lesson": "lesson",
    "lessons": "lesson",
    "lesson learned": "lesson",
    "applicable beyond this incident": "applicable",
    "applicable": "applicable",
    "shared with": "shared_with",
    "shared": "shared_with",
}
METADATA_FIELDS = {
    "date of incident": "incident_date",
    "incident date": "incident_date",
    "date": "incident_date",
    "severity": "severity",
    "duration": "duration",
    "post-mortem author": "authors",
    "post-mortem authors": "authors",
    "postmortem author": "authors",
    "author": "authors",
    "authors": "authors",
    "post-mortem date": "postmortem_date",
    "postmortem date": "postmortem_date",
    "status": "status",
    "services": "services",
    "tags": "tags",
    "title": "title",
}
METRIC_ROWS = {
    "time to detect (ttd)": "ttd",
    "time to detect": "ttd",
    "ttd": "ttd",
    "time to respond (ttr)": "ttr",
    "time to respond": "ttr",
    "ttr": "ttr",
    "time to mitigate (ttm)": "ttm",
    "time to mitigate": "ttm",
    "ttm": "ttm",
    "time to resolve (mttr)": "mttr",
    "time to resolve": "mttr",
    "mttr": "mttr",
    "time to communicate": "communicate",
    "blast radius": "blast_radius",
    "revenue impact": "revenue",
    "compliance impact": "compliance",
}
IMPACT_LABELS = {
    "affected segments": "affected_segments",
    "affected functionality": "affected_functionality",
    "data integrity": "data_integrity",
    "compliance exposure": "compliance_exposure",
}
LABELLED_FIELDS = ("resolution", "detection")
"""SRE fields appended to the executive summary as ``Label: text`` paragraphs."""


# --- the importer -----------------------------------------------------------------------------


class _Continuations:
    """Lines that continue a text of an item, joined with it once at the end.

    Adding them one at a time would copy (and validate) the whole text for every line, which
    takes minutes for a long text.
    """

    def __init__(self) -> None:
        self.texts: list[tuple[Any, str, list[str]]] = []

    def add(self, owner: Any, attribute: str, line: str) -> None:
        if not self.texts or self.texts[-1][0] is not owner or self.texts[-1][1] != attribute:
            self.texts.append((owner, attribute, [getattr(owner, attribute)]))
        self.texts[-1][2].append(line)

    def apply(self) -> None:
        """Set the continued texts; call it before anything else changes or reads them."""
        for owner, attribute, lines in self.texts:
            setattr(owner, attribute, "\n".join(lines))
        self.texts.clear()


@dataclass
class _Why:
    node: WhyNode
    indent: int


class _Importer:
    def __init__(self, fmt: str, variant: str, currency: str, source: str) -> None:
        self.fmt = fmt
        self.strict = fmt == "pm-postmortem"
        self.notion = variant == "notion"
        self.currency = currency
        self.report = ImportReport(format=fmt, source=source, variant=variant)
        self.ws = Workspace()
        self.ws.compliance.checks = []
        self.counts: Counter[str] = Counter()
        self.unmapped: list[tuple[int, str]] = []
        self.kept: dict[tuple[int, str], list[str]] = {}
        self.placeholders = 0
        self.fields: dict[str, tuple[int, list[str], str]] = {}
        """Fields by name: the first line number, the lines of the text, the section."""
        self.duration: tuple[int, str, str] | None = None
        self.metric_values: list[tuple[int, str, str]] = []
        self.notes: list[str] = []
        self.why_children: dict[str | None, list[WhyNode]] = {}
        self.chain: list[WhyNode] = []
        self.saw_compliance = False
        self.used_today = False
        self.why_by_id: dict[str, WhyNode] = {}
        self.max_action = 0
        self.new_id = _Ids()

    # -- reporting ---------------------------------------------------------------------

    def keep(self, section: str, where: int, number: int, text: str, what: str = "") -> None:
        """Report `text` (a line or cell) as unmapped and keep it for the notes."""
        shown = " ↵ ".join(text.split("\n")) if "\n" in text else text
        shown = shown if len(shown) <= REPORT_LENGTH else shown[: REPORT_LENGTH - 1] + "…"
        self.unmapped.append((number, f"line {number} ({section}): {what}{shown}"))
        self.kept.setdefault((where, section), []).append(what + text)

    def warn(self, message: str) -> None:
        if message not in self.report.warnings:
            self.report.warnings.append(message)

    # -- cells -------------------------------------------------------------------------

    def cell(self, raw: str, *, dash_is_empty: bool = True) -> str:
        """The text of an escaped cell: ``<br>`` (Notion `` / ``) as line breaks, unescaped."""
        raw = raw.strip()
        if dash_is_empty and raw == EMPTY:
            return ""
        if not self.strict and raw[:1] == "[" and _PLACEHOLDER.fullmatch(raw):
            self.placeholders += 1
            return ""
        if " / " not in raw if self.notion else "<" not in raw:
            return unescape(raw)  # the common case: no line break
        if self.notion:
            parts = _split_unescaped(raw, " / ")
        elif self.strict:
            parts = _split_unescaped(raw, "<br>")
        else:
            parts = [part.strip() for part in _split_unescaped(raw, _BR_LENIENT)]
        return "\n".join(unescape(part) for part in parts)

    def encode(self, text: str) -> str:
        return escape_cell(text, html_breaks=not self.notion)

    def fits(self, raw: str) -> bool:
        """Whether `raw` is exactly how the exporter writes the text it stands for."""
        return self.encode(self.cell(raw, dash_is_empty=False)) == raw

    def is_placeholder(self, raw: str) -> bool:
        return not self.strict and bool(_PLACEHOLDER.fullmatch(raw.strip()))

    # -- the run -------------------------------------------------------------------------

    def run(self, document: _Document) -> Workspace:
        if document.title is not None:
            self.title(*document.title)
        else:
            self.warn("no title heading: the workspace is called “Untitled incident”")
        self.preamble(document)
        handlers: dict[str, Callable[[_Section], None]] = {
            "metadata": self.metadata,
            "metrics": self.metrics,
            "executive_summary": self.executive_summary,
            "customer_impact": self.customer_impact,
            "whys": self.whys,
            "factors": self.factors,
            "went_well": lambda s: self.notes_list(s, self.ws.went_well, "went well"),
            "went_poorly": lambda s: self.notes_list(s, self.ws.went_poorly, "went poorly"),
            "lucky": lambda s: self.notes_list(s, self.ws.lucky, "lucky"),
            "actions": self.actions,
            "type_definitions": self.type_definitions,
            "lessons": self.lessons,
            "compliance": self.compliance,
            "notes": self.notes_section,
        }
        timelines = []
        for section in document.sections:
            if section.key == "timeline":
                timelines.append(section)
            elif section.key is None:
                self.unknown(section)
            elif section.key.startswith("field:"):
                self.field_section(section)
            else:
                handlers[section.key](section)
        for section in timelines:  # after the metadata, whose incident date bare times take
            self.timeline(section)
        self.finish()
        return self.ws

    def title(self, number: int, text: str) -> None:
        self.read_title(text)
        if not self.strict and not self.ws.metadata.title:
            self.ws.metadata.title = "Untitled incident"

    def read_title(self, text: str) -> None:
        for prefix in ("Post-Mortem:", "Postmortem:", "Post Mortem:"):
            if text[: len(prefix)].lower() == prefix.lower():
                rest = text[len(prefix) :]
                self.ws.metadata.title = self.cell(rest.removeprefix(" ") if self.strict else rest)
                return
        title, reference, _ = _sre_title(text)
        self.ws.metadata.title = self.cell(title)
        if reference:
            self.ws.metadata.tags = [unescape(reference)]
            self.warn(f"the title's “{unescape(reference)}” is kept as a tag")

    def preamble(self, document: _Document) -> None:
        """Bold fields (``**Summary**: …``) with their continuation lines; other lines are kept."""
        current: str | None = None
        for number, line in document.preamble:
            stripped = line.strip()
            if not stripped:
                current = None
                continue
            match = _BOLD_FIELD.match(stripped)
            if match is not None:
                current = _norm(match["name"])
                self.add_field(current, number, stripped[match.end() :], "header fields")
            elif current is not None:
                self.fields[current][1].append(stripped)
            elif _norm(stripped) not in _TEMPLATE_PROSE:
                self.keep("before the first section", 0, number, stripped)

    def add_field(self, name: str, number: int, text: str, section: str) -> None:
        if name in self.fields:
            first, lines, _ = self.fields[name]
            lines += ["", text]  # a blank line between the texts
            self.fields[name] = (first, lines, section)
        else:
            self.fields[name] = (number, [text], section)

    def field_section(self, section: _Section) -> None:
        """``## Summary`` and the other SRE fields written as sections: their paragraphs."""
        text = self.paragraphs(section.lines, raw=True)
        if text:
            self.add_field(section.key.removeprefix("field:"), section.line, text, section.heading)

    def unknown(self, section: _Section) -> None:
        for number, line in section.lines:
            if line.strip():
                self.keep(
                    section.heading or "untitled section", section.line, number, line.rstrip()
                )
        if not section.lines or not any(line.strip() for _, line in section.lines):
            self.kept.setdefault((section.line, section.heading or "untitled section"), [])

    # -- text sections -----------------------------------------------------------------

    def paragraphs(self, lines: list[tuple[int, str]], *, raw: bool = False) -> str:
        """Free text: each line stripped and unescaped; blank runs become one blank line."""
        out: list[list[str]] = []  # each line as its soft-wrapped pieces, joined at the end
        for _, line in lines:
            stripped = line.strip()
            if stripped in _EMPTY_LINES or (not self.strict and self.is_template(stripped)):
                continue
            if (
                not self.strict
                and stripped
                and out
                and out[-1][0]
                and not _LIST_ITEM.match(stripped)
            ):
                out[-1].append(stripped)  # a soft-wrapped line of the same paragraph
            elif stripped or (out and out[-1][0]):
                out.append([stripped])
        while out and not out[-1][0]:
            out.pop()
        joined = (" ".join(pieces) for pieces in out)
        return "\n".join(joined if raw else map(unescape, joined))

    def is_template(self, stripped: str) -> bool:
        if stripped[:1] == "[" and _PLACEHOLDER.fullmatch(stripped):
            self.placeholders += 1
            return True
        return stripped[:1] in _PROSE_INITIALS and _norm(stripped) in _TEMPLATE_PROSE

    def executive_summary(self, section: _Section) -> None:
        text = self.paragraphs(section.lines)
        if text:
            previous = self.ws.metadata.executive_summary
            self.ws.metadata.executive_summary = f"{previous}\n\n{text}" if previous else text
            self.counts["summary"] += 1

    def notes_section(self, section: _Section) -> None:
        text = self.paragraphs(section.lines)
        if text:
            self.notes.append(text)

    # -- metadata and metrics ----------------------------------------------------------

    def metadata(self, section: _Section) -> None:
        name = section.heading
        for block in _blocks(section.lines):
            if not isinstance(block, _Table):
                self.plain_line(name, section.line, *block)
                continue
            columns, _ = _columns(block.header or [], {"field": "field", "value": "value"})
            field_at, value_at = columns.get("field", 0), columns.get("value", 1)
            for number, cells, raw in block.rows:
                if len(cells) <= max(field_at, value_at):
                    self.keep(name, section.line, number, raw.strip())
                    continue
                key = METADATA_FIELDS.get(_norm(cells[field_at]))
                if key is None:
                    self.keep(name, section.line, number, raw.strip())
                    continue
                self.meta_field(key, cells[value_at], number, name, section.line)
                for index, extra in enumerate(cells):
                    if index not in (field_at, value_at) and extra:
                        self.keep(name, section.line, number, extra, "extra cell: ")

    def meta_field(self, key: str, raw: str, number: int, name: str, where: int) -> None:
        """One metadata value from a table cell or an SRE field; what cannot be read is kept."""
        meta = self.ws.metadata
        if key == "authors":
            self.authors(raw)
            self.counts["metadata"] += 1
            return
        text = self.cell(raw)
        label = key.replace("_", " ")
        if not text:
            return
        ok = True
        if key in ("incident_date", "postmortem_date"):
            value = _date(text)
            ok = value is not None
            if ok:
                setattr(meta, key, value)
        elif key == "severity":
            severity = _severity(text)
            ok = severity is not None
            if ok:
                meta.severity = severity
        elif key == "status":
            status, exact = _status(text)
            ok = status is not None
            if ok:
                meta.status = status
                if not exact:
                    self.keep(name, where, number, text, "status (read as " + status.value + "): ")
                    return
        elif key == "duration":
            self.duration = (number, text, name)
        elif key in ("services", "tags"):
            setattr(meta, key, [part.strip() for part in text.split(",") if part.strip()])
        elif key == "title" and not meta.title:
            meta.title = text
        if ok:
            self.counts["metadata"] += 1
        else:
            self.keep(name, where, number, text, f"{label}: ")

    def authors(self, raw: str) -> None:
        raw = raw.strip()
        if self.strict:
            self.ws.metadata.authors = [] if raw == EMPTY else self.joined_cells(raw, ", ")
            return
        if len(raw) > 5000:
            self.ws.metadata.authors = [self.cell(raw)]
            return
        parts = (self.cell(part) for part in _split_unescaped(raw, _AUTHOR_SEPARATOR))
        self.ws.metadata.authors = [part.strip() for part in parts if part.strip()]

    def joined_cells(self, raw: str, separator: str) -> list[str]:
        """Texts of cells the exporter joined with `separator`, cut where every piece fits.

        Prefers the earliest cuts, so ``Anna, Ben`` is two authors; a name that itself holds
        the separator may come back split, which the exporter writes the same way.
        """
        masked = _mask(raw)
        if len(raw) > 5000:  # the search below is quadratic: no author list is this long
            return [self.cell(raw, dash_is_empty=False)]
        cuts = []
        index = masked.find(separator)
        while index >= 0:
            cuts.append(index)
            index = masked.find(separator, index + 1)
        ends = [len(raw)]
        starts = [0] + [cut + len(separator) for cut in cuts]
        # feasible[i]: raw[starts[i]:] splits into fitting pieces
        feasible = [False] * len(starts)
        choice: list[int | None] = [None] * len(starts)
        for i in range(len(starts) - 1, -1, -1):
            options = [(j, cuts[j]) for j in range(i, len(cuts))] + [(None, ends[0])]
            for j, end in options:
                piece = raw[starts[i] : end]
                if piece and self.fits(piece) and (j is None or feasible[j + 1]):
                    feasible[i], choice[i] = True, j
                    break
        if not feasible[0]:
            return [self.cell(raw, dash_is_empty=False)]
        pieces, i = [], 0
        while True:
            j = choice[i]
            pieces.append(
                self.cell(raw[starts[i] : ends[0] if j is None else cuts[j]], dash_is_empty=False)
            )
            if j is None:
                return pieces
            i = j + 1

    def metrics(self, section: _Section) -> None:
        name = section.heading
        for block in _blocks(section.lines):
            if not isinstance(block, _Table):
                self.plain_line(name, section.line, *block)
                continue
            columns, _ = _columns(
                block.header or [], {"metric": "metric", "value": "value", "target": "target"}
            )
            metric_at, value_at = columns.get("metric", 0), columns.get("value", 1)
            target_at = columns.get("target", 2)
            for number, cells, raw in block.rows:
                key = METRIC_ROWS.get(_norm(cells[metric_at])) if cells else None
                value = cells[value_at] if len(cells) > value_at else ""
                target = cells[target_at] if len(cells) > target_at else ""
                if key is None:
                    self.keep(name, section.line, number, raw.strip())
                elif key == "blast_radius":
                    self.blast_radius(value, number, name, section.line)
                elif key == "revenue":
                    self.ws.impact.revenue_impact = self.revenue(value)
                    self.counts["impact"] += bool(self.ws.impact.revenue_impact)
                elif key == "compliance":
                    self.compliance_impact(value)
                else:
                    self.metric_values.append((number, key, value))
                    self.target(key, target, number, name, section.line)

    def target(self, key: str, raw: str, number: int, name: str, where: int) -> None:
        raw = raw.strip()
        if not raw or raw == EMPTY or self.is_placeholder(raw) or "[target]" in raw:
            return
        match = _TARGET.fullmatch(raw)
        if match is None:
            self.keep(name, where, number, raw, f"target of {key}: ")
            return
        setattr(self.ws.targets, key, int(match[1]))
        self.counts["targets"] += 1

    def blast_radius(self, raw: str, number: int, name: str, where: int) -> None:
        text = unescape(raw.strip())  # never a cell: " / " separates its two parts
        if not text or text == EMPTY or self.is_placeholder(raw):
            return
        match = _BLAST.fullmatch(text) if len(text) < 200 else None
        if match is None or not (match["customers"] or match["percent"]):
            self.keep(name, where, number, text, "blast radius: ")
            return
        try:
            if match["customers"]:
                self.ws.impact.customers_affected = int(match["customers"].replace(",", ""))
            if match["percent"]:
                self.ws.impact.traffic_percent = float(match["percent"])
        except ValidationError:
            self.keep(name, where, number, text, "blast radius: ")
            return
        self.counts["impact"] += 1

    def revenue(self, raw: str) -> str:
        raw = raw.strip()
        prefix = self.encode(self.currency) + " "
        if raw.startswith(prefix) and len(raw) < 100:
            number = raw[len(prefix) :]
            if _REVENUE_NUMBER.fullmatch(number):
                plain = number.replace(",", "")
                try:
                    if f"{Decimal(plain):,}" == number:
                        return plain
                except InvalidOperation:
                    pass
        text = self.cell(raw)
        return "none" if text.lower() == "none" else text

    def compliance_impact(self, raw: str) -> None:
        raw = raw.strip()
        impact = self.ws.impact
        if self.strict:
            for word, value in (("Yes", True), ("No", False)):
                if raw == word or (
                    raw.startswith(f"{word} — ") and self.fits(raw[len(word) + 3 :])
                ):
                    impact.compliance_affected = value
                    impact.compliance_details = self.cell(raw[len(word) + 3 :], dash_is_empty=False)
                    break
            else:
                impact.compliance_details = self.cell(raw)
        else:
            text = self.cell(raw)
            match = _COMPLIANCE_IMPACT.fullmatch(text)
            if match is not None:
                impact.compliance_affected = match[1].lower() == "yes"
                impact.compliance_details = (match["details"] or "").strip()
            else:
                impact.compliance_details = text
        self.counts["impact"] += impact.compliance_affected is not None or bool(
            impact.compliance_details
        )

    def customer_impact(self, section: _Section) -> None:
        name = section.heading
        for number, line in section.lines:
            stripped = line.strip()
            if not stripped or (not self.strict and self.is_template(stripped)):
                continue
            bullet = _BULLET.match(stripped)
            match = _BOLD_FIELD.match(stripped, bullet.end()) if bullet else None
            key = IMPACT_LABELS.get(_norm(match["name"])) if match else None
            if key is None:
                self.keep(name, section.line, number, stripped)
                continue
            value = self.cell(stripped[match.end() :])
            if value:
                setattr(self.ws.impact, key, value)
                self.counts["impact"] += 1

    def plain_line(self, name: str, where: int, number: int, line: str) -> None:
        stripped = line.strip()
        if stripped in _EMPTY_LINES or (not self.strict and self.is_template(stripped)):
            return
        self.keep(name, where, number, stripped)

    # -- timeline --------------------------------------------------------------------------

    def timeline(self, section: _Section) -> None:
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
        if "(" in header and header.endswith(")"):
            zone_text = header[header.index("(") + 1 : -1]
            zone = zone_for(zone_text)
            if zone is None:
                self.warn(f"unknown timezone “{zone_text}” in the timeline header: read as UTC")
                zone = UTC
            clock.reset(None, zone)
            self.note_zone(zone)
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
            marker, text, evidence = self.event_cell(event_raw)
            marker_raw = marker_raw.strip()
            if marker is None and marker_raw and marker_raw != EMPTY:
                marker = MARKER_PHRASES.get(" ".join(_norm(marker_raw).upper().split())) or (
                    _enum_value(Marker, marker_raw)
                )
                if marker is None:
                    self.keep(name, where, number, marker_raw, "marker: ")
            if not evidence and evidence_raw:
                evidence = self.cell(evidence_raw)
            events.append(
                {
                    "id": self.new_id(),
                    "time": moment,
                    "text": text,
                    "actor": self.cell(actor_raw),
                    "marker": marker,
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
        marker, text, evidence = self.event_cell(line[stamp.end() :])
        return self.add_event(moment, text, "", marker, evidence)

    def read_time(self, raw: str, clock: _Clock) -> datetime | None:
        fast = _FAST_TIME.fullmatch(raw)
        if fast is not None:
            return clock.place_stamp(raw, fast)
        text = unescape(raw.strip()).strip("*").strip()
        if not text or not (text[0].isdigit() or text[0] in "[(") or len(text) > 60:
            return None
        return clock.place(text)

    def event_cell(self, raw: str) -> tuple[Marker | None, str, str]:
        """Marker, text and evidence of an event cell (``**DETECTED** text *(evidence: e)*``)."""
        raw = raw.strip()
        if raw == EMPTY:
            return None, "", ""
        marker = None
        if self.strict:
            if raw.startswith("**"):
                masked = _mask(raw)
                end = masked.find("**", 2)
                phrase = raw[2:end] if end > 0 else ""
                if phrase in MARKER_PHRASES:
                    marker = MARKER_PHRASES[phrase]
                    raw = raw[end + 2 :]
                    raw = raw[1:] if raw.startswith(" ") else raw
        else:
            marker, raw = split_marker_prefix(raw)
            raw = raw.strip()
        evidence = ""
        if raw.endswith(")*"):
            masked = _mask(raw)
            start = masked.rfind("*(evidence: ") if masked.endswith(")*") else -1
            if start == 0 or (start > 0 and masked[start - 1] == " "):
                evidence = self.cell(raw[start + 12 : -2], dash_is_empty=False)
                raw = raw[: max(start - 1, 0)]
        return marker, self.cell(raw, dash_is_empty=False), evidence

    def add_event(
        self, moment: datetime, text: str, actor: str, marker: Marker | None, evidence: str
    ) -> TimelineEvent:
        event = TimelineEvent(
            id=self.new_id(), time=moment, text=text, actor=actor, marker=marker, evidence=evidence
        )
        self.ws.timeline.append(event)
        self.counts["timeline"] += 1
        return event

    # -- 5 whys ----------------------------------------------------------------------------

    def whys(self, section: _Section) -> None:
        name = section.heading
        whys = self.ws.whys
        stack: list[_Why] = []
        statement_open = False
        continued = _Continuations()
        for number, line in section.lines:
            stripped = line.strip()
            if not stripped:
                statement_open = False
                continue
            if stripped in _EMPTY_LINES or (not self.strict and self.is_template(stripped)):
                continue
            field_match = _BOLD_FIELD.match(stripped)
            if field_match is not None and _norm(field_match["name"]) == "root cause statement":
                value = stripped[field_match.end() :]
                continued.apply()
                if value != "*Not written yet.*":
                    whys.root_cause_statement = self.cell(value, dash_is_empty=False)
                statement_open = not self.strict
                continue
            if statement_open:
                continued.add(whys, "root_cause_statement", unescape(stripped))
                continue
            indent = len(line) - len(line.lstrip())
            numbered = _NUMBERED.match(stripped) if indent <= 3 else None
            if numbered is not None:
                stack.clear()
                if not self.why_item(stripped[numbered.end() :]):
                    self.keep(name, section.line, number, stripped)
                continue
            bullet = _BULLET.match(stripped) or _NUMBERED.match(stripped)
            if bullet is None or not self.why_bullet(stripped[bullet.end() :], indent, stack):
                self.keep(name, section.line, number, stripped)
        continued.apply()

    _WHY_STRICT = re.compile(r"\*\*Why did (?P<subject>.*?) happen\?\*\* ")
    _WHY_LENIENT = re.compile(
        r"(?:\*\*)?[ \t]*(?P<question>(?:why|warum)\b[^?]{0,2000}\?)[ \t]*(?:\*\*)?[ \t]*:?[ \t]*",
        re.IGNORECASE,
    )
    _BECAUSE = re.compile(r"(?:also[ \t]+)?(?:because|weil)\b[ \t]*,?[ \t]*", re.IGNORECASE)

    def question(self, content: str) -> tuple[str | None, str] | None:
        """(subject, rest) of ``**Why did S happen?** rest``; subject None without a question."""
        if self.strict:
            masked = _mask(content)
            match = self._WHY_STRICT.match(masked)
            if match is None:
                return None
            return content[match.start("subject") : match.end("subject")], content[match.end() :]
        match = self._WHY_LENIENT.match(content)
        if match is None:
            return None, content
        question = match["question"]
        did = re.fullmatch(r"why did (.*) happen\?", question, re.IGNORECASE | re.DOTALL)
        subject = did[1] if did else question.removesuffix("?")
        return subject, content[match.end() :]

    def answer(self, rest: str, prefix: str = "Because ") -> str | None:
        """The answer of ``Because X.`` as the text whose exported clause is X; None if not one."""
        if self.strict:
            if not (rest.startswith(prefix) and rest.endswith(".")):
                return None
            text = self.cell(rest[len(prefix) : -1], dash_is_empty=False)
        else:
            because = self._BECAUSE.match(rest)
            body = rest[because.end() :] if because else rest
            body = body.strip()
            if not body or self.is_placeholder(body.removesuffix(".")):
                return None
            text = self.cell(body.removesuffix("."), dash_is_empty=False)
        return text + "." if not text or text.endswith(".") else text

    def subject_text(self, subject: str) -> str:
        text = self.cell(subject, dash_is_empty=False)
        return text + "." if not text or text.endswith(".") else text

    def why_item(self, content: str) -> bool:
        """A numbered item: the next answer of the chain (the first one names the symptom)."""
        parsed = self.question(content)
        if parsed is None:
            return False
        subject, rest = parsed
        first = not self.chain
        if (
            first
            and subject is not None
            and not self.ws.whys.symptom
            and (self.strict or not self.is_placeholder(subject))
        ):
            self.ws.whys.symptom = self.subject_text(subject)
        if rest == "*No answer recorded yet.*":
            return first
        answer = self.answer(rest)
        if answer is None:
            return False
        parent = self.chain[-1] if self.chain else None
        node = self.add_why(answer, parent, first_child=True)
        self.chain.append(node)
        return True

    def why_bullet(self, content: str, indent: int, stack: list[_Why]) -> bool:
        """A nested answer: ``Also because X.`` (a sibling) or ``**Why did P happen?** Because X.``."""
        while stack and stack[-1].indent >= indent:
            stack.pop()
        also = None
        if content.startswith("Also because ") or (
            not self.strict and content[:4].lower() == "also"
        ):
            also = self.answer(content, "Also because ")
        if also is not None:
            above = stack[-1].node if stack else (self.chain[-1] if self.chain else None)
            parent = self.parent_of(above)
            answer = also
        else:
            parsed = self.question(content)
            if parsed is None:
                return False
            answer = self.answer(parsed[1])
            if answer is None:
                return False
            parent = stack[-1].node if stack else (self.chain[-1] if self.chain else None)
        stack.append(_Why(self.add_why(answer, parent), indent))
        return True

    def parent_of(self, node: WhyNode | None) -> WhyNode | None:
        if node is None or node.parent is None:
            return None
        return self.why_by_id[node.parent]

    def add_why(self, answer: str, parent: WhyNode | None, *, first_child: bool = False) -> WhyNode:
        node = WhyNode(id=self.new_id(), answer=answer, parent=parent.id if parent else None)
        self.why_by_id[node.id] = node
        siblings = self.why_children.setdefault(node.parent, [])
        if first_child:
            siblings.insert(0, node)
        else:
            siblings.append(node)
        self.counts["whys"] += 1
        return node

    # -- factors, lists, actions, lessons ----------------------------------------------------

    def factors(self, section: _Section) -> None:
        name = section.heading
        for block in _blocks(section.lines):
            if not isinstance(block, _Table):
                self.plain_line(name, section.line, *block)
                continue
            rows = self.table_rows(block, FACTOR_COLUMNS, "factor", name, section.line)
            for number, values in rows:
                category = Category.TECHNICAL
                raw_category = values.get("category", "")
                if raw_category and raw_category != EMPTY:
                    found = _enum_value(Category, unescape(raw_category), _CATEGORY_ALIASES)
                    if found is None:
                        self.keep(name, section.line, number, raw_category, "category: ")
                    else:
                        category = found
                self.ws.factors.append(
                    Factor(
                        id=self.new_id(),
                        factor=self.cell(values.get("factor", "")),
                        category=category,
                        how=self.cell(values.get("how", "")),
                    )
                )
                self.counts["factors"] += 1

    def table_rows(
        self, table: _Table, names: dict[str, str], main: str, name: str, where: int
    ) -> list[tuple[int, dict[str, str]]]:
        """Rows as raw cells by field; unknown columns and cells past the header are kept."""
        if table.header is None:
            for number, _, raw in table.rows:
                self.keep(name, where, number, raw.strip())
            return []
        columns, extra = _columns(table.header, names)
        if main not in columns:
            self.keep(name, where, table.line, " | ".join(table.header), "table header: ")
            for number, _, raw in table.rows:
                self.keep(name, where, number, raw.strip())
            return []
        rows = []
        for number, cells, _ in table.rows:
            values = {key: cells[index] for key, index in columns.items() if index < len(cells)}
            if self.is_placeholder(values.get(main, "")):
                self.placeholders += 1
                continue
            if not any(cell.strip() for cell in cells):
                continue
            for index, header_name in extra.items():
                if index < len(cells) and cells[index] and cells[index] != EMPTY:
                    self.keep(name, where, number, cells[index], f"{header_name}: ")
            for extra_cell in cells[len(table.header) :]:
                if extra_cell:
                    self.keep(name, where, number, extra_cell, "extra cell: ")
            rows.append((number, values))
        return rows

    def notes_list(self, section: _Section, target: list[Note], key: str) -> None:
        name = section.heading
        previous: Note | None = None
        continued = _Continuations()
        for number, line in section.lines:
            stripped = line.strip()
            if not stripped or stripped in _EMPTY_LINES:
                continue
            if not self.strict and self.is_template(stripped):
                previous = None
                continue
            bullet = _BULLET.match(stripped)
            if bullet is None and not self.strict:
                bullet = _NUMBERED.match(stripped)
            if bullet is not None and (self.strict or not line[:1].isspace() or previous is None):
                raw = stripped[bullet.end() :]
                if self.is_placeholder(raw):
                    self.placeholders += 1
                    previous = None
                    continue
                previous = Note(id=self.new_id(), text=self.cell(raw))
                target.append(previous)
                self.counts[key] += 1
            elif previous is not None and not self.strict and line[:1].isspace():
                continued.add(previous, "text", unescape(stripped))
            else:
                self.keep(name, section.line, number, stripped)
        continued.apply()

    def actions(self, section: _Section) -> None:
        name = section.heading
        for block in _blocks(section.lines):
            if not isinstance(block, _Table):
                self.plain_line(name, section.line, *block)
                continue
            first = len(self.ws.actions)
            for number, values in self.table_rows(
                block, ACTION_COLUMNS, "action", name, section.line
            ):
                self.action(number, values, name, section.line)
            added = self.ws.actions[first:]
            if self.strict and added and block.header:
                # A Ticket or Done when column that holds only "—" was written for a typed "—"
                headers = {_norm(cell) for cell in block.header}
                for attribute in ("ticket", "done_when"):
                    column = attribute.replace("_", " ")
                    if column in headers and not any(getattr(a, attribute) for a in added):
                        setattr(added[0], attribute, EMPTY)

    def action(self, number: int, values: dict[str, str], name: str, where: int) -> None:
        status: ActionStatus | None = None
        if not self.strict:
            for key, raw in list(values.items()):
                for token in _DONE_TODO.findall(raw):
                    status = {"done": ActionStatus.DONE, "todo": ActionStatus.OPEN}.get(
                        token.lower(), ActionStatus.IN_PROGRESS
                    )
                    values[key] = _DONE_TODO.sub("", raw).strip()
        fields: dict[str, object] = {"number": self.max_action + 1}
        raw_number = values.get("number", "").strip()
        if raw_number and raw_number != EMPTY:
            match = _NUMBER_CELL.fullmatch(raw_number)
            if match is None:
                self.keep(name, where, number, raw_number, "#: ")
            else:
                fields["number"] = int(match[1])
        for key in ("action", "owner", "ticket", "done_when"):
            fields[key] = self.cell(values.get(key, ""))
        if not self.strict and str(fields["ticket"]).lower() in _NO_TICKET:
            fields["ticket"] = ""
        for key, enum, aliases in _ACTION_ENUMS:
            raw = values.get(key, "").strip()
            if not raw or raw == EMPTY or self.is_placeholder(raw):
                continue
            value = _enum_value(enum, unescape(raw), aliases)
            if value is None:
                self.keep(name, where, number, raw, f"{key}: ")
                if key == "type":
                    fields["type"] = ActionType.OTHER
            else:
                fields[key] = value
        if status is not None and not values.get("status", "").strip():
            fields["status"] = status
        deadline = self.cell(values.get("deadline", ""))
        if deadline:
            parsed = _date(deadline)
            if parsed is None:
                self.keep(name, where, number, deadline, "deadline: ")
            else:
                fields["deadline"] = parsed
        action = Action(id=self.new_id(), **fields)
        self.ws.actions.append(action)
        self.max_action = max(self.max_action, action.number)
        self.counts["actions"] += 1

    def type_definitions(self, section: _Section) -> None:
        names = {name for name, _ in ACTION_TYPE_DEFINITIONS} | {"Other"}
        for number, line in section.lines:
            stripped = line.strip()
            if not stripped:
                continue
            bullet = _BULLET.match(stripped)
            match = _BOLD_FIELD.match(stripped, bullet.end()) if bullet else None
            if match is None or unescape(match["name"]).strip() not in names:
                self.keep(section.heading, section.line, number, stripped)

    def lessons(self, section: _Section) -> None:
        name = section.heading
        for block in _blocks(section.lines):
            if isinstance(block, _Table):
                for number, values in self.table_rows(
                    block, LESSON_COLUMNS, "lesson", name, section.line
                ):
                    lesson = Lesson(
                        id=self.new_id(),
                        lesson=self.cell(values.get("lesson", "")),
                        shared_with=self.cell(values.get("shared_with", "")),
                    )
                    raw = values.get("applicable", "").strip()
                    if raw and raw != EMPTY and not self.is_placeholder(raw):
                        value = _BOOLEANS.get(_norm(raw))
                        if value is None:
                            self.keep(name, section.line, number, raw, "applicable: ")
                        else:
                            lesson.applicable = value
                    self.ws.lessons.append(lesson)
                    self.counts["lessons"] += 1
                continue
            number, line = block
            stripped = line.strip()
            bullet = _BULLET.match(stripped) if not self.strict else None
            if bullet is not None and not self.is_placeholder(stripped[bullet.end() :]):
                self.ws.lessons.append(
                    Lesson(id=self.new_id(), lesson=self.cell(stripped[bullet.end() :]))
                )
                self.counts["lessons"] += 1
            else:
                self.plain_line(name, section.line, number, line)

    # -- compliance ------------------------------------------------------------------------

    def compliance(self, section: _Section) -> None:
        self.saw_compliance = True
        name = section.heading
        items: list[tuple[int, bool, str]] = []
        for number, line in section.lines:
            stripped = line.strip()
            if not stripped or (not self.strict and self.is_template(stripped)):
                continue
            box = _CHECKBOX.match(stripped)
            if box is None:
                self.keep(name, section.line, number, stripped)
            else:
                items.append((number, box[1] in "xX", stripped[box.end() :]))
        notification = max(
            (i for i, (_, _, rest) in enumerate(items) if self.is_notification(rest)), default=-1
        )
        for index, (number, checked, rest) in enumerate(items):
            if index == notification:
                self.notification(checked, rest, number, name, section.line)
            else:
                self.check(checked, rest)

    def is_notification(self, rest: str) -> bool:
        if self.strict:
            return rest.startswith(f"{_NOTIFICATION} (If yes, deadline: ") and rest.endswith(")")
        return rest.lower().startswith(_NOTIFICATION.lower()[:-1])

    def notification(self, checked: bool, rest: str, number: int, name: str, where: int) -> None:
        compliance = self.ws.compliance
        compliance.notification_required = checked
        self.counts["compliance"] += 1
        start = rest.lower().find("deadline:")
        if start < 0:
            if rest.strip().rstrip("?") != _NOTIFICATION.rstrip("?"):
                self.keep(name, where, number, rest, "notification: ")
            return
        raw = rest[start + 9 :].strip().removesuffix(")").strip()
        text = self.cell(raw)
        if not text:
            return
        deadline = _date(text)
        if deadline is None:
            self.keep(name, where, number, text, "notification deadline: ")
        else:
            compliance.notification_deadline = deadline

    def check(self, checked: bool, rest: str) -> None:
        """``label — note``: split at the first `` — `` (the exporter's labels may hold more)."""
        label_raw, note_raw = rest, ""
        masked = _mask(rest)
        index = masked.find(" — ")
        while index >= 0:  # overlapping too: "a — — b" may be "a —" and "b"
            label, note = rest[:index], rest[index + 3 :]
            if not self.strict or (self.fits(label) and self.fits(note)):
                label_raw, note_raw = label, note
                break
            index = masked.find(" — ", index + 1)
        self.add_check(self.cell(label_raw), checked, self.cell(note_raw, dash_is_empty=False))

    def add_check(self, label: str, checked: bool, note: str) -> None:
        self.ws.compliance.checks.append(
            ComplianceCheck(
                id=self.new_id(),
                label=label,
                checked=checked,
                note=note,
                regulation=_regulation(label),
            )
        )
        self.counts["compliance"] += 1

    # -- the end ---------------------------------------------------------------------------

    def finish(self) -> None:
        ws = self.ws
        self.apply_fields()
        self.assemble_whys()
        metrics = compute_metrics(ws.timeline, ws.targets)
        if self.duration is not None:
            number, text, name = self.duration
            if metrics.duration:
                if text != metrics.duration:
                    self.warn(
                        f"line {number}: Duration {text} differs from the markers' "
                        f"{metrics.duration}; the markers win"
                    )
            else:
                try:
                    ws.metadata.duration = text
                except ValidationError:
                    self.keep(name, 0, number, text, "duration (not HH:MM): ")
        by_key = {metric.key: metric for metric in metrics.all}
        for number, key, value in self.metric_values:
            metric = by_key[key]
            written = self.cell(value)
            if written and written != metric.display and not self.is_placeholder(value):
                self.warn(
                    f"line {number}: {metric.name} says {written}, the imported timeline "
                    f"gives {metric.display}{' (' + metric.explanation + ')' if metric.explanation else ''}"
                )
        if not self.saw_compliance and not self.strict:
            ws.compliance.checks = [
                ComplianceCheck(id=self.new_id(), label=label)
                for label in GENERIC_COMPLIANCE_CHECKS
            ]
            self.warn("no compliance checklist in the document: added the seed's generic checks")
        if self.placeholders:
            self.warn(f"skipped {_plural(self.placeholders, 'unfilled template placeholder')}")
        self.assemble_notes()
        self.unmapped.sort(key=lambda item: item[0])
        self.report.unmapped = [text for _, text in self.unmapped]
        order = (
            "metadata",
            "impact",
            "targets",
            "summary",
            "timeline",
            "whys",
            "factors",
            "went well",
            "went poorly",
            "lucky",
            "actions",
            "lessons",
            "compliance",
            "notes",
        )
        self.counts["notes"] = len(ws.notes.splitlines())
        self.report.counts = {key: self.counts[key] for key in order}

    def apply_fields(self) -> None:
        """The SRE template's fields (preamble or sections), where the seed sections left room."""
        ws = self.ws
        fields = {
            name: (number, "\n".join(lines), section)
            for name, (number, lines, section) in self.fields.items()
        }
        for key, meta_key in (
            ("date", "incident_date"),
            ("incident date", "incident_date"),
            ("authors", "authors"),
            ("author", "authors"),
            ("status", "status"),
            ("severity", "severity"),
            ("duration", "duration"),
            ("services", "services"),
            ("tags", "tags"),
        ):
            if key in fields:
                number, text, section = fields.pop(key)
                self.meta_field(meta_key, text, number, section, 0)
        summary = self.field_text(fields.pop("summary", None))
        if summary:
            meta = ws.metadata
            if not meta.executive_summary:
                meta.executive_summary = summary
                self.counts["summary"] += 1
            else:
                self.notes.append(f"Summary: {summary}")
        for key in LABELLED_FIELDS:
            text = self.field_text(fields.pop(key, None))
            if text:
                label = key.capitalize()
                previous = ws.metadata.executive_summary
                ws.metadata.executive_summary = (
                    f"{previous}\n\n{label}: {text}" if previous else f"{label}: {text}"
                )
        impact = self.field_text(fields.pop("impact", None))
        if impact:
            if not ws.impact.affected_functionality:
                ws.impact.affected_functionality = impact
                self.counts["impact"] += 1
            else:
                self.notes.append(f"Impact: {impact}")
        root_causes = self.field_text(
            fields.pop("root causes", None) or fields.pop("root cause", None)
        )
        if root_causes:
            if not ws.whys.root_cause_statement:
                ws.whys.root_cause_statement = root_causes
            else:
                self.notes.append(f"Root causes: {root_causes}")
        trigger = self.field_text(fields.pop("trigger", None))
        if trigger:
            if not self.why_children:
                if not ws.whys.symptom:
                    ws.whys.symptom = _first_sentence(summary) or ws.metadata.title
                self.add_why(trigger.rstrip("."), None)
            else:
                self.notes.append(f"Trigger: {trigger}")
        for name, (number, text, section) in fields.items():
            self.keep(section, 0, number, unescape(text), f"{name}: ")

    def field_text(self, field_value: tuple[int, str, str] | None) -> str:
        if field_value is None:
            return ""
        number, text, _ = field_value
        return self.paragraphs([(number, line) for line in text.split("\n")])

    def assemble_whys(self) -> None:
        whys = self.ws.whys
        nodes: list[WhyNode] = []
        pending = list(reversed(self.why_children.get(None, [])))
        while pending:
            node = pending.pop()
            nodes.append(node)
            pending += reversed(self.why_children.get(node.id, []))
        whys.nodes = nodes
        if self.chain:
            last = self.chain[-1]
            if whys.root_cause_statement.strip() or self.why_children.get(last.id):
                whys.root_cause = last.id
            if whys.symptom == "the incident":
                whys.symptom = ""

    def assemble_notes(self) -> None:
        blocks = list(self.notes)
        for (_, section), lines in sorted(self.kept.items(), key=lambda item: item[0][0]):
            if lines:
                blocks.append("\n".join([f"Not mapped on import, from “{section}”:", *lines]))
        self.ws.notes = "\n\n".join(blocks)


@cache
def _timeline_events() -> TypeAdapter[list[TimelineEvent]]:
    return TypeAdapter(list[TimelineEvent])


def _first_sentence(text: str) -> str:
    if not text:
        return ""
    first = re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0].split("\n")[0]
    return first.strip().rstrip(".")


def _regulation(label: str) -> str:
    """The framework of a ``<Framework> (<full name>) requirements verified …`` check, else ""."""
    index = label.find(" requirements verified")
    if index <= 0:
        return ""
    name = label[:index].strip()
    if name.endswith(")") and " (" in name:
        name = name[: name.index(" (")].strip()
    return name if name and len(name) <= 60 and "\n" not in name else ""


class _Ids:
    """Item ids as `model.new_id` makes them (12 hex digits), drawn from the OS in bulk.

    One `uuid.uuid4` per item is the largest single cost of importing a very large document.
    """

    def __init__(self) -> None:
        self.pool = ""
        self.next = 0

    def __call__(self) -> str:
        if self.next >= len(self.pool):
            self.pool, self.next = os.urandom(6 * 4096).hex(), 0
        self.next += 12
        return self.pool[self.next - 12 : self.next]


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
