"""The open workspace as the TUI holds it: one `Session` per workspace the app opens.

The app owns the session (it opens, autosaves and closes it); the workspace screen, its panes
and the screens over it are handed the session and read and edit the document through it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from pm_postmortem.core import store
from pm_postmortem.core.domain import DomainContext
from pm_postmortem.core.editing import Editor
from pm_postmortem.tui.room import Room
from pm_postmortem.tui.save_state import SaveKind, SaveState

if TYPE_CHECKING:
    from pm_postmortem.core.agenda import Agenda
    from pm_postmortem.core.findings import FieldFinding


@dataclass(eq=False)
class Session:
    """A workspace file, open: the editor over its document, the write lock, how saving stands,
    the coach's findings, the room (followers' suggestions) and the meeting agenda."""

    path: Path
    """The workspace file, resolved."""
    editor: Editor
    context: DomainContext
    clock: Callable[[], datetime]
    lock: store.WorkspaceLock | None = None
    """Held while this app owns the file; None for a follower."""
    save_state: SaveState = field(default_factory=lambda: SaveState(SaveKind.SAVED))
    disk_stamp: store.FileStamp | None = None
    """The file as this app last read or wrote it."""
    room: Room | None = None
    """Followers' suggestions and the facilitator's place, while this app owns the workspace."""
    coach_findings: list[FieldFinding] = field(default_factory=list)
    """Every coach finding of the workspace (dismissed ones left out); kept current by the app."""
    agenda: Agenda | None = None
    """The meeting agenda of presenter mode, once used."""
    closed: bool = False
    """Set when the app closes the workspace; screens still on their way out show nothing new."""
