"""The open workspace as the TUI holds it: one `Session` per workspace the app opens.

The app owns the session (it opens, autosaves and closes it); the workspace screen, its panes
and the screens over it are handed the session and read and edit the document through it.
"""

from __future__ import annotations

import threading
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
from pm_postmortem.tui.text import one_line

if TYPE_CHECKING:
    from textual.worker import Worker

    from pm_postmortem.core.agenda import Agenda
    from pm_postmortem.core.findings import FieldFinding


@dataclass(frozen=True)
class CoachPass:
    """The first coach pass over a workspace just opened, running on a thread."""

    worker: Worker[list[FieldFinding]]
    revision: int
    """The editor's revision the pass read; its findings stand only if nothing changed since."""


@dataclass(frozen=True)
class Unreadable:
    """The file on disk as it was found when it could not be read."""

    problem: str
    stamp: store.FileStamp | None
    """Its stamp then: it is read again once it differs."""


@dataclass(eq=False)
class Session:
    """A workspace file, open: the editor over its document, the write lock, how saving stands,
    the coach's findings, the room (followers' suggestions) and the meeting agenda.

    The app runs the timers and the threads; the session says when a save is due and what a
    finished save or coach pass means for the document.
    """

    path: Path
    """The workspace file, resolved."""
    editor: Editor
    context: DomainContext
    clock: Callable[[], datetime]
    lock: store.WorkspaceLock | None = None
    """Held while this app owns the file; None for a follower."""
    waiting_for_lock: bool = False
    """Another pm-postmortem holds ``lock``: the app tries again until that one lets it go."""
    not_writable: str | None = None
    """Why this app may never write the file while it is open (its permissions, no lock)."""
    unreadable: Unreadable | None = None
    """The file changed on disk into something that cannot be read: nothing is written until
    it can be read again."""
    save_state: SaveState = field(default_factory=lambda: SaveState(SaveKind.SAVED))
    disk_stamp: store.FileStamp | None = None
    """The file as this app last read or wrote it."""
    room: Room | None = None
    """Followers' suggestions and the facilitator's place, while this app owns the workspace."""
    coach_findings: list[FieldFinding] = field(default_factory=list)
    """Every coach finding of the workspace (dismissed ones left out); kept current by the app."""
    coach_pass: CoachPass | None = None
    """The first coach pass while it runs; the debounced recounts wait for it."""
    saving: bool = False
    """A write of the file is under way on a thread."""
    save_again: bool = False
    """Edits came while writing: one more save follows."""
    write_lock: threading.Lock = field(default_factory=threading.Lock)
    """Serialises writes of the file, so a save on quit can never be overtaken by an older one."""
    agenda: Agenda | None = None
    """The meeting agenda of presenter mode, once used."""
    closed: bool = False
    """Set when the app closes the workspace; screens still on their way out show nothing new."""

    def read_only_reason(self) -> str | None:
        """Why nothing here may change the file now, in one line; None when it is this app's."""
        name = one_line(self.path.name)
        if self.unreadable is not None:
            return f"{name}: {self.unreadable.problem}; editable again once the file is valid"
        if self.not_writable is not None:
            return self.not_writable
        if self.waiting_for_lock:
            owner = self.lock.owner if self.lock is not None else None
            return (
                f"{name} is open in another pm-postmortem ({owner or 'another process'}); "
                "changes here are possible once it is closed there"
            )
        return None

    def needs_saving(self, *, force: bool = False) -> bool:
        """Whether a save is due: edits not written yet (or ``force``), and the file is ours."""
        return not self.editor.read_only and (self.editor.dirty or force)

    def begin_save(self) -> tuple[str, int] | None:
        """The text to write and its revision, taken now; None when a write is already under
        way (then one more save follows it)."""
        if self.saving:
            self.save_again = True
            return None
        self.saving = True
        return store.dumps(self.editor.workspace), self.editor.revision

    def end_save(self, revision: int, stamp: store.FileStamp | None) -> bool:
        """The write of ``revision`` is on disk; True when another save is due (edits came
        meanwhile, or were asked for)."""
        self.saving = False
        self.disk_stamp = stamp
        self.editor.mark_saved(revision)
        again = self.save_again or self.editor.dirty
        self.save_again = False
        return again

    def save_failed(self) -> None:
        """The write failed: nothing is under way; the retry writes what is due then."""
        self.saving = False

    def save_dropped(self) -> None:
        """The file changed outside, so the edits went to a conflict copy: nothing more is due."""
        self.saving = self.save_again = False

    def end_coach_pass(self) -> list[FieldFinding] | None:
        """The first coach pass ended: its findings, or None when the document changed while it
        ran (then a recount is due)."""
        first, self.coach_pass = self.coach_pass, None
        if first is None or first.worker.result is None or first.revision != self.editor.revision:
            return None
        return first.worker.result
