"""What an import did, and the limits beyond which a document is refused."""

from __future__ import annotations

from dataclasses import dataclass, field

FORMATS = ("pm-postmortem", "seed", "google-sre")
VARIANTS = ("markdown", "notion")
MAX_LINES = 40_000
"""Longer input is refused with a clear message rather than read for seconds."""
MAX_ITEMS = 10_000
"""Lines that may each become an item; they cost the most to read, so they have their own limit."""
MAX_TABLE_CELLS = 60_000
"""Table cells in the whole document, counted as unescaped pipes."""
MAX_CELLS = 100
"""Table cells read per row; what follows is one last cell (reported, kept in the notes)."""
REPORT_LENGTH = 200
"""Unmapped lines are shown in the report cut to this many characters (the notes keep them whole)."""
SUMMARY_LINES = 8
"""How many unmapped lines and warnings `ImportReport.summary` lists before "… and N more"."""


class MarkdownImportError(ValueError):
    """Input that is no markdown document (empty, binary, no headings); the message is one line."""


@dataclass
class ImportReport:
    """What an import did: the format read, counts per section, and what could not be mapped."""

    format: str
    counts: dict[str, int] = field(default_factory=dict)
    unmapped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    source: str = ""
    variant: str = "markdown"
    zones: list[str] = field(default_factory=list)
    incident_date: str = ""
    """The incident date the import settled on (how, when guessed, is among the warnings)."""
    """The time zones the timeline states, as written and as read."""

    def summary(self, *, complete: bool = False) -> str:
        """A few lines for a person: what was read, what went to the notes, what to check;
        `complete` lists every unmapped line and warning, not the first few."""
        shown = len(self.unmapped) + len(self.warnings) if complete else SUMMARY_LINES
        kind = {"pm-postmortem": "pm-postmortem", "seed": "seed-format", "google-sre": "Google SRE"}
        name = kind.get(self.format, self.format)
        if self.format == "pm-postmortem" and self.variant == "notion":
            name += " (Notion)"
        origin = f" from {self.source}" if self.source else ""
        counted = ", ".join(f"{key} {value}" for key, value in self.counts.items() if value)
        lines = [f"Imported a {name} document{origin}: {counted or 'no content'}."]
        if self.incident_date:
            lines.append(f"Incident date: {self.incident_date}.")
        if self.zones:
            lines.append(f"Timeline times read in {', '.join(self.zones)}.")
        if self.unmapped:
            lines.append(
                f"{_plural(len(self.unmapped), 'line')} could not be mapped and "
                f"{'was' if len(self.unmapped) == 1 else 'were'} kept in the notes:"
            )
            lines += _listed(self.unmapped, shown)
        else:
            lines.append("Everything was mapped.")
        if self.warnings:
            lines.append("Warnings:")
            lines += _listed(self.warnings, shown)
        return "\n".join(lines)


def _listed(items: list[str], shown: int) -> list[str]:
    lines = [f"  {item}" for item in items[:shown]]
    if len(items) > shown:
        lines.append(f"  … and {len(items) - shown} more (all of them: import with --report)")
    return lines


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"
