"""SVG snapshots of every pane and dialog at 80x24, the smallest terminal a room uses.

The Timeline pane's snapshots are kept with its own tests (test_snapshots_timeline.py).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from pm_postmortem.core.model import Status
from pm_postmortem.tui.app import PostmortemApp
from pm_postmortem.tui.screens import help as help_screen
from tests.snapshot_support import demo_app
from tests.test_snapshots_picker import make_app, same_everywhere, write  # noqa: F401 (a fixture)

SMALL = (80, 24)


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
    [("f2",), ("f4",), ("f5",), ("f5", "v"), ("f6",), ("f7",)],
    ids=["overview", "whys", "board", "action-list", "review", "preview"],
)
def test_pane(snap_compare, app, keys):
    assert snap_compare(app, terminal_size=SMALL, run_before=pressing(*keys))


@pytest.mark.parametrize(
    "keys",
    [
        ("f1",),
        ("f1", "2"),
        ("f1", "3"),
        ("f1", "p"),
        ("ctrl+e",),
        ("ctrl+f",),
        ("f2", "enter"),
        ("f4", "a"),
        ("f4", "down", "c"),
        ("f5", "a"),
        ("f6", "enter"),
        ("f6", "tab", "a"),
    ],
    ids=[
        "help-keys",
        "help-severity-guide",
        "help-facilitation",
        "prime-directive",
        "export",
        "coach-findings",
        "metadata-form",
        "why-answer-form",
        "action-from-a-why",
        "new-action-form",
        "factor-form",
        "went-well-entry-form",
    ],
)
def test_dialog(snap_compare, app, keys):
    assert snap_compare(app, terminal_size=SMALL, run_before=pressing(*keys))


def test_picker(snap_compare):
    write("checkout", "Checkout outage", datetime(2026, 3, 2, 9, 15, tzinfo=UTC), "S2", Status.FINAL)
    write("login", "Login slow for EU customers", datetime(2026, 3, 5, 17, 40, tzinfo=UTC), None, Status.IN_REVIEW)
    assert snap_compare(make_app(), terminal_size=SMALL)


def test_picker_asks_before_deleting(snap_compare):
    write("checkout", "Checkout outage", datetime(2026, 3, 2, 9, 15, tzinfo=UTC), "S2", Status.FINAL)
    assert snap_compare(make_app(), terminal_size=SMALL, run_before=pressing("ctrl+x"))


def test_intake(snap_compare):
    assert snap_compare(make_app(), terminal_size=SMALL, run_before=pressing("n", *"Checkout"))
