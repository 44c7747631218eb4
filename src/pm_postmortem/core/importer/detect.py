"""Section names and their aliases, and which of the formats a document is written in."""

from __future__ import annotations

from pm_postmortem.core.export import ACTION_TYPE_DEFINITIONS
from pm_postmortem.core.importer.aliases import SEED_HEADINGS, SRE_FIELDS, SRE_HEADINGS
from pm_postmortem.core.importer.blocks import _Document


def _detect_format(document: _Document) -> str:
    norms = {section.norm for section in document.sections}
    title = document.title[1] if document.title else ""
    seed_title = title.lower().startswith(("post-mortem:", "postmortem:", "post mortem:"))
    sre = len(norms & SRE_HEADINGS) + len(document.fields.keys() & SRE_FIELDS)
    sre += not seed_title and _sre_title(title)[2]
    seed = len(norms & SEED_HEADINGS) + seed_title
    if sre > seed:
        return "google-sre"
    definitions = next((s for s in document.sections if s.key == "type_definitions"), None)
    if definitions is not None:
        lines = [line for _, line in definitions.lines if line.strip()]
        if lines == [f"- **{name}**: {meaning}" for name, meaning in ACTION_TYPE_DEFINITIONS]:
            return "pm-postmortem"
    return "seed"


def _sre_title(text: str) -> tuple[str, str, bool]:
    """(title, incident reference, whether it is written the SRE way) of a title heading."""
    title, reference, sre = text.strip(), "", False
    if title.endswith(")"):
        start = title.rfind("(")
        if start >= 0 and title[start + 1 :].lower().startswith("incident"):
            reference = title[start + 1 : -1].strip()
            title, sre = title[:start].rstrip(), True
    lower = title.lower()
    for suffix in (" postmortem", " post-mortem", " post mortem"):
        if lower.endswith(suffix):
            title, sre = title[: -len(suffix)].rstrip(), True
            break
    return title, reference, sre
