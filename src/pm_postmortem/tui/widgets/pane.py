"""What every pane of the workspace screen (F2–F7) is: a view of the session's document."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.widget import Widget

from pm_postmortem.core.editing import Change, EditError, Editor
from pm_postmortem.tui.session import Session

if TYPE_CHECKING:
    _PaneBase = Widget
else:
    _PaneBase = object  # a mixin: the pane's Textual container comes next and keeps its CSS


class Pane(_PaneBase):
    """Mixed in before the container a pane is: ``class ReviewPane(Pane, VerticalScroll)``.

    The workspace screen builds each pane with the session, sends it every change and asks it
    to select an item; the pane runs its edits through `run_intent`.
    """

    def __init__(self, session: Session, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.session = session

    @property
    def editor(self) -> Editor:
        return self.session.editor

    def refresh_from(self, changes: list[Change]) -> None:
        """Show the document as it is after ``changes``."""

    def select_item(self, collection: str, item_id: str) -> None:
        """Put the cursor on an item; a pane without that collection leaves it."""

    def run_intent(self, intent: Callable[[], object]) -> bool:
        """Run an edit; when the editor refuses it, say why in one line. True when it was done."""
        try:
            intent()
        except EditError as error:
            self.notify(str(error), severity="error", markup=False)
            return False
        return True


def pane_of(widget: Widget) -> Pane:
    """The pane ``widget`` is part of (a table or the board inside it)."""
    for node in widget.ancestors:
        if isinstance(node, Pane):
            return node
    raise LookupError(f"{widget!r} is not in a pane")
