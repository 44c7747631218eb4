"""F6 Review: contributing factors, what went well / poorly / lucky, lessons and compliance."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll

from pm_postmortem.core.editing import Change
from pm_postmortem.tui.fields import (
    COMPLIANCE_FIELDS,
    FACTOR_FIELDS,
    LESSON_FIELDS,
    NOTE_FIELDS,
    NOTIFICATION_FIELDS,
)
from pm_postmortem.tui.focus import focus_now
from pm_postmortem.tui.widgets.item_table import Column, ItemTable
from pm_postmortem.tui.widgets.pane import Pane
from pm_postmortem.tui.widgets.section_table import SectionTable


def _yes_no(value: bool) -> str:
    return "Yes" if value else "No"


class ComplianceTable(ItemTable):
    """The checklist: space ticks or unticks the selected check."""

    BINDINGS = [Binding("space,x", "tick", "Tick", id="compliance.toggle")]

    def action_tick(self) -> None:
        item_id = self.selected_id
        if item_id is None:
            return
        check = self.editor.find(self.collection, item_id)
        label = "Untick" if check.checked else "Tick"
        self.editor.update(self.collection, item_id, label=f"{label} compliance check", checked=not check.checked)


def note_table(title: str, collection: str) -> ItemTable:
    return ItemTable(
        title,
        collection,
        [Column(title, lambda note: note.text)],
        NOTE_FIELDS,
        item_name=f"entry in “{title}”",
        id=f"review-{collection.replace('_', '-')}",
        classes="note-table",
        show_header=False,
    )


class ReviewPane(Pane, VerticalScroll, can_focus=False):
    """Everything the room reviews after the timeline and the whys."""

    def compose(self) -> ComposeResult:
        yield ItemTable(
            "Contributing Factors",
            "factors",
            [
                Column("Factor", lambda factor: factor.factor, 30),
                Column("Category", lambda factor: factor.category.value, 14),
                Column("How It Contributed", lambda factor: factor.how, fill=True),
            ],
            FACTOR_FIELDS,
            item_name="contributing factor",
            id="review-factors",
        )
        with Horizontal(id="review-notes"):
            yield note_table("What Went Well", "went_well")
            yield note_table("What Went Poorly", "went_poorly")
            yield note_table("Where We Got Lucky", "lucky")
        yield ItemTable(
            "Lessons Learned",
            "lessons",
            [
                Column("Lesson", lambda lesson: lesson.lesson, fill=True),
                Column("Applies beyond?", lambda lesson: _yes_no(lesson.applicable), 15),
                Column("Shared With", lambda lesson: lesson.shared_with, 20),
            ],
            LESSON_FIELDS,
            item_name="lesson",
            id="review-lessons",
        )
        yield ComplianceTable(
            "Compliance Check (space ticks)",
            "compliance",
            [
                Column("", lambda check: "[x]" if check.checked else "[ ]", 3),
                Column("Check", lambda check: check.label, fill=True),
                Column("Note", lambda check: check.note, 30),
            ],
            COMPLIANCE_FIELDS,
            item_name="compliance check",
            id="review-compliance",
        )
        yield SectionTable(
            "Regulatory notification", "compliance", NOTIFICATION_FIELDS, id="review-notification"
        )

    def select_item(self, collection: str, item_id: str) -> None:
        for table in self.query(ItemTable):
            if table.collection == collection:
                table.select(item_id)
                focus_now(table)
                table.scroll_visible()

    def refresh_from(self, changes: list[Change]) -> None:
        for table in self.query(ItemTable):
            table.refresh_from(changes)
        self.query_one(SectionTable).refresh_from(changes)
