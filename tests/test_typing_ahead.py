"""Keys typed faster than the screen follows: all of them arrive, in order, where a person expects.

A terminal delivers a fast typist's keys (or a key repeat) as a burst; these tests post the whole
burst to the app before it has handled the first key, the way the terminal driver does.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from textual import events

from pm_postmortem.core import store
from pm_postmortem.core.model import TimelineEvent, new_workspace
from pm_postmortem.tui.app import PostmortemApp
from pm_postmortem.tui.screens.edit_form import EditForm
from pm_postmortem.tui.screens.workspace import WorkspaceScreen
from tests.pilot_support import wait_until

CHARACTERS = {"tab": "\t", "enter": "\r", "backspace": "\x7f", "space": " "}


def burst(app: PostmortemApp, *keys: str) -> None:
    """Post every key at once: none is handled before the last one is queued."""
    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else CHARACTERS.get(key)))


def spelled(text: str) -> list[str]:
    return ["space" if char == " " else char for char in text]


@pytest.fixture
def workspace_file(tmp_path: Path) -> Path:
    path = tmp_path / "typing.toml"
    workspace = new_workspace("Checkout outage", severity="S2", incident_date=date(2026, 3, 10))
    workspace.timeline = [
        TimelineEvent(id="e1", time=datetime(2026, 3, 10, 9, 0, tzinfo=UTC), text="Deploy", actor="CI"),
    ]
    workspace.whys.symptom = "Exports listed bookings twice"
    store.save_workspace(path, workspace)
    return path


def make_app(path: Path) -> PostmortemApp:
    return PostmortemApp(path, cursor_blink=False, clock=lambda: datetime(2026, 3, 10, 12, tzinfo=UTC))


async def test_a_timeline_event_typed_in_one_burst_is_captured_whole(workspace_file):
    app = make_app(workspace_file)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        burst(app, "a", *"14:51", "tab", *spelled("Queue backs upx"), "backspace", "tab", *"anna", "enter")
        await wait_until(pilot, lambda: len(app.editor.workspace.timeline) == 2)
        await wait_until(pilot, lambda: isinstance(app.screen, WorkspaceScreen))
        added = app.editor.workspace.timeline[-1]
        assert (added.time, added.text, added.actor) == (
            datetime(2026, 3, 10, 14, 51, tzinfo=UTC),
            "Queue backs up",
            "anna",
        )
        burst(app, "n", *spelled("Paged the on-call"), "enter")  # `n` starts in the event text
        await wait_until(pilot, lambda: len(app.editor.workspace.timeline) == 3)
        assert "Paged the on-call" in [event.text for event in app.editor.workspace.timeline]


async def test_a_why_answer_typed_in_one_burst_is_captured_whole(workspace_file):
    app = make_app(workspace_file)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        burst(app, "a", *spelled("The retry re-sent the batch"), "enter")
        await wait_until(pilot, lambda: app.editor.workspace.whys.nodes)
        assert [node.answer for node in app.editor.workspace.whys.nodes] == ["The retry re-sent the batch"]


async def test_an_overview_field_typed_in_one_burst_is_captured_whole(workspace_file):
    app = make_app(workspace_file)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        burst(app, "enter", "ctrl+a", "ctrl+k", *spelled("Checkout failed"), "enter")
        await wait_until(pilot, lambda: app.editor.workspace.metadata.title == "Checkout failed")
        assert not isinstance(app.screen, EditForm)
