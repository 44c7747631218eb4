"""What every section reader shares: the workspace being built, the report, cells and paragraphs."""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from pydantic import TypeAdapter

from pm_postmortem.core.export import EMPTY, escape_cell
from pm_postmortem.core.importer.cells import (
    _BR_LENIENT,
    _EMPTY_LINES,
    _LIST_ITEM,
    _PLACEHOLDER,
    _PROSE_INITIALS,
    _TEMPLATE_PROSE,
    _norm,
    _split_unescaped,
    unescape,
)
from pm_postmortem.core.importer.report import REPORT_LENGTH, ImportReport
from pm_postmortem.core.model import (
    TimelineEvent,
    WhyNode,
    Workspace,
)

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


class SectionReader:
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
        self.first_written_day: date | None = None
        self.why_questions: list[str] = []
        """5 Whys questions written out that the chain does not imply, for the notes."""
        """The first date the timeline writes (a date line, heading, stamp or cell)."""
        self.title_date: date | None = None
        self.why_by_id: dict[str, WhyNode] = {}
        self.max_action = 0
        self.new_id = _Ids()

    # -- reporting ---------------------------------------------------------------------

    def keep(self, section: str, where: int, number: int, text: str, what: str = "") -> None:
        """Report `text` (a line or cell) as unmapped and keep it for the notes."""
        shown = " ↵ ".join(text.split("\n")) if "\n" in text else text
        shown = shown if len(shown) <= REPORT_LENGTH else shown[: REPORT_LENGTH - 1] + "…"
        self.unmapped.append((number, f"line {number} ({section}): {what}{shown}"))
        self.kept.setdefault((where, section), []).append(f"line {number}: {what}{text}")

    def plain_line(self, name: str, where: int, number: int, line: str) -> None:
        """Keep a line of running text, unless it is empty or template filler."""
        stripped = line.strip()
        if stripped in _EMPTY_LINES or (not self.strict and self.is_template(stripped)):
            return
        self.keep(name, where, number, stripped)

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


_NO_NODE = WhyNode(id="none", answer="no answer yet")
"""What `why_item` gives for a question written without an answer: mapped, adding no node."""
