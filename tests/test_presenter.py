"""Presenter mode, its agenda and timeboxes (core/agenda.py), and the Prime Directive."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from textual.command import CommandList
from textual.widgets import Digits, Static

from pm_postmortem.core import store
from pm_postmortem.core.actions import summary as actions_summary
from pm_postmortem.core.agenda import (
    AMBER_AT,
    PANE_PROMPTS,
    PROMPTS,
    STEPS,
    Agenda,
    Timebox,
    TimeboxState,
    clock_text,
    step_summary,
)
from pm_postmortem.core.demo import demo_workspace
from pm_postmortem.core.domain import load_domain_context
from pm_postmortem.core.model import Status, new_workspace
from pm_postmortem.core.paths import shipped_file
from pm_postmortem.core.settings import Settings
from pm_postmortem.tui.app import PostmortemApp
from pm_postmortem.tui.screens.edit_form import EditForm
from pm_postmortem.tui.screens.help import PRIME_DIRECTIVE, HelpScreen
from pm_postmortem.tui.screens.presenter import PRESENTER_THEME, PresenterScreen
from pm_postmortem.tui.screens.prime_directive import PrimeDirectiveScreen
from pm_postmortem.tui.screens.workspace import PANES, WorkspaceScreen
from tests.pilot_support import wait_until

START = datetime(2026, 3, 12, 10, 0, tzinfo=UTC)
SIZE = (100, 30)


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


# --- core/agenda.py ---------------------------------------------------------------------------


def test_the_agenda_runs_from_intake_to_lessons_with_default_timeboxes():
    assert [step.id for step in STEPS] == [
        "intake",
        "timeline",
        "whys",
        "factors",
        "actions",
        "lessons",
    ]
    assert [step.minutes for step in STEPS] == [5, 15, 15, 10, 10, 5]
    assert all(step.pane in PANES for step in STEPS)
    assert all(PROMPTS[step.id] and step.follow_ups for step in STEPS)
    assert set(PANE_PROMPTS) == {step.pane for step in STEPS}


def test_a_timebox_counts_only_while_running():
    clock = FakeClock()
    box = Timebox(10, clock)
    clock.advance(minutes=3)
    assert box.elapsed == timedelta() and not box.running
    box.start()
    clock.advance(minutes=2)
    box.pause()
    clock.advance(minutes=30)
    assert box.elapsed == timedelta(minutes=2)
    box.toggle()
    clock.advance(seconds=30)
    assert box.running and box.elapsed == timedelta(minutes=2, seconds=30)
    assert box.remaining == timedelta(minutes=7, seconds=30)
    box.reset()
    assert box.elapsed == timedelta() and box.running


def test_a_timebox_turns_amber_at_80_percent_and_red_past_100():
    clock = FakeClock()
    box = Timebox(10, clock)
    box.start()
    clock.advance(minutes=7, seconds=59)
    assert box.state is TimeboxState.OK
    clock.advance(seconds=1)
    assert AMBER_AT == 0.8 and box.state is TimeboxState.AMBER
    clock.advance(minutes=2)
    assert box.state is TimeboxState.AMBER  # exactly on time is still amber
    clock.advance(seconds=1)
    assert box.state is TimeboxState.RED
    assert clock_text(box.remaining) == "+00:01"


def test_timeboxes_stay_between_one_and_120_minutes():
    box = Timebox(2, FakeClock())
    box.change(-1)
    box.change(-1)
    assert box.minutes == 1
    box.change(500)
    assert box.minutes == 120
    assert Timebox(0, FakeClock()).minutes == 1


def test_moving_through_the_agenda_takes_a_running_timer_along():
    clock = FakeClock()
    agenda = Agenda(clock, minutes={"timeline": 20})
    assert agenda.step.id == "intake" and agenda.is_first
    assert agenda.total_minutes == 65  # 60 by default, 5 more for the timeline
    agenda.timebox.start()
    clock.advance(minutes=4)
    agenda.next()
    assert agenda.step.id == "timeline" and agenda.timebox.running
    assert agenda.timeboxes[0].elapsed == timedelta(minutes=4) and not agenda.timeboxes[0].running
    clock.advance(minutes=1)
    agenda.timebox.pause()
    agenda.previous()
    assert agenda.step.id == "intake" and not agenda.timebox.running
    agenda.previous()
    assert agenda.index == 0
    agenda.go(99)
    assert agenda.is_last and agenda.step.id == "lessons"
    assert agenda.total_elapsed == timedelta(minutes=5)


def test_clock_text():
    assert clock_text(timedelta(minutes=15)) == "15:00"
    assert clock_text(timedelta(seconds=59)) == "00:59"
    assert clock_text(timedelta(minutes=-2, seconds=-5)) == "+02:05"
    assert clock_text(timedelta(hours=1, minutes=2, seconds=3)) == "1:02:03"


def test_step_summaries_describe_the_document():
    ws = demo_workspace(load_domain_context(shipped_file("domain-context.md")))
    intake = step_summary(ws, "intake")
    assert intake[0].startswith("Severity S2 (Major) · 412 customers")
    timeline = step_summary(ws, "timeline", limit=3)
    assert timeline[0] == f"{len(ws.timeline)} events so far, the latest:" and len(timeline) == 4
    whys = step_summary(ws, "whys")
    assert whys[0].startswith("Symptom: ") and whys[-1].endswith("(root cause)")
    assert step_summary(ws, "factors")[0] == f"{len(ws.factors)} contributing factors"
    # counted and worded as on the board: the presenter's line is where the board's summary starts
    assert step_summary(ws, "actions")[0] == "5 actions · 2 open · 2 in progress · 1 done"
    assert actions_summary(ws.actions, date(2025, 11, 11)).startswith(step_summary(ws, "actions")[0])
    assert step_summary(ws, "lessons")[0].startswith("Went well ")
    empty = new_workspace("Empty")
    assert step_summary(empty, "whys") == ["Symptom: not written yet", "No answers yet."]
    assert step_summary(empty, "timeline") == ["0 events so far"]
    with pytest.raises(KeyError):
        step_summary(empty, "lunch")


# --- presenter mode ---------------------------------------------------------------------------


@pytest.fixture
def workspace_file(tmp_path: Path) -> Path:
    path = tmp_path / "ledger.toml"
    ws = new_workspace("Ledger outage", severity="S2", incident_date=date(2026, 3, 10))
    ws.metadata.status = Status.IN_REVIEW
    store.save_workspace(path, ws)
    return path


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).visual)


async def test_f8_shows_the_agenda_with_a_timer_that_turns_amber_then_red(workspace_file):
    clock = FakeClock()
    app = PostmortemApp(workspace_file, cursor_blink=False, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f8")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PresenterScreen)
        assert app.theme == PRESENTER_THEME.name
        assert text_of(screen, "#presenter-step") == "Step 1 of 6 · Intake"
        assert text_of(screen, "#presenter-prompt") == PROMPTS["intake"]
        assert screen.query_one(Digits).value == "05:00"
        assert "paused" in text_of(screen, "#presenter-timer-info")

        await pilot.press("t")
        clock.advance(minutes=3, seconds=59)
        await wait_until(pilot, lambda: screen.query_one(Digits).value == "01:01")  # redrawn by itself
        assert screen.query_one("#presenter-clock").has_class("-ok")

        clock.advance(seconds=1)  # 4 of 5 minutes: 80 %
        screen.refresh_view()
        assert screen.query_one("#presenter-clock").has_class("-amber")
        assert "nearly out of time" in text_of(screen, "#presenter-timer-info")

        clock.advance(minutes=1, seconds=1)
        screen.refresh_view()
        assert screen.query_one("#presenter-clock").has_class("-red")
        assert not screen.query_one("#presenter-clock").has_class("-amber")
        assert screen.query_one(Digits).value == "+00:01"
        assert "over time" in text_of(screen, "#presenter-timer-info")

        await pilot.press("plus")
        assert app.session.agenda.timebox.minutes == 6
        assert screen.query_one("#presenter-clock").has_class("-amber")  # 5:01 of 6 min
        assert "Intake 6′" in text_of(screen, "#presenter-agenda")
        await pilot.press("minus", "minus")
        assert app.session.agenda.timebox.minutes == 4
        assert screen.query_one("#presenter-clock").has_class("-red")

        await pilot.press("f8")
        await pilot.pause()
        assert isinstance(app.screen, WorkspaceScreen)
        assert app.theme == "textual-dark"
    assert Settings.load().theme != PRESENTER_THEME.name


async def test_n_and_p_move_through_the_steps_and_leaving_shows_the_steps_pane(workspace_file):
    clock = FakeClock()
    app = PostmortemApp(workspace_file, cursor_blink=False, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f8")
        await pilot.pause()
        screen = app.screen
        await pilot.press("t", "n", "n")
        assert text_of(screen, "#presenter-step") == "Step 3 of 6 · 5 Whys"
        assert text_of(screen, "#presenter-prompt") == PROMPTS["whys"]
        assert "Symptom: not written yet" in text_of(screen, "#presenter-summary")
        assert app.session.agenda.timebox.running  # the timer went along
        await pilot.press("p")
        assert text_of(screen, "#presenter-step") == "Step 2 of 6 · Timeline"
        for _ in range(8):
            await pilot.press("n")
        assert text_of(screen, "#presenter-step") == "Step 6 of 6 · Lessons learned"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WorkspaceScreen)
        assert app.screen.current_pane == "review"

        await pilot.press("f8")  # back again: the same step, the timers kept
        await pilot.pause()
        assert text_of(app.screen, "#presenter-step") == "Step 6 of 6 · Lessons learned"


async def test_e_edits_the_steps_content_and_f8_comes_back_to_the_same_step(workspace_file):
    app = PostmortemApp(workspace_file, cursor_blink=False, clock=FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2", "f8", "n", "n")  # from the Overview to the 5 Whys step
        await pilot.pause()
        assert text_of(app.screen, "#presenter-step") == "Step 3 of 6 · 5 Whys"
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, WorkspaceScreen) and app.screen.current_pane == "whys"
        await pilot.press("enter")  # the symptom, typed right there
        await pilot.pause()
        assert isinstance(app.screen, EditForm)
        app.screen.query_one("#field-symptom").value = "Exports listed bookings twice"
        await pilot.press("enter", "f8")
        await pilot.pause()
        assert text_of(app.screen, "#presenter-step") == "Step 3 of 6 · 5 Whys"
        assert "Symptom: Exports listed bookings twice" in text_of(app.screen, "#presenter-summary")


async def test_a_fresh_agenda_starts_at_the_step_of_the_pane_on_screen(workspace_file):
    app = PostmortemApp(workspace_file, cursor_blink=False, clock=FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f5", "f8")
        await pilot.pause()
        assert text_of(app.screen, "#presenter-step") == "Step 5 of 6 · Corrective actions"


async def test_edits_show_up_in_the_presenter_summary(workspace_file):
    app = PostmortemApp(workspace_file, cursor_blink=False, clock=FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f8")
        await pilot.pause()
        app.editor.set("whys.symptom", "Exports listed bookings twice")
        await pilot.press("n", "n")
        assert "Symptom: Exports listed bookings twice" in text_of(app.screen, "#presenter-summary")
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: "Symptom: not written yet" in text_of(app.screen, "#presenter-summary"))


# --- the Prime Directive ----------------------------------------------------------------------


@pytest.fixture
def draft_file(tmp_path: Path) -> Path:
    path = tmp_path / "draft.toml"
    store.save_workspace(path, new_workspace("New outage", severity="S3"))
    return path


async def test_opening_a_draft_shows_the_prime_directive_until_any_key(draft_file):
    app = PostmortemApp(draft_file, cursor_blink=False, prime_directive=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PrimeDirectiveScreen)
        assert text_of(screen, "#prime-text") == PRIME_DIRECTIVE
        await pilot.press("enter")  # any key: it only closes the statement
        await pilot.pause()
        assert isinstance(app.screen, WorkspaceScreen)
        await pilot.press("f3", "f2")
        await pilot.pause()
        assert isinstance(app.screen, WorkspaceScreen)  # once per opening
        await pilot.press("enter")
        assert isinstance(app.screen, EditForm)


async def test_other_keys_and_bindings_do_not_leak_through(draft_file):
    app = PostmortemApp(draft_file, cursor_blink=False, prime_directive=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, WorkspaceScreen)  # F1 dismissed it, no help opened


async def test_a_pane_key_closes_the_statement_and_shows_its_pane(draft_file):
    app = PostmortemApp(draft_file, cursor_blink=False, prime_directive=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, WorkspaceScreen) and app.screen.current_pane == "timeline"


async def test_no_prime_directive_for_a_workspace_in_review(workspace_file):
    app = PostmortemApp(workspace_file, cursor_blink=False, prime_directive=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WorkspaceScreen)


async def test_without_a_terminal_the_default_skips_it(draft_file):
    app = PostmortemApp(draft_file, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WorkspaceScreen)


async def test_the_prime_directive_is_one_key_away_in_help(workspace_file):
    app = PostmortemApp(workspace_file, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PrimeDirectiveScreen)
        await pilot.press("space")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


def highlighted_command(app) -> str:
    commands = app.screen.query_one(CommandList)
    if commands.highlighted is None:
        return ""
    return str(commands.get_option_at_index(commands.highlighted).prompt).split("\n")[0]


async def test_start_meeting_reads_the_prime_directive_then_presents_from_the_top(workspace_file):
    app = PostmortemApp(workspace_file, cursor_blink=False, clock=FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f4")
        await pilot.press("ctrl+p")
        await pilot.pause()
        for char in "start meeting":
            await pilot.press(char if char != " " else "space")
        await wait_until(pilot, lambda: highlighted_command(app) == "Start meeting")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PrimeDirectiveScreen)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, PresenterScreen)
        assert text_of(app.screen, "#presenter-step") == "Step 1 of 6 · Intake"


async def test_e_on_a_step_shows_its_pane_the_moment_the_presenter_goes(workspace_file):
    app = PostmortemApp(workspace_file, cursor_blink=False, clock=FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2", "f8", "n", "n", "n")  # the factors step, on the Review pane
        await pilot.pause()
        assert text_of(app.screen, "#presenter-step").endswith("Contributing factors")
        shown_first: list[str] = []

        def screen_changed(screen) -> None:
            if isinstance(screen, WorkspaceScreen) and not shown_first:
                shown_first.append(screen.current_pane)

        app.screen_change_signal.subscribe(app.screen, screen_changed, immediate=True)
        await pilot.press("e")
        await pilot.pause()
        assert shown_first == ["review"]
        assert isinstance(app.screen, WorkspaceScreen) and app.screen.current_pane == "review"
