"""The block reader: a document as title, preamble and sections; tables in a section."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from pm_postmortem.core.importer.aliases import SECTION_KEYS
from pm_postmortem.core.importer.cells import _norm, unescape
from pm_postmortem.core.importer.report import (
    MAX_CELLS,
    MAX_ITEMS,
    MAX_LINES,
    MAX_TABLE_CELLS,
    MarkdownImportError,
)

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


_BOLD_FIELD = re.compile(
    r"\*\*(?P<name>[A-Za-z][A-Za-z /()#-]{0,40}?)[ \t]*(?::[ \t]*\*\*|\*\*[ \t]*:)[ \t]*"
)


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
