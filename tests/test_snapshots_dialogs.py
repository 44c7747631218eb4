"""SVG snapshots of the F1 help and the ctrl+e export dialog on the demo workspace."""

from __future__ import annotations

from pathlib import Path

import pytest

from pm_postmortem.tui.app import PostmortemApp
from pm_postmortem.tui.screens import help as help_screen
from tests.snapshot_support import SIZE, demo_app


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> PostmortemApp:
    # The Keys tab names the settings file; keep that path the same on every machine.
    monkeypatch.setattr(help_screen, "config_dir", lambda: Path("~/.config/pm-postmortem"))
    return demo_app(tmp_path)


def pressing(*keys: str):
    async def run_before(pilot) -> None:
        await pilot.press(*keys)
        await pilot.pause()

    return run_before


@pytest.mark.parametrize(
    "keys",
    [("f1",), ("f1", "2"), ("f1", "3")],
    ids=["keys", "severity-guide", "facilitation"],
)
def test_help(snap_compare, app, keys):
    assert snap_compare(app, run_before=pressing(*keys), terminal_size=SIZE)


def test_export_dialog(snap_compare, app):
    assert snap_compare(app, run_before=pressing("ctrl+e"), terminal_size=SIZE)


def test_export_dialog_with_a_missing_folder(snap_compare, app):
    async def run_before(pilot) -> None:
        await pilot.press("ctrl+e", "f")
        pilot.app.screen.query_one("#export-path").value = "/no/such/folder/demo.md"
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(app, run_before=run_before, terminal_size=SIZE)
