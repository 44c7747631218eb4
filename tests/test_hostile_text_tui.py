"""No control character of user text reaches the terminal from any screen of the app."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input, TextArea

from pm_postmortem.core import store
from pm_postmortem.core.export import export
from pm_postmortem.core.model import Marker, TimelineEvent, new_workspace
from pm_postmortem.core.paths import workspaces_dir
from pm_postmortem.core.text import visible
from pm_postmortem.tui.app import PostmortemApp
from pm_postmortem.tui.screens.confirm import ConfirmScreen
from pm_postmortem.tui.screens.edit_form import EditForm
from pm_postmortem.tui.screens.workspace import WorkspaceScreen
from tests.hostile_text import OSC_52_THEN_CLEAR, hostile_workspace, leaked
from tests.pilot_support import wait_until
from tests.test_timeline_pane import table_rows


@pytest.fixture
def hostile_file(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.toml"
    store.save_workspace(path, hostile_workspace())
    return path


def screen_text(app: PostmortemApp) -> str:
    """Every character the app would write to the terminal now, as text (styles left out)."""
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    return "".join(segment.text for line in update.strips for strip in line for segment in strip)


def assert_nothing_leaks(app: PostmortemApp, where: str) -> None:
    found = leaked(screen_text(app))
    assert not found, f"{where}: {sorted(map(hex, map(ord, found)))} reach the terminal"


async def test_no_screen_writes_control_characters_of_user_text(hostile_file):
    app = PostmortemApp(hostile_file, cursor_blink=False, prime_directive=False)
    async with app.run_test(size=(140, 44)) as pilot:
        await pilot.pause()
        assert_nothing_leaks(app, "opening")
        opened = []
        for key in ("f2", "f3", "f4", "f5", "f6", "f7"):
            await pilot.press(key)
            await pilot.pause()
            assert_nothing_leaks(app, key)
            pane_screen = app.screen
            for widget in list(pane_screen.focus_chain):
                if not widget.is_mounted or widget.screen is not pane_screen:
                    continue
                pane_screen.set_focus(widget)
                await pilot.press("enter")
                await pilot.pause()
                if app.screen is not pane_screen:
                    opened.append(type(app.screen).__name__)
                    assert_nothing_leaks(app, f"{key}, enter on {widget!r}")
                    await pilot.press("escape")
                    await pilot.pause()
                    if app.screen is not pane_screen:
                        app.pop_screen()
                        await pilot.pause()
        assert opened.count("EditForm") >= 8, opened
        for key in ("f8", "escape", "ctrl+f", "escape", "ctrl+e", "escape", "f1", "escape"):
            await pilot.press(key)
            await pilot.pause()
            assert_nothing_leaks(app, key)


async def test_an_edit_form_shows_control_characters_and_keeps_them_unless_edited(hostile_file):
    app = PostmortemApp(hostile_file, cursor_blink=False, prime_directive=False)
    async with app.run_test(size=(140, 44)) as pilot:
        await pilot.press("f2")
        app.screen.query_one("#overview-metadata").focus()
        await pilot.press("enter")
        assert isinstance(app.screen, EditForm)
        fields = [widget for widget in app.screen.query("Input, TextArea") if isinstance(widget, Input | TextArea)]
        assert fields and not any(
            leaked(field.value if isinstance(field, Input) else field.text, line_breaks=True)
            for field in fields
        )
        original = app.editor.workspace.model_copy(deep=True)
        await pilot.press("enter")  # saves the form unchanged
        await pilot.pause()
        assert isinstance(app.screen, WorkspaceScreen)
        assert app.editor.workspace.metadata == original.metadata
        assert OSC_52_THEN_CLEAR in app.editor.workspace.metadata.title


async def test_the_picker_shows_control_characters_of_titles():
    store.save_workspace(workspaces_dir() / "hostile.toml", hostile_workspace())
    app = PostmortemApp(cursor_blink=False, prime_directive=False)
    async with app.run_test(size=(140, 44)) as pilot:
        await pilot.pause()
        assert "UStVA week\\x1b]52;c;" in screen_text(app)
        assert_nothing_leaks(app, "picker")


COLOURED_LOG = "14:01 first\n\x1b[32m14:02\x1b[0m second\n14:03 third\x1b[A\x1b[2K\n\x1b]52;c;cHduZWQ=\x0714:04 fourth\n"
"""A log copied from a terminal: colours, a cursor move up and a clipboard write."""


async def test_a_pasted_log_with_escape_sequences_is_drawn_and_read_in_order(tmp_path):
    path = tmp_path / "paste.toml"
    store.save_workspace(path, new_workspace("Paste", incident_date=date(2026, 3, 10)))
    app = PostmortemApp(path, cursor_blink=False, prime_directive=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f3", "p")
        app.post_message(events.Paste(COLOURED_LOG))
        await pilot.pause()
        assert app.screen.query_one(TextArea).text == "14:01 first\n14:02 second\n14:03 third\n14:04 fourth\n"  # as read
        assert_nothing_leaks(app, "paste box")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert_nothing_leaks(app, "paste preview")
        assert [row[4] for row in table_rows(app.screen, "#paste-events")] == ["first", "second", "third", "fourth"]


async def test_a_paste_into_a_field_draws_no_control_characters(hostile_file):
    app = PostmortemApp(hostile_file, cursor_blink=False, prime_directive=False)
    async with app.run_test(size=(140, 44)) as pilot:
        await pilot.press("f2", "enter", "ctrl+a", "ctrl+k")
        app.post_message(events.Paste(f"pasted{OSC_52_THEN_CLEAR}title"))
        await pilot.pause()
        assert app.focused.value == f"pasted{OSC_52_THEN_CLEAR}title"  # kept as pasted
        assert_nothing_leaks(app, "a field after a paste")


async def test_messages_and_questions_quoting_a_path_show_its_control_characters(tmp_path):
    broken = tmp_path / f"broken{OSC_52_THEN_CLEAR}.toml"
    broken.write_text(f"title = '{OSC_52_THEN_CLEAR}'\n", encoding="utf-8")
    app = PostmortemApp(None, cursor_blink=False, prime_directive=False)  # opened from the picker
    async with app.run_test(size=(140, 44)) as pilot:
        await pilot.pause()
        assert not app.open_workspace(broken)
        await wait_until(pilot, lambda: app._notifications)
        assert_nothing_leaks(app, "the cannot-open notification")
    app = PostmortemApp(broken, cursor_blink=False, prime_directive=False)  # named at start: the app ends
    async with app.run_test(size=(140, 44)) as pilot:
        await pilot.pause()
    assert app.start_error is not None and not leaked(visible(str(app.start_error)))
    app = PostmortemApp(tmp_path / f"new{OSC_52_THEN_CLEAR}.toml", cursor_blink=False, prime_directive=False)
    async with app.run_test(size=(140, 44)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert_nothing_leaks(app, "the question whether to create the file")


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "Etc/GMT+12"])
async def test_the_earliest_and_latest_times_show_in_every_pane_and_zone(tmp_path, zone):
    workspace = new_workspace("Extremes", incident_date=date(2, 1, 1))
    workspace.display_tz = zone
    workspace.timeline = [
        TimelineEvent(time=datetime(2, 1, 1, tzinfo=UTC), text="first", markers=(Marker.IMPACT_START,)),
        TimelineEvent(time=datetime(9998, 12, 31, 23, 59, tzinfo=UTC), text="last", markers=(Marker.RESOLVED,)),
    ]
    path = tmp_path / "extremes.toml"
    store.save_workspace(path, workspace)
    assert export(store.load_workspace(path), "markdown")
    app = PostmortemApp(path, cursor_blink=False, prime_directive=False)
    async with app.run_test(size=(140, 44)) as pilot:
        for key in ("f3", "z", "z", "a", "escape", "f2", "f4", "f5", "f6", "f7", "f8", "escape"):
            await pilot.press(key)
            await pilot.pause()
        assert app.editor.workspace.timeline == store.load_workspace(path).timeline
