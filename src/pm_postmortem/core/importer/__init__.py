"""Markdown into a workspace: this project's own export, seed-format documents, the Google SRE
template, and post-mortems teams wrote by hand in any of their shapes.

One parser reads them all; the format decides only how literally it reads. The package:

- `blocks` — the block reader: front matter, title, preamble and sections (a heading's name is
  read through decoration, HTML, numbering, glued footnote numbers and carried text; unknown
  sub-headings stay in their section; bold lines that name a section start one), tables, list
  items with their continuation lines, paragraphs.
- `cells` and `times` — cell readers (escaping, enums, dates) and time readers (zones by name,
  abbreviation with its daylight-saving meaning on the date, or offset; stamps as people write
  them; zone statements; the clock that dates bare times and rolls them over midnight).
- `detect` and `aliases` — the formats, and every name a section, column or label goes by.
- one reader per section: `metadata`, `timeline`, `whys`, `items` (factors, went well/poorly,
  lucky, actions, lessons), `compliance`; `reader` runs them and assembles the rest.
- `report` — what an import did: counts, zones applied, every unmapped line, warnings.

Written by hand (not this project's export), a document is read as people write: lists are
actions, factors, lessons and notes (``- [x]``, ``~~struck~~`` and ``(DONE)`` are done);
paragraphs are lessons; a table is read by its columns wherever it stands; the date comes
from a date section or field, the front matter, a dated title (which gives way to the
timeline's first written date) or the first event; timeline stamps are read in lines, headings
and cells, each event going on over the paragraphs below it, in the zone the timeline states
(the report names it, and warns when none is stated); why chains written as questions and
answers keep wrapped answers whole and separate chains as separate branches.

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
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pm_postmortem.core.importer.aliases import SECTION_KEYS
from pm_postmortem.core.importer.blocks import _refuse_oversized, _split_document
from pm_postmortem.core.importer.cells import _looks_like_notion, unescape
from pm_postmortem.core.importer.detect import _detect_format
from pm_postmortem.core.importer.reader import DocumentReader
from pm_postmortem.core.importer.report import (
    FORMATS,
    MAX_CELLS,
    MAX_ITEMS,
    MAX_LINES,
    MAX_TABLE_CELLS,
    VARIANTS,
    ImportReport,
    MarkdownImportError,
)
from pm_postmortem.core.importer.times import ZONE_ABBREVIATIONS, zone_for
from pm_postmortem.core.model import Workspace

__all__ = [
    "FORMATS",
    "MAX_CELLS",
    "MAX_ITEMS",
    "MAX_LINES",
    "MAX_TABLE_CELLS",
    "SECTION_KEYS",
    "VARIANTS",
    "ZONE_ABBREVIATIONS",
    "ImportReport",
    "MarkdownImportError",
    "import_markdown",
    "import_markdown_file",
    "read_markdown_file",
    "unescape",
    "zone_for",
]


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
        importer = DocumentReader(fmt, variant, currency, source)
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
