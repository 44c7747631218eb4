"""The facilitator's inbox: suggestions from followers, each accepted, edited and accepted, or dismissed."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from pm_postmortem.core.coach import FieldKind, check_text, people_in
from pm_postmortem.core.editing import EditError
from pm_postmortem.core.findings import ITEM_TEXT_FIELDS, Finding
from pm_postmortem.core.inbox import (
    InboxError,
    Kind,
    Status,
    Suggestion,
    accept,
    describe_item,
    set_status,
)
from pm_postmortem.tui.coach import coach_paths, findings_content
from pm_postmortem.tui.fields import FieldSpec
from pm_postmortem.tui.focus import focus_now
from pm_postmortem.tui.host import host_app
from pm_postmortem.tui.screens.edit_form import EditForm
from pm_postmortem.tui.session import Session
from pm_postmortem.tui.styles import style_sheet
from pm_postmortem.tui.text import cell, one_line

EDITED_FIELD = {
    Kind.EVENT: ("timeline", "text", "Event: time, actor: text, !marker"),
    Kind.WHY: ("whys", "answer", "Answer (because …)"),
    Kind.ACTION: ("actions", "action", "Corrective action"),
    Kind.COMMENT: ("", "text", "Comment (goes to the notes)"),
}
"""Per kind: the collection whose coach reads it, the form field's name and label."""


class InboxScreen(ModalScreen[None]):
    """Pending suggestions, oldest first; decisions are appended to the inbox, never deleted."""

    CSS_PATH = style_sheet("room")

    BINDINGS = [
        Binding("a", "accept", "Accept", id="inbox.accept"),
        Binding("e", "edit", "Edit, then accept", id="inbox.edit"),
        Binding("x,d", "dismiss_suggestion", "Dismiss", id="inbox.dismiss"),
        Binding("escape,f9", "close", "Close", id="inbox.close"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        with Vertical(id="inbox"):
            yield DataTable(cursor_type="row", zebra_stripes=True, id="inbox-table")
            yield Static("", id="inbox-detail")
            yield Static(
                Content("enter or a accept · e edit, then accept · x dismiss · escape close · undo takes an accept back"),
                id="inbox-keys",
            )

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for label, width in (("Time", 5), ("From", 14), ("Kind", 17), ("Suggestion", 60)):
            table.add_column(label, width=width)
        self.refill()
        self.set_interval(1, self._catch_up)
        focus_now(table)

    @property
    def pending(self) -> list[Suggestion]:
        return self.session.room.contents.pending if self.session.room is not None else []

    def refill(self) -> None:
        table = self.query_one(DataTable)
        selected = self.selected
        table.clear()
        zone = ZoneInfo(self.session.editor.workspace.display_tz)
        for suggestion in self.pending:
            table.add_row(
                cell(suggestion.time.astimezone(zone).strftime("%H:%M")),
                cell(suggestion.author),
                cell(suggestion.kind.label),
                cell(suggestion.text),
                key=suggestion.id,
            )
        count = table.row_count
        table.border_title = f"Suggestions from the room · {count} waiting"
        table.border_subtitle = "" if count else "Nothing waiting: followers suggest with F9"
        if selected is not None and selected.id in table.rows:
            table.move_cursor(row=table.get_row_index(selected.id))
        self.show_detail()

    def _catch_up(self) -> None:
        """Suggestions that arrive while the inbox is open join the list."""
        shown = [str(key.value) for key in self.query_one(DataTable).rows]
        if shown != [suggestion.id for suggestion in self.pending]:
            self.refill()

    @property
    def selected(self) -> Suggestion | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((item for item in self.pending if item.id == key), None)

    def on_data_table_row_highlighted(self) -> None:
        self.show_detail()

    def on_data_table_row_selected(self) -> None:
        """Enter on a row accepts it, as `a` does."""
        self.action_accept()

    def show_detail(self) -> None:
        suggestion = self.selected
        detail = self.query_one("#inbox-detail", Static)
        if suggestion is None:
            detail.update("")
            return
        about = describe_item(self.session.editor, suggestion.collection, suggestion.target)
        if suggestion.kind is Kind.WHY and not about:
            about = "the symptom" if suggestion.target is None else "an answer deleted since"
        lines = [f"{suggestion.author} suggests a {suggestion.kind.label}" + (f" on {about}" if about else "")]
        lines.append(suggestion.text)
        shown = Content("\n".join(one_line(line) for line in lines))
        findings = self.coach_findings(suggestion)
        if findings:
            shown = Content("\n").join([shown, findings_content(findings, suggestion.text)])
        detail.update(shown)

    def coach_findings(self, suggestion: Suggestion) -> list[Finding]:
        """What the language coach would say about the suggestion's wording once accepted."""
        collection, name, _label = EDITED_FIELD[suggestion.kind]
        kind = ITEM_TEXT_FIELDS.get(collection, {}).get(name, FieldKind.OTHER)
        workspace = self.session.editor.workspace
        return check_text(suggestion.text, kind, people_in(workspace))

    # -- decisions -------------------------------------------------------------------------------

    def action_accept(self) -> None:
        suggestion = self.selected
        if suggestion is None:
            return
        try:
            self._accept(suggestion, None)
        except EditError as error:
            self.notify(f"Not accepted: {error}. e edits it first.", severity="warning", markup=False)

    def action_edit(self) -> None:
        suggestion = self.selected
        if suggestion is None:
            return
        collection, name, label = EDITED_FIELD[suggestion.kind]
        form = EditForm(
            f"Suggestion from {one_line(suggestion.author)}",
            [FieldSpec(name, label)],
            {name: suggestion.text},
            lambda values: self._accept(suggestion, values[name]),
            coach=coach_paths(collection, None, [name]) if collection else None,
        )
        self.app.push_screen(form)

    def _accept(self, suggestion: Suggestion, text: str | None) -> None:
        """Apply it through the editor (EditError when refused), then record the decision."""
        done = accept(self.session.editor, suggestion, text)
        self._decide(suggestion, Status.ACCEPTED)
        self.notify(f"{done} ctrl+z takes it back.", markup=False, timeout=4)

    def action_dismiss_suggestion(self) -> None:
        suggestion = self.selected
        if suggestion is not None:
            self._decide(suggestion, Status.DISMISSED)
            self.notify(f"Dismissed the suggestion from {suggestion.author}.", markup=False, timeout=3)

    def _decide(self, suggestion: Suggestion, status: Status) -> None:
        try:
            set_status(self.session.path, suggestion.id, status)
        except InboxError as error:
            self.notify(f"{error}; it may be shown again later.", severity="warning", markup=False)
        if self.session.room is not None:
            self.session.room.mark(suggestion.id, status)
        self.refill()
        screen = host_app(self).workspace_screen
        if screen is not None:
            screen.refresh_status()

    def action_close(self) -> None:
        self.dismiss(None)
