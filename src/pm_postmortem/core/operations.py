"""Intents shared by the TUI and the command line, written once."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pm_postmortem.core.editing import EditError, Editor
from pm_postmortem.core.model import TimelineEvent, Whys
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
    """Add a corrective action linked to the why answer ``node_id``. It needs a type (the form
    starts at Prevent, as the board's does); other fields left empty take their defaults, an
    empty deadline stays empty."""
    if values.get("type") is None:
        raise EditError(["pick a type: Prevent, Detect, Mitigate or Process"])
    chosen = {name: value for name, value in values.items() if value is not None or name == "deadline"}
    editor.add("actions", {**chosen, "why_node": node_id}, label="Make a corrective action from a why")


# --- moving an answer in the 5 Whys ---------------------------------------------------------


def why_parent(whys: Whys, node_id: str) -> str | None:
    """The answer ``node_id`` replies to; None for the symptom (also when its parent is gone)."""
    parent = next(node.parent for node in whys.nodes if node.id == node_id)
    return parent if any(node.id == parent for node in whys.nodes) else None


def answers_to(whys: Whys, parent_id: str | None) -> list[str]:
    """The answers to the why of ``parent_id`` (None: the symptom), in the document's order."""
    ids = {node.id for node in whys.nodes}
    return [node.id for node in whys.nodes if (node.parent if node.parent in ids else None) == parent_id]


def _index(whys: Whys, node_id: str) -> int:
    return next(index for index, node in enumerate(whys.nodes) if node.id == node_id)


def _index_after(whys: Whys, anchor: str, node_id: str) -> int:
    """The index that puts ``node_id`` right after ``anchor`` once it is taken out of the list."""
    anchor_index, node_index = _index(whys, anchor), _index(whys, node_id)
    return anchor_index + (0 if node_index < anchor_index else 1)


def sibling_move(whys: Whys, node_id: str, step: int) -> int | None:
    """The index that moves an answer one place among the answers to its why (``step`` -1: up,
    1: down); None when it is already the first or the last."""
    siblings = answers_to(whys, why_parent(whys, node_id))
    position = siblings.index(node_id) + step
    if not 0 <= position < len(siblings):
        return None
    # Up: the previous sibling's place. Down: the next sibling's index is the spot just after it
    # once this answer (before it in the list) has been taken out.
    return _index(whys, siblings[position])


def promotion(whys: Whys, node_id: str) -> tuple[str | None, int] | None:
    """Where promoting an answer puts it: (its new parent, its index), a sibling of its parent
    right after it; None when it already answers the symptom."""
    parent = why_parent(whys, node_id)
    if parent is None:
        return None
    return why_parent(whys, parent), _index_after(whys, parent, node_id)


def demotion(whys: Whys, node_id: str) -> tuple[str, int] | None:
    """Where demoting an answer puts it: the last answer under the sibling above it; None when
    no answer is above it at its level."""
    siblings = answers_to(whys, why_parent(whys, node_id))
    position = siblings.index(node_id)
    if position == 0:
        return None
    new_parent = siblings[position - 1]
    below = [child for child in answers_to(whys, new_parent) if child != node_id]
    return new_parent, _index_after(whys, below[-1] if below else new_parent, node_id)


def reparent_why(editor: Editor, node_id: str, parent: str | None, index: int, *, label: str) -> None:
    """Give an answer another parent and put it at ``index``, as one undo step."""
    with editor.group(label):
        editor.update("whys", node_id, parent=parent)
        editor.move("whys", node_id, index)
