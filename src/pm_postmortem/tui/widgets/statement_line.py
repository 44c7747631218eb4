"""The root-cause statement under the 5 Whys tree."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.binding import Binding
from textual.widgets import Static


class StatementLine(Static, can_focus=True):
    """The root-cause statement; enter edits it."""

    BINDINGS = [
        Binding(
            "enter",
            "edit_statement",
            "Edit statement",
            tooltip="edit the root-cause statement (when it has the focus)",
            id="whys.statement_enter",
        )
    ]

    def __init__(self, open_form: Callable[[], None], **kwargs: Any) -> None:
        """`open_form`: opens the form that writes the statement."""
        super().__init__("", **kwargs)
        self.open_form = open_form

    def action_edit_statement(self) -> None:
        self.open_form()
