"""A table of one collection of the document: `a` adds, enter edits, `d` deletes (undoable)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.binding import Binding

from pm_postmortem.core.editing import COLLECTIONS, Change, Editor
from pm_postmortem.tui.coach import coach_paths
from pm_postmortem.tui.fields import FieldSpec
from pm_postmortem.tui.screens.edit_form import EditForm
from pm_postmortem.tui.text import cell
from pm_postmortem.tui.widgets.fitted_table import FittedTable
from pm_postmortem.tui.widgets.pane import pane_of


@dataclass(frozen=True)
class Column:
    header: str
    render: Callable[[Any], str]
    width: int | None = None
    fill: bool = False
    """The free-text column that takes the width left by the others (else the last one)."""
    narrowest: int | None = None
    """A free-text column that gives the fill column room, down to this width, on a narrow screen."""


class ItemTable(FittedTable):
    """Rows mirror an editor collection and are updated in place as it changes."""

    BINDINGS = [
        Binding("a", "add", "Add", id="items.add"),
        Binding("enter", "edit", "Edit", id="items.edit"),
        Binding("d,delete", "delete", "Delete", id="items.delete"),
        Binding("home", "scroll_top", "First row", show=False, id="items.first"),
        Binding("end", "scroll_bottom", "Last row", show=False, id="items.last"),
    ]

    def __init__(
        self,
        title: str,
        collection: str,
        columns: Sequence[Column],
        fields: Sequence[FieldSpec],
        *,
        item_name: str,
        empty_hint: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.border_title = title
        self.collection = collection
        self.columns_spec = tuple(columns)
        self.fill_column = next((index for index, column in enumerate(self.columns_spec) if column.fill), -1)
        self.giving_columns = {
            index: (column.width, column.narrowest)
            for index, column in enumerate(self.columns_spec)
            if column.width is not None and column.narrowest is not None
        }
        self.fields = tuple(fields)
        self.item_name = item_name
        self.empty_hint = empty_hint or "Empty · a adds one"  # whole in the narrowest box

    def on_mount(self) -> None:
        for index, column in enumerate(self.columns_spec):
            self.add_column(column.header, key=str(index), width=column.width)
        self.rebuild()
        self.fit_columns()

    @property
    def editor(self) -> Editor:
        return pane_of(self).editor

    def rebuild(self) -> None:
        selected = self.selected_id
        self.clear()
        for item in self.editor.items(self.collection):
            self.add_row(*self._cells(item), key=item.id)
        self.border_subtitle = "" if self.row_count else self.empty_hint
        if selected is not None:
            self.select(selected)

    def _cells(self, item: Any) -> list[Text]:
        return [cell(column.render(item)) for column in self.columns_spec]

    @property
    def selected_id(self) -> str | None:
        if not self.row_count:
            return None
        return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value

    def select(self, item_id: str) -> None:
        if item_id in self.rows:  # a row deleted meanwhile keeps the cursor where it is
            self.move_cursor(row=self.get_row_index(item_id))

    def refresh_from(self, changes: list[Change]) -> None:
        mine = [change for change in changes if change.target == self.collection or change.kind == "reload"]
        if not mine:
            return
        if any(change.kind != "update" for change in mine):
            self.rebuild()
            last = mine[-1]
            if last.kind in ("insert", "move", "update") and last.item_id:
                self.select(last.item_id)
            return
        for change in mine:
            if change.item_id is None:  # an update always names its item
                continue
            item = self.editor.find(self.collection, change.item_id)
            for index, value in enumerate(self._cells(item)):
                self.update_cell(change.item_id, str(index), value)
            self.select(change.item_id)

    def action_add(self) -> None:
        after = self.selected_id
        index = self.editor.index_of(self.collection, after) + 1 if after else None

        def submit(values: dict[str, Any]) -> None:
            self.editor.add(self.collection, values, index=index, label=f"Add {self.item_name}")

        item_type = COLLECTIONS[self.collection].item_type
        defaults = {
            spec.name: item_type.model_fields[spec.name].get_default(call_default_factory=True)
            for spec in self.fields
            if not item_type.model_fields[spec.name].is_required()
        }
        coach = coach_paths(self.collection, None)
        self.app.push_screen(EditForm(f"New {self.item_name}", self.fields, defaults, submit, coach=coach))

    def action_edit(self) -> None:
        item_id = self.selected_id
        if item_id is None:
            self.action_add()
            return
        item = self.editor.find(self.collection, item_id)
        values = {spec.name: getattr(item, spec.name) for spec in self.fields}

        def submit(values: dict[str, Any]) -> None:
            self.editor.update(self.collection, item_id, values, label=f"Edit {self.item_name}")

        coach = coach_paths(self.collection, item_id)
        self.app.push_screen(EditForm(f"Edit {self.item_name}", self.fields, values, submit, coach=coach))

    def action_delete(self) -> None:
        item_id = self.selected_id
        if item_id is None:
            return
        if not pane_of(self).run_intent(
            lambda: self.editor.delete(self.collection, item_id, label=f"Delete {self.item_name}")
        ):
            return
        self.notify(f"Deleted the {self.item_name}. ctrl+z brings it back.", timeout=3)
