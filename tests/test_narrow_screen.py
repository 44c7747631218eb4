"""80x24, the smallest terminal a room uses: numbers are never cut, every pane keeps what matters."""

from __future__ import annotations

import re

import pytest
from textual.widgets import DataTable

from pm_postmortem.core import store
from pm_postmortem.core.model import Note, new_workspace
from pm_postmortem.tui.app import PostmortemApp
from tests.pilot_support import screen_lines, wait_until
from tests.snapshot_support import demo_app

SIZE = (80, 24)


async def test_the_targets_show_whole_numbers(tmp_path):
    app = demo_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2", "tab")  # the targets, below the metadata and the metrics
        await pilot.pause()
        labels = ("TTD target (min)", "TTR target (min)", "MTTR target (min)", "Communicate target (min)")
        targets = {
            label: found[1]
            for line in screen_lines(app)
            for label in labels
            if (found := re.search(rf"│ {re.escape(label)}\s+(\S+)", line))
        }
        assert targets == {
            "TTD target (min)": "5",
            "TTR target (min)": "15",
            "MTTR target (min)": "60",
            "Communicate target (min)": "15",
        }


async def test_free_text_gets_the_width_the_action_list_and_the_metadata(tmp_path):
    app = demo_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        [title] = [line for line in screen_lines(app) if "│ Title " in line]
        assert "Duplicated bookings in DATEV exports during" in title
        [duration] = [line for line in screen_lines(app) if "│ Duration " in line]
        assert "04:53 (from the timeline markers)" in duration
        await pilot.press("f5", "v")
        await pilot.pause()
        [first] = [line for line in screen_lines(app) if "│ 1 " in line]
        assert "Make the DATE" in first and "2025-11-14" in first and "In Progress" not in first


async def test_lessons_show_every_column(tmp_path):
    app = demo_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        [header] = [line for line in screen_lines(app) if "Lesson " in line]
        assert "Applies beyond?" in header and "Shared With" in header


@pytest.mark.parametrize("pane", ["f2", "f5", "f6"])
async def test_the_footer_keeps_the_panes_own_keys_and_export(tmp_path, pane):
    app = demo_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(pane)
        await pilot.pause()
        footer = screen_lines(app)[-1]
        assert "Edit" in footer and "f2 Overview" not in footer  # the tab row names the panes
    if pane == "f2":
        assert "^e Export" in footer


async def test_the_help_keeps_each_binding_id_on_its_keys_line(tmp_path):
    app = demo_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        lines = screen_lines(app)
        for binding_id, keys in (("app.help", "F1"), ("pane.overview", "F2"), ("app.presenter", "F8")):
            [line] = [line for line in lines if binding_id in line]
            assert keys in line


@pytest.mark.parametrize("pane", ["f2", "f6"])
async def test_tab_goes_from_table_to_table(tmp_path, pane):
    app = demo_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(pane)
        for _ in range(10):
            await pilot.press("tab")
            assert isinstance(app.focused, DataTable)
            assert "Edit" in screen_lines(app)[-1]


async def test_the_save_state_stays_whole_beside_the_coach_count(tmp_path):
    app = demo_app(tmp_path)
    path = tmp_path / "demo.toml"
    workspace = store.load_workspace(path)
    workspace.went_poorly.append(Note(text="The on-call engineer should have noticed the alert"))
    store.save_workspace(path, workspace)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: "coach finding" in screen_lines(app)[0])
        assert re.search(r"⚑ \d+ coach findings?  ·  saved \d+ s ago\s*$", screen_lines(app)[0])


@pytest.mark.parametrize("line", ["09:2x db: failover", "14:09 deploy !mit"])
async def test_a_long_capture_error_goes_whole_onto_its_own_line(tmp_path, line):
    app = demo_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3", "i", *[{" ": "space"}.get(char, char) for char in line], "enter")
        await pilot.pause()
        error = str(app.screen.query_one("#timeline-capture-error").render())
        assert error.startswith("✗ ")
        lines = screen_lines(app)
        [at] = [index for index, shown in enumerate(lines) if "✗ " in shown]
        assert line in lines[at - 1]  # the line as typed, above its reason
        assert " ".join(shown.strip() for shown in lines[at:at + 3]).startswith(error)


def fresh_app(tmp_path, title: str) -> PostmortemApp:
    """The app on a new workspace with nothing in it but ``title``."""
    path = tmp_path / "empty.toml"
    store.save_workspace(path, new_workspace(title))
    return PostmortemApp(path, cursor_blink=False)


async def test_empty_review_boxes_say_so_whole(tmp_path):
    app = fresh_app(tmp_path, "Checkout outage")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        boxes = [line for line in screen_lines(app) if "Empty · a adds one" in line]
        assert boxes and max(line.count("Empty · a adds one") for line in boxes) == 3  # went well, poorly, lucky


def whys_tree_rows(app) -> tuple[str, list[str]]:
    """The selected line's label as drawn, and the rows the 5 Whys tree shows on the screen."""
    from pm_postmortem.tui.widgets.whys_tree import WhysTree

    tree = app.screen.query_one(WhysTree)
    node = tree.cursor_node
    label = node.label.plain if node.data is None else tree.line_text(node.data, tree._room(node)).plain
    region = tree.content_region
    rows = [line[region.x : region.right] for line in screen_lines(app)[region.y : region.bottom]]
    return label, rows


async def test_the_selected_answer_stays_in_view_as_the_details_grow(tmp_path):
    app = demo_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f4", "home")
        await pilot.pause()
        for _ in range(len(app.editor.workspace.whys.nodes) + 1):
            await pilot.press("down")
            await pilot.pause()
            label, rows = whys_tree_rows(app)
            assert any(label in row for row in rows), (label, rows)
            assert len(rows) >= 8  # the details below are capped: the tree keeps room for the chain


async def test_the_selected_answer_is_in_view_after_a_resize_on_another_pane(tmp_path):
    app = demo_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f4", "home", *["down"] * len(app.editor.workspace.whys.nodes))
        await pilot.press("f7")
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        await pilot.press("f4")
        await pilot.pause()
        label, rows = whys_tree_rows(app)
        assert any(label in row for row in rows), (label, rows)


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_a_missing_metric_hint_has_its_own_line(tmp_path, size):
    app = fresh_app(tmp_path, "Fresh incident")
    async with app.run_test(size=size) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        lines = screen_lines(app)
        at = next(index for index, line in enumerate(lines) if "Time to Detect (TTD)" in line)
        assert "mark" not in lines[at]
        assert "↳ mark impact start and detected in the timeline" in lines[at + 1]


async def test_keys_with_nothing_to_act_on_say_so(tmp_path):
    app = fresh_app(tmp_path, "Fresh incident")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f5", "]")
        await pilot.pause()
        await pilot.press("f4", "g")  # on the symptom
        await pilot.pause()
        said = [str(note.message) for note in app._notifications]
        assert "No action here to move: this column is empty." in said
        assert "The symptom has no links: g goes from an answer to its factor or action." in said
