"""Intents shared by the TUI and the command line, written once."""

from __future__ import annotations

from collections.abc import Sequence

from pm_postmortem.core.editing import Editor
from pm_postmortem.core.model import TimelineEvent
from pm_postmortem.core.timeparse import ParsedEvent

ADD_IN_PLACE = 50
"""Up to this many events are added one by one; more replace the list in one O(n) step."""


def add_parsed_events(editor: Editor, parsed: Sequence[ParsedEvent], *, verb: str = "Paste") -> int:
    """Add read events as one undo step ("Paste 3 events"); returns how many."""
    events = [
        TimelineEvent(time=item.time, text=item.text, actor=item.actor, markers=item.markers)
        for item in parsed
    ]
    if not events:
        return 0
    label = f"{verb} {len(events)} event{'s' if len(events) != 1 else ''}"
    with editor.group(label):
        if len(events) <= ADD_IN_PLACE:
            for event in events:
                editor.add("timeline", event, label=label)
        else:
            # Equal times keep entry order: existing events first, then the new ones as written.
            merged = sorted([*editor.items("timeline"), *events], key=lambda event: event.time)
            editor.set("timeline", merged, label=label)
    return len(events)
