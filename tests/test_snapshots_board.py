"""SVG snapshots of the F5 action board and its list view on the demo workspace."""

from __future__ import annotations

from tests.snapshot_support import SIZE, demo_app


def test_board(snap_compare, tmp_path):
    async def show(pilot):
        await pilot.press("f5", "right", "down")
        await pilot.pause()

    assert snap_compare(demo_app(tmp_path), terminal_size=SIZE, run_before=show)


def test_board_list_view(snap_compare, tmp_path):
    async def show(pilot):
        await pilot.press("f5", "v")
        await pilot.pause()

    assert snap_compare(demo_app(tmp_path), terminal_size=SIZE, run_before=show)


def test_board_add_form(snap_compare, tmp_path):
    async def show(pilot):
        await pilot.press("f5", "a")
        await pilot.pause()

    assert snap_compare(demo_app(tmp_path), terminal_size=SIZE, run_before=show)
