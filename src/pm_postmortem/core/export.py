"""The post-mortem as a document: markdown in the seed's layout, a Notion variant, and JSON.

Escaping — nothing typed is read as markup, and no text can break a table or a line:

- Line breaks: ``\\r\\n`` and every character ``str.splitlines`` splits on (``\\n``, ``\\r``,
  ``\\v``, ``\\f``, ``\\x1c``-``\\x1e``, ``\\x85``, ``\\u2028``, ``\\u2029``) are one line break.
  Other control characters (tab excepted) and lone surrogates are dropped.
- `escape_inline` puts a backslash before ``\\ ` * _ [ ] < > | ~ $ #`` everywhere, before ``&``
  when it would start an entity (``&amp;``), before ``-``, ``+`` or ``=`` that start a line, and
  before the ``.`` or ``)`` of a number that starts a line and is followed by a space or the end.
- `escape_cell` (table cells, bullets, checklist items, the title, the 5 Whys) strips the text,
  escapes it and writes each line break as ``<br>`` (markdown) or `` / `` (notion). In the notion
  form a ``/`` typed next to whitespace or at either end of a line is written ``\\/``.
- Longer text (executive summary, notes) keeps its lines: each is stripped and escaped, and runs
  of blank lines become one.

To reverse: split a cell on ``<br>`` (or `` / ``), then drop every backslash that precedes an
ASCII punctuation character. Every escape is such a pair and every typed backslash is itself
escaped, so the split markers can only be ours and the result is the stripped original text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from pm_postmortem.core.metrics import Metrics, compute_metrics
from pm_postmortem.core.model import Metadata, WhyNode, Whys, Workspace
from pm_postmortem.core.text import BIDI_CONTROLS
from pm_postmortem.core.wording import in_sentence, question_about, question_for

FORMATS = ("markdown", "notion", "json")
EMPTY = "—"
NOTIFICATION_QUESTION = "Regulatory notification required?"

_CONTROL = re.compile(rf"[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\ud800-\udfff{BIDI_CONTROLS}]")
_LINE_BREAK = re.compile(r"\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")
_SPECIAL = re.compile(r"[\\`*_\[\]<>|~$#]|&(?=#?[0-9A-Za-z]+;)")
_MARKUP = "`*_[]<>|~$#"
"""What `_SPECIAL` escapes besides the backslash and ``&``."""
_LINE_START_MARK = re.compile(r"[ \t]*[-+=\d]")
"""How a line starts when `_BLOCK_MARK` or `_LIST_NUMBER` may match it: most lines do not."""
_BLOCK_MARK = re.compile(r"^([ \t]*)([-+=])", re.MULTILINE)
_LIST_NUMBER = re.compile(r"^([ \t]*\d{1,9})([.)])(?=[ \t]|$)", re.MULTILINE)
_EDGE_SLASH = re.compile(r"(?<!\S)/|/(?!\S)")
_CONTROL_OR_BREAK = re.compile(rf"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff{BIDI_CONTROLS}]")
"""Every character `_clean` drops or turns into ``\\n`` (C0 and C1 controls but tab, bidi
controls, and more): markdown never carries a character a terminal or an editor would obey."""
_PLAIN_NUMBER = re.compile(r"\d+(?:\.\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?")

METADATA_HEADER = ("Field", "Value")
METRICS_HEADER = ("Metric", "Value", "Target")
TIMELINE_HEADER = ("Time (UTC)", "Event", "Actor/System")
FACTORS_HEADER = ("Factor", "Category", "How It Contributed")
ACTIONS_HEADER = ("#", "Action", "Type", "Owner", "Deadline", "Priority", "Status")
OPTIONAL_ACTION_COLUMNS = (("Ticket", "ticket"), ("Done when", "done_when"))
LESSONS_HEADER = ("Lesson", "Applicable Beyond This Incident?", "Shared With")

ACTION_TYPE_DEFINITIONS = (
    ("Prevent", "Removes the conditions that let this kind of incident happen"),
    ("Detect", "Shortens the time until we notice it the next time"),
    ("Mitigate", "Limits how many are affected, or for how long"),
    ("Process", "Changes how people respond: runbooks, escalation, communication"),
)


def _clean(text: str) -> str:
    """`text` with every line break as ``\\n`` and without other control characters."""
    return _LINE_BREAK.sub("\n", _CONTROL.sub("", text))


def _escape(clean: str) -> str:
    if "&" in clean:  # whether it is escaped depends on the original text after it
        escaped = _SPECIAL.sub(r"\\\g<0>", clean)
    else:  # the same as the substitution, several times faster
        escaped = clean.replace("\\", "\\\\")  # first, so that no added backslash is doubled
        for char in _MARKUP:
            if char in escaped:
                escaped = escaped.replace(char, "\\" + char)
    if "\n" not in escaped and _LINE_START_MARK.match(escaped) is None:
        return escaped
    return _LIST_NUMBER.sub(r"\1\\\2", _BLOCK_MARK.sub(r"\1\\\2", escaped))


def escape_inline(text: str) -> str:
    """`text` with markup characters backslash-escaped; its line breaks become ``\\n``."""
    return _escape(_clean(text))


def escape_cell(text: str, *, html_breaks: bool = True) -> str:
    """`text` as one stripped, escaped line: breaks as ``<br>``, or `` / `` without HTML."""
    if _CONTROL_OR_BREAK.search(text) is None:  # one line, nothing to drop: most cells
        line = _escape(text.strip())
        return line if html_breaks or "/" not in line else _EDGE_SLASH.sub(r"\\/", line)
    lines = _escape(_clean(text).strip()).split("\n")
    if html_breaks:
        return "<br>".join(lines)
    return " / ".join(_EDGE_SLASH.sub(r"\\/", line) for line in lines)


def _paragraphs(text: str) -> str:
    """Free text as markdown lines: each line stripped and escaped, blank runs collapsed."""
    lines: list[str] = []
    for line in _clean(text).split("\n"):
        if line.strip() or (lines and lines[-1]):
            lines.append(_escape(line.strip()))
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def _lines_apart(text: str) -> str:
    """Free text whose every line is a paragraph of its own: markdown joins lines that are not
    apart, so a short text's typed line breaks (the executive summary) would be lost."""
    return "\n\n".join(line for line in _paragraphs(text).split("\n") if line)


def _table(header: tuple[str, ...], rows: Iterable[Iterable[str]]) -> str:
    lines = [_row(header), "|" + "|".join("-" * max(3, len(name) + 2) for name in header) + "|"]
    lines += [_row(row) for row in rows]
    return "\n".join(lines)


def _row(cells: Iterable[str]) -> str:
    return "| " + " | ".join(cell or EMPTY for cell in cells) + " |"


def _decimal(value: float) -> str:
    """A percentage without trailing zeros: 8.0 -> "8", 12.5 -> "12.5" (two decimals at most)."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _children(whys: Whys) -> tuple[dict[str, WhyNode], dict[str | None, list[WhyNode]]]:
    """Nodes by id, and the answers under each node (None: the symptom; unknown parents too)."""
    by_id = {node.id: node for node in whys.nodes}
    children: dict[str | None, list[WhyNode]] = {}
    for node in whys.nodes:
        parent = node.parent if node.parent in by_id else None
        children.setdefault(parent, []).append(node)
    return by_id, children


def executive_summary(meta: Metadata) -> str:
    """The summary the document shows: the one written, else what happened as told at the intake."""
    return meta.executive_summary if meta.executive_summary.strip() else meta.what_happened


def why_chain(whys: Whys) -> list[WhyNode]:
    """The path from the symptom to the marked root cause, else along the first answers."""
    by_id, children = _children(whys)
    path: list[WhyNode] = []
    node = by_id.get(whys.root_cause or "")
    while node is not None and len(path) < len(by_id):  # bounded: a hand-edited cycle
        path.append(node)
        node = by_id.get(node.parent or "")
    if path and node is None:
        return path[::-1]
    path = []
    answers = children.get(None, [])
    while answers:
        path.append(answers[0])
        answers = children.get(answers[0].id, [])
    return path


@dataclass(frozen=True)
class _Document:
    ws: Workspace
    currency: str
    html_breaks: bool
    cells: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    """The cells escaped so far, by text: actors, owners and empty cells repeat a lot."""

    def cell(self, text: str) -> str:
        escaped = self.cells.get(text)
        if escaped is None:
            escaped = self.cells[text] = escape_cell(text, html_breaks=self.html_breaks)
        return escaped

    def render(self) -> str:
        ws = self.ws
        metrics = compute_metrics(ws.timeline, ws.targets)
        blocks = [
            f"# Post-Mortem: {self.cell(ws.metadata.title) or EMPTY}",
            "## Metadata",
            self.metadata(metrics),
            "## Incident Metrics",
            self.metrics(metrics),
            "## Executive Summary",
            _lines_apart(executive_summary(ws.metadata)) or "*No executive summary written yet.*",
            "## Customer Impact",
            self.customer_impact(),
            "## Timeline",
            self.timeline(),
            "## Root Cause Analysis: 5 Whys",
            self.whys(),
            f"**Root Cause Statement:** {self.cell(ws.whys.root_cause_statement) or '*Not written yet.*'}",
            "## Contributing Factors",
            self.factors(),
            "## What Went Well",
            self.bullets(note.text for note in ws.went_well),
            "## What Went Poorly",
            self.bullets(note.text for note in ws.went_poorly),
            "## Where We Got Lucky",
            self.bullets(note.text for note in ws.lucky),
            "## Corrective Actions",
            self.actions(),
            "### Action Type Definitions",
            "\n".join(f"- **{name}**: {meaning}" for name, meaning in ACTION_TYPE_DEFINITIONS),
            "## Lessons Learned",
            self.lessons(),
            "## Domain-Specific Compliance Check",
            self.compliance(),
        ]
        notes = _paragraphs(ws.notes)
        if notes:
            blocks += ["## Notes", notes]
        return "\n\n".join(blocks) + "\n"

    def metadata(self, metrics: Metrics) -> str:
        meta = self.ws.metadata
        severity = f"{meta.severity.value}: {meta.severity.label}" if meta.severity else ""
        authors = ", ".join(filter(None, (self.cell(author) for author in meta.authors)))
        rows = [
            ("Date of Incident", meta.incident_date.isoformat() if meta.incident_date else ""),
            ("Severity", severity),
            ("Duration", metrics.duration_or(meta.duration)),
            ("Post-Mortem Author", authors),
            ("Post-Mortem Date", meta.postmortem_date.isoformat() if meta.postmortem_date else ""),
            ("Status", meta.status.value),
        ]
        for name, values in (("Services", meta.services), ("Tags", meta.tags)):
            listed = ", ".join(filter(None, (self.cell(value) for value in values)))
            if listed and listed != EMPTY:
                rows.append((name, listed))
        return _table(METADATA_HEADER, rows)

    def metrics(self, metrics: Metrics) -> str:
        rows = [
            (metric.name, metric.display, f"< {metric.target} min")
            for metric in (metrics.ttd, metrics.ttr, metrics.mttr, metrics.communicate)
        ]
        rows += [
            ("Blast Radius", self.blast_radius(), EMPTY),
            ("Revenue Impact", self.revenue(), EMPTY),
            ("Compliance Impact", self.compliance_impact(), EMPTY),
        ]
        return _table(METRICS_HEADER, rows)

    def blast_radius(self) -> str:
        impact = self.ws.impact
        parts = []
        if impact.customers_affected is not None:
            count = impact.customers_affected
            parts.append(f"{count:,} customer{'' if count == 1 else 's'}")
        if impact.traffic_percent is not None:
            parts.append(f"{_decimal(impact.traffic_percent)}% of traffic")
        return " / ".join(parts)

    def revenue(self) -> str:
        value = self.ws.impact.revenue_impact.strip()
        if _PLAIN_NUMBER.fullmatch(value):
            return f"{self.cell(self.currency)} {Decimal(value.replace(',', '')):,}"
        if value.lower() == "none":
            return "none"
        return self.cell(value)

    def compliance_impact(self) -> str:
        impact = self.ws.impact
        parts = (
            []
            if impact.compliance_affected is None
            else ["Yes" if impact.compliance_affected else "No"]
        )
        details = self.cell(impact.compliance_details)
        return " — ".join(parts + [details] if details else parts)

    def customer_impact(self) -> str:
        impact = self.ws.impact
        fields = (
            ("Affected segments", impact.affected_segments),
            ("Affected functionality", impact.affected_functionality),
            ("Data integrity", impact.data_integrity),
            ("Compliance exposure", impact.compliance_exposure),
        )
        return "\n".join(f"- **{label}**: {self.cell(value) or EMPTY}" for label, value in fields)

    def timeline(self) -> str:
        events = sorted(self.ws.timeline, key=lambda event: event.time)
        if not events:
            return "*No events recorded.*"
        # As strftime writes "%H:%M", or "%Y-%m-%d %H:%M" when the events span days; each
        # day's part is formatted once.
        days = {event.time.date(): "" for event in events}
        if len(days) > 1:
            days = {day: day.strftime("%Y-%m-%d ") for day in days}
        rows = []
        for event in events:
            moment = event.time
            parts = [f"**{marker.label}**" for marker in event.markers]
            parts.append(self.cell(event.text))
            evidence = self.cell(event.evidence)
            if evidence:
                parts.append(f"*(evidence: {evidence})*")
            rows.append(
                (
                    f"{days[moment.date()]}{moment.hour:02d}:{moment.minute:02d}",
                    " ".join(filter(None, parts)),
                    self.cell(event.actor),
                )
            )
        return _table(TIMELINE_HEADER, rows)

    def clause(self, text: str) -> str:
        """An answer after "Because": escaped, without one trailing period, its first letter lowered
        unless it starts a name (`in_sentence`)."""
        return self.cell(in_sentence(text.strip().removesuffix(".")))

    def because(self, node: WhyNode, above: str) -> str:
        """``**<the question the app asks>** Because <answer>.``"""
        return f"**{self.cell(question_for(node, above))}** Because {self.clause(node.answer)}."

    def whys(self) -> str:
        """The chain as numbered items, every other answer as a bullet nested below one.

        ``- Also because X.`` under item k is another answer to item k's why (a sibling of its
        answer); ``- **Why did P happen?** Because X.`` answers P, the bullet it is nested under
        (or, under the last item, the root cause). Bullets sit under an item at the width of its
        number (``1. `` -> 3 spaces, ``10. `` -> 4) and two spaces deeper per level below that.
        """
        whys = self.ws.whys
        written = self.cell(whys.symptom)
        symptom = whys.symptom if written else ""  # nothing printable: as if none were written
        chain = why_chain(whys)
        if not chain:
            if symptom:
                return f"**Symptom:** {written}\n\n1. **{self.cell(question_about(symptom))}** *No answer recorded yet.*"
            return "*No whys asked yet.*"
        _, children = _children(whys)
        lines = [f"**Symptom:** {written}", ""] if symptom else []
        aboves = [symptom] + [node.answer for node in chain]
        for number, node in enumerate(chain, start=1):
            indent = " " * len(f"{number}. ")
            lines.append(f"{number}. {self.because(node, aboves[number - 1])}")
            parent = chain[number - 2].id if number > 1 else None
            for other in children[parent]:
                if other is not node:
                    lines.append(f"{indent}- Also because {self.clause(other.answer)}.")
                    lines += self.branch(other, indent + "  ", children)
        lines += self.branch(chain[-1], indent, children)
        return "\n".join(lines)

    def branch(
        self, top: WhyNode, indent: str, children: dict[str | None, list[WhyNode]]
    ) -> list[str]:
        """The answers below `top`, depth first, one bullet each, two spaces deeper per level."""
        lines = []
        pending = [(top, child, indent) for child in reversed(children.get(top.id, []))]
        while pending:
            parent, node, prefix = pending.pop()
            lines.append(f"{prefix}- {self.because(node, parent.answer)}")
            pending += [
                (node, child, prefix + "  ") for child in reversed(children.get(node.id, []))
            ]
        return lines

    def factors(self) -> str:
        if not self.ws.factors:
            return "*No contributing factors recorded.*"
        rows = [(self.cell(f.factor), f.category.value, self.cell(f.how)) for f in self.ws.factors]
        return _table(FACTORS_HEADER, rows)

    def bullets(self, texts: Iterable[str]) -> str:
        lines = [f"- {self.cell(text) or EMPTY}" for text in texts]
        return "\n".join(lines) or "*Nothing noted yet.*"

    def actions(self) -> str:
        actions = sorted(self.ws.actions, key=lambda action: action.number)
        if not actions:
            return "*No corrective actions yet.*"
        extra = [
            (name, attribute)
            for name, attribute in OPTIONAL_ACTION_COLUMNS
            if any(getattr(action, attribute).strip() for action in actions)
        ]
        rows = [
            [
                str(action.number),
                self.cell(action.action),
                action.type.value,
                self.cell(action.owner),
                action.deadline.isoformat() if action.deadline else "",
                action.priority.value,
                action.status.value,
            ]
            + [self.cell(getattr(action, attribute)) for _, attribute in extra]
            for action in actions
        ]
        return _table(ACTIONS_HEADER + tuple(name for name, _ in extra), rows)

    def lessons(self) -> str:
        if not self.ws.lessons:
            return "*No lessons recorded.*"
        rows = [
            (
                self.cell(lesson.lesson),
                "Yes" if lesson.applicable else "No",
                self.cell(lesson.shared_with),
            )
            for lesson in self.ws.lessons
        ]
        return _table(LESSONS_HEADER, rows)

    def compliance(self) -> str:
        compliance = self.ws.compliance
        lines = []
        for check in compliance.checks:
            note = self.cell(check.note)
            line = f"- [{'x' if check.checked else ' '}] {self.cell(check.label) or EMPTY}"
            lines.append(f"{line} — {note}" if note else line)
        lines.append(self.notification(compliance.notification_required, compliance.notification_deadline))
        return "\n".join(lines)

    @staticmethod
    def notification(required: bool | None, deadline: date | None) -> str:
        """The seed's last check with the room's answer: ``Yes (If yes, deadline: …)``, ``No`` or none yet."""
        answer = {True: " Yes", False: " No", None: ""}[required]
        line = f"- [{'x' if required else ' '}] {NOTIFICATION_QUESTION}{answer}"
        if required is False and deadline is None:
            return line
        return f"{line} (If yes, deadline: {deadline.isoformat() if deadline else EMPTY})"


def to_markdown(ws: Workspace, *, currency: str = "EUR") -> str:
    """GitHub-flavoured markdown in the seed's layout; line breaks in cells as ``<br>``."""
    return _Document(ws, currency, html_breaks=True).render()


def to_notion(ws: Workspace, *, currency: str = "EUR") -> str:
    """The same document without any inline HTML, ready to paste into Notion."""
    return _Document(ws, currency, html_breaks=False).render()


def to_json(ws: Workspace) -> str:
    """The workspace and its computed metrics as indented JSON."""
    metrics = compute_metrics(ws.timeline, ws.targets)
    data = {
        "schema_version": ws.schema_version,
        "workspace": ws.model_dump(mode="json"),
        "metrics": {
            metric.key: {
                "minutes": metric.minutes,
                "target": metric.target,
                "state": metric.state.value,
            }
            for metric in metrics.all
        },
    }
    return json.dumps(data, indent=2) + "\n"


def export(ws: Workspace, fmt: str, *, currency: str = "EUR") -> str:
    """The workspace in one of `FORMATS`."""
    if fmt == "markdown":
        return to_markdown(ws, currency=currency)
    if fmt == "notion":
        return to_notion(ws, currency=currency)
    if fmt == "json":
        return to_json(ws)
    raise ValueError(f"unknown export format {fmt!r}: choose one of {', '.join(FORMATS)}")
