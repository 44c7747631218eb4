"""What the room reads equals a fresh render: after any sequence of edits, undo, redo, pastes,
zone switches and cursor moves, the live panes show the same lines as panes mounted anew."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widget import Widget

from pm_postmortem.core import store
from pm_postmortem.core.model import Marker, TimelineEvent, WhyNode, new_workspace
from pm_postmortem.core.operations import add_parsed_events
from pm_postmortem.core.timeparse import ParsedEvent
from pm_postmortem.tui.app import PostmortemApp
from pm_postmortem.tui.widgets.action_board import ActionsPane
from pm_postmortem.tui.widgets.timeline_pane import TimelinePane
from pm_postmortem.tui.widgets.whys_pane import WhysPane

START = datetime(2026, 3, 10, 8, 0, tzinfo=UTC)
NOW = datetime(2026, 3, 10, 12, tzinfo=UTC)

step = st.one_of(
    st.tuples(st.just("add"), st.integers(0, 2000), st.text(max_size=30)),
    st.tuples(st.just("delete"), st.integers(0, 10_000)),
    st.tuples(st.just("retime"), st.integers(0, 10_000), st.integers(-300, 300)),
    st.tuples(st.just("edit"), st.integers(0, 10_000), st.lists(st.sampled_from(Marker), max_size=3), st.text(max_size=20)),
    st.tuples(st.just("paste"), st.integers(1, 70)),
    st.tuples(st.just("undo")),
    st.tuples(st.just("redo")),
    st.tuples(st.just("keys"), st.lists(st.sampled_from(["up", "down", "pageup", "pagedown", "home", "end", "z"]),
                                        max_size=4)),
)


class Fresh(Screen):
    """A pane mounted anew on the open document."""

    def __init__(self, pane: type, like: Widget) -> None:
        super().__init__()
        self.pane = pane
        self.size_of = like.outer_size
        self.padding = like.styles.padding
        self.pane_id = like.id
        self.session = like.session

    def compose(self) -> ComposeResult:
        pane = self.pane(self.session, id=self.pane_id)  # the same id: the same styles
        pane.styles.width, pane.styles.height = self.size_of.width, self.size_of.height
        pane.styles.padding = self.padding
        yield pane


def write(path: Path) -> Path:
    workspace = new_workspace("Render check", severity="S2", incident_date=date(2026, 3, 10))
    workspace.display_tz = "Europe/Berlin"
    workspace.timeline = [
        TimelineEvent(id=f"s{index}", time=START + timedelta(minutes=9 * index), text=f"start {index}",
                      actor="ops" if index % 3 else "")
        for index in range(40)
    ]
    workspace.whys.symptom = "Checkout failed"
    workspace.whys.nodes = [WhyNode(id="w1", answer="Pool exhausted"),
                            WhyNode(id="w2", parent="w1", answer="Pool size 5")]
    store.save_workspace(path, workspace)
    return path


def apply(app: PostmortemApp, action: tuple) -> list[str]:
    """Apply one step through the editor; the keys it leaves for the pilot to press."""
    editor = app.editor
    timeline = editor.workspace.timeline
    kind = action[0]
    if kind == "add":
        editor.add("timeline", {"time": START + timedelta(minutes=action[1]), "text": action[2]})
    elif kind == "delete" and timeline:
        editor.delete("timeline", timeline[action[1] % len(timeline)].id)
    elif kind == "retime" and timeline:
        event = timeline[action[1] % len(timeline)]
        editor.update("timeline", event.id, time=event.time + timedelta(minutes=action[2]))
    elif kind == "edit" and timeline:
        editor.update("timeline", timeline[action[1] % len(timeline)].id, markers=action[2], actor=action[3])
    elif kind == "paste":
        add_parsed_events(editor, [
            ParsedEvent(index, START + timedelta(minutes=5 * index), f"pasted {index}", "log", ())
            for index in range(action[1])
        ])
    elif kind == "undo":
        editor.undo()
    elif kind == "redo":
        editor.redo()
    elif kind == "keys":
        return action[1]
    return []


def open_app(path: Path) -> PostmortemApp:
    app = PostmortemApp(path, cursor_blink=False, clock=lambda: NOW)
    app.animation_level = "none"
    return app


def timeline_lines(pane: TimelinePane) -> list[str]:
    detail = str(pane.query_one("#timeline-detail-text").render())
    return [*pane.grid.rendered_text(), str(pane.grid.border_title), str(pane.grid.border_subtitle), detail]


async def check_timeline(path: Path, steps: list[tuple]) -> None:
    app = open_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        live = app.screen.query_one(TimelinePane)
        for number, action in enumerate(steps):
            keys = apply(app, action)
            await pilot.pause()
            if keys:
                await pilot.press(*keys)
            await pilot.pause()
            seen = timeline_lines(live)
            await app.push_screen(Fresh(TimelinePane, live))
            await pilot.pause()
            fresh = app.screen.query_one(TimelinePane)
            if live.show_utc:
                fresh.toggle_zone()
            fresh.grid.move_cursor(live.grid.cursor_row)
            fresh.grid.scroll_to(y=live.grid.scroll_y, animate=False)
            await pilot.pause()
            assert timeline_lines(fresh) == seen, (number, action)
            app.pop_screen()
            await pilot.pause()


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(step, min_size=1, max_size=6))
def test_the_timeline_on_screen_equals_a_fresh_render(tmp_path_factory, steps):
    path = write(tmp_path_factory.mktemp("render") / "render.toml")
    asyncio.run(check_timeline(path, steps))


async def check_whys(path: Path, answers: list[str], undo: bool) -> None:
    app = open_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        live = app.screen.query_one(WhysPane)
        editor = app.editor
        for answer in answers:
            parent = editor.workspace.whys.nodes[-1].id
            editor.add("whys", {"parent": parent, "answer": answer})
            await pilot.pause()
        if undo:
            editor.undo()
            await pilot.pause()
        tree = live.query_one("WhysTree")
        seen = [tree.render_line(y).text for y in range(tree.size.height)]
        await app.push_screen(Fresh(WhysPane, live))
        await pilot.pause()
        fresh_tree = app.screen.query_one("WhysTree")
        fresh_tree.move_cursor(fresh_tree.get_node_at_line(tree.cursor_line))
        await pilot.pause()
        assert [fresh_tree.render_line(y).text for y in range(fresh_tree.size.height)] == seen


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answers=st.lists(st.text(min_size=1, max_size=25).filter(str.strip), min_size=1, max_size=4),
       undo=st.booleans())
def test_the_whys_tree_on_screen_equals_a_fresh_render(tmp_path_factory, answers, undo):
    path = write(tmp_path_factory.mktemp("whys") / "whys.toml")
    asyncio.run(check_whys(path, answers, undo))


def board_lines(pane: ActionsPane) -> list[str]:
    board = pane.board
    lines = [str(pane.query_one("#board-summary").render())]
    for index, column in enumerate(board.board_columns):
        lines.append(str(column.header.render()))
        lines += [str(board.card(action_id).render()) for action_id in board.column_ids(index)]
    return lines


board_step = st.one_of(
    st.tuples(st.just("add"), st.text(min_size=1, max_size=30).filter(str.strip), st.sampled_from(["P1", "P2", "P3"])),
    st.tuples(st.just("status"), st.integers(0, 100), st.sampled_from(["Open", "In Progress", "Done"])),
    st.tuples(st.just("delete"), st.integers(0, 100)),
    st.tuples(st.just("undo")),
    st.tuples(st.just("redo")),
)


async def check_board(path: Path, steps: list[tuple]) -> None:
    app = open_app(path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        live = app.screen.query_one(ActionsPane)
        editor = app.editor
        for action in steps:
            actions = editor.workspace.actions
            if action[0] == "add":
                editor.add("actions", {"action": action[1], "priority": action[2]})
            elif action[0] == "status" and actions:
                editor.update("actions", actions[action[1] % len(actions)].id, status=action[2])
            elif action[0] == "delete" and actions:
                editor.delete("actions", actions[action[1] % len(actions)].id)
            elif action[0] == "undo":
                editor.undo()
            elif action[0] == "redo":
                editor.redo()
            await pilot.pause()
        seen = board_lines(live)
        await app.push_screen(Fresh(ActionsPane, live))
        await pilot.pause()
        assert board_lines(app.screen.query_one(ActionsPane)) == seen


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(board_step, min_size=1, max_size=8))
def test_the_action_board_on_screen_equals_a_fresh_render(tmp_path_factory, steps):
    path = write(tmp_path_factory.mktemp("board") / "board.toml")
    asyncio.run(check_board(path, steps))
