"""SVG snapshots of the F3 timeline: one day (the demo), several days, flagged markers, paste."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from pm_postmortem.core import store
from pm_postmortem.core.domain import load_domain_context
from pm_postmortem.core.model import Marker, TimelineEvent, new_workspace
from pm_postmortem.core.paths import shipped_file
from pm_postmortem.tui.app import PostmortemApp
from tests.snapshot_support import FIXED_NOW, SIZE, demo_app

SMALL = (80, 24)


def at(day: int, hour: int, minute: int, second: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute, second, tzinfo=UTC)


def timeline_app(folder: Path, events: list[TimelineEvent], *, tz: str = "UTC") -> PostmortemApp:
    workspace = new_workspace("Payment webhooks delayed", severity="S2", incident_date=date(2026, 3, 9))
    workspace.display_tz = tz
    workspace.created = workspace.updated = FIXED_NOW
    workspace.timeline = events
    path = folder / "timeline.toml"
    store.save_workspace(path, workspace)
    context = load_domain_context(shipped_file("domain-context.md"))
    return PostmortemApp(path, context=context, cursor_blink=False, clock=lambda: FIXED_NOW)


MULTI_DAY = [
    TimelineEvent(id="m1", time=at(9, 22, 40), text="Webhook queue starts to grow after the nightly batch", actor="queue-monitor", markers=(Marker.IMPACT_START,)),
    TimelineEvent(id="m2", time=at(9, 23, 55), text="Backlog alert fires: 12,000 webhooks waiting", actor="Alertmanager", markers=(Marker.DETECTED,)),
    TimelineEvent(id="m3", time=at(10, 0, 10), text="On-call acknowledges and opens the incident channel", actor="Payments on-call", markers=(Marker.DECLARED,)),
    TimelineEvent(id="m4", time=at(10, 0, 30), text="Status page: payment confirmations are delayed", actor="Incident lead", markers=(Marker.COMMUNICATED,)),
    TimelineEvent(id="m5", time=at(10, 1, 15, 30), text="Consumers scaled from 4 to 16", actor="Payments on-call", markers=(Marker.MITIGATION_STARTED,)),
    TimelineEvent(id="m6", time=at(10, 2, 40), text="Backlog drained", actor="queue-monitor", markers=(Marker.MITIGATED,)),
    TimelineEvent(id="m7", time=at(10, 9, 5), text="Retry storm traced to a missing jitter setting", actor="Payments team", markers=(Marker.ROOT_CAUSE_IDENTIFIED,)),
    TimelineEvent(id="m8", time=at(11, 14, 0), text="Jitter added to the webhook retries; deployed", actor="CI/CD", markers=(Marker.FIX_DEPLOYED,)),
    TimelineEvent(id="m9", time=at(11, 14, 30), text="Monitoring quiet for 30 minutes", actor="Incident lead", markers=(Marker.RESOLVED,)),
]

FLAGGED = [
    TimelineEvent(id="f1", time=at(9, 8, 0), text="Marked resolved by mistake while triaging", actor="Incident lead", markers=(Marker.RESOLVED,)),
    TimelineEvent(id="f2", time=at(9, 8, 5), text="Checkout errors start (from the load balancer logs)", actor="ELB", markers=(Marker.IMPACT_START,)),
    TimelineEvent(id="f3", time=at(9, 8, 9), text="[red]x first alert | pager", actor="PagerDuty", markers=(Marker.DETECTED,)),
    TimelineEvent(id="f4", time=at(9, 8, 12), text="Second alert for the same symptom [/]", actor="PagerDuty", markers=(Marker.DETECTED,)),
    TimelineEvent(id="f5", time=at(9, 8, 30), text="Traffic shifted to the standby region", actor="SRE on-call", markers=(Marker.MITIGATED,)),
    TimelineEvent(id="f6", time=at(9, 8, 40), text="Mitigation started (entered late)", actor="SRE on-call", markers=(Marker.MITIGATION_STARTED,)),
]


async def show_timeline(pilot) -> None:
    await pilot.press("f3")
    await pilot.pause()


@pytest.mark.parametrize("size", [SIZE, SMALL], ids=["120x36", "80x24"])
def test_single_day_demo_timeline(snap_compare, tmp_path, size):
    async def show(pilot):
        await show_timeline(pilot)
        await pilot.press("down", "down", "down")
        await pilot.pause()

    assert snap_compare(demo_app(tmp_path), terminal_size=size, run_before=show)


@pytest.mark.parametrize("size", [SIZE, SMALL], ids=["120x36", "80x24"])
def test_capture_line_with_a_line_it_cannot_read(snap_compare, tmp_path, size):
    async def capture(pilot):
        await show_timeline(pilot)
        await pilot.press("i", *"14:09 db: failover !mitigated", "enter", *"14:1x !det oops", "enter")
        await pilot.pause()

    assert snap_compare(timeline_app(tmp_path, MULTI_DAY[:3]), terminal_size=size, run_before=capture)


@pytest.mark.parametrize("size", [SIZE, SMALL], ids=["120x36", "80x24"])
def test_multi_day_timeline_in_berlin_time(snap_compare, tmp_path, size):
    assert snap_compare(timeline_app(tmp_path, MULTI_DAY, tz="Europe/Berlin"), terminal_size=size,
                        run_before=show_timeline)


def test_out_of_order_and_duplicate_markers(snap_compare, tmp_path):
    async def show(pilot):
        await show_timeline(pilot)
        await pilot.press("down", "down", "down")
        await pilot.pause()

    assert snap_compare(timeline_app(tmp_path, FLAGGED), terminal_size=SIZE, run_before=show)


@pytest.mark.parametrize("size", [SIZE, SMALL], ids=["120x36", "80x24"])
def test_paste_preview(snap_compare, tmp_path, size):
    async def paste(pilot):
        await show_timeline(pilot)
        await pilot.press("p")
        await pilot.pause()
        pilot.app.screen.query_one("#paste-text").load_text(
            "14:02 anna: deploy 4.2 starts\n"
            "14:05 **DETECTED** error rate alert\n"
            "  (the graph link is in #inc-421)\n"
            "what is this line\n"
            "| 14:09 | Rollback started | bob |\n"
            "99:99 broken\n"
        )
        await pilot.press("ctrl+s")
        await pilot.pause()

    assert snap_compare(timeline_app(tmp_path, MULTI_DAY[:2]), terminal_size=size, run_before=paste)
