"""The demo workspace: a complete incident whose export follows the seed template exactly."""

from __future__ import annotations

import itertools
import json
import re
from datetime import timedelta

import pytest

from pm_postmortem.core.demo import demo_workspace
from pm_postmortem.core.domain import DomainContext, Regulation, parse_domain_context
from pm_postmortem.core.export import to_json, to_markdown, to_notion, why_chain
from pm_postmortem.core.metrics import compute_metrics
from pm_postmortem.core.model import (
    ActionStatus,
    ActionType,
    Category,
    Marker,
    Workspace,
)
from pm_postmortem.core.paths import shipped_file

# Copied from the template block of ../shared/seed/pm-postmortem-skill.txt.
SEED_HEADINGS = [
    "## Metadata",
    "## Incident Metrics",
    "## Executive Summary",
    "## Customer Impact",
    "## Timeline",
    "## Root Cause Analysis: 5 Whys",
    "## Contributing Factors",
    "## What Went Well",
    "## What Went Poorly",
    "## Where We Got Lucky",
    "## Corrective Actions",
    "### Action Type Definitions",
    "## Lessons Learned",
    "## Domain-Specific Compliance Check",
]
SEED_TABLE_HEADERS = [
    "| Field | Value |",
    "| Metric | Value | Target |",
    "| Time (UTC) | Event | Actor/System |",
    "| Factor | Category | How It Contributed |",
    "| # | Action | Type | Owner | Deadline | Priority | Status |",
    "| Lesson | Applicable Beyond This Incident? | Shared With |",
]
SEED_METADATA_ROWS = [
    "Date of Incident",
    "Severity",
    "Duration",
    "Post-Mortem Author",
    "Post-Mortem Date",
    "Status",
]
SEED_METRIC_ROWS = [
    "Time to Detect (TTD)",
    "Time to Respond (TTR)",
    "Time to Resolve (MTTR)",
    "Time to Communicate",
    "Blast Radius",
    "Revenue Impact",
    "Compliance Impact",
]
SEED_IMPACT_BULLETS = [
    "Affected segments",
    "Affected functionality",
    "Data integrity",
    "Compliance exposure",
]
SEED_GENERIC_CHECKS = [
    "Audit trail integrity verified",
    "Data export consistency confirmed",
    "No unauthorized data modifications during incident window",
    "Multi-entity isolation confirmed (no cross-entity data leakage)",
    "Transaction processing verified (no duplicate/missed transactions)",
    "Backup and recovery point validated",
]
SEED_ACTION_TYPES = ["Prevent", "Detect", "Mitigate", "Process"]
BLAMEFUL = re.compile(
    r"should have|failed to|human error|careless|obviously|be more careful|retrain", re.I
)


@pytest.fixture(scope="module")
def context() -> DomainContext:
    return parse_domain_context(shipped_file("domain-context.md").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def markdown(context) -> str:
    return to_markdown(demo_workspace(context), currency=context.currency)


def lines_under(document: str, heading: str) -> list[str]:
    lines = document.split("\n")
    start = lines.index(heading) + 1
    end = next((i for i in range(start, len(lines)) if lines[i].startswith("#")), len(lines))
    return [line for line in lines[start:end] if line]


def first_cells(rows: list[str]) -> list[str]:
    return [row.split(" | ")[0].removeprefix("| ") for row in rows]


def test_headings_are_the_seeds(markdown):
    headings = [line for line in markdown.split("\n") if line.startswith("#")]
    assert headings[0] == "# Post-Mortem: Duplicated bookings in DATEV exports during UStVA week"
    assert headings[1:] == SEED_HEADINGS


def test_tables_rows_and_bullets_are_the_seeds(markdown):
    lines = markdown.split("\n")
    headers = [line for line, below in itertools.pairwise(lines) if below.startswith("|-")]
    assert headers[4].endswith(" | Status | Ticket | Done when |")  # the demo uses both
    assert [header.replace(" Ticket | Done when |", "") for header in headers] == SEED_TABLE_HEADERS
    metadata_rows = first_cells(lines_under(markdown, "## Metadata")[2:])
    assert metadata_rows == [*SEED_METADATA_ROWS, "Services", "Tags"]  # appended only when filled in
    assert first_cells(lines_under(markdown, "## Incident Metrics")[2:]) == SEED_METRIC_ROWS
    bullets = lines_under(markdown, "## Customer Impact")
    assert [
        re.match(r"- \*\*(.+?)\*\*: ", bullet).group(1) for bullet in bullets
    ] == SEED_IMPACT_BULLETS
    checks = lines_under(markdown, "## Domain-Specific Compliance Check")
    labels = [re.sub(r"^- \[[ x]\] | — .*$", "", check) for check in checks]
    assert labels[:6] == SEED_GENERIC_CHECKS
    assert labels[-1] == "Regulatory notification required? No"
    assert checks[-1].startswith("- [ ] ")
    definitions = lines_under(markdown, "### Action Type Definitions")
    assert [
        re.match(r"- \*\*(\w+)\*\*: ", line).group(1) for line in definitions
    ] == SEED_ACTION_TYPES


def test_metric_values_from_the_demo_markers(markdown):
    # impact_start 06:12, detected 07:41, declared 07:52, communicated 07:55, resolved 11:05
    assert lines_under(markdown, "## Incident Metrics")[2:6] == [
        "| Time to Detect (TTD) | 89 min | < 5 min |",  # 07:41 - 06:12
        "| Time to Respond (TTR) | 11 min | < 15 min |",  # 07:52 - 07:41
        "| Time to Resolve (MTTR) | 293 min | < 60 min |",  # 11:05 - 06:12 = 4 h 53 min
        "| Time to Communicate | 14 min | < 15 min |",  # 07:55 - 07:41
    ]
    assert "| Duration | 04:53 |" in markdown
    assert "| Revenue Impact | EUR 18,500 | — |" in markdown
    assert "| Blast Radius | 412 customers / 13% of traffic | — |" in markdown
    assert "| Severity | S2: Major |" in markdown
    assert "| Status | In Review |" in markdown


def test_exports_are_deterministic(context, markdown):
    assert to_markdown(demo_workspace(context), currency="EUR") == markdown
    assert demo_workspace(context) == demo_workspace(context)
    assert to_json(demo_workspace(context)) == to_json(demo_workspace(context))


def test_notion_has_no_html(context):
    notion = to_notion(demo_workspace(context))
    assert "<br>" not in notion
    assert not re.search(r"<[A-Za-z/!?]", notion)
    assert "- [x] " in notion


def test_json_round_trips(context):
    ws = demo_workspace(context)
    data = json.loads(to_json(ws))
    assert Workspace.model_validate(data["workspace"]) == ws
    assert data["metrics"]["ttm"]["minutes"] == 139  # 08:31 - 06:12


def test_demo_incident_is_complete(context):
    ws = demo_workspace(context)
    events = ws.timeline
    assert len(events) >= 15 and events == sorted(events, key=lambda event: event.time)
    assert {marker for event in events for marker in event.markers} == set(Marker)
    assert len({event.id for event in events}) == len(events) and events[0].id == "ev01"
    assert len({event.time.date() for event in events}) == 1
    times = compute_metrics(events, ws.targets).marker_times
    assert times[Marker.IMPACT_START] < times[Marker.DETECTED] < times[Marker.DECLARED]
    assert (
        times[Marker.DECLARED]
        < times[Marker.MITIGATION_STARTED]
        < times[Marker.MITIGATED]
        < times[Marker.RESOLVED]
    )
    assert (
        timedelta(0) < times[Marker.COMMUNICATED] - times[Marker.DETECTED] <= timedelta(minutes=20)
    )
    metrics = compute_metrics(events, ws.targets)
    over = [
        metric.over_target
        for metric in (metrics.ttd, metrics.ttr, metrics.mttr, metrics.communicate)
    ]
    assert any(over) and not all(over)

    chain = why_chain(ws.whys)
    assert len(chain) == 5 and chain[-1].id == ws.whys.root_cause and ws.whys.root_cause_statement
    assert len(ws.whys.nodes) > 5
    assert sorted(factor.category for factor in ws.factors) == sorted(Category)
    assert (len(ws.went_well), len(ws.went_poorly), len(ws.lucky)) == (3, 3, 2)
    assert len(ws.actions) == 5
    assert {action.status for action in ws.actions} == set(ActionStatus)
    assert {action.type for action in ws.actions} == set(ActionType) - {ActionType.OTHER}
    assert any(action.ticket and action.done_when for action in ws.actions)
    node_ids = {node.id for node in ws.whys.nodes}
    factor_ids = {factor.id for factor in ws.factors}
    assert any(action.why_node for action in ws.actions) and any(
        action.factor for action in ws.actions
    )
    assert all(
        action.why_node in node_ids | {None} and action.factor in factor_ids | {None}
        for action in ws.actions
    )
    assert 2 <= len(ws.lessons) <= 3
    assert ws.compliance.notification_required is False
    assert sum(check.checked and bool(check.note) for check in ws.compliance.checks) >= 3
    assert not ws.notes


def test_demo_text_is_blameless(context):
    texts = json.dumps(demo_workspace(context).model_dump(mode="json"))
    assert not BLAMEFUL.search(texts)


def test_compliance_checks_follow_the_context(context):
    ws = demo_workspace(context)
    checks = ws.compliance.checks
    assert [
        check.label for check in checks
    ] == SEED_GENERIC_CHECKS + context.compliance_check_labels()
    assert [check.regulation for check in checks[6:]] == [
        regulation.framework for regulation in context.regulations
    ]
    assert len({check.id for check in checks}) == len(checks)

    stand_in = DomainContext(source=None, regulations=[Regulation("NIS2", "", "", "")])
    checks = demo_workspace(stand_in).compliance.checks
    assert [(check.label, check.regulation, check.checked) for check in checks[6:]] == [
        ("NIS2 requirements verified for the incident window", "NIS2", False)
    ]
    assert [check.label for check in demo_workspace().compliance.checks] == SEED_GENERIC_CHECKS
