"""The key bar at the bottom: the keys of the screen on top, whole, with help and quit always there."""

from __future__ import annotations

import pytest

from pm_postmortem.core import store
from pm_postmortem.core.model import new_workspace
from pm_postmortem.core.paths import workspaces_dir
from pm_postmortem.tui.app import PostmortemApp
from tests.pilot_support import screen_lines
from tests.snapshot_support import demo_app


def key_bar(app) -> str:
    return screen_lines(app)[-1].rstrip()


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
@pytest.mark.parametrize(("pane", "last_pane_key"), [("f3", "Capture"), ("f4", "Root cause"), ("f5", "Move right")])
async def test_a_narrow_bar_leaves_out_whole_keys_and_keeps_help_and_quit(tmp_path, size, pane, last_pane_key):
    app = demo_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        await pilot.press(pane)
        await pilot.pause()
        bar = key_bar(app)
        assert last_pane_key in bar
        assert all(" " in key and "…" not in key for key in bar.strip().split("  "))  # no key without its label
        assert "^q Quit" in bar and "f1 Help" in bar


async def test_the_picker_bar_keeps_help_and_quit_at_80_columns():
    store.save_workspace(workspaces_dir() / "checkout.toml", new_workspace("Checkout outage"))
    app = PostmortemApp(None, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        bar = key_bar(app)
        assert "^q Quit" in bar and "f1 Help" in bar


async def test_a_form_on_top_shows_its_own_keys_not_the_panes(tmp_path):
    app = demo_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f3", "a")
        await pilot.pause()
        bar = key_bar(app)
        assert "esc Cancel" in bar and "Capture" not in bar and "Marker" not in bar
        await pilot.press("escape")
        await pilot.pause()
        assert "Capture" in key_bar(app)
