"""F5 Actions: the corrective actions as a list laid out like the export table."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical

from pm_postmortem.core.editing import Change
from pm_postmortem.tui.fields import ACTION_FIELDS
from pm_postmortem.tui.widgets.item_table import Column, ItemTable


class ActionsPane(Vertical):
    def compose(self) -> ComposeResult:
        yield ItemTable(
            "Corrective Actions",
            "actions",
            [
                Column("#", lambda action: str(action.number), 3),
                Column("Action", lambda action: action.action, 48),
                Column("Type", lambda action: action.type.value, 9),
                Column("Owner", lambda action: action.owner, 16),
                Column("Deadline", lambda action: str(action.deadline or "—"), 10),
                Column("Priority", lambda action: action.priority.value, 8),
                Column("Status", lambda action: action.status.value, 11),
            ],
            ACTION_FIELDS,
            item_name="corrective action",
            id="actions-table",
        )

    def select_item(self, collection: str, item_id: str) -> None:
        table = self.query_one(ItemTable)
        table.select(item_id)
        table.focus()

    def refresh_from(self, changes: list[Change]) -> None:
        self.query_one(ItemTable).refresh_from(changes)
