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
    front_matter: list[tuple[int, str]] = field(default_factory=list)
    """The lines between a YAML front matter's ``---`` lines."""


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


_HTML_TAG = re.compile(r"</?[A-Za-z][^<>]{0,200}>")
_FOOTNOTE_LINK = re.compile(r"\[\^?[0-9]{1,4}\]\(#[^)]*\)|\[\^[0-9]{1,4}\]")
_NUMBERING = re.compile(r"(?:[0-9]{1,2}(?:\.[0-9]{1,2})*[.)]?|[IVX]{1,4}\.)[ \t]+")
_GLUED_NUMBER = re.compile(r"(?<=[a-z?])[0-9]{1,4}$")
_PARENTHESIS = re.compile(r"(?P<name>.*?)[ \t]*\((?P<rest>[^()]*)\)$")
_NAME_AND_TEXT = re.compile(
    r"(?P<name>[^:]{1,60}?)[ \t]*:(?P<glued>[0-9]{1,4}(?=[ \t]|$))?[ \t]*(?P<rest>.*)"
)
_WHOLLY_BOLD = re.compile(r"(?:\*\*|__)(?P<name>[^*_]{1,60}?)(?:\*\*|__)[ \t]*[:?]?[ \t]*$")
_FAMILIES = {"executive_summary": "summary", "field:summary": "summary"}
"""Section keys that read the same part of the workspace: a bold line naming one within another
is text, not a heading."""
_GENERIC_TITLES = frozenset(
    {"example postmortem", "postmortem", "post-mortem", "post mortem", "incident report",
     "postmortem report", "post-mortem report", "incident postmortem", "example post-mortem"}
)  # fmt: skip


def _clean_heading(text: str, *, numbering: bool = True) -> str:
    """A heading without HTML tags, footnote links, symbols (emoji …) and (unless `numbering` is
    false) leading numbering."""
    if "<" in text:
        text = _HTML_TAG.sub("", text)
    if "[" in text:
        text = _FOOTNOTE_LINK.sub("", text)
    text = text.strip()
    while text and not (text[0].isalnum() or text[0] in "*_"):
        text = text[1:].lstrip()
    if numbering and (numbered := _NUMBERING.match(text)):
        text = text[numbered.end() :]
    return text.strip()


def section_name(heading: str) -> tuple[str | None, str, str]:
    """(section key or None, normalised name, text that the heading carries after the name).

    Reads ``Timeline``, ``⏰ Timeline:``, ``5. Action Items``, ``Timeline (PST)`` (the
    parenthesis is carried text), ``Impact:163 Estimated …`` (a footnote number glued on, then
    text), ``Timeline167``, ``<div align="center">Timeline</div>``.
    """
    norm = _norm(heading)
    key = SECTION_KEYS.get(norm)
    if key is not None or len(heading) > 300:
        return key, norm, ""
    clean = _clean_heading(heading)
    norm = _norm(clean)
    if (key := SECTION_KEYS.get(norm)) is not None:
        return key, norm, ""
    if (glued := _GLUED_NUMBER.search(norm)) and (key := SECTION_KEYS.get(norm[: glued.start()])):
        return key, norm[: glued.start()], ""
    if (parenthesis := _PARENTHESIS.fullmatch(clean)) and (
        key := SECTION_KEYS.get(_norm(parenthesis["name"]))
    ):
        return key, _norm(parenthesis["name"]), f"({parenthesis['rest']})"
    if (named := _NAME_AND_TEXT.fullmatch(clean)) and (
        key := SECTION_KEYS.get(_norm(named["name"]))
    ):
        return key, _norm(named["name"]), named["rest"].strip()
    return None, norm, ""


def _front_matter(lines: list[str]) -> int:
    """How many lines a YAML front matter block (``---`` … ``---``) at the top takes, or 0."""
    if not lines or lines[0].strip() != "---":
        return 0
    for index in range(1, min(len(lines), 200)):
        if lines[index].strip() in ("---", "..."):
            return index + 1
    return 0


def _fenced_document(lines: list[str]) -> bool:
    """Whether the only headings are inside a fenced block (a document pasted from a chat)."""
    fence = False
    inside = False
    for line in lines:
        stripped = line.lstrip()
        if stripped.startswith(("```", "~~~")):
            fence = not fence
        elif stripped.startswith("#") and _heading(stripped) is not None:
            if not fence:
                return False
            inside = True
    return inside


def _split_document(text: str) -> _Document:
    title: tuple[int, str] | None = None
    preamble: list[tuple[int, str]] = []
    sections: list[_Section] = []
    current = preamble  # where the next line goes
    parent: _Section | None = None  # the known section that unknown sub-headings belong to
    fence = False
    lines = text.split("\n")
    if "\r" in text:
        lines = [line.removesuffix("\r") for line in lines]
    front = _front_matter(lines)
    front_lines = [(number, lines[number - 1]) for number in range(2, front)]
    unfenced = _fenced_document(lines)
    for number, line in enumerate(lines, start=1):
        if number <= front:
            continue
        stripped = line.lstrip()
        if stripped.startswith(("```", "~~~")):
            if unfenced:  # the fence around a pasted document: kept with the lines before it
                preamble.append((number, line))
                continue
            fence = not fence
        elif not fence and stripped.startswith("#") and len(line) - len(stripped) <= 3:
            heading = _heading(stripped)
            if heading is not None:
                level, heading_text = heading
                key, norm, carried = section_name(heading_text)
                if title is None and not sections and level == 1 and (key is None or carried):
                    title = (number, heading_text)
                elif key is None and parent is not None and level > parent.level:
                    parent.lines.append((number, line))  # a sub-heading within a section
                elif (
                    key is None
                    and not sections
                    and title is not None
                    and _norm(title[1]) in _GENERIC_TITLES
                    and not any(text.strip() for _, text in preamble)
                ):
                    preamble.append((title[0], lines[title[0] - 1]))  # "# Example Postmortem"
                    title = (number, heading_text)
                else:
                    sections.append(_Section(level, heading_text, norm, key, number))
                    current = sections[-1].lines
                    parent = sections[-1] if key is not None else None
                    if carried:
                        current.append((number, carried))
                continue
        elif not fence and sections and stripped[:2] in ("**", "__"):
            pseudo = _pseudo_heading(stripped)
            enclosing = parent or sections[-1]
            if pseudo is not None and _family(SECTION_KEYS[pseudo[0]]) != _family(enclosing.key):
                norm, carried = pseudo
                level = (parent or sections[-1]).level + 1
                sections.append(_Section(level, stripped.strip(), norm, SECTION_KEYS[norm], number))
                current = sections[-1].lines
                if carried:
                    current.append((number, carried))
                continue
        current.append((number, line))
    return _Document(title, preamble, sections, _preamble_fields(preamble), front_lines)


def _family(key: str | None) -> str | None:
    return _FAMILIES.get(key, key) if key else key


def _pseudo_heading(stripped: str) -> tuple[str, str] | None:
    """(section name, carried text) of a bold line that names a section (``**What went well?**``,
    ``**Detection**: text``), else None."""
    bold = _WHOLLY_BOLD.fullmatch(stripped.rstrip())
    if bold is not None:
        norm = _norm(bold["name"].rstrip(":?").strip())
        return (norm, "") if norm in SECTION_KEYS else None
    field_match = _BOLD_FIELD.match(stripped)
    if field_match is not None:
        norm = _norm(field_match["name"])
        if SECTION_KEYS.get(norm, "").startswith("field:"):
            return norm, stripped[field_match.end() :].strip()
    return None


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


# --- lists and paragraphs ---------------------------------------------------------------------


@dataclass
class _Item:
    """A list item with its continuation lines and nested items (on lines of their own)."""

    line: int
    parts: list[str]
    """The text in pieces (joined once: a long item would be copied for every line)."""
    indent: int
    checked: bool | None = None

    @property
    def text(self) -> str:
        return "".join(self.parts)


@dataclass
class _Paragraph:
    """Consecutive lines that are neither list items, tables nor headings."""

    line: int
    lines: list[str]


_ITEM_START = re.compile(r"(?P<indent>[ \t]*)(?:[-*+•]|[0-9]{1,9}[.)])[ \t]+(?P<rest>.*)")
_ITEM_BOX = re.compile(r"\[(?P<mark>[ xX✓✔-])\][ \t]*")


def _text_blocks(
    lines: list[tuple[int, str]],
) -> Iterator[_Table | _Item | _Paragraph | tuple[int, str]]:
    """Tables, list items, paragraphs and (as line tuples) headings, in order.

    An item goes on over indented lines, over unindented lines right after it (lazy
    continuation) and over nested items, which start lines of their own in its text; fenced
    code belongs to the item or paragraph it is in.
    """
    item: _Item | None = None
    paragraph: _Paragraph | None = None
    blank = False
    fence = False
    table_run: list[tuple[int, str]] = []

    def flush_table() -> Iterator[_Table | tuple[int, str]]:
        if table_run:
            yield from _blocks(table_run)
            table_run.clear()

    for number, line in lines:
        stripped = line.strip()
        if fence:
            if item is not None:
                item.parts.append("\n" + stripped)
            elif paragraph is not None:
                paragraph.lines.append(stripped)
            fence = not stripped.startswith(("```", "~~~"))
            continue
        if stripped.startswith("|"):
            if item is not None:
                yield item
            if paragraph is not None:
                yield paragraph
            item = paragraph = None
            table_run.append((number, line))
            continue
        yield from flush_table()
        if not stripped:
            blank = True
            if paragraph is not None:
                yield paragraph
                paragraph = None
            continue
        indent = len(line) - len(line.lstrip())
        if stripped.startswith(("```", "~~~")):
            fence = True
            if item is not None and (indent > item.indent or not blank):
                item.parts.append("\n" + stripped)
            else:
                if item is not None:
                    yield item
                    item = None
                if paragraph is None:
                    paragraph = _Paragraph(number, [])
                paragraph.lines.append(stripped)
            blank = False
            continue
        if stripped.startswith("#") and _heading(stripped) is not None:
            for pending in (item, paragraph):
                if pending is not None:
                    yield pending
            item = paragraph = None
            yield number, line
            blank = False
            continue
        start = _ITEM_START.fullmatch(line)
        if start is not None and item is not None and indent > item.indent + 1:
            item.parts.append("\n" + stripped)  # a nested item
        elif start is not None:
            for pending in (item, paragraph):
                if pending is not None:
                    yield pending
            paragraph = None
            rest = start["rest"]
            checked = None
            if box := _ITEM_BOX.match(rest):
                checked = box["mark"] in "xX✓✔"
                rest = rest[box.end() :]
            item = _Item(number, [rest.strip()], indent, checked)
        elif item is not None and (indent > item.indent or not blank):
            item.parts.append(
                ("\n" if indent > item.indent else " ") + stripped
            )  # indented: a line
        else:
            if item is not None:
                yield item
                item = None
            if paragraph is None:
                paragraph = _Paragraph(number, [])
            paragraph.lines.append(stripped)
        blank = False
    yield from flush_table()
    for pending in (item, paragraph):
        if pending is not None:
            yield pending
