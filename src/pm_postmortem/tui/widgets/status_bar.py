"""The header line: title, severity, status, coach count, suggestions waiting and save state."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from textual.content import Content
from textual.widgets import Static

from pm_postmortem.tui.save_state import SaveKind, SaveState
from pm_postmortem.tui.session import Session
from pm_postmortem.tui.text import one_line

MIN_TITLE = 12
"""Characters of the title the line keeps; severity and status make room for them first."""


def describe_save(state: SaveState, now: datetime) -> str:
    if state.kind is SaveKind.SAVED and state.when is not None:
        seconds = int((now - state.when).total_seconds())
        if seconds < 60:
            return f"saved {max(seconds, 0)} s ago"
        if seconds < 3600:
            return f"saved {seconds // 60} min ago"
        if seconds < 48 * 3600:
            return f"saved {seconds // 3600} h ago"
        return f"saved {state.when.astimezone():%Y-%m-%d}"
    return state.kind.value


class StatusBar(Static):
    """Shows what is open and whether it is safely on disk."""

    _shown: tuple[str, tuple[Any, ...]] | None = None

    def __init__(self, session: Session, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.session = session

    def on_mount(self) -> None:
        self.set_interval(1, self.refresh_status)
        self.refresh_status()

    def refresh_status(self) -> None:
        session = self.session
        if session.closed:  # this screen is on its way out
            return
        metadata = session.editor.workspace.metadata
        severity = f"{metadata.severity.value}: {metadata.severity.label}" if metadata.severity else "severity not set"
        state = session.save_state
        save_text = describe_save(state, session.clock())
        self.set_class(state.kind in (SaveKind.FAILED, SaveKind.READ_ONLY), "-warning")
        findings = len(session.coach_findings)
        coach = f"⚑ {findings} coach finding{'s' if findings != 1 else ''}" if findings else ""
        pending = session.room.pending_count if session.room is not None else 0
        inbox = f"✉ {pending} suggestion{'s' if pending != 1 else ''} (F9)" if pending else ""
        kept = [*(((coach, "bold"),) if coach else ()), *(((inbox, "bold"),) if inbox else ()), (save_text, "italic")]
        optional = [severity, metadata.status.value]  # left out, the last first, when the line is too narrow
        width = self.content_size.width
        while True:
            tail = Content.assemble(*(part for piece in (*optional, *kept) for part in ("  ·  ", piece)))
            if not width or not optional or width - tail.cell_length >= MIN_TITLE:
                break
            optional.pop()
        title = one_line(metadata.title)
        room = width - tail.cell_length
        if width and len(title) > max(room, MIN_TITLE):
            title = title[: max(room, MIN_TITLE) - 1].rstrip() + "…"  # keep the count and save state in view
        line = Content.assemble((title, "bold"), tail)
        shown = (line.plain, tuple(line.spans))  # Content's == compares the text only
        if shown != self._shown:
            self._shown = shown
            self.update(line, layout=False)  # one line, always: nothing to lay out again

    def on_resize(self) -> None:
        self.refresh_status()
