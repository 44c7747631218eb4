"""Markdown, Notion and JSON export: layout, escaping, the 5 Whys form and empty sections."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pm_postmortem.core.export import (
    FORMATS,
    escape_cell,
    escape_inline,
    export,
    to_json,
    to_markdown,
    to_notion,
)
from pm_postmortem.core.importer import import_markdown
from pm_postmortem.core.model import (
    Action,
    ComplianceCheck,
    Factor,
    Impact,
    Lesson,
    Marker,
    Metadata,
    Note,
    Severity,
    TimelineEvent,
    WhyNode,
    Whys,
    Workspace,
)
from pm_postmortem.core.text import BIDI_CONTROLS
from tests.test_demo import SEED_HEADINGS

FIXED = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
ESCAPE_PAIR = re.compile(r"\\[!-/:-@\[-`{-~]")
LINE_BREAKS = re.compile(r"\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")
DROPPED = re.compile(rf"[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\ud800-\udfff{BIDI_CONTROLS}]")
"""What an exported cell leaves out: control characters, lone surrogates, bidi controls."""


def workspace(**fields) -> Workspace:
    return Workspace(created=FIXED, updated=FIXED, **fields)


def at(hhmm: str, day: int = 10) -> datetime:
    hours, minutes = map(int, hhmm.split(":"))
    return datetime(2026, 3, day, hours, minutes, tzinfo=UTC)


def bare(line: str) -> str:
    """The line with every backslash escape removed: what a parser sees as markup."""
    return ESCAPE_PAIR.sub("", line)


def unescape(text: str) -> str:
    return ESCAPE_PAIR.sub(lambda match: match.group()[1], text)


def unescape_cell(cell: str, *, html_breaks: bool) -> str:
    return "\n".join(unescape(part) for part in cell.split("<br>" if html_breaks else " / "))


def normalised(text: str) -> str:
    return LINE_BREAKS.sub("\n", DROPPED.sub("", text))


def section(document: str, heading: str) -> list[str]:
    """The non-blank lines under `heading`, up to the next heading."""
    lines = document.split("\n")
    start = lines.index(heading) + 1
    end = next((i for i in range(start, len(lines)) if lines[i].startswith("#")), len(lines))
    return [line for line in lines[start:end] if line]


# --- escaping ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a*b_c", r"a\*b\_c"),
        (
            "**X** [red]x[/] `code` <br> a|b ~~s~~ $1",
            r"\*\*X\*\* \[red\]x\[/\] \`code\` \<br\> a\|b \~\~s\~\~ \$1",
        ),
        ("back\\slash", r"back\\slash"),
        ("# title", r"\# title"),
        ("- item", r"\- item"),
        ("+ item", r"\+ item"),
        ("===", r"\==="),
        ("1. first", r"1\. first"),
        ("12) first", r"12\) first"),
        ("1.5 hours", "1.5 hours"),
        ("a - b + c = d", "a - b + c = d"),
        ("&amp; &#35; R&D", r"\&amp; \&\#35; R&D"),
        ("one\r\n- two\rthree", "one\n\\- two\nthree"),
        ("a\x00b\x1fc", "abc"),
        ("a\x0bb\x0cc\x1cd\x85e\u2028f\u2029g", "a\nb\nc\nd\ne\nf\ng"),
    ],
)
def test_escape_inline(text, expected):
    assert escape_inline(text) == expected


def test_escape_cell_breaks_and_strips():
    assert escape_cell("  a|b \n c  ") == r"a\|b <br> c"
    assert escape_cell("  a|b \n c  ", html_breaks=False) == r"a\|b  /  c"
    assert escape_cell("a\r\nb\rc") == "a<br>b<br>c"
    assert escape_cell("and/or, a / b, /x, x/", html_breaks=False) == r"and/or, a \/ b, \/x, x\/"
    assert escape_cell(" \n ") == ""


TRICKY = [
    "|",
    "\\",
    "\\|",
    "\n",
    "\r",
    "\r\n",
    "[/]",
    "[red]",
    "`",
    "<br>",
    "**X**",
    "- ",
    "1. ",
    "# ",
    "> ",
    "😀",
    "\x00",
    "\x0b",
    "\x0c",
    "\x1c",
    "\x85",
    "\u2028",
    "\u2029",
    "\t",
    " / ",
    "/",
    "&amp;",
    "~~",
    "$",
    "=",
    " ",
    "<b>",
    "_",
]
texts = st.lists(st.one_of(st.sampled_from(TRICKY), st.characters()), max_size=10).map("".join)


@settings(max_examples=100, deadline=None)
@given(texts, st.booleans())
def test_escape_cell_is_reversible(text, html_breaks):
    cell = escape_cell(text, html_breaks=html_breaks)
    assert "\n" not in cell and cell == cell.strip()
    assert unescape_cell(cell, html_breaks=html_breaks) == normalised(text).strip()
    assert unescape(escape_inline(text)) == normalised(text)


# --- nothing typed breaks the document -----------------------------------------------------------



def check_table(document: str, heading: str, rows: int) -> None:
    lines = section(document, heading)
    header, separator, *body = lines[: rows + 2]
    pipes = bare(header).count("|")
    assert re.fullmatch(r"(\|-+)+\|", separator)
    assert separator.count("|") == pipes
    assert len(body) == rows
    for line in body:
        assert line.startswith("| ") and line.endswith(" |")
        assert bare(line).count("|") == pipes, line


@settings(max_examples=100, deadline=None)
@given(st.lists(texts, min_size=14, max_size=14), st.booleans())
def test_typed_text_never_breaks_the_document(t, html_breaks):
    ws = workspace(
        metadata=Metadata(title=t[0], executive_summary=t[1], authors=[t[2], t[3]]),
        impact=Impact(affected_segments=t[4], revenue_impact=t[5], compliance_details=t[6]),
        timeline=[
            TimelineEvent(
                time=at("10:00"), text=t[7], actor=t[8], evidence=t[9], markers=(Marker.DETECTED,)
            ),
            TimelineEvent(time=at("10:05"), text=t[8], actor=t[7]),
        ],
        whys=Whys(
            symptom=t[10],
            nodes=[
                WhyNode(id="a", answer="a" + t[11]),
                WhyNode(id="b", parent="a", answer="b" + t[12]),
                WhyNode(id="c", answer="c" + t[13]),
                WhyNode(id="d", parent="c", answer="d" + t[11]),
            ],
            root_cause_statement=t[12],
        ),
        factors=[Factor(factor=t[11], how=t[12]), Factor(factor=t[13])],
        went_well=[Note(text=t[0]), Note(text=t[1])],
        went_poorly=[Note(text=t[2])],
        actions=[
            Action(number=1, action=t[3], owner=t[4], ticket=t[5], done_when=t[6]),
            Action(number=2, action=t[7], owner=t[8]),
        ],
        lessons=[Lesson(lesson=t[9], shared_with=t[10])],
        compliance={"checks": [ComplianceCheck(label=t[11], note=t[12])]},
        notes=t[13],
    )
    document = export(ws, "markdown" if html_breaks else "notion")
    lines = document.split("\n")
    assert document.endswith("\n") and not document.endswith("\n\n")
    assert document.splitlines() == lines[:-1]
    assert "\n\n\n" not in document
    assert lines[0].startswith("# Post-Mortem: ") and lines[1] == ""
    assert [line for line in lines if line.startswith("#")][1:] == SEED_HEADINGS + ["## Notes"] * bool(
        normalised(t[13]).strip()
    )
    assert all(not line.startswith((" ", "\t")) or line.lstrip().startswith("- ") for line in lines)
    check_table(document, "## Metadata", 6)
    check_table(document, "## Incident Metrics", 7)
    check_table(document, "## Timeline", 2)
    check_table(document, "## Contributing Factors", 2)
    check_table(document, "## Corrective Actions", 2)
    check_table(document, "## Lessons Learned", 1)
    assert len(section(document, "## Customer Impact")) == 4
    assert len(section(document, "## What Went Well")) == 2
    assert len(section(document, "## What Went Poorly")) == 1
    assert len(section(document, "## Domain-Specific Compliance Check")) == 2
    symptom_line = bool(escape_cell(t[10]))
    assert len(section(document, "## Root Cause Analysis: 5 Whys")) == symptom_line + 4 + 1  # one line per answer
    tags = set(re.findall(r"<[A-Za-z/!?][^>]*>", bare(document)))
    assert tags <= ({"<br>"} if html_breaks else set())


# --- the document -----------------------------------------------------------------------------

EMPTY_DOCUMENT = """\
# Post-Mortem: Untitled incident

## Metadata

| Field | Value |
|-------|-------|
| Date of Incident | — |
| Severity | — |
| Duration | — |
| Post-Mortem Author | — |
| Post-Mortem Date | — |
| Status | Draft |

## Incident Metrics

| Metric | Value | Target |
|--------|-------|--------|
| Time to Detect (TTD) | — | < 5 min |
| Time to Respond (TTR) | — | < 15 min |
| Time to Resolve (MTTR) | — | < 60 min |
| Time to Communicate | — | < 15 min |
| Blast Radius | — | — |
| Revenue Impact | — | — |
| Compliance Impact | — | — |

## Executive Summary

*No executive summary written yet.*

## Customer Impact

- **Affected segments**: —
- **Affected functionality**: —
- **Data integrity**: —
- **Compliance exposure**: —

## Timeline

*No events recorded.*

## Root Cause Analysis: 5 Whys

*No whys asked yet.*

**Root Cause Statement:** *Not written yet.*

## Contributing Factors

*No contributing factors recorded.*

## What Went Well

*Nothing noted yet.*

## What Went Poorly

*Nothing noted yet.*

## Where We Got Lucky

*Nothing noted yet.*

## Corrective Actions

*No corrective actions yet.*

### Action Type Definitions

- **Prevent**: Removes the conditions that let this kind of incident happen
- **Detect**: Shortens the time until we notice it the next time
- **Mitigate**: Limits how many are affected, or for how long
- **Process**: Changes how people respond: runbooks, escalation, communication

## Lessons Learned

*No lessons recorded.*

## Domain-Specific Compliance Check

- [ ] Regulatory notification required? (If yes, deadline: —)
"""


def test_empty_workspace_document():
    ws = workspace()
    assert to_markdown(ws) == EMPTY_DOCUMENT
    assert to_notion(ws) == EMPTY_DOCUMENT


def test_metadata_and_metrics_rows():
    ws = workspace(
        metadata=Metadata(
            title="Login outage",
            incident_date=date(2026, 3, 10),
            severity=Severity.S1,
            authors=["Ana", "Ben"],
            postmortem_date=date(2026, 3, 12),
        ),
        impact=Impact(
            customers_affected=1240,
            traffic_percent=8.0,
            revenue_impact="12500",
            compliance_affected=True,
            compliance_details="GoBD",
        ),
        timeline=[
            TimelineEvent(time=at("14:00"), markers=(Marker.IMPACT_START,)),
            TimelineEvent(time=at("14:07"), markers=(Marker.DETECTED,)),
            TimelineEvent(time=at("14:19"), markers=(Marker.DECLARED,)),
            TimelineEvent(time=at("14:30"), markers=(Marker.COMMUNICATED,)),
            TimelineEvent(time=at("15:35"), markers=(Marker.RESOLVED,)),
        ],
    )
    document = to_markdown(ws, currency="CHF")
    assert section(document, "## Metadata")[2:] == [
        "| Date of Incident | 2026-03-10 |",
        "| Severity | S1: Critical |",
        "| Duration | 01:35 |",
        "| Post-Mortem Author | Ana, Ben |",
        "| Post-Mortem Date | 2026-03-12 |",
        "| Status | Draft |",
    ]
    assert section(document, "## Incident Metrics")[2:] == [
        "| Time to Detect (TTD) | 7 min | < 5 min |",
        "| Time to Respond (TTR) | 12 min | < 15 min |",
        "| Time to Resolve (MTTR) | 95 min | < 60 min |",
        "| Time to Communicate | 23 min | < 15 min |",
        "| Blast Radius | 1,240 customers / 8% of traffic | — |",
        "| Revenue Impact | CHF 12,500 | — |",
        "| Compliance Impact | Yes — GoBD | — |",
    ]


def metric_row(ws: Workspace, label: str) -> str:
    return next(
        line
        for line in section(to_markdown(ws), "## Incident Metrics")
        if line.startswith(f"| {label} |")
    )


@pytest.mark.parametrize(
    ("impact", "expected"),
    [
        ({"revenue_impact": "12,500.50"}, "| Revenue Impact | EUR 12,500.50 | — |"),
        ({"revenue_impact": " None "}, "| Revenue Impact | none | — |"),
        ({"revenue_impact": "about 3k | maybe"}, r"| Revenue Impact | about 3k \| maybe | — |"),
        ({"customers_affected": 1}, "| Blast Radius | 1 customer | — |"),
        ({"traffic_percent": 12.5}, "| Blast Radius | 12.5% of traffic | — |"),
        ({"compliance_affected": False}, "| Compliance Impact | No | — |"),
        ({"compliance_affected": True}, "| Compliance Impact | Yes | — |"),
    ],
)
def test_impact_rows(impact, expected):
    label = expected.split(" | ")[0].removeprefix("| ")
    assert metric_row(workspace(impact=Impact(**impact)), label) == expected


def test_duration_falls_back_to_entered_value_and_negative_interval_is_an_error():
    ws = workspace(metadata=Metadata(duration="02:15"))
    assert "| Duration | 02:15 |" in to_markdown(ws)
    ws.timeline = [
        TimelineEvent(time=at("15:00"), markers=(Marker.IMPACT_START,)),
        TimelineEvent(time=at("14:00"), markers=(Marker.RESOLVED,)),
    ]
    assert (
        metric_row(ws, "Time to Resolve (MTTR)")
        == "| Time to Resolve (MTTR) | error: negative interval | < 60 min |"
    )
    assert "| Duration | 02:15 |" in to_markdown(ws)


def test_timeline_sorted_with_markers_evidence_and_dates_only_across_days():
    events = [
        TimelineEvent(
            time=at("14:07"),
            text="Alert fired",
            actor="Prometheus",
            markers=(Marker.MITIGATION_STARTED,),
        ),
        TimelineEvent(time=at("14:00"), text="", actor="", evidence="https://x.test/a_b"),
        TimelineEvent(time=at("14:07"), text="**not bold**", actor="Ops"),
    ]
    ws = workspace(timeline=events)
    assert section(to_markdown(ws), "## Timeline")[2:] == [
        r"| 14:00 | *(evidence: https://x.test/a\_b)* | — |",
        "| 14:07 | **MITIGATION STARTED** Alert fired | Prometheus |",
        r"| 14:07 | \*\*not bold\*\* | Ops |",
    ]
    ws.timeline.append(
        TimelineEvent(time=at("00:10", day=11), text="Closed", markers=(Marker.ALL_CLEAR,))
    )
    rows = section(to_markdown(ws), "## Timeline")[2:]
    assert [row.split(" | ")[0] for row in rows] == [
        "| 2026-03-10 14:00",
        "| 2026-03-10 14:07",
        "| 2026-03-10 14:07",
        "| 2026-03-11 00:10",
    ]
    assert rows[-1] == "| 2026-03-11 00:10 | **ALL CLEAR** Closed | — |"


def test_action_columns_ticket_and_done_when_only_when_used():
    actions = [
        Action(number=2, action="Add alert", owner="SRE", deadline=date(2026, 4, 1)),
        Action(number=1, action="Add test", type="Detect", priority="P1", status="Done"),
    ]
    ws = workspace(actions=actions)
    assert section(to_markdown(ws), "## Corrective Actions")[:4] == [
        "| # | Action | Type | Owner | Deadline | Priority | Status |",
        "|---|--------|------|-------|----------|----------|--------|",
        "| 1 | Add test | Detect | — | — | P1 | Done |",
        "| 2 | Add alert | Prevent | SRE | 2026-04-01 | P2 | Open |",
    ]
    ws.actions[0].done_when = "alert fires in staging"
    lines = section(to_markdown(ws), "## Corrective Actions")
    assert lines[0] == "| # | Action | Type | Owner | Deadline | Priority | Status | Done when |"
    assert (
        lines[3]
        == "| 2 | Add alert | Prevent | SRE | 2026-04-01 | P2 | Open | alert fires in staging |"
    )
    ws.actions[1].ticket = "OPS-1"
    lines = section(to_markdown(ws), "## Corrective Actions")
    assert lines[0].endswith("| Status | Ticket | Done when |")
    assert lines[2] == "| 1 | Add test | Detect | — | — | P1 | Done | OPS-1 | — |"
    assert len(lines) == 4


def test_lists_lessons_compliance_and_notes():
    ws = workspace(
        went_well=[Note(text="Paging worked\n- fast")],
        lessons=[
            Lesson(lesson="Test restores", applicable=True, shared_with="All teams"),
            Lesson(lesson="x"),
        ],
        compliance={
            "checks": [
                ComplianceCheck(label="Audit trail integrity verified", checked=True, note="ok"),
                ComplianceCheck(label="GoBD"),
            ],
            "notification_required": True,
            "notification_deadline": date(2026, 3, 13),
        },
        notes="First line\n\n\n  second paragraph  \n",
    )
    document = to_markdown(ws)
    assert section(document, "## What Went Well") == [r"- Paging worked<br>\- fast"]
    assert section(to_notion(ws), "## What Went Well") == [r"- Paging worked / \- fast"]
    assert section(document, "## Lessons Learned")[2:] == [
        "| Test restores | Yes | All teams |",
        "| x | No | — |",
    ]
    assert section(document, "## Domain-Specific Compliance Check") == [
        "- [x] Audit trail integrity verified — ok",
        "- [ ] GoBD",
        "- [x] Regulatory notification required? Yes (If yes, deadline: 2026-03-13)",
    ]
    assert document.endswith("## Notes\n\nFirst line\n\nsecond paragraph\n")


@pytest.mark.parametrize(
    ("required", "deadline", "line"),
    [
        (None, None, "- [ ] Regulatory notification required? (If yes, deadline: —)"),
        (True, date(2026, 3, 13), "- [x] Regulatory notification required? Yes (If yes, deadline: 2026-03-13)"),
        (True, None, "- [x] Regulatory notification required? Yes (If yes, deadline: —)"),
        (False, None, "- [ ] Regulatory notification required? No"),
    ],
)
def test_the_regulatory_notification_answer_is_exported(required, deadline, line):
    ws = workspace(compliance={"notification_required": required, "notification_deadline": deadline})
    assert section(to_markdown(ws), "## Domain-Specific Compliance Check")[-1] == line


# --- 5 Whys -----------------------------------------------------------------------------------


def tree(root_cause: str | None = None, statement: str = "Pools are sized by hand.") -> Whys:
    nodes = [
        ("A", None, "the API timed out."),
        ("B", "A", "the DB pool was exhausted"),
        ("C", "B", "a batch job held connections"),
        ("D", "A", "retries multiplied load"),
        ("E", "D", "no jitter in retries"),
        ("F", "A", "the cache was *cold*"),
        ("G", None, "the CDN returned 502"),
        ("H", "G", "origin shield misconfigured"),
    ]
    return Whys(
        symptom="Checkout failed",
        nodes=[
            WhyNode(id=node_id, parent=parent, answer=answer) for node_id, parent, answer in nodes
        ],
        root_cause=root_cause,
        root_cause_statement=statement,
    )


def whys_block(whys: Whys) -> str:
    document = to_markdown(workspace(whys=whys))
    start = document.index("## Root Cause Analysis: 5 Whys\n\n") + len(
        "## Root Cause Analysis: 5 Whys\n\n"
    )
    return document[start : document.index("\n\n## Contributing Factors")]


CHAIN_TO_C = """\
**Symptom:** Checkout failed

1. **Why did this happen: Checkout failed?** Because the API timed out.
   - Also because the CDN returned 502.
     - **Why did this happen: the CDN returned 502?** Because origin shield misconfigured.
2. **Why did this happen: the API timed out?** Because the DB pool was exhausted.
   - Also because retries multiplied load.
     - **Why did this happen: retries multiplied load?** Because no jitter in retries.
   - Also because the cache was \\*cold\\*.
3. **Why was the DB pool exhausted?** Because a batch job held connections.

**Root Cause Statement:** Pools are sized by hand."""


def test_whys_chain_with_branches():
    assert whys_block(tree("C")) == CHAIN_TO_C


def test_whys_without_root_cause_follow_first_answers():
    assert whys_block(tree(None)) == CHAIN_TO_C


def test_whys_root_cause_on_a_branch():
    assert (
        whys_block(tree("E", statement=""))
        == """\
**Symptom:** Checkout failed

1. **Why did this happen: Checkout failed?** Because the API timed out.
   - Also because the CDN returned 502.
     - **Why did this happen: the CDN returned 502?** Because origin shield misconfigured.
2. **Why did this happen: the API timed out?** Because retries multiplied load.
   - Also because the DB pool was exhausted.
     - **Why was the DB pool exhausted?** Because a batch job held connections.
   - Also because the cache was \\*cold\\*.
3. **Why did this happen: retries multiplied load?** Because no jitter in retries.

**Root Cause Statement:** *Not written yet.*"""
    )


def test_whys_root_cause_with_answers_below_it():
    whys = tree("B")
    whys.nodes.append(WhyNode(id="I", parent="C", answer="nightly jobs overlap"))
    assert whys_block(whys).split("\n")[5:11] == [
        "2. **Why did this happen: the API timed out?** Because the DB pool was exhausted.",
        "   - Also because retries multiplied load.",
        "     - **Why did this happen: retries multiplied load?** Because no jitter in retries.",
        "   - Also because the cache was \\*cold\\*.",
        "   - **Why was the DB pool exhausted?** Because a batch job held connections.",
        "     - **Why did this happen: a batch job held connections?** Because nightly jobs overlap.",
    ]


def test_whys_long_chain_indents_under_two_digit_numbers():
    nodes = [
        WhyNode(id=f"n{i}", parent=f"n{i - 1}" if i else None, answer=f"cause {i}")
        for i in range(11)
    ]
    nodes.append(WhyNode(id="alt", parent="n8", answer="other"))
    lines = whys_block(Whys(nodes=nodes, root_cause="n10")).split("\n")
    assert lines[0] == "1. **Why did the incident happen?** Because cause 0."
    assert lines[9:12] == [
        "10. **Why did cause 8 happen?** Because cause 9.",
        "    - Also because other.",
        "11. **Why did cause 9 happen?** Because cause 10.",
    ]


def test_whys_empty_and_symptom_only():
    assert (
        whys_block(Whys()) == "*No whys asked yet.*\n\n**Root Cause Statement:** *Not written yet.*"
    )
    assert whys_block(Whys(symptom="Exports were late.")).split("\n")[:3] == [
        "**Symptom:** Exports were late.", "", "1. **Why were Exports late?** *No answer recorded yet.*"
    ]


# --- variants and JSON ------------------------------------------------------------------------


def test_export_dispatch_and_unknown_format():
    ws = workspace(metadata=Metadata(title="T"))
    assert FORMATS == ("markdown", "notion", "json")
    assert export(ws, "markdown") == to_markdown(ws)
    assert export(ws, "notion") == to_notion(ws)
    assert export(ws, "json") == to_json(ws)
    with pytest.raises(ValueError, match="unknown export format 'pdf'.*markdown, notion, json"):
        export(ws, "pdf")


def test_json_holds_workspace_and_metrics():
    ws = workspace(
        timeline=[
            TimelineEvent(id="e1", time=at("14:00"), markers=(Marker.IMPACT_START,)),
            TimelineEvent(id="e2", time=at("14:07"), markers=(Marker.DETECTED,)),
        ]
    )
    text = to_json(ws)
    data = json.loads(text)
    assert text.endswith("}\n") and text == to_json(ws)
    assert data["schema_version"] == ws.schema_version
    assert Workspace.model_validate(data["workspace"]) == ws
    assert data["metrics"]["ttd"] == {"minutes": 7, "target": 5, "state": "ok"}
    assert data["metrics"]["mttr"] == {"minutes": None, "target": 60, "state": "missing"}
    assert list(data["metrics"]) == ["ttd", "ttr", "ttm", "mttr", "communicate"]


def test_services_and_tags_follow_the_seed_rows_and_come_back():
    ws = Workspace(metadata=Metadata(services=["payments-api", "edge|lb", "[/]"], tags=["config", "deploy"]))
    exported = to_markdown(ws)
    assert "| Status | Draft |\n| Services | payments-api, edge\\|lb, \\[/\\] |\n| Tags | config, deploy |" in exported
    imported, _ = import_markdown(exported)
    assert (imported.metadata.services, imported.metadata.tags) == (["payments-api", "edge|lb", "[/]"], ["config", "deploy"])
    assert "| Services |" not in to_markdown(Workspace())


def test_line_breaks_typed_in_the_executive_summary_stay_apart():
    ws = Workspace(metadata=Metadata(executive_summary="CI builds were blocked for 2 hours.\nNo customer-facing outage.\n1. Renewal had failed"))
    section = to_markdown(ws).split("## Executive Summary\n\n")[1].split("\n\n## ")[0]
    assert section == "CI builds were blocked for 2 hours.\n\nNo customer-facing outage.\n\n1\\. Renewal had failed"
    imported, _ = import_markdown(to_markdown(ws))
    assert to_markdown(imported) == to_markdown(ws)
