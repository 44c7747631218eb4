"""Text meant to take over a terminal, and a workspace that holds it in every text field."""

from __future__ import annotations

from pydantic import BaseModel

from pm_postmortem.core.demo import demo_workspace
from pm_postmortem.core.model import Workspace
from pm_postmortem.core.text import BIDI_CONTROLS

OSC_52_THEN_CLEAR = "\x1b]52;c;cHduZWQ=\x07\x1b[2J"
"""An OSC 52 clipboard write, then clear screen."""
C0 = "".join(map(chr, range(0x20)))
C1 = "".join(map(chr, range(0x80, 0xA0)))
HOSTILE = f"{OSC_52_THEN_CLEAR} x{C0}\x7f{C1}{BIDI_CONTROLS}\u2028\u2029\x1b[31m\x00 end"

TERMINAL_CONTROLS = set(C0 + "\x7f" + C1 + BIDI_CONTROLS + "\u2028\u2029")
"""What must never reach a terminal from user text (single-line output)."""

_REFERENCES = frozenset({"id", "parent", "root_cause", "why_node", "factor", "display_tz", "duration", "rule", "field"})
"""String fields that hold ids or checked values rather than free text."""


def hostile_workspace() -> Workspace:
    """The demo workspace with `HOSTILE` added to every free-text field and list entry."""
    workspace = demo_workspace()
    _poison(workspace)
    return workspace


def _poison(model: BaseModel) -> None:
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            _poison(value)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, BaseModel):
                    _poison(item)
            if value and all(type(item) is str for item in value):
                setattr(model, name, [f"{item}{HOSTILE}" for item in value])
        elif type(value) is str and name not in _REFERENCES:
            setattr(model, name, f"{value}{HOSTILE}")


def leaked(text: str, *, line_breaks: bool = False) -> set[str]:
    """The terminal controls in ``text`` (with ``line_breaks``, line feed and tab allowed)."""
    found = TERMINAL_CONTROLS & set(text)
    return found - {"\n", "\t"} if line_breaks else found
