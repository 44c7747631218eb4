"""SVG snapshots of the workspace picker (with workspaces and empty) and of the intake questions."""

from __future__ import annotations

import os
import time
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from pm_postmortem.core import store
from pm_postmortem.core.model import Status, new_workspace
from pm_postmortem.core.paths import workspaces_dir
from pm_postmortem.tui.app import PostmortemApp
from pm_postmortem.tui.screens import intake

SIZE = (120, 36)


@pytest.fixture(autouse=True)
def same_everywhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The same folder names, dates and clock on every machine."""
    monkeypatch.setenv("HOME", str(tmp_path))  # the folder is shown as ~/home/data/workspaces
    monkeypatch.setattr(intake, "today", lambda: date(2026, 3, 10))
    previous = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"  # "last change" is shown in local time
    time.tzset()
    yield
    if previous is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = previous
    time.tzset()


def make_app() -> PostmortemApp:
    return PostmortemApp(None, cursor_blink=False)


def write(name: str, title: str, updated: datetime, severity: str | None, status: Status) -> None:
    workspace = new_workspace(title, severity=severity)
    workspace.metadata.status = status
    workspace.updated = updated
    store.save_workspace(workspaces_dir() / f"{name}.toml", workspace)


def test_picker_with_three_workspaces(snap_compare):
    write("checkout", "Checkout outage", datetime(2026, 3, 2, 9, 15, tzinfo=UTC), "S2", Status.FINAL)
    write(
        "datev-vat", "DATEV export wrote wrong VAT codes [red]x[/]",
        datetime(2026, 3, 10, 14, 2, tzinfo=UTC), "S1", Status.DRAFT,
    )
    write("login", "Login slow for EU customers", datetime(2026, 3, 5, 17, 40, tzinfo=UTC), None, Status.IN_REVIEW)
    (workspaces_dir() / "broken.toml").write_text("title = [unclosed\n", encoding="utf-8")
    assert snap_compare(make_app(), terminal_size=SIZE)


def test_picker_empty_state(snap_compare):
    assert snap_compare(make_app(), terminal_size=SIZE)


def test_intake(snap_compare):
    async def run_before(pilot) -> None:
        await pilot.press("n", *"Checkout")

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)
