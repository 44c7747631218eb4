"""Readers of the item sections: factors, went well/poorly/lucky, actions, lessons."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from pm_postmortem.core.export import ACTION_TYPE_DEFINITIONS, EMPTY
from pm_postmortem.core.importer.aliases import ACTION_COLUMNS, FACTOR_COLUMNS, LESSON_COLUMNS
from pm_postmortem.core.importer.base import SectionReader, _Continuations
from pm_postmortem.core.importer.blocks import (
    _BOLD_FIELD,
    _blocks,
    _columns,
    _Item,
    _Paragraph,
    _Section,
    _Table,
    _text_blocks,
)
from pm_postmortem.core.importer.cells import (
    _ACTION_ENUMS,
    _BOOLEANS,
    _BULLET,
    _CATEGORY_ALIASES,
    _DONE_TODO,
    _EMPTY_LINES,
    _NO_TICKET,
    _NUMBER_CELL,
    _NUMBERED,
    _date,
    _enum_value,
    _norm,
    unescape,
)
from pm_postmortem.core.model import (
    Action,
    ActionStatus,
    ActionType,
    Category,
    Factor,
    Lesson,
    Note,
)

_STRUCK = re.compile(r"~~(?P<text>.+)~~[ \t]*", re.DOTALL)
_DONE_MARK = re.compile(
    r"[ \t]*(?:(?:[(\[]|\*\*)(?P<word>(?i:done|todo|fixed|completed))(?:[)\]]|\*\*)"
    r"|(?<![\w*])(?P<upper>DONE|TODO|FIXED|COMPLETED))[ \t.]*$"
)
"""A status mark at the end of an item: ``(DONE)``, ``[done]``, ``**TODO**``, a bare ``DONE``."""

_DONE_TODO_WORD = re.compile(r"(?<![\w*])(DONE|TODO)[ \t]*$")
"""``n/a DONE``: the SRE template's status mark written without its bold, at the end of a cell."""


class ItemReader(SectionReader):
    # -- lists as written by hand ------------------------------------------------------

    def item_blocks(
        self,
        section: _Section,
        on_table: Callable[[_Table], None],
        on_item: Callable[[int, str, bool | None], None],
        paragraphs: str = "",
    ) -> None:
        """Read a section of list items and tables; ``paragraphs`` says what else is an item:
        ``"paragraph"`` (each paragraph), ``"line"`` (each line, when there is no list) or ``""``
        (nothing: paragraphs are kept in the notes)."""
        name, where = section.heading, section.line
        blocks = list(_text_blocks(section.lines))
        listed = any(isinstance(block, _Item | _Table) for block in blocks)
        for block in blocks:
            if isinstance(block, _Table):
                on_table(block)
            elif isinstance(block, _Item):
                text, done = self.item_text(block)
                if text:
                    on_item(block.line, text, done)
            elif isinstance(block, _Paragraph):
                lines = [line for line in block.lines if not self.is_template(line)]
                if paragraphs == "paragraph" and lines:
                    on_item(block.line, self.cell(" ".join(lines)), None)
                elif paragraphs == "line" and not listed:
                    for offset, line in enumerate(lines):
                        on_item(block.line + offset, self.cell(line), None)
                else:
                    for offset, line in enumerate(block.lines):
                        self.plain_line(name, where, block.line + offset, line)
            else:
                self.plain_line(name, where, *block)

    def item_text(self, item: _Item) -> tuple[str, bool | None]:
        """The text of a list item and whether it is done (``[x]``, ``~~struck~~``, ``(DONE)``)."""
        text, done = item.text, item.checked
        if struck := _STRUCK.fullmatch(text):
            text, done = struck["text"], True
        if mark := _DONE_MARK.search(text, max(0, len(text) - 20)):  # the end only: fast
            done = (mark["word"] or mark["upper"]).lower() != "todo"
            text = text[: mark.start()]
        if text.startswith(("**", "__")):
            text = text.replace(text[:2], "", 2)
        if self.is_placeholder(text.strip()):
            self.placeholders += 1
            return "", None
        return self.cell(text, dash_is_empty=False), done

    # -- the sections ------------------------------------------------------------------

    def factors(self, section: _Section) -> None:
        name = section.heading
        if not self.strict:

            def factor(number: int, text: str, done: bool | None) -> None:
                self.ws.factors.append(Factor(id=self.new_id(), factor=text))
                self.counts["factors"] += 1

            self.item_blocks(section, lambda table: self.factor_table(table, section), factor)
            return
        for block in _blocks(section.lines):
            if not isinstance(block, _Table):
                self.plain_line(name, section.line, *block)
                continue
            self.factor_table(block, section)

    def factor_table(self, block: _Table, section: _Section) -> None:
        name = section.heading
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
        if not self.strict:

            def note(number: int, text: str, done: bool | None) -> None:
                target.append(Note(id=self.new_id(), text=text))
                self.counts[key] += 1

            def table(block: _Table) -> None:
                for number, _, raw in block.rows:
                    self.keep(name, section.line, number, raw.strip())

            self.item_blocks(section, table, note, "line")
            return
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
        if not self.strict:

            def action(number: int, text: str, done: bool | None) -> None:
                values = {"action": text}
                if done is not None:
                    values["status"] = (ActionStatus.DONE if done else ActionStatus.OPEN).value
                self.action(number, values, name, section.line)

            self.item_blocks(section, lambda table: self.action_table(table, section), action)
            return
        for block in _blocks(section.lines):
            if not isinstance(block, _Table):
                self.plain_line(name, section.line, *block)
                continue
            self.action_table(block, section)

    def action_table(self, block: _Table, section: _Section) -> None:
        name = section.heading
        first = len(self.ws.actions)
        for number, values in self.table_rows(block, ACTION_COLUMNS, "action", name, section.line):
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
                for marks in (_DONE_TODO, _DONE_TODO_WORD):
                    for token in marks.findall(raw):
                        status = {"done": ActionStatus.DONE, "todo": ActionStatus.OPEN}.get(
                            token.lower(), ActionStatus.IN_PROGRESS
                        )
                        raw = values[key] = marks.sub("", raw).strip()
        fields: dict[str, Any] = {"number": self.max_action + 1}
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
        if not self.strict:

            def lesson(number: int, text: str, done: bool | None) -> None:
                self.ws.lessons.append(Lesson(id=self.new_id(), lesson=text))
                self.counts["lessons"] += 1

            self.item_blocks(
                section, lambda table: self.lesson_table(table, section), lesson, "paragraph"
            )
            return
        for block in _blocks(section.lines):
            if isinstance(block, _Table):
                self.lesson_table(block, section)
                continue
            number, line = block
            self.plain_line(name, section.line, number, line)

    def lesson_table(self, block: _Table, section: _Section) -> None:
        name = section.heading
        for number, values in self.table_rows(block, LESSON_COLUMNS, "lesson", name, section.line):
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
