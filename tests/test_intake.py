"""The questions before a new post-mortem, answered (or skipped) as a facilitator would."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from textual import events
from textual.widgets import DataTable, Input, Markdown, OptionList, Static, TextArea

from pm_postmortem.core import store
from pm_postmortem.core.domain import FILE_NAME as DOMAIN_CONTEXT_FILE
from pm_postmortem.core.model import GENERIC_COMPLIANCE_CHECKS, Marker, Severity, new_workspace
from pm_postmortem.core.paths import shipped_file, workspaces_dir
from pm_postmortem.core.timeparse import MAX_PASTE_LINES
from pm_postmortem.tui.app import PostmortemApp
from pm_postmortem.tui.fields import SEVERITY_GUIDE
from pm_postmortem.tui.focus import focus_now
from pm_postmortem.tui.screens import intake
from pm_postmortem.tui.screens.intake import IntakeScreen
from pm_postmortem.tui.screens.picker import PickerScreen
from pm_postmortem.tui.screens.workspace import WorkspaceScreen
from tests.pilot_support import screen_lines, wait_until

SIZE = (120, 36)
TODAY = date(2026, 3, 10)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(intake, "today", lambda: TODAY)


def app(path: Path | None = None) -> PostmortemApp:
    instance = PostmortemApp(path, cursor_blink=False)
    instance.animation_level = "none"  # no scrolling animations for pilot to wait for
    return instance


async def start_intake(pilot) -> IntakeScreen:
    await pilot.press("n")  # the empty picker's "new post-mortem"
    screen = pilot.app.screen
    assert isinstance(screen, IntakeScreen)
    return screen


async def paste(pilot, text: str) -> None:
    """What a terminal sends when text is pasted into the focused widget."""
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


def saved() -> list[Path]:
    return sorted(workspaces_dir().glob("*.toml"))


def count_line(screen: IntakeScreen) -> str:
    return str(screen.query_one("#intake-timeline-count", Static).render())


async def test_typed_answers_land_in_their_fields():
    async with app().run_test(size=SIZE) as pilot:
        screen = await start_intake(pilot)
        await pilot.press(*"VAT", "tab")
        await paste(pilot, "Exports carried wrong VAT codes.")
        await pilot.press("tab", "down", "down", "tab")  # severity: S2
        await pilot.press(*"1,200", "enter")  # enter moves on, like tab
        assert screen.focused is screen.query_one("#intake-revenue")
        answers = screen.answers()
    assert answers.problems == {}
    values = answers.values
    assert values["title"] == "VAT"
    assert values["what"] == "Exports carried wrong VAT codes."
    assert values["severity"] == "S2"
    assert values["customers"] == 1200
    assert values["date"] == TODAY  # today by default
    assert values["tz"] == "UTC"


async def test_typed_impact_answers_land_in_their_fields():
    async with app().run_test(size=SIZE) as pilot:
        screen = await start_intake(pilot)
        screen.query_one("#intake-revenue").focus()
        await pilot.press("0", "tab")  # no revenue impact: "none"
        await pilot.press(*"1:30", "tab")
        await pilot.press("right", "tab")  # compliance: yes
        await pilot.press(*"GoBD")
        answers = screen.answers()
    assert answers.problems == {}
    values = answers.values
    assert values["revenue"] == "none"
    assert values["duration"] == "01:30"
    assert values["compliance"] is True
    assert values["compliance-details"] == "GoBD"


async def test_every_answer_ends_up_in_the_saved_file():
    async with app().run_test(size=SIZE) as pilot:
        screen = await start_intake(pilot)
        for name, value in {
            "title": "VAT bug",
            "customers": "1200",
            "revenue": "12,500",
            "duration": "1:30",
            "compliance-details": "GoBD",
            "tz": "CET",
        }.items():
            screen.query_one(f"#intake-{name}", Input).value = value
        screen.query_one("#intake-what", TextArea).text = "Exports carried wrong VAT codes."
        screen.query_one("#intake-timeline").focus()
        await paste(pilot, "14:02 OUTAGE BEGINS exports start\n14:20 anna: **DETECTED** advisers call\n")
        assert count_line(screen) == "2 events recognised"
        screen.query_one("#intake-severity").focus()
        await pilot.press("end", "ctrl+s")  # the last choice: S4
        await pilot.pause()
        assert isinstance(pilot.app.screen, WorkspaceScreen)
    [path] = saved()
    assert path.name == "vat-bug.toml"
    workspace = store.load_workspace(path)
    assert workspace.metadata.title == "VAT bug"
    assert workspace.metadata.what_happened == "Exports carried wrong VAT codes."
    assert workspace.metadata.severity is Severity.S4
    assert workspace.metadata.incident_date == TODAY
    assert workspace.metadata.duration == "01:30"
    assert workspace.impact.customers_affected == 1200
    assert workspace.impact.revenue_impact == "12,500"
    assert workspace.impact.compliance_affected is None
    assert workspace.impact.compliance_details == "GoBD"
    assert workspace.display_tz == "CET"
    events_ = [(event.time, event.text, event.actor, event.markers) for event in workspace.timeline]
    assert events_ == [
        (datetime(2026, 3, 10, 13, 2, tzinfo=UTC), "exports start", "", (Marker.IMPACT_START,)),
        (datetime(2026, 3, 10, 13, 20, tzinfo=UTC), "advisers call", "anna", (Marker.DETECTED,)),
    ]
    # compliance impact not known: the generic checks only, no regulation of the domain context
    assert [check.label for check in workspace.compliance.checks] == list(GENERIC_COMPLIANCE_CHECKS)


@pytest.mark.parametrize(("presses", "regulations"), [(("right",), True), (("right", "right"), False)])
async def test_regulation_checks_only_with_compliance_impact(presses, regulations):
    async with app().run_test(size=SIZE) as pilot:
        screen = await start_intake(pilot)
        note = str(screen.query_one("#intake-context", Static).render())
        # the shipped example by name, not by where it is installed (which varies between machines)
        assert "Domain context: the example shipped with pm-postmortem" in note
        assert "domain-context.md" in note and str(shipped_file(DOMAIN_CONTEXT_FILE).parent) not in note
        assert "--domain-context PATH" in note and "GoBD" in note
        screen.query_one("#intake-title", Input).value = "Checkout API errors"
        focus_now(screen.query_one("#intake-compliance"))
        await pilot.press(*presses, "ctrl+s")  # Yes, or No
        await pilot.pause()
        assert isinstance(pilot.app.screen, WorkspaceScreen)
        checks = pilot.app.editor.workspace.compliance.checks
        assert any(check.regulation == "GoBD" for check in checks) is regulations
        assert [check.label for check in checks][:6] == list(GENERIC_COMPLIANCE_CHECKS)
        # on request, from the command palette's action
        pilot.app.action_add_regulation_checks()
        assert any(check.regulation == "GoBD" for check in pilot.app.editor.workspace.compliance.checks)
        count = len(pilot.app.editor.workspace.compliance.checks)
        pilot.app.action_add_regulation_checks()  # nothing twice
        assert len(pilot.app.editor.workspace.compliance.checks) == count


async def test_the_severity_choices_show_their_definitions():
    async with app().run_test(size=SIZE) as pilot:
        screen = await start_intake(pilot)
        choice = screen.query_one("#intake-severity", OptionList)
        labels = [str(choice.get_option_at_index(index).prompt) for index in range(choice.option_count)]
        assert labels[0] == "● Not set"  # chosen until another is
        for severity, label in zip(Severity, labels[1:], strict=True):
            assert label.startswith(f"○ {severity.value}")
            assert SEVERITY_GUIDE[severity] in label


async def test_escape_after_a_title_skips_the_questions():
    async with app().run_test(size=SIZE) as pilot:
        screen = await start_intake(pilot)
        await pilot.press(*"[red]x [/]")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, WorkspaceScreen)
        assert screen not in pilot.app.screen_stack
    workspace = store.load_workspace(saved()[0])
    assert workspace.metadata.title == "[red]x [/]"
    assert workspace.metadata.severity is None
    assert workspace.impact.customers_affected is None
    assert workspace.timeline == []


async def test_escape_with_nothing_typed_goes_back_without_a_file():
    async with app().run_test(size=SIZE) as pilot:
        await start_intake(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, PickerScreen)
    assert saved() == []


async def test_ctrl_s_with_nothing_typed_creates_an_untitled_post_mortem():
    async with app().run_test(size=SIZE) as pilot:
        await start_intake(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pilot.app.editor.workspace.metadata.title == "Untitled incident"


async def test_bad_answers_are_shown_inline_and_nothing_typed_is_lost():
    async with app().run_test(size=SIZE) as pilot:
        screen = await start_intake(pilot)
        screen.query_one("#intake-title", Input).value = "Checkout"
        screen.query_one("#intake-customers", Input).value = "many"
        screen.query_one("#intake-duration", Input).value = "90"
        screen.query_one("#intake-date", Input).value = "2026-13-01"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pilot.app.screen is screen
        for name in ("customers", "duration", "date"):
            assert screen.query_one(f"#intake-{name}-error").has_class("visible"), name
        assert not screen.query_one("#intake-revenue-error").has_class("visible")
        assert "whole number" in str(screen.query_one("#intake-customers-error", Static).render())
        assert screen.query_one("#intake-problems").has_class("visible")
        assert screen.focused is screen.query_one("#intake-customers")  # the first problem
        assert screen.query_one("#intake-customers", Input).value == "many"
        assert screen.query_one("#intake-title", Input).value == "Checkout"
        await pilot.press("ctrl+u", "4", "2")
        assert not screen.query_one("#intake-customers-error").has_class("visible")
        screen.query_one("#intake-duration", Input).value = "01:30"
        screen.query_one("#intake-date", Input).value = "2026-03-01"
        answers = screen.answers()
    assert answers.problems == {}
    assert answers.values["customers"] == 42
    assert answers.values["date"] == date(2026, 3, 1)
    assert saved() == []


async def test_the_timeline_count_is_live_and_unread_lines_go_to_the_notes():
    async with app().run_test(size=SIZE) as pilot:
        screen = await start_intake(pilot)
        timeline = screen.query_one("#intake-timeline", TextArea)
        timeline.focus()
        await paste(pilot, "what we remember:\n14:02 alert\n14:05 rollback\n25:99 odd")
        assert count_line(screen) == (
            "2 events recognised, lines 1, 4 not understood (kept in the notes)"
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
        workspace = pilot.app.editor.workspace
        assert [event.text for event in workspace.timeline] == ["alert", "rollback"]
        assert "line 1: what we remember:" in workspace.notes
        assert "line 4: 25:99 odd" in workspace.notes


async def test_a_timeline_over_the_limit_is_not_pasted_nor_started_and_stays_as_typed():
    log = "".join(f"14:{n % 60:02d} request {n}\n" for n in range(MAX_PASTE_LINES))
    async with app().run_test(size=SIZE) as pilot:
        screen = await start_intake(pilot)
        timeline = screen.query_one("#intake-timeline", TextArea)
        focus_now(timeline)
        await paste(pilot, log)
        await wait_until(pilot, lambda: pilot.app._notifications)
        [notification] = pilot.app._notifications
        assert timeline.text == "" and "Nothing was pasted" in notification.message
        await paste(pilot, "14:00 first\n")
        timeline.insert(log)  # pasted in parts: over the limit
        await pilot.pause()
        assert count_line(screen).startswith(f"✗ {MAX_PASTE_LINES + 2:,} lines is more than")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, IntakeScreen) and saved() == []
        assert "cannot be used as typed" in str(screen.query_one("#intake-problems").render())
        assert screen.focused is timeline and timeline.text.startswith("14:00 first\n14:00 request 0")


async def test_enter_moves_through_the_inputs_and_presses_start():
    async with app().run_test(size=SIZE) as pilot:
        screen = await start_intake(pilot)
        await pilot.press("x", "enter")
        assert screen.focused is screen.query_one("#intake-what")
        screen.query_one("#intake-start").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.editor.workspace.metadata.title == "x"


async def test_a_new_title_never_overwrites_an_existing_file():
    store.save_workspace(workspaces_dir() / "c.toml", new_workspace("C"))
    async with app().run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n", "C", "ctrl+s")
        await pilot.pause()
    assert [path.name for path in saved()] == ["c-2.toml", "c.toml"]


async def test_a_path_that_does_not_exist_is_created_there(tmp_path):
    target = tmp_path / "team" / "incident.toml"
    async with app(target).run_test(size=SIZE) as pilot:
        await pilot.press("y")
        screen = pilot.app.screen
        assert isinstance(screen, IntakeScreen)
        assert "incident.toml" in str(screen.query_one("#intake-intro", Static).render())
        await pilot.press("A", "ctrl+s")
        await pilot.pause()
    assert store.load_workspace(target).metadata.title == "A"
    assert saved() == []


async def test_escape_on_an_empty_intake_for_a_path_shows_the_picker(tmp_path):
    target = tmp_path / "incident.toml"
    async with app(target).run_test(size=SIZE) as pilot:
        await pilot.press("y", "escape")
        assert isinstance(pilot.app.screen, PickerScreen)
    assert not target.exists()


async def test_escape_after_choosing_only_a_severity_keeps_that_answer():
    async with app().run_test(size=SIZE) as pilot:
        screen = await start_intake(pilot)
        screen.query_one("#intake-severity").focus()
        await pilot.press("down", "escape")
        await pilot.pause()
        workspace = pilot.app.editor.workspace
    assert workspace.metadata.title == "Untitled incident"
    assert workspace.metadata.severity is Severity.S1


def calendar_line(screen: IntakeScreen) -> str:
    widget = screen.query_one("#intake-calendar", Static)
    return str(widget.render()) if widget.display else ""


async def test_a_date_in_a_busy_period_of_the_calendar_is_pointed_out_as_it_is_typed():
    async with app().run_test(size=SIZE) as pilot:
        screen = await start_intake(pilot)
        line = calendar_line(screen)  # today, 10 March: a filing deadline in the season of statements
        assert line.startswith("⚠ 2026-03-10 falls in a busy period. UStVA filing deadline (10th of each month): ")
        assert "Annual financial statements (March–May)" in line
        focus_now(screen.query_one("#intake-date", Input))
        await pilot.press("ctrl+a", "ctrl+k", *"2026-06-1")
        assert calendar_line(screen) == ""  # not a date yet
        await pilot.press("8")
        assert calendar_line(screen) == ""  # a quiet day
        await pilot.press("backspace", "backspace", "backspace", "backspace", "7", "-", "3", "1")
        assert "Annual tax return deadline for self-filers (July 31)" in calendar_line(screen)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, WorkspaceScreen))
    [path] = saved()
    assert store.load_workspace(path).metadata.incident_date == date(2026, 7, 31)


async def test_a_long_hint_wraps_whole_at_80_columns():
    async with app().run_test(size=(80, 24)) as pilot:
        await start_intake(pilot)
        await pilot.pause()
        lines = [line.strip() for line in screen_lines(pilot.app)]
        [at] = [index for index, line in enumerate(lines) if line.startswith("What happened")]
        assert " ".join(lines[at:at + 2]).startswith(
            "What happened  two or three sentences: what people noticed, and what was going on"
        )


async def intake_then_export(pilot, *, duration: str) -> str:
    """Answer the intake (what happened, duration, a timeline with impact start → resolved of
    one hour), then save the markdown with ctrl+e → f; the exported text."""
    screen = await start_intake(pilot)
    screen.query_one("#intake-title", Input).value = "Checkout 502"
    screen.query_one("#intake-duration", Input).value = duration
    screen.query_one("#intake-what", TextArea).text = "Checkout returned 502 errors after a config change."
    screen.query_one("#intake-timeline").focus()
    await paste(pilot, "14:00 ops: OUTAGE BEGINS 502s\n15:00 ops: **RESOLVED** rolled back\n")
    await pilot.press("ctrl+s")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, WorkspaceScreen))
    await pilot.press("ctrl+e", "f", "enter")
    [path] = saved()
    exported = path.with_suffix(".md")
    await wait_until(pilot, exported.exists)
    return exported.read_text(encoding="utf-8")


async def test_what_happened_from_the_intake_is_the_exported_executive_summary():
    async with app().run_test(size=SIZE) as pilot:
        markdown = await intake_then_export(pilot, duration="")
        shown = pilot.app.screen.query_one("#overview-summary", DataTable).get_cell("executive_summary", "value")
        assert str(shown) == "— (until written, the export uses What happened)"
    summary = markdown.split("## Executive Summary\n\n")[1].split("\n\n## ")[0]
    assert summary == "Checkout returned 502 errors after a config change."


async def test_a_typed_duration_gives_way_to_the_markers_everywhere_and_the_overview_says_so():
    async with app().run_test(size=SIZE) as pilot:
        markdown = await intake_then_export(pilot, duration="00:40")
        duration = pilot.app.screen.query_one("#overview-metadata", DataTable).get_cell("duration", "value")
        assert str(duration) == "⚠ 01:00 (markers) ≠ typed 00:40"
        await pilot.press("f7")
        await pilot.pause()
        assert "| Duration | 01:00 |" in pilot.app.screen.query_one(Markdown).source
    assert "| Duration | 01:00 |" in markdown
    [path] = saved()
    assert store.load_workspace(path).metadata.duration == "00:40"  # kept as typed


async def test_the_summary_line_goes_once_every_refused_answer_is_corrected():
    async with app().run_test(size=SIZE) as pilot:
        screen = await start_intake(pilot)
        date, zone = screen.query_one("#intake-date", Input), screen.query_one("#intake-tz", Input)
        date.value, zone.value = "2026-02-30", "Mars/Olympus"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        summary = screen.query_one("#intake-problems", Static)
        assert summary.has_class("visible") and "2 answers cannot be used" in str(summary.render())
        date.value = "2026-11-27"
        await pilot.pause()
        assert summary.has_class("visible")  # the zone is still refused
        zone.value = "Europe/Berlin"
        await pilot.pause()
        assert not summary.has_class("visible")
        assert not any("cannot be used as typed" in line for line in screen_lines(pilot.app))
