"""An opened workspace's first frame reads only the style sheets it shows; the other screens'
sheets are read a moment later, and a screen opened before that is styled all the same."""

from __future__ import annotations

from pathlib import Path

import pytest

from pm_postmortem.core import store
from pm_postmortem.core.model import new_workspace
from pm_postmortem.tui import app as app_module
from pm_postmortem.tui.app import PostmortemApp
from pm_postmortem.tui.screens.help import HelpScreen
from pm_postmortem.tui.styles import FIRST_FRAME, all_style_sheets
from tests.pilot_support import wait_until


@pytest.fixture
def workspace_file(tmp_path: Path) -> Path:
    path = tmp_path / "ledger.toml"
    store.save_workspace(path, new_workspace("Ledger export outage", severity="S2"))
    return path


def unread_sheets(app: PostmortemApp) -> list[str]:
    return [path.stem for path in all_style_sheets() if not app.stylesheet.has_source(str(path))]


@pytest.mark.parametrize("delay", [3600.0, 0.01], ids=["before-the-other-sheets", "after-them"])
async def test_help_is_styled_whether_it_opens_before_or_after_the_other_sheets_are_read(
    workspace_file, monkeypatch, delay
):
    monkeypatch.setattr(app_module, "OTHER_STYLES_DELAY", delay)
    app = PostmortemApp(workspace_file, prime_directive=False, cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        if delay > 1:
            assert sorted(unread_sheets(app)) == sorted(
                path.stem for path in all_style_sheets() if path.stem not in FIRST_FRAME
            )
        else:
            await wait_until(pilot, lambda: not unread_sheets(app))
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        help_box = app.screen.query_one("#help")
        assert help_box.outer_size.width == 100  # dialogs.tcss: `#help { width: 100; }`


async def test_the_picker_starts_with_every_sheet_read():
    app = PostmortemApp(None, prime_directive=False, cursor_blink=False)
    async with app.run_test(size=(120, 36)):
        assert unread_sheets(app) == []


async def test_a_pane_shown_before_the_other_sheets_are_read_is_styled(workspace_file, monkeypatch):
    monkeypatch.setattr(app_module, "OTHER_STYLES_DELAY", 3600.0)
    app = PostmortemApp(workspace_file, prime_directive=False, cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        assert "timeline" in unread_sheets(app)
        await pilot.press("f3")
        table = app.screen.query_one("#timeline-table")
        assert table.styles.scrollbar_gutter == "stable"  # timeline.tcss
        assert unread_sheets(app) == []
