"""A complete, fictional post-mortem to explore the app with: duplicated bookings in DATEV exports."""

from __future__ import annotations

from datetime import UTC, date, datetime

from pm_postmortem.core.domain import DomainContext
from pm_postmortem.core.model import (
    GENERIC_COMPLIANCE_CHECKS,
    Action,
    ActionStatus,
    ActionType,
    Category,
    Compliance,
    ComplianceCheck,
    Factor,
    Impact,
    Lesson,
    Marker,
    Metadata,
    Note,
    Priority,
    Severity,
    Status,
    TimelineEvent,
    WhyNode,
    Whys,
    Workspace,
)

INCIDENT_DAY = date(2025, 11, 6)

_EVENTS = (
    (
        "05:30",
        None,
        "Nightly pre-generation of October DATEV exports starts for 3,100 client companies",
        "export-scheduler",
    ),
    (
        "06:12",
        Marker.IMPACT_START,
        "A batch of a large client takes longer than the queue's 60 s visibility timeout; the queue hands it to a second worker",
        "job-queue",
    ),
    (
        "06:40",
        None,
        "Export throughput graph shows twice the usual number of written batches; no alert is configured on it",
        "Grafana",
    ),
    (
        "07:41",
        Marker.DETECTED,
        "Support ticket from a tax advisory firm: October totals in the DATEV export exceed the account balances in Kontor",
        "Customer support",
    ),
    (
        "07:47",
        None,
        "Support reproduces duplicated booking lines in a second client's export and pages the accounting-core on-call",
        "Support on-call",
    ),
    (
        "07:52",
        Marker.DECLARED,
        "Incident declared as S2; incident channel opened and incident lead assigned",
        "Accounting-core on-call",
    ),
    (
        "07:55",
        Marker.COMMUNICATED,
        "Status page: some DATEV exports may list bookings twice; please hold imports of October data",
        "Incident lead",
    ),
    (
        "08:05",
        None,
        "Email to all tax advisory firms with the same advice and a promise of an update by 11:00 CET",
        "Customer support",
    ),
    (
        "08:10",
        Marker.MITIGATION_STARTED,
        "Export downloads paused for all tenants with a feature flag",
        "Accounting-core on-call",
    ),
    (
        "08:24",
        None,
        "Posting journal checked: no duplicates in Kontor itself, only in generated export files",
        "Accounting-core on-call",
    ),
    (
        "08:31",
        Marker.MITIGATED,
        "Export workers limited to one per tenant; redeliveries stop",
        "Platform on-call",
    ),
    (
        "08:55",
        Marker.ROOT_CAUSE_IDENTIFIED,
        "Queue logs show redeliveries after 60 s for batches over 20,000 postings, and the batch writer appends without checking batch ids",
        "Accounting-core on-call",
    ),
    (
        "09:40",
        None,
        "Query finds 214 affected export files of 412 client companies at 57 advisory firms",
        "Data team",
    ),
    (
        "10:20",
        Marker.FIX_DEPLOYED,
        "Batch writer skips batch ids already in the file; the visibility timeout is extended while a batch is written",
        "CI/CD pipeline",
    ),
    (
        "10:48",
        None,
        "All 214 exports regenerated and compared with the journal totals: no differences",
        "export-service",
    ),
    ("11:05", Marker.RESOLVED, "Export downloads enabled again", "Accounting-core on-call"),
    (
        "11:15",
        None,
        "Status page and email: corrected exports available, with the list of affected clients per firm",
        "Customer support",
    ),
    (
        "12:35",
        Marker.ALL_CLEAR,
        "No new duplicates after 90 minutes of monitoring; incident closed",
        "Incident lead",
    ),
)

_WHYS = (
    ("why01", None, "a second write of the same batch of postings into the export file"),
    (
        "why02",
        "why01",
        "a redelivery of the batch to a second worker while the first was still writing it",
    ),
    (
        "why03",
        "why02",
        "an expired 60-second visibility timeout, as the export confirmed a batch only after writing all of it",
    ),
    (
        "why04",
        "why03",
        "the move of the export job onto the shared at-least-once queue in October without adapting it to repeated delivery",
    ),
    (
        "why05",
        "why04",
        "a checklist for moving jobs onto the shared queue with no question about whether a job is safe to run twice",
    ),
    (
        "why06",
        "why02",
        "month-start batches of large clients with over 20,000 postings, too large to write within 60 seconds",
    ),
    (
        "why07",
        "why06",
        "a timeout chosen from the average batch size rather than from the month-start peak",
    ),
)

_CHECK_ANSWERS = {
    "Audit trail integrity verified": (
        True,
        "journal audit trail complete; no posting was changed during the window",
    ),
    "Data export consistency confirmed": (
        True,
        "all 214 affected exports regenerated and compared with the journal totals",
    ),
    "No unauthorized data modifications during incident window": (True, ""),
    "Multi-entity isolation confirmed (no cross-entity data leakage)": (
        True,
        "duplicates stayed within each client's own export",
    ),
    "Transaction processing verified (no duplicate/missed transactions)": (
        False,
        "waiting for the 9 firms that had already imported to confirm their reversals",
    ),
    "Backup and recovery point validated": (
        False,
        "not needed: the journal itself was never affected",
    ),
    "GoBD": (
        True,
        "reversals in advisors' books are documented with a reference to this post-mortem",
    ),
    "DATEV": (True, "re-import guidance sent to every affected firm"),
    "UStVA": (
        True,
        "no return was filed from a duplicated export, according to the ELSTER submission log",
    ),
    "ELSTER": (False, "submission log check to be repeated after the 10 November deadline"),
}
"""Checked and note per generic check label, or per regulation framework."""


def _at(hhmm: str) -> datetime:
    hours, minutes = map(int, hhmm.split(":"))
    return datetime(
        INCIDENT_DAY.year, INCIDENT_DAY.month, INCIDENT_DAY.day, hours, minutes, tzinfo=UTC
    )


def _notes(prefix: str, texts: tuple[str, ...]) -> list[Note]:
    return [
        Note(id=f"{prefix}{number:02d}", text=text) for number, text in enumerate(texts, start=1)
    ]


def _compliance_checks(context: DomainContext | None) -> list[ComplianceCheck]:
    labels = [(label, "") for label in GENERIC_COMPLIANCE_CHECKS]
    if context is not None:
        frameworks = {
            regulation.check_label: regulation.framework for regulation in context.regulations
        }
        labels += [
            (label, frameworks.get(label, "")) for label in context.compliance_check_labels()
        ]
    checks = []
    for number, (label, regulation) in enumerate(labels, start=1):
        checked, note = _CHECK_ANSWERS.get(regulation or label, (False, ""))
        checks.append(
            ComplianceCheck(
                id=f"cc{number:02d}", label=label, regulation=regulation, checked=checked, note=note
            )
        )
    return checks


def demo_workspace(context: DomainContext | None = None) -> Workspace:
    """The demo incident; the same workspace every time for the same context.

    Its compliance checklist has the seed's generic checks plus one per regulation of `context`.
    """
    return Workspace(
        created=datetime(2025, 11, 10, 9, 0, tzinfo=UTC),
        updated=datetime(2025, 11, 11, 15, 30, tzinfo=UTC),
        display_tz="Europe/Berlin",
        metadata=Metadata(
            title="Duplicated bookings in DATEV exports during UStVA week",
            incident_date=INCIDENT_DAY,
            severity=Severity.S2,
            authors=["Lena Hoffmann", "Murat Yılmaz"],
            postmortem_date=date(2025, 11, 11),
            status=Status.IN_REVIEW,
            services=["datev-export", "job-queue", "posting-journal"],
            tags=["datev", "ustva", "duplicates", "month-start"],
            what_happened=(
                "On 6 November, in the week tax advisors pull October's DATEV exports for the "
                "advance VAT return, some exports listed bookings twice. The posting journal was "
                "correct throughout; the export job wrote a batch a second time after the job "
                "queue delivered it again."
            ),
            executive_summary=(
                "For about five hours on 6 November, some DATEV exports that tax advisors "
                "downloaded from Kontor listed certain bookings twice. 412 client companies of "
                "57 advisory firms were affected; the bookings stored in Kontor stayed correct. "
                "We paused export downloads, corrected the export job and regenerated every "
                "affected export four days before the VAT return deadline."
            ),
        ),
        impact=Impact(
            customers_affected=412,
            traffic_percent=13,
            revenue_impact="18500",
            compliance_affected=True,
            compliance_details="duplicated bookings reached some advisors' DATEV imports before the UStVA deadline",
            affected_segments="Tax advisors (Steuerberater) and their client companies; bookkeepers reconciling October",
            affected_functionality="Downloading October DATEV exports and preparing UStVA filings from them",
            data_integrity=(
                "The posting journal in Kontor was never affected. 214 export files contained "
                "duplicated booking lines; all were regenerated and the originals marked as replaced."
            ),
            compliance_exposure=(
                "Firms that had imported a duplicated export reverse it with a documented "
                "correction (GoBD). No UStVA is known to have been filed with duplicated figures."
            ),
        ),
        timeline=[
            TimelineEvent(
                id=f"ev{number:02d}", time=_at(hhmm), markers=(marker,) if marker else (), text=text, actor=actor
            )
            for number, (hhmm, marker, text, actor) in enumerate(_EVENTS, start=1)
        ],
        whys=Whys(
            symptom="duplicated bookings in the DATEV exports tax advisors downloaded",
            nodes=[
                WhyNode(id=node_id, parent=parent, answer=answer)
                for node_id, parent, answer in _WHYS
            ],
            root_cause="why05",
            root_cause_statement=(
                "Jobs can be moved onto the shared queue, which delivers work at least once, "
                "without anything making sure they are safe to run twice, so the DATEV export "
                "could write a batch twice and nothing noticed."
            ),
        ),
        factors=[
            Factor(
                id="fa01",
                factor="No comparison of an export's line count and totals with the posting journal",
                category=Category.TECHNICAL,
                how="Duplicates left the system unnoticed until an advisor's totals did not match",
            ),
            Factor(
                id="fa02",
                factor="Queue migration reviewed without a load test at month-start volumes",
                category=Category.PROCESS,
                how="The 60-second timeout looked safe with average batches and was never exceeded in testing",
                why_node="why07",
            ),
            Factor(
                id="fa03",
                factor="Export ownership split between accounting-core and platform since the migration",
                category=Category.ORGANIZATIONAL,
                how="Queue alerts went to the platform on-call, while knowledge of the export's output sat with accounting-core",
            ),
            Factor(
                id="fa04",
                factor="UStVA deadline on 10 November concentrated export pulls into three days",
                category=Category.EXTERNAL,
                how="Load was four times a normal day, and advisors needed correct exports before the deadline",
                why_node="why06",
            ),
        ],
        went_well=_notes(
            "ww",
            (
                "The advisor's ticket attached the export and the mismatching totals, which pointed straight at duplicated lines",
                "Exports are generated from the journal, so every affected file could be rebuilt without data loss",
                "The status page update went out 14 minutes after the first report",
            ),
        ),
        went_poorly=_notes(
            "wp",
            (
                "Nothing checked the content of exports, so the first signal came from a customer 89 minutes in",
                "Finding the affected clients needed an ad-hoc query that took over an hour to write and run",
                "The export runbook still described the cron setup from before the queue migration",
            ),
        ),
        lucky=_notes(
            "lu",
            (
                "It happened on the 6th: advisors still had four days to re-import before the UStVA deadline",
                "Most firms pull exports late in the week, so only 9 had imported a duplicated file",
            ),
        ),
        actions=[
            Action(
                id="ac01",
                number=1,
                action="Make the DATEV batch writer skip a batch whose id is already in the export file",
                type=ActionType.PREVENT,
                owner="Accounting-core team",
                deadline=date(2025, 11, 14),
                priority=Priority.P1,
                status=ActionStatus.DONE,
                ticket="KON-2291",
                done_when="A batch delivered twice yields one set of lines, covered by an automated test",
                done_on=date(2025, 11, 13),
                why_node="why01",
            ),
            Action(
                id="ac02",
                number=2,
                action="Compare each export's line count and totals with the journal before offering it for download",
                type=ActionType.DETECT,
                owner="Accounting-core team",
                deadline=date(2025, 11, 28),
                priority=Priority.P1,
                status=ActionStatus.IN_PROGRESS,
                factor="fa01",
            ),
            Action(
                id="ac03",
                number=3,
                action="Add a per-firm switch to pause export downloads, usable from the support console",
                type=ActionType.MITIGATE,
                owner="Support tooling team",
                deadline=date(2025, 12, 12),
                priority=Priority.P2,
                status=ActionStatus.OPEN,
            ),
            Action(
                id="ac04",
                number=4,
                action="Add 'safe to run twice?' with a required test to the checklist for moving jobs onto the shared queue",
                type=ActionType.PROCESS,
                owner="Platform team",
                deadline=date(2025, 11, 21),
                priority=Priority.P2,
                status=ActionStatus.IN_PROGRESS,
                why_node="why05",
            ),
            Action(
                id="ac05",
                number=5,
                action="Rewrite the export runbook for the queue setup and rehearse it before the December peak",
                type=ActionType.PROCESS,
                owner="Accounting-core team",
                deadline=date(2025, 12, 5),
                priority=Priority.P3,
                status=ActionStatus.OPEN,
                factor="fa03",
            ),
        ],
        lessons=[
            Lesson(
                id="le01",
                lesson="A job moved onto an at-least-once queue has to be safe to run twice before it moves",
                applicable=True,
                shared_with="Platform team, engineering guild",
            ),
            Lesson(
                id="le02",
                lesson="Checking generated files against their source catches silent data errors before customers do",
                applicable=True,
                shared_with="Accounting-core, Payroll",
            ),
            Lesson(
                id="le03",
                lesson="The export's load tests now use the week before the 10th as their baseline",
                applicable=False,
                shared_with="Accounting-core",
            ),
        ],
        compliance=Compliance(checks=_compliance_checks(context), notification_required=False),
    )
