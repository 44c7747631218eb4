"""The facilitator's side of a hybrid meeting: where it is, for followers; what they suggest."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pm_postmortem.core.inbox import InboxContents, Status, inbox_path, read_inbox
from pm_postmortem.core.presence import Presence, withdraw_presence, write_presence

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from pm_postmortem.tui.screens.workspace import WorkspaceScreen

ROOM_POLL = 0.5
"""Seconds between looks at the inbox and the facilitator's place (followers poll as often)."""

PANE_COLLECTION = {"timeline": "timeline", "whys": "whys", "actions": "actions"}
"""The collection a pane's cursor is on, for panes that show one (Review: the focused table's)."""


def selected_item(screen: WorkspaceScreen) -> tuple[str | None, str | None]:
    """The collection and id of the item under the cursor of the pane shown ((None, None): none).

    On the 5 Whys the id is None while the cursor is on the symptom.
    """
    pane = screen.current_pane
    widget: DOMNode | None = screen.focused
    while widget is not None and widget is not screen:
        collection = getattr(widget, "collection", None) or PANE_COLLECTION.get(pane)
        if isinstance(collection, str) and hasattr(widget, "selected_id"):
            return collection, widget.selected_id
        if isinstance(collection, str) and hasattr(widget, "selected_event"):  # the timeline pane
            event = widget.selected_event
            return collection, event.id if event is not None else None
        widget = widget.parent
    return None, None


def presence_of(screen: WorkspaceScreen) -> Presence:
    collection, item_id = selected_item(screen)
    return Presence(screen.current_pane, collection, item_id)


@dataclass
class Room:
    """What the facilitator's app publishes and reads beside one workspace it owns."""

    path: Path
    contents: InboxContents = field(default_factory=InboxContents)
    _published: Presence | None = None
    _inbox_seen: tuple[int, int] | None = None
    _problems_told: frozenset[str] = frozenset()

    def publish(self, screen: WorkspaceScreen) -> None:
        """Write the facilitator's place when it changed (a failure is tried again next time)."""
        presence = presence_of(screen)
        if presence != self._published:
            try:
                write_presence(self.path, presence)
            except OSError:
                return
            self._published = presence

    def leave(self) -> None:
        """Take the facilitator's place away, so that no one follows a closed workspace."""
        if self._published is not None:
            withdraw_presence(self.path)
            self._published = None

    def poll_inbox(self) -> list[str]:
        """Read the inbox again when it changed; returns the problems not yet told."""
        try:
            stat = inbox_path(self.path).lstat()
        except OSError:
            return []
        signature = (stat.st_mtime_ns, stat.st_size)
        if signature == self._inbox_seen:
            return []
        self._inbox_seen = signature
        self.contents = read_inbox(self.path)
        new = [problem for problem in self.contents.problems if problem not in self._problems_told]
        self._problems_told |= set(new)
        return new

    @property
    def pending_count(self) -> int:
        return len(self.contents.pending)

    def mark(self, suggestion_id: str, status: Status) -> None:
        """Show a decision at once, before the inbox is read again."""
        for suggestion in self.contents.suggestions:
            if suggestion.id == suggestion_id:
                suggestion.status = status
