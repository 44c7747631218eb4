"""Messages the TUI's widgets and screens exchange."""

from __future__ import annotations

from textual.message import Message

from pm_postmortem.core.editing import Change

PANE_OF_COLLECTION = {
    "timeline": "timeline",
    "whys": "whys",
    "actions": "actions",
    "factors": "review",
    "went_well": "review",
    "went_poorly": "review",
    "lucky": "review",
    "lessons": "review",
    "compliance": "review",
}
"""Which pane of the workspace screen shows each collection (where a JumpTo lands)."""


class DocumentChanged(Message):
    """The open workspace changed through the editor (an edit, an undo or a redo)."""

    def __init__(self, changes: list[Change]) -> None:
        super().__init__()
        self.changes = changes


class SaveStateChanged(Message):
    """Autosave started, finished or failed."""


class JumpTo(Message):
    """Show an item of the document: a pane switch plus a cursor move."""

    def __init__(self, collection: str, item_id: str) -> None:
        super().__init__()
        self.collection = collection
        self.item_id = item_id
