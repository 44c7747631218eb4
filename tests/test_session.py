"""The open workspace is one Session: the workspace screen and every pane are built with it,
panes report a refused edit once, and nothing in the TUI reaches through the app for the editor."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from pm_postmortem.core import store
from pm_postmortem.core.model import Action, Factor, new_workspace
from pm_postmortem.tui.app import PostmortemApp
from pm_postmortem.tui.screens.workspace import PANES, WorkspaceScreen
from pm_postmortem.tui.widgets.pane import Pane
from tests.pilot_support import wait_until

SIZE = (120, 36)
TUI = Path(__file__).parent.parent / "src" / "pm_postmortem" / "tui"


@pytest.fixture
def workspace_file(tmp_path: Path) -> Path:
    ws = new_workspace("Checkout outage", severity="S2", incident_date=date(2026, 3, 10))
    ws.factors = [Factor(factor="The retry storm")]
    ws.actions = [Action(action="Cap the retries", number=1)]
    path = tmp_path / "checkout.toml"
    store.save_workspace(path, ws)
    return path


async def test_every_pane_is_built_with_the_session_of_the_open_workspace(workspace_file):
    app = PostmortemApp(workspace_file, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, WorkspaceScreen) and screen.session is app.session
        for pane_id, record in PANES.items():
            await pilot.press(record.key)
            await pilot.pause()
            pane = screen.pane(pane_id)
            assert isinstance(pane, record.widget_class()) and isinstance(pane, Pane)
            assert pane.session is app.session


@pytest.mark.parametrize(("key", "what"), [("f6", "contributing factor"), ("f5", "action #1")])
async def test_a_refused_delete_is_told_once_in_one_line(workspace_file, key, what):
    workspace_file.chmod(0o444)
    app = PostmortemApp(workspace_file, cursor_blink=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press(key)
        await pilot.pause()
        await pilot.press("d")
        await wait_until(pilot, lambda: app._notifications)
        await pilot.pause()
        messages = [notification.message for notification in app._notifications]
        assert messages == ["checkout.toml is read-only; changes here are not possible"], what
    workspace_file.chmod(0o644)
    saved = store.load_workspace(workspace_file)
    assert [factor.factor for factor in saved.factors] == ["The retry storm"]
    assert [action.action for action in saved.actions] == ["Cap the retries"]


def test_no_screen_or_widget_reaches_through_the_app_for_the_editor():
    reaching = [
        f"{path.relative_to(TUI)}:{number}"
        for path in sorted(TUI.rglob("*.py"))
        if path.name != "app.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(r"\bapp\.(editor|path|room|coach_findings|save_state|agenda)\b", line)
    ]
    assert reaching == []
