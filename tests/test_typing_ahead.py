"""Keys typed faster than the screen follows: a burst gives the same document as slow typing.

A terminal delivers a paste, a tmux ``send-keys`` or keys over a slow ssh link as a burst; these
tests post the whole burst to the app before it has handled the first key (as the driver does),
type the same keys again one at a time in a second app, and compare what each one saved.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from textual import events

from pm_postmortem.core import store
from pm_postmortem.core.export import to_markdown
from pm_postmortem.core.model import TimelineEvent, WhyNode, new_workspace
from pm_postmortem.tui.app import PostmortemApp
from pm_postmortem.tui.screens.workspace import WorkspaceScreen
from tests.pilot_support import wait_until

CHARACTERS = {"tab": "\t", "enter": "\r", "backspace": "\x7f", "space": " ", "escape": "\x1b"}
NOW = datetime(2026, 3, 10, 12, tzinfo=UTC)


def key_event(key: str) -> events.Key:
    return events.Key(key, key if len(key) == 1 else CHARACTERS.get(key))


def burst(app: PostmortemApp, *keys: str) -> None:
    """Post every key at once: none is handled before the last one is queued."""
    for key in keys:
        app.post_message(key_event(key))


def spelled(text: str) -> list[str]:
    return ["space" if char == " " else char for char in text]


def write_workspace(path: Path) -> Path:
    workspace = new_workspace("Checkout outage", severity="S2", incident_date=date(2026, 3, 10))
    workspace.timeline = [
        TimelineEvent(id="e1", time=datetime(2026, 3, 10, 9, 0, tzinfo=UTC), text="Deploy", actor="CI"),
        TimelineEvent(id="e2", time=datetime(2026, 3, 10, 9, 12, tzinfo=UTC), text="Errors rise",
                      actor="job-queue"),
    ]
    workspace.whys.symptom = "Exports listed bookings twice"
    workspace.whys.nodes = [WhyNode(id="w1", answer="The retry re-sent the batch")]
    store.save_workspace(path, workspace)
    return path


def make_app(path: Path) -> PostmortemApp:
    app = PostmortemApp(path, cursor_blink=False, clock=lambda: NOW)
    app.animation_level = "none"
    return app


Scenario = Callable[[object], Awaitable[None]]


async def typed(path: Path, keys: list[str], *, at_once: bool, before: list[str],
                done: Callable[[PostmortemApp], object]) -> str:
    """Open ``path``, press ``before`` slowly, then ``keys`` (at once or one by one); the saved
    document, as markdown, after the app has quit."""
    app = make_app(path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        for key in before:
            await pilot.press(key)
        if at_once:
            burst(app, *keys)
        else:
            for key in keys:
                await pilot.press(key)
        await wait_until(pilot, lambda: done(app))
        await wait_until(pilot, lambda: isinstance(app.screen, WorkspaceScreen))
        lines = app.screen.query_one("#timeline-table").rendered_text() if before[:1] == ["f3"] else []
    return to_markdown(store.load_workspace(path)) + "\n".join(lines)


async def same_both_ways(tmp_path: Path, keys: list[str], *, before: list[str],
                         done: Callable[[PostmortemApp], object]) -> str:
    slow = await typed(write_workspace(tmp_path / "slow.toml"), keys, at_once=False, before=before, done=done)
    fast = await typed(write_workspace(tmp_path / "fast.toml"), keys, at_once=True, before=before, done=done)
    assert fast == slow
    return fast


def timeline_count(count: int) -> Callable[[PostmortemApp], bool]:
    return lambda app: app.editor is not None and len(app.editor.workspace.timeline) == count


async def test_two_timeline_events_in_one_burst_are_both_captured_whole(tmp_path):
    keys = [
        "a", *"15:40", "tab", *spelled("burst one"), "tab", *"xone", "enter",
        "a", *"15:41", "tab", *spelled("burst two"), "tab", *"xtwo", "enter",
    ]
    markdown = await same_both_ways(tmp_path, keys, before=["f3"], done=timeline_count(4))
    assert "| 15:40 | burst one | xone |" in markdown
    assert "| 15:41 | burst two | xtwo |" in markdown


async def test_an_event_edited_in_one_burst_shows_at_once(tmp_path):
    keys = ["down", "enter", "tab", "tab", "ctrl+u", *"NEWACTOR", "enter"]
    markdown = await same_both_ways(
        tmp_path, keys, before=["f3"],
        done=lambda app: app.editor.workspace.timeline[1].actor == "NEWACTOR",
    )
    assert "| 09:12 | Errors rise | NEWACTOR |" in markdown
    assert "job-queue" not in markdown  # neither in the document nor on the screen


async def test_an_n_inside_typed_text_is_text(tmp_path):
    keys = ["n", *spelled("nine new nodes"), "enter", "n", *spelled("and another"), "enter"]
    markdown = await same_both_ways(tmp_path, keys, before=["f3"], done=timeline_count(4))
    assert "nine new nodes" in markdown and "and another" in markdown


async def test_a_why_answer_typed_in_one_burst_is_captured_whole(tmp_path):
    keys = ["a", *spelled("The queue redelivered it"), "enter", "a", *spelled("No dedupe key"), "enter"]
    markdown = await same_both_ways(
        tmp_path, keys, before=["f4"], done=lambda app: len(app.editor.workspace.whys.nodes) == 3,
    )
    assert "because the queue redelivered it." in markdown and "Because no dedupe key." in markdown


async def test_an_action_typed_in_one_burst_is_captured_whole(tmp_path):
    keys = ["a", *spelled("Add a dedupe key"), "tab", "tab", *spelled("Platform"), "enter"]
    markdown = await same_both_ways(
        tmp_path, keys, before=["f5"], done=lambda app: len(app.editor.workspace.actions) == 1,
    )
    assert "Add a dedupe key" in markdown and "Platform" in markdown


async def test_an_overview_field_typed_in_one_burst_is_captured_whole(tmp_path):
    keys = ["enter", "ctrl+a", "ctrl+k", *spelled("Checkout failed"), "enter"]
    markdown = await same_both_ways(
        tmp_path, keys, before=[], done=lambda app: app.editor.workspace.metadata.title == "Checkout failed",
    )
    assert markdown.startswith("# Post-Mortem: Checkout failed")


@pytest.mark.parametrize("line", ["15:40 alertmanager: alert fired !detected", "15:45 rollback done"])
async def test_capture_lines_typed_in_one_burst_are_added_in_order(tmp_path, line):
    keys = ["i", *spelled(line), "enter", *spelled("15:50 all good"), "enter", "escape"]
    markdown = await same_both_ways(tmp_path, keys, before=["f3"], done=timeline_count(4))
    assert markdown.index("15:4") < markdown.index("15:50 | all good")


async def test_the_intake_typed_in_one_burst_gives_the_same_post_mortem(tmp_path, monkeypatch):
    from pm_postmortem.core.paths import HOME_ENV, workspaces_dir
    from pm_postmortem.tui.screens import intake

    monkeypatch.setattr(intake, "today", lambda: date(2026, 3, 10))
    keys = ["n", *spelled("VAT codes wrong"), "tab", *spelled("Exports carried wrong codes"), "tab",
            "down", "down", "tab", *"1200", "enter", "ctrl+s"]
    documents = []
    for at_once in (False, True):
        monkeypatch.setenv(HOME_ENV, str(tmp_path / f"home-{at_once}"))
        app = PostmortemApp(None, cursor_blink=False, clock=lambda: NOW)
        app.animation_level = "none"
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            if at_once:
                burst(app, *keys)
            else:
                for key in keys:
                    await pilot.press(key)
            await wait_until(pilot, lambda app=app: isinstance(app.screen, WorkspaceScreen)
                             and bool(app.screen.query("#overview")))
        (saved,) = workspaces_dir().glob("*.toml")
        documents.append(to_markdown(store.load_workspace(saved)))
        assert "Exports carried wrong codes" in saved.read_text(encoding="utf-8")
    assert documents[0] == documents[1]
    assert "VAT codes wrong" in documents[1]


async def test_escape_right_before_a_key_is_two_keys_not_alt(tmp_path):
    """A terminal sends escape-then-a within a few milliseconds as alt+a."""
    path = write_workspace(tmp_path / "escape.toml")
    app = make_app(path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        app.post_message(events.Key("i", "i"))
        burst(app, *spelled("15:40 ops: one"), "enter")
        app.post_message(events.Key("alt+a", "a"))  # escape + a, as the driver reads them
        burst(app, *"15:41", "tab", *spelled("two"), "tab", *"xtwo", "enter")
        await wait_until(pilot, lambda: timeline_count(4)(app) and isinstance(app.screen, WorkspaceScreen))
        texts = [(event.text, event.actor) for event in app.editor.workspace.timeline[2:]]
    assert texts == [("one", "ops"), ("two", "xtwo")]
