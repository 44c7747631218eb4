"""SVG snapshots of every pane of the main screen on the demo workspace."""

from __future__ import annotations

import pytest

from tests.snapshot_support import SIZE, demo_app


@pytest.mark.parametrize("key", ["f2", "f5", "f6", "f7"])
def test_pane(snap_compare, tmp_path, key):
    async def show(pilot):
        await pilot.press(key)
        await pilot.pause()

    assert snap_compare(demo_app(tmp_path), terminal_size=SIZE, run_before=show)


def test_edit_form(snap_compare, tmp_path):
    async def open_form(pilot):
        await pilot.press("f6", "enter")
        await pilot.pause()

    assert snap_compare(demo_app(tmp_path), terminal_size=SIZE, run_before=open_form)
