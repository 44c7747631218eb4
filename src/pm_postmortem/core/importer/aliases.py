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
    "date": "field:date",
    "incident date": "field:date",
    "authors": "field:authors",
    "author": "field:authors",
    "status": "field:status",
    "severity": "field:severity",
}
"""Section names as the templates write them, by the reader that reads them."""

SECTION_ALIASES = {
    "executive_summary": (
        "tl;dr", "tldr", "issue summary", "incident summary", "overview", "what happened",
        "description", "incident description", "background",
    ),
    "field:impact": ("user impact", "impact assessment", "business impact"),
    "field:root causes": ("root cause and resolution", "cause", "causes"),
    "field:resolution": ("resolution and recovery", "recovery", "mitigation", "fix"),
    "field:detection": ("how was it detected",),
    "timeline": ("incident timeline", "timeline of events", "chronology", "sequence of events"),
    "whys": ("5 whys analysis", "five whys analysis", "root cause analysis (5 whys)", "whys"),
    "factors": ("contributing factor", "factors", "contributing causes", "contributors"),
    "went_well": (
        "what worked", "what worked well", "what went right", "went well", "things that went well",
        "what went well?",
    ),
    "went_poorly": (
        "what didn't work", "what did not work", "what went badly", "what could have gone better",
        "what could be improved", "what could have been better", "things that went wrong",
        "what went wrong?", "what went poorly?", "went wrong", "what didn't go well",
        "what did not go well",
    ),
    "lucky": ("where we got lucky?", "lucky", "what we got lucky with", "where did we get lucky"),
    "actions": (
        "action item", "actions", "follow-ups", "follow ups", "followups", "follow-up actions",
        "follow-up items", "next steps", "remediation", "remediations", "remediation items",
        "corrective and preventative measures", "corrective and preventive measures",
        "preventive measures", "preventative measures", "action plan", "todo", "to do",
        "improvements", "corrective action", "corrective actions and follow-ups",
    ),
    "lessons": ("lessons learnt", "lessons", "learnings", "what we learned", "key learnings"),
}  # fmt: skip
"""Other names people give the sections, each read by the same reader."""

for _key, _names in SECTION_ALIASES.items():
    for _name in _names:
        SECTION_KEYS.setdefault(_name, _key)

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
