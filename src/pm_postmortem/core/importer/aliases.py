"""Column and label names each section reader accepts, by the field they fill."""

from __future__ import annotations

TIMELINE_COLUMNS = {
    "time": "time",
    "time (utc)": "time",
    "date": "time",
    "when": "time",
    "timestamp": "time",
    "date/time": "time",
    "time/date": "time",
    "event": "event",
    "events": "event",
    "description": "event",
    "what": "event",
    "what happened": "event",
    "actor/system": "actor",
    "actor / system": "actor",
    "actor": "actor",
    "system": "actor",
    "who": "actor",
    "evidence": "evidence",
    "link": "evidence",
    "links": "evidence",
    "marker": "marker",
}
FACTOR_COLUMNS = {
    "factor": "factor",
    "contributing factor": "factor",
    "category": "category",
    "type": "category",
    "how it contributed": "how",
    "how": "how",
    "explanation": "how",
    "contribution": "how",
}
ACTION_COLUMNS = {
    "#": "number",
    "no": "number",
    "no.": "number",
    "nr": "number",
    "number": "number",
    "action": "action",
    "action item": "action",
    "action items": "action",
    "corrective action": "action",
    "item": "action",
    "type": "type",
    "owner": "owner",
    "assignee": "owner",
    "deadline": "deadline",
    "due": "deadline",
    "due date": "deadline",
    "priority": "priority",
    "prio": "priority",
    "status": "status",
    "state": "status",
    "ticket": "ticket",
    "bug": "ticket",
    "issue": "ticket",
    "done when": "done_when",
    "definition of done": "done_when",
}
LESSON_COLUMNS = {
    "lesson": "lesson",
    "lessons": "lesson",
    "lesson learned": "lesson",
    "applicable beyond this incident": "applicable",
    "applicable": "applicable",
    "shared with": "shared_with",
    "shared": "shared_with",
}
METADATA_FIELDS = {
    "date of incident": "incident_date",
    "incident date": "incident_date",
    "date": "incident_date",
    "severity": "severity",
    "duration": "duration",
    "post-mortem author": "authors",
    "post-mortem authors": "authors",
    "postmortem author": "authors",
    "author": "authors",
    "authors": "authors",
    "post-mortem date": "postmortem_date",
    "postmortem date": "postmortem_date",
    "status": "status",
    "services": "services",
    "tags": "tags",
    "title": "title",
}
METRIC_ROWS = {
    "time to detect (ttd)": "ttd",
    "time to detect": "ttd",
    "ttd": "ttd",
    "time to respond (ttr)": "ttr",
    "time to respond": "ttr",
    "ttr": "ttr",
    "time to mitigate (ttm)": "ttm",
    "time to mitigate": "ttm",
    "ttm": "ttm",
    "time to resolve (mttr)": "mttr",
    "time to resolve": "mttr",
    "mttr": "mttr",
    "time to communicate": "communicate",
    "blast radius": "blast_radius",
    "revenue impact": "revenue",
    "compliance impact": "compliance",
}
IMPACT_LABELS = {
    "affected segments": "affected_segments",
    "affected functionality": "affected_functionality",
    "data integrity": "data_integrity",
    "compliance exposure": "compliance_exposure",
}
LABELLED_FIELDS = ("resolution", "detection")
"""SRE fields appended to the executive summary as ``Label: text`` paragraphs."""


SECTION_KEYS = {
    "metadata": "metadata",
    "incident metrics": "metrics",
    "metrics": "metrics",
    "executive summary": "executive_summary",
    "customer impact": "customer_impact",
    "timeline": "timeline",
    "root cause analysis: 5 whys": "whys",
    "root cause analysis - 5 whys": "whys",
    "root cause analysis": "whys",
    "5 whys": "whys",
    "five whys": "whys",
    "contributing factors": "factors",
    "what went well": "went_well",
    "what went poorly": "went_poorly",
    "what went wrong": "went_poorly",
    "where we got lucky": "lucky",
    "corrective actions": "actions",
    "action items": "actions",
    "action type definitions": "type_definitions",
    "lessons learned": "lessons",
    "domain-specific compliance check": "compliance",
    "compliance check": "compliance",
    "compliance checklist": "compliance",
    "notes": "notes",
    # the SRE template's fields as sections
    "summary": "field:summary",
    "impact": "field:impact",
    "root causes": "field:root causes",
    "root cause": "field:root causes",
    "trigger": "field:trigger",
    "resolution": "field:resolution",
    "detection": "field:detection",
}

SEED_HEADINGS = frozenset(
    {
        "metadata",
        "incident metrics",
        "executive summary",
        "customer impact",
        "root cause analysis: 5 whys",
        "contributing factors",
        "what went poorly",
        "corrective actions",
        "action type definitions",
        "domain-specific compliance check",
    }
)
SRE_HEADINGS = frozenset(
    {
        "summary",
        "impact",
        "root causes",
        "trigger",
        "resolution",
        "detection",
        "action items",
        "what went wrong",
        "supporting information",
    }
)
SRE_FIELDS = frozenset(
    {"summary", "impact", "root causes", "root cause", "trigger", "resolution", "detection"}
)
