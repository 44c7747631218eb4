"""The language coach in the TUI: which form fields it watches, how a finding reads, where it is.

Edit forms show findings under the text being typed (see `EditForm(coach=...)`); build the
``coach`` argument with `coach_paths` for an item of a collection or `section_coach_paths` for
a section such as ``metadata``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from textual.content import Content

from pm_postmortem.core.findings import ITEM_TEXT_FIELDS, SECTION_TEXT_FIELDS, FieldKind, Finding
from pm_postmortem.core.model import Workspace
from pm_postmortem.tui.fields import IMPACT_FIELDS, METADATA_FIELDS, SUMMARY_FIELDS
from pm_postmortem.tui.messages import PANE_OF_COLLECTION

CoachTarget = str | FieldKind
"""A field path the coach knows (``timeline.<id>.text``), or for a new item the kind of text."""

def coach_paths(
    collection: str, item_id: str | None, field_names: Iterable[str] | None = None
) -> dict[str, CoachTarget]:
    """The ``coach`` argument of an EditForm that edits (or, with ``item_id`` None, adds) an item.

    ``field_names`` limits it to the form's fields; by default every coached field of the
    collection is included (the form ignores names it does not show).
    """
    coached = ITEM_TEXT_FIELDS.get(collection, {})
    names = coached if field_names is None else [name for name in field_names if name in coached]
    if item_id is None:
        return {name: coached[name] for name in names}
    return {name: f"{collection}.{item_id}.{name}" for name in names}


def section_coach_paths(
    section: str, field_names: Iterable[str] | None = None
) -> dict[str, CoachTarget]:
    """The ``coach`` argument of an EditForm over a section (``metadata``, ``impact``, ``whys``)."""
    coached = SECTION_TEXT_FIELDS.get(section, {})
    names = coached if field_names is None else [name for name in field_names if name in coached]
    return {name: f"{section}.{name}" for name in names}


# --- how a finding reads ---------------------------------------------------------------------


def excerpt(text: str, finding: Finding, limit: int = 40) -> str:
    """The flagged words, shortened to ``limit`` characters."""
    words = " ".join(text[finding.start : finding.end].split())
    return words if len(words) <= limit else words[: limit - 1] + "…"


def finding_line(finding: Finding, text: str = "") -> Content:
    """``⚑ rule title “words” — message · try: rewording or reframe`` (user text never read as
    markup)."""
    from pm_postmortem.core.coach import RULES

    title = RULES[finding.rule].title if finding.rule in RULES else finding.rule
    quoted = excerpt(text, finding) if text else ""
    suggestion = (
        f"“{finding.rewording.text}”" if finding.rewording is not None else finding.reframe
    )
    return Content.assemble(
        ("⚑ ", "$warning"),
        (title, "bold"),
        f" “{quoted}”" if quoted else "",
        " — ",
        finding.message,
        (" · try: ", "dim"),
        (suggestion, "italic"),
    )


def findings_content(findings: list[Finding], text: str) -> Content:
    return Content("\n").join(finding_line(finding, text) for finding in findings)


# --- where a field is ------------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    """Where a field path lives in the UI."""

    pane: str
    collection: str | None = None
    item_id: str | None = None
    section: str | None = None
    field: str | None = None


def place_of(path: str) -> Place:
    parts = path.split(".")
    if len(parts) == 3 and parts[0] in PANE_OF_COLLECTION:
        return Place(PANE_OF_COLLECTION[parts[0]], parts[0], parts[1], field=parts[2])
    if parts[0] == "whys":
        return Place("whys", section="whys", field=parts[-1])
    if parts[0] in ("metadata", "impact") and len(parts) == 2:
        return Place("overview", section=parts[0], field=parts[1])
    return Place("overview")


_SECTION_LABELS = {
    spec.name: spec.label for spec in (*METADATA_FIELDS, *SUMMARY_FIELDS, *IMPACT_FIELDS)
}
_ITEM_LABELS = {
    ("factors", "factor"): "Contributing factor",
    ("factors", "how"): "Contributing factor · how it contributed",
    ("went_well", "text"): "What went well",
    ("went_poorly", "text"): "What went poorly",
    ("lucky", "text"): "Where we got lucky",
    ("lessons", "lesson"): "Lesson learned",
    ("compliance", "note"): "Compliance check · note",
}


def describe_field(ws: Workspace, path: str) -> str:
    """A short name of the field for people: "Timeline 07:41", "Action #3 · done when"."""
    place = place_of(path)
    if place.collection == "timeline":
        event = next((event for event in ws.timeline if event.id == place.item_id), None)
        if event is not None:
            return f"Timeline {event.time.astimezone(ZoneInfo(ws.display_tz)):%H:%M}"
        return "Timeline event"
    if place.collection == "whys":
        nodes = {node.id: node for node in ws.whys.nodes}
        depth, node = 0, nodes.get(place.item_id or "")
        while node is not None and depth <= len(nodes):
            depth += 1
            node = nodes.get(node.parent or "")
        root = " (root cause)" if place.item_id == ws.whys.root_cause else ""
        return f"Why {depth}{root}" if depth else "5 Whys answer"
    if place.collection == "actions":
        action = next((action for action in ws.actions if action.id == place.item_id), None)
        name = f"Action #{action.number}" if action is not None else "Corrective action"
        return f"{name} · done when" if place.field == "done_when" else name
    if place.collection is not None:
        return _ITEM_LABELS.get((place.collection, place.field or ""), place.collection)
    if place.section == "whys":
        return "5 Whys · symptom" if place.field == "symptom" else "5 Whys · root cause statement"
    if place.section == "metadata":
        return f"Overview · {_SECTION_LABELS.get(place.field or '', place.field)}"
    if place.section == "impact":
        return f"Impact · {_SECTION_LABELS.get(place.field or '', place.field)}"
    return "Notes" if path == "notes" else path
