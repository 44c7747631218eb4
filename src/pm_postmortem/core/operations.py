"""Intents shared by the TUI and the command line, written once."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pm_postmortem.core.editing import EditError, Editor
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


def factor_from_why(editor: Editor, node_id: str, values: Mapping[str, Any]) -> None:
    """Add a contributing factor linked to the why answer ``node_id``. Its category is the room's
    choice here, never a default: without one the editor is not asked."""
    if values.get("category") is None:
        raise EditError(["pick a category: Process, Technical, Organizational or External"])
    editor.add("factors", {**values, "why_node": node_id}, label="Make a contributing factor from a why")


def action_from_why(editor: Editor, node_id: str, values: Mapping[str, Any]) -> None:
    """Add a corrective action linked to the why answer ``node_id``. Its type is the room's choice
    (required); other fields left empty take their defaults, an empty deadline stays empty."""
    if values.get("type") is None:
        raise EditError(["pick a type: Prevent, Detect, Mitigate or Process"])
    chosen = {name: value for name, value in values.items() if value is not None or name == "deadline"}
    editor.add("actions", {**chosen, "why_node": node_id}, label="Make a corrective action from a why")
