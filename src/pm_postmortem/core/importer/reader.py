"""The document reader: runs one section reader per section and assembles what is left."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC

from pydantic import ValidationError

from pm_postmortem.core.importer.aliases import (
    ACTION_COLUMNS,
    FACTOR_COLUMNS,
    LABELLED_FIELDS,
    METADATA_FIELDS,
    SECTION_KEYS,
    TIMELINE_COLUMNS,
)
from pm_postmortem.core.importer.base import _first_sentence
from pm_postmortem.core.importer.blocks import _BOLD_FIELD, _blocks, _Document, _Section, _Table
from pm_postmortem.core.importer.cells import (
    _BULLET,
    _LIST_ITEM,
    _TEMPLATE_PROSE,
    _date,
    _norm,
    unescape,
)
from pm_postmortem.core.importer.compliance import ComplianceReader
from pm_postmortem.core.importer.detect import _sre_title
from pm_postmortem.core.importer.items import ItemReader
from pm_postmortem.core.importer.metadata import MetadataReader
from pm_postmortem.core.importer.report import _plural
from pm_postmortem.core.importer.timeline import TimelineReader
from pm_postmortem.core.importer.times import zone_for
from pm_postmortem.core.importer.whys import WhysReader
from pm_postmortem.core.metrics import compute_metrics
from pm_postmortem.core.model import (
    GENERIC_COMPLIANCE_CHECKS,
    ComplianceCheck,
    WhyNode,
    Workspace,
)

_DATED_TITLE = re.compile(
    r"(?:incident[ \t]+date[ \t]*:[ \t]*)?(?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{4})"
    r"[ \t]*(?:[,:–—-][ \t]*|[ \t])(?=\S)",
    re.IGNORECASE,
)
_TITLE_PREFIXES = (
    "Postmortem Report:", "Post-Mortem Report:", "Incident Report:", "Incident Postmortem:",
    "Incident Post-Mortem:", "Postmortem -", "Post-mortem -",
)  # fmt: skip
_YAML_PAIR = re.compile(r"(?P<key>[A-Za-z_][A-Za-z0-9_ -]{0,40}):(?:[ \t]+(?P<value>.*))?[ \t]*")
_YAML_ITEM = re.compile(r"[ \t]*-[ \t]+(?P<value>.+?)[ \t]*")


_TEXT_SECTIONS = frozenset(
    {None, "executive_summary", "customer_impact", "notes"}
    | {key for key in SECTION_KEYS.values() if key.startswith("field:")}
)
"""Sections of free text, in which a table is read by its columns."""


def _table_kind(table: _Table) -> str | None:
    """Which section a table's columns belong to: timeline, actions, factors, or None."""
    if table.header is None:
        return None
    names = {_norm(cell).rstrip("?").strip() for cell in table.header}
    if any(
        TIMELINE_COLUMNS.get(name) == "time" or name.startswith(("time", "date")) for name in names
    ):
        return "timeline"
    if any(ACTION_COLUMNS.get(name) == "action" for name in names):
        return "actions"
    if any(FACTOR_COLUMNS.get(name) == "factor" for name in names):
        return "factors"
    return None


_WRITTEN_DATE = re.compile(
    r"(?<![0-9.-])(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{2}\.[0-9]{2}\.[0-9]{4})(?![0-9])"
)


class DocumentReader(MetadataReader, TimelineReader, WhysReader, ItemReader, ComplianceReader):
    # -- the run -------------------------------------------------------------------------

    def run(self, document: _Document) -> Workspace:
        if document.title is not None:
            self.title(*document.title)
        else:
            self.warn("no title heading: the workspace is called “Untitled incident”")
        self.front_matter(document.front_matter)
        self.preamble(document)
        handlers: dict[str, Callable[[_Section], None]] = {
            "metadata": self.metadata,
            "metrics": self.metrics,
            "executive_summary": self.executive_summary,
            "customer_impact": self.customer_impact,
            "whys": self.whys,
            "factors": self.factors,
            "went_well": lambda s: self.notes_list(s, self.ws.went_well, "went well"),
            "went_poorly": lambda s: self.notes_list(s, self.ws.went_poorly, "went poorly"),
            "lucky": lambda s: self.notes_list(s, self.ws.lucky, "lucky"),
            "actions": self.actions,
            "type_definitions": self.type_definitions,
            "lessons": self.lessons,
            "compliance": self.compliance,
            "notes": self.notes_section,
        }
        timelines = []
        for section in document.sections:
            if not self.strict and section.key in _TEXT_SECTIONS:
                section, timeline = self.route_tables(section)
                if timeline is not None:
                    timelines.append(timeline)
            if section.key == "timeline":
                timelines.append(section)
            elif section.key is None:
                self.unknown(section)
            elif section.key.startswith("field:"):
                self.field_section(section)
            else:
                handlers[section.key](section)
        self.apply_fields()
        self.date_from_summary()
        for section in timelines:  # after the metadata, whose incident date bare times take
            self.timeline(section)
        self.finish()
        return self.ws

    def title(self, number: int, text: str) -> None:
        self.read_title(text)
        if not self.strict and not self.ws.metadata.title:
            self.ws.metadata.title = "Untitled incident"

    def read_title(self, text: str) -> None:
        if not self.strict and (dated := _DATED_TITLE.match(text)):
            day = _date(dated["date"])
            if day is not None:
                self.ws.metadata.incident_date = self.title_date = day
                text = text[dated.end() :]
        prefixes: tuple[str, ...] = ("Post-Mortem:", "Postmortem:", "Post Mortem:")
        if not self.strict:
            prefixes += _TITLE_PREFIXES
        for prefix in prefixes:
            if text[: len(prefix)].lower() == prefix.lower():
                rest = text[len(prefix) :]
                self.ws.metadata.title = self.cell(rest.removeprefix(" ") if self.strict else rest)
                return
        title, reference, _ = _sre_title(text)
        self.ws.metadata.title = self.cell(title)
        if reference:
            self.ws.metadata.tags = [unescape(reference)]
            self.warn(f"the title's “{unescape(reference)}” is kept as a tag")

    def front_matter(self, lines: list[tuple[int, str]]) -> None:
        """YAML front matter: ``title:``, ``date:``, ``authors:`` (inline or as a list) and the
        other metadata fields; other keys are kept."""
        where = "front matter"
        key = ""
        for number, line in lines:
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            item = _YAML_ITEM.fullmatch(line)
            if item is not None and key in ("authors", "author"):
                self.ws.metadata.authors.append(item["value"].strip("'\""))
                continue
            pair = _YAML_PAIR.fullmatch(line)
            if pair is None:
                self.keep(where, 0, number, line.strip())
                continue
            key, value = pair["key"].lower(), (pair["value"] or "").strip().strip("'\"")
            if key == "title":
                if not self.ws.metadata.title or self.ws.metadata.title == "Untitled incident":
                    self.read_title(value)
                else:
                    self.keep(where, 0, number, line.strip())
            elif key in ("summary", "description"):
                self.add_field("summary", number, value, where)
            elif key in METADATA_FIELDS and value:
                self.meta_field(METADATA_FIELDS[key], value, number, where, 0)
            elif value or key not in ("authors", "author"):
                self.keep(where, 0, number, line.strip())

    def preamble(self, document: _Document) -> None:
        """Bold fields (``**Summary**: …``) with their continuation lines; the other lines are the
        summary when the document has no summary section, else kept."""
        current: str | None = None
        summary = (
            not self.strict
            and not any(
                section.key in ("executive_summary", "field:summary")
                for section in document.sections
            )
            and "summary" not in document.fields
        )
        for number, line in document.preamble:
            stripped = line.strip()
            if not stripped:
                current = None
                continue
            match = _BOLD_FIELD.match(stripped)
            if match is not None:
                current = _norm(match["name"])
                self.add_field(current, number, stripped[match.end() :], "header fields")
            elif current is not None:
                self.fields[current][1].append(stripped)
            elif _norm(stripped) in _TEMPLATE_PROSE:
                continue
            elif summary and not _LIST_ITEM.match(stripped) and stripped[:1] not in "|<>![#`~":
                if "summary" in self.fields:
                    self.fields["summary"][1].append(stripped)
                else:
                    self.add_field("summary", number, stripped, "before the first section")
            else:
                self.keep("before the first section", 0, number, stripped)

    def add_field(self, name: str, number: int, text: str, section: str) -> None:
        if name in self.fields:
            first, lines, _ = self.fields[name]
            lines += ["", text]  # a blank line between the texts
            self.fields[name] = (first, lines, section)
        else:
            self.fields[name] = (number, [text], section)

    def field_section(self, section: _Section) -> None:
        """``## Summary`` and the other SRE fields written as sections: their paragraphs."""
        text = self.paragraphs(section.lines, raw=True)
        if text and section.key is not None:
            self.add_field(section.key.removeprefix("field:"), section.line, text, section.heading)

    def unknown(self, section: _Section) -> None:
        for number, line in section.lines:
            if line.strip():
                self.keep(
                    section.heading or "untitled section", section.line, number, line.rstrip()
                )
        if not section.lines or not any(line.strip() for _, line in section.lines):
            self.kept.setdefault((section.line, section.heading or "untitled section"), [])

    def executive_summary(self, section: _Section) -> None:
        text = self.paragraphs(section.lines)
        if text:
            previous = self.ws.metadata.executive_summary
            self.ws.metadata.executive_summary = f"{previous}\n\n{text}" if previous else text
            self.counts["summary"] += 1

    def notes_section(self, section: _Section) -> None:
        text = self.paragraphs(section.lines)
        if text:
            self.notes.append(text)

    # -- the end ---------------------------------------------------------------------------

    def finish(self) -> None:
        ws = self.ws
        self.date_from_timeline()
        self.assemble_whys()
        metrics = compute_metrics(ws.timeline, ws.targets)
        if self.duration is not None:
            number, text, name = self.duration
            if metrics.duration:
                if text != metrics.duration:
                    self.warn(
                        f"line {number}: Duration {text} differs from the markers' "
                        f"{metrics.duration}; the markers win"
                    )
            else:
                try:
                    ws.metadata.duration = text
                except ValidationError:
                    self.keep(name, 0, number, text, "duration (not HH:MM): ")
        by_key = {metric.key: metric for metric in metrics.all}
        for number, key, value in self.metric_values:
            metric = by_key[key]
            written = self.cell(value)
            if written and written != metric.display and not self.is_placeholder(value):
                self.warn(
                    f"line {number}: {metric.name} says {written}, the imported timeline "
                    f"gives {metric.display}{' (' + metric.explanation + ')' if metric.explanation else ''}"
                )
        if not self.saw_compliance and not self.strict:
            ws.compliance.checks = [
                ComplianceCheck(id=self.new_id(), label=label)
                for label in GENERIC_COMPLIANCE_CHECKS
            ]
            self.warn("no compliance checklist in the document: added the seed's generic checks")
        if self.placeholders:
            self.warn(f"skipped {_plural(self.placeholders, 'unfilled template placeholder')}")
        self.assemble_notes()
        self.unmapped.sort(key=lambda item: item[0])
        self.report.unmapped = [text for _, text in self.unmapped]
        if ws.metadata.incident_date is not None:
            self.report.incident_date = ws.metadata.incident_date.isoformat()
        order = (
            "metadata",
            "impact",
            "targets",
            "summary",
            "timeline",
            "whys",
            "factors",
            "went well",
            "went poorly",
            "lucky",
            "actions",
            "lessons",
            "compliance",
            "notes",
        )
        self.counts["notes"] = len(ws.notes.splitlines())
        self.report.counts = {key: self.counts[key] for key in order}

    def apply_fields(self) -> None:
        """The SRE template's fields (preamble or sections), where the seed sections left room."""
        ws = self.ws
        fields = {
            name: (number, "\n".join(lines), section)
            for name, (number, lines, section) in self.fields.items()
        }
        for key, meta_key in (
            ("date", "incident_date"),
            ("incident date", "incident_date"),
            ("authors", "authors"),
            ("author", "authors"),
            ("status", "status"),
            ("severity", "severity"),
            ("duration", "duration"),
            ("services", "services"),
            ("tags", "tags"),
        ):
            if key in fields:
                number, text, section = fields.pop(key)
                if meta_key == "authors" and not self.strict:
                    text = ", ".join(
                        line[bullet.end() :] if (bullet := _BULLET.match(line)) else line
                        for line in text.split("\n")
                        if line.strip()
                    )
                self.meta_field(meta_key, text, number, section, 0)
        summary = self.field_text(fields.pop("summary", None))
        if summary:
            meta = ws.metadata
            if not meta.executive_summary:
                meta.executive_summary = summary
                self.counts["summary"] += 1
            else:
                self.notes.append(f"Summary: {summary}")
        for key in LABELLED_FIELDS:
            text = self.field_text(fields.pop(key, None))
            if text:
                label = key.capitalize()
                previous = ws.metadata.executive_summary
                ws.metadata.executive_summary = (
                    f"{previous}\n\n{label}: {text}" if previous else f"{label}: {text}"
                )
        impact = self.field_text(fields.pop("impact", None))
        if impact:
            if not ws.impact.affected_functionality:
                ws.impact.affected_functionality = impact
                self.counts["impact"] += 1
            else:
                self.notes.append(f"Impact: {impact}")
        root_causes = self.field_text(
            fields.pop("root causes", None) or fields.pop("root cause", None)
        )
        if root_causes:
            if not ws.whys.root_cause_statement:
                ws.whys.root_cause_statement = root_causes
            else:
                self.notes.append(f"Root causes: {root_causes}")
        trigger = self.field_text(fields.pop("trigger", None))
        if trigger:
            if not self.why_children:
                if not ws.whys.symptom:
                    ws.whys.symptom = _first_sentence(summary) or ws.metadata.title
                self.add_why(trigger.rstrip("."), None)
            else:
                self.notes.append(f"Trigger: {trigger}")
        for name, (number, text, section) in fields.items():
            self.keep(section, 0, number, unescape(text), f"{name}: ")

    def route_tables(self, section: _Section) -> tuple[_Section, _Section | None]:
        """A table in a text section read by its columns: actions, factors or a timeline (returned
        as a section of its own, read with the other timelines); the rest stays text."""
        kept: list[tuple[int, str]] = []
        timeline_lines: list[tuple[int, str]] = []
        index, lines = 0, section.lines
        while index < len(lines):
            if not lines[index][1].lstrip().startswith("|"):
                kept.append(lines[index])
                index += 1
                continue
            end = index
            while end < len(lines) and lines[end][1].lstrip().startswith("|"):
                end += 1
            run = lines[index:end]
            index = end
            table = next(iter(_blocks(run)))
            kind = _table_kind(table) if isinstance(table, _Table) else None
            if kind == "timeline":
                timeline_lines += [*run, (run[-1][0], "")]
            elif kind == "actions" and isinstance(table, _Table):
                self.action_table(table, section)
            elif kind == "factors" and isinstance(table, _Table):
                self.factor_table(table, section)
            else:
                kept += run
        rest = _Section(
            section.level, section.heading, section.norm, section.key, section.line, kept
        )
        if not timeline_lines:
            return rest, None
        timeline = _Section(section.level, section.heading, "timeline", "timeline", section.line)
        timeline.lines = timeline_lines
        return rest, timeline

    def date_from_summary(self) -> None:
        """No date field: the first full date the summary writes (``Start: 2024-08-20 14:00``)
        is the incident date that bare timeline times take, with a warning."""
        meta = self.ws.metadata
        if self.strict or meta.incident_date is not None:
            return
        for found in _WRITTEN_DATE.finditer(meta.executive_summary[:5000]):
            day = _date(found[0])
            if day is not None:
                meta.incident_date = day
                self.warn(f"no incident date written: took the summary's {day}")
                return

    def date_from_timeline(self) -> None:
        """No date written: the incident date is the day of the first event, where it happened;
        a title's date gives way to the timeline's first written date."""
        meta = self.ws.metadata
        if self.strict or not self.ws.timeline:
            return
        if not self.report.zones:
            self.warn("the timeline states no time zone: its times were read as UTC")
        first_day = self.first_written_day
        if meta.incident_date == self.title_date and first_day not in (None, self.title_date):
            self.warn(
                f"the title's date {self.title_date} is not the timeline's {first_day}: "
                "took the timeline's"
            )
            meta.incident_date = first_day
        if meta.incident_date is not None:
            return
        first = min(event.time for event in self.ws.timeline)
        zone = zone_for(self.ws.display_tz) if self.ws.display_tz else UTC
        meta.incident_date = first.astimezone(zone or UTC).date()
        self.warn(f"no incident date written: took the first event's, {meta.incident_date}")

    def field_text(self, field_value: tuple[int, str, str] | None) -> str:
        if field_value is None:
            return ""
        number, text, _ = field_value
        return self.paragraphs([(number, line) for line in text.split("\n")])

    def assemble_whys(self) -> None:
        whys = self.ws.whys
        nodes: list[WhyNode] = []
        pending = list(reversed(self.why_children.get(None, [])))
        while pending:
            node = pending.pop()
            nodes.append(node)
            pending += reversed(self.why_children.get(node.id, []))
        whys.nodes = nodes
        if self.chain:
            last = self.chain[-1]
            if whys.root_cause_statement.strip() or self.why_children.get(last.id):
                whys.root_cause = last.id
            if whys.symptom == "the incident" and not self.symptom_written:
                whys.symptom = ""

    def assemble_notes(self) -> None:
        blocks = list(self.notes)
        if self.why_questions:
            blocks.append("\n".join(["5 Whys questions as written:", *self.why_questions]))
        for (_, section), lines in sorted(self.kept.items(), key=lambda item: item[0][0]):
            if lines:
                blocks.append("\n".join([f"Not mapped on import, from “{section}”:", *lines]))
        self.ws.notes = "\n\n".join(blocks)
