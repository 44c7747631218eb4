"""`pm-postmortem follow` and the facilitator's inbox, driven as people would."""

from __future__ import annotations

import html
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from pm_postmortem.core import inbox, store
from pm_postmortem.core.export import export
from pm_postmortem.core.inbox import Kind, Status
from pm_postmortem.core.model import TimelineEvent, WhyNode, new_workspace
from pm_postmortem.core.presence import Presence, read_presence, write_presence
from pm_postmortem.tui.app import PostmortemApp
from pm_postmortem.tui.follow import FollowApp
from pm_postmortem.tui.screens.edit_form import EditForm
from pm_postmortem.tui.screens.inbox import InboxScreen
from pm_postmortem.tui.screens.suggest import SuggestScreen
from pm_postmortem.tui.widgets.metrics_panel import MetricsPanel
from pm_postmortem.tui.widgets.status_bar import StatusBar
from tests.pilot_support import wait_until
from tests.test_typing_ahead import burst, spelled

SRC = str(Path(__file__).resolve().parents[1] / "src")
DAY = date(2026, 3, 10)


def at(hour: int, minute: int) -> datetime:
    return datetime(2026, 3, 10, hour, minute, tzinfo=UTC)


@pytest.fixture
def workspace_file(tmp_path: Path) -> Path:
    workspace = new_workspace("Checkout outage", severity="S2", incident_date=DAY)
    workspace.timeline = [
        TimelineEvent(id=f"e{minute}", time=at(14, minute), text=f"event {minute}") for minute in range(0, 40, 2)
    ]
    workspace.whys.symptom = "Checkout failed"
    workspace.whys.nodes = [WhyNode(id="w1", answer="the pool was exhausted"), WhyNode(id="w2", parent="w1", answer="the limit was 5")]
    path = tmp_path / "checkout.toml"
    store.save_workspace(path, workspace)
    return path


def screen_text(app) -> str:
    """What the screen shows, as one string (the text runs of a screenshot, in order)."""
    runs = re.findall(r"<text[^>]*>(.*?)</text>", app.export_screenshot())
    return "".join(html.unescape(run) for run in runs).replace("\xa0", " ")


def messages(app) -> list[str]:
    return [notification.message for notification in app._notifications]


async def type_text(pilot, text: str) -> None:
    for char in text:
        await pilot.press(char if char != " " else "space")


def import_timeline(path: Path, text: str) -> None:
    """What another process does: pm-postmortem import-timeline, which saves the file."""
    result = subprocess.run(
        [sys.executable, "-m", "pm_postmortem", "import-timeline", str(path), "-"],
        input=text, text=True, capture_output=True, env={**os.environ, "PYTHONPATH": SRC}, timeout=60,
    )
    assert result.returncode == 0, result.stderr


# --- following ------------------------------------------------------------------------------------


async def test_an_event_imported_by_another_process_shows_within_3_s_on_the_followers_pane(workspace_file):
    before = workspace_file.read_bytes()
    app = FollowApp(workspace_file, cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f10", "f3")  # browse on its own, on the timeline
        pane = app.workspace_screen.query_one("#timeline")
        table = pane.grid
        await pilot.press("down", "down", "down")
        assert pane.selected_event.id == "e6"

        import_timeline(workspace_file, "14:31 db: failover done\n")
        imported = time.monotonic()
        await wait_until(pilot, lambda: table.row_count == 21, timeout=3)
        assert time.monotonic() - imported < 3

        assert app.workspace_screen.current_pane == "timeline"
        assert pane.selected_event.id == "e6"
        assert "failover done" in screen_text(app)
        assert not app.editor.dirty or app.editor.read_only
    assert store.load_workspace(workspace_file).timeline[-5].text == "failover done"
    assert workspace_file.read_bytes() != before  # the importer's save, not the follower's


async def test_a_follower_never_locks_nor_writes_the_workspace(workspace_file):
    before = workspace_file.read_bytes()
    app = FollowApp(workspace_file, cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        assert [path.name for path in workspace_file.parent.iterdir()] == ["checkout.toml"]
        lock = store.WorkspaceLock(workspace_file)
        assert lock.acquire()  # the follower holds no lock: a facilitator can open it
        lock.release()
        await pilot.press("f3", "d", "a")
        await pilot.press("escape", "ctrl+s", "ctrl+z", "ctrl+e")
        await pilot.pause()
        assert "Read-only: Watching checkout.toml" in screen_text(app)
    assert workspace_file.read_bytes() == before
    assert [path.name for path in workspace_file.parent.iterdir()] == ["checkout.toml"]


async def test_the_follower_goes_where_the_facilitator_goes_until_it_browses(workspace_file):
    app = FollowApp(workspace_file, cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        write_presence(workspace_file, Presence("whys", "whys", "w2"))
        screen = app.workspace_screen
        await wait_until(pilot, lambda: screen.current_pane == "whys")
        whys = screen.query_one("#whys")
        await wait_until(pilot, lambda: whys.selected_id == "w2")

        write_presence(workspace_file, Presence("timeline", "timeline", "e10"))
        await wait_until(pilot, lambda: screen.current_pane == "timeline")
        timeline = screen.query_one("#timeline")
        await wait_until(pilot, lambda: timeline.selected_event.id == "e10")

        await pilot.press("f10")
        assert "browsing on your own" in screen_text(app)
        await pilot.press("f5")
        write_presence(workspace_file, Presence("whys", "whys", "w1"))
        app.look_again()  # a browsing follower stays put
        await pilot.pause()
        assert screen.current_pane == "actions"

        await pilot.press("f10")
        await wait_until(pilot, lambda: screen.current_pane == "whys" and whys.selected_id == "w1")


async def test_a_suggestion_asks_the_name_once_and_lands_in_the_inbox(workspace_file):
    app = FollowApp(workspace_file, cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f10", "f3", "f9")
        assert isinstance(app.screen, SuggestScreen)
        await type_text(pilot, "Anna [b]SRE[/b]")
        await pilot.press("enter")
        await type_text(pilot, "14:09 alertmanager: alert fired !detected")
        await pilot.press("enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, SuggestScreen))

        await pilot.press("f4", "down", "f9")  # the 5 Whys: an answer under the node at the cursor
        assert "Your name" not in screen_text(app)
        await type_text(pilot, "x" * 1001)
        await pilot.press("enter")
        assert "✗ the text has 1,001 characters; at most 1,000 are taken" in screen_text(app)
        await pilot.press("ctrl+a", "ctrl+k")
        await type_text(pilot, "nobody had load-tested it")
        await pilot.press("enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, SuggestScreen))

    suggestions = inbox.read_inbox(workspace_file).suggestions
    assert [(s.author, s.kind, s.text, s.collection, s.target) for s in suggestions] == [
        ("Anna [b]SRE[/b]", Kind.EVENT, "14:09 alertmanager: alert fired !detected", None, None),
        ("Anna [b]SRE[/b]", Kind.WHY, "nobody had load-tested it", "whys", "w1"),
    ]


# --- the facilitator ------------------------------------------------------------------------------


async def test_the_facilitator_sees_the_count_accepts_edits_and_dismisses_and_can_undo(workspace_file):
    for kind, text, target in (
        (Kind.EVENT, "14:09 alertmanager: alert fired !detected", {}),
        (Kind.ACTION, "alert on pool use", {}),
        (Kind.WHY, "[red]nobody[/red] load-tested \x1b[2J it", {"collection": "whys", "target": "w2"}),
    ):
        inbox.add_suggestion(workspace_file, inbox.new_suggestion("Bo", kind, text, **target))
    app = PostmortemApp(workspace_file, cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        status = app.workspace_screen.query_one(StatusBar)
        await wait_until(pilot, lambda: "✉ 3 suggestions (F9)" in str(status.render()))

        await pilot.press("f9")
        assert isinstance(app.screen, InboxScreen)
        assert "[red]nobody[/red] load-tested \\x1b[2J it" in screen_text(app)
        await pilot.press("enter")  # the event
        events = app.editor.workspace.timeline
        assert [(e.text, e.actor, e.markers) for e in events if e.actor] == [("alert fired", "alertmanager", ("detected",))]

        await pilot.press("e")  # the action, worded better first
        assert isinstance(app.screen, EditForm)
        await pilot.press("ctrl+a", "ctrl+k")
        await type_text(pilot, "Alert when the pool is 80% used")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, InboxScreen))
        assert [a.action for a in app.editor.workspace.actions] == ["Alert when the pool is 80% used"]

        await pilot.press("x")  # the why answer
        assert app.screen.query_one("#inbox-table").row_count == 0
        await pilot.press("escape")
        await wait_until(pilot, lambda: "suggestion" not in str(status.render()))

        await pilot.press("ctrl+z")
        assert app.editor.workspace.actions == []
        await pilot.press("ctrl+y")
        markdown = export(app.editor.workspace, "markdown")
        assert "**DETECTED** alert fired" in markdown and "Alert when the pool is 80% used" in markdown
    statuses = {s.text: s.status for s in inbox.read_inbox(workspace_file).suggestions}
    assert list(statuses.values()) == [Status.ACCEPTED, Status.ACCEPTED, Status.DISMISSED]


async def test_a_refused_suggestion_stays_in_the_inbox_with_the_reason(workspace_file):
    inbox.add_suggestion(workspace_file, inbox.new_suggestion("Bo", Kind.EVENT, "the alert fired"))
    app = PostmortemApp(workspace_file, cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_until(pilot, lambda: app.session.room.pending_count == 1)
        await pilot.press("f9", "enter")
        await pilot.pause()
        assert messages(app)[-1].startswith("Not accepted: start the line with a time: 14:09, 2:09 pm or now.")
        assert app.screen.query_one("#inbox-table").row_count == 1
    assert inbox.read_inbox(workspace_file).pending[0].text == "the alert fired"


async def test_the_facilitators_place_is_published_beside_the_workspace(workspace_file):
    app = PostmortemApp(workspace_file, cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f3", "down", "down")
        await wait_until(pilot, lambda: read_presence(workspace_file) == Presence("timeline", "timeline", "e4"))
        await pilot.press("f4")
        await wait_until(pilot, lambda: read_presence(workspace_file) == Presence("whys", "whys", None))
        await pilot.press("ctrl+q")
    assert sorted(path.name for path in workspace_file.parent.iterdir()) == ["checkout.toml"]  # no presence left


async def test_a_read_only_second_app_publishes_nothing(workspace_file):
    lock = store.WorkspaceLock(workspace_file)
    assert lock.acquire()
    try:
        app = PostmortemApp(workspace_file, cursor_blink=False)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("f3")
            app.look_at_the_room()
            assert app.session.room is None
        assert read_presence(workspace_file) is None
    finally:
        lock.release()


@pytest.mark.parametrize(
    "content",
    ["", "not json", "[]", '{"pane": "settings"}', '{"pane": "whys", "collection": "../x", "item": "w1"}',
     '{"pane": "whys", "collection": "whys", "item": "\\u001b[2J"}', '{"pane": "whys"}' + " " * 5000],
)
def test_an_odd_presence_file_reads_as_nowhere_in_particular(workspace_file, content):
    write_presence(workspace_file, Presence("timeline", "timeline", "e2"))
    presence_file = workspace_file.with_name(".checkout.toml.presence.json")
    presence_file.write_text(content, encoding="utf-8")
    presence = read_presence(workspace_file)
    assert presence is None or (presence.collection, presence.item_id) in ((None, None), ("whys", None))


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (apt-get install tmux)")
def test_in_a_real_terminal_an_imported_event_shows_within_3_s(workspace_file, tmp_path, isolated_home):
    socket_name = f"pm-follow-{os.getpid()}"
    tmux = ["tmux", "-L", socket_name]
    command = f"PYTHONPATH={shlex.quote(SRC)} PM_POSTMORTEM_HOME={shlex.quote(str(isolated_home))} " + shlex.join(
        [sys.executable, "-m", "pm_postmortem", "follow", str(workspace_file)]
    )
    subprocess.run([*tmux, "new-session", "-d", "-x", "120", "-y", "36", command], check=True)

    def screen() -> str:
        return subprocess.run([*tmux, "capture-pane", "-p"], capture_output=True, text=True).stdout

    def wait_for(text: str, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while text not in screen():
            assert time.monotonic() < deadline, f"{text!r} not shown within {seconds} s:\n{screen()}"
            time.sleep(0.1)

    try:
        wait_for("Watching checkout.toml", 60)
        subprocess.run([*tmux, "send-keys", "F10", "F3"], check=True)
        wait_for("Timeline · 20 events", 30)
        import_timeline(workspace_file, "14:01 db: failover done\n")  # a row near the top
        wait_for("failover do", 3)  # "failover done", cut to the column in 80 columns
        assert "Timeline · 21 events" in screen()
    finally:
        subprocess.run([*tmux, "kill-server"], check=False)


@pytest.mark.parametrize("command", ["follow", "serve"])
def test_a_missing_workspace_is_one_line_before_anything_starts(tmp_path, capsys, command):
    from pm_postmortem.cli import main

    assert main([command, str(tmp_path / "missing.toml")]) == 2
    assert capsys.readouterr().err == f"pm-postmortem: {tmp_path / 'missing.toml'}: the file does not exist\n"


async def test_a_burst_of_keys_fills_the_name_then_the_text_in_order(workspace_file):
    """A browser delivers a fast typist's keys at once: the text after enter is not the name's."""
    app = FollowApp(workspace_file, cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f10", "f5")
        burst(app, "f9", *"Anna", "enter", *spelled("12 more alerts"), "enter")
        await wait_until(pilot, lambda: inbox.read_inbox(workspace_file).suggestions)
    [suggestion] = inbox.read_inbox(workspace_file).suggestions
    assert (suggestion.author, suggestion.kind, suggestion.text) == ("Anna", Kind.ACTION, "12 more alerts")


async def test_suggestions_arriving_while_open_are_counted_and_a_torn_line_is_told_once(workspace_file):
    app = PostmortemApp(workspace_file, cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        status = app.workspace_screen.query_one(StatusBar)
        inbox.add_suggestion(workspace_file, inbox.new_suggestion("Bo", Kind.ACTION, "alert on pool use"))
        await wait_until(pilot, lambda: "✉ 1 suggestion (F9)" in str(status.render()))
        with inbox.inbox_path(workspace_file).open("ab") as stream:
            stream.write(b'{"id": "cut')
        torn = "the last suggestion in .checkout.toml.inbox.jsonl was cut short (the writer stopped mid-way) and is skipped"
        await wait_until(pilot, lambda: torn in messages(app))
        inbox.add_suggestion(workspace_file, inbox.new_suggestion("Cem", Kind.ACTION, "load test the pool"))
        await wait_until(pilot, lambda: "✉ 2 suggestions (F9)" in str(status.render()))
        assert messages(app).count(torn) == 1


async def test_the_inbox_shows_what_the_coach_would_say_before_accepting(workspace_file):
    inbox.add_suggestion(workspace_file, inbox.new_suggestion("Bo", Kind.ACTION, "Be more careful with deploys"))
    app = PostmortemApp(workspace_file, cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_until(pilot, lambda: app.session.room.pending_count == 1)
        await pilot.press("f9")
        detail = str(app.screen.query_one("#inbox-detail").render())
        assert "Be more careful with deploys" in detail
        assert "This asks people to try harder" in detail


async def test_a_look_at_the_room_while_the_screen_is_torn_down_is_harmless(workspace_file):
    app = PostmortemApp(workspace_file, cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await app.workspace_screen.query_one("#panes").remove()  # as when quitting
        app.look_at_the_room()
        await pilot.pause()


async def test_a_follower_looking_again_while_its_screen_is_torn_down_is_harmless(workspace_file):
    app = FollowApp(workspace_file, cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        write_presence(workspace_file, Presence("whys", "whys", "w1"))
        import_timeline(workspace_file, "14:01 db: failover done\n")
        await app.workspace_screen.query_one("#panes").remove()  # as when quitting
        app.look_again()
        await pilot.pause()


async def test_a_reload_reaching_the_overview_while_it_is_taken_down_is_harmless(workspace_file):
    """Quitting removes the panes' children before the panes: a reload posted just before must
    find the Overview without its metrics panel and go on."""
    app = FollowApp(workspace_file, cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await app.workspace_screen.query_one(MetricsPanel).remove()
        import_timeline(workspace_file, "14:01 db: failover done\n")
        app.look_again()
        await pilot.pause()
        assert app.is_running and "failover done" in [event.text for event in app.editor.workspace.timeline]


async def test_i_on_a_followers_timeline_suggests_an_event_and_edit_keys_are_not_offered(workspace_file):
    app = FollowApp(workspace_file, cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f10", "f3")
        await pilot.pause()
        assert " a Add " not in screen_text(app) and " i Capture " not in screen_text(app)
        await pilot.press("a", "d", "i")
        assert isinstance(app.screen, SuggestScreen)
        await type_text(pilot, "Anna")
        await pilot.press("enter")
        await type_text(pilot, "14:10 db: replica caught up")
        await pilot.press("enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, SuggestScreen))
    (suggestion,) = inbox.read_inbox(workspace_file).suggestions
    assert (suggestion.kind, suggestion.text) == (Kind.EVENT, "14:10 db: replica caught up")
