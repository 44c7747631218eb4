"""The main screen driven as a user would: panes, edits in forms, undo/redo, autosave, quit."""

from __future__ import annotations

import os
import time
from datetime import date
from pathlib import Path

import pytest

from pm_postmortem.core import store
from pm_postmortem.core.model import new_workspace
from pm_postmortem.tui.app import PostmortemApp
from pm_postmortem.tui.save_state import SaveKind
from pm_postmortem.tui.screens.edit_form import EditForm
from tests.pilot_support import screen_lines, wait_until


@pytest.fixture
def workspace_file(tmp_path: Path) -> Path:
    path = tmp_path / "checkout.toml"
    store.save_workspace(path, new_workspace("Checkout outage", severity="S2", incident_date=date(2026, 3, 10)))
    return path


def make_app(path: Path) -> PostmortemApp:
    return PostmortemApp(path, cursor_blink=False)


async def type_text(pilot, text: str) -> None:
    for char in text:
        await pilot.press(char if char != " " else "space")


async def test_edit_a_metadata_field_in_a_form_then_undo_and_redo(workspace_file):
    app = make_app(workspace_file)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("enter")  # the Metadata table has focus; its first row is the title
        assert isinstance(app.screen, EditForm)
        await pilot.press("ctrl+a", "ctrl+k")
        await type_text(pilot, "[red]x [/] outage")
        await pilot.press("enter")
        await pilot.pause()
        assert app.editor.workspace.metadata.title == "[red]x [/] outage"
        await pilot.press("ctrl+z")
        assert app.editor.workspace.metadata.title == "Checkout outage"
        await pilot.press("ctrl+y")
        assert app.editor.workspace.metadata.title == "[red]x [/] outage"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.session.save_state.kind is SaveKind.SAVED)
    assert store.load_workspace(workspace_file).metadata.title == "[red]x [/] outage"


async def test_invalid_value_keeps_the_form_open_with_the_reason_and_the_text(workspace_file):
    app = make_app(workspace_file)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("down", "enter")  # Date of Incident
        form = app.screen
        assert isinstance(form, EditForm)
        await pilot.press("ctrl+a", "ctrl+k")
        await type_text(pilot, "next tuesday")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form
        assert "date" in str(form.query_one("#form-errors").render())
        assert form.query_one("#field-incident_date").value == "next tuesday"
        await pilot.press("escape")
        assert app.editor.workspace.metadata.incident_date == date(2026, 3, 10)


async def test_add_and_delete_in_review_lists_with_undo(workspace_file):
    app = make_app(workspace_file)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f6")
        await pilot.press("a")  # factors table has focus
        assert isinstance(app.screen, EditForm)
        await type_text(pilot, "No | canary stage")
        await pilot.press("enter")
        await pilot.pause()
        factors = app.editor.workspace.factors
        assert [f.factor for f in factors] == ["No | canary stage"]
        await pilot.press("d")
        await pilot.pause()
        assert app.editor.workspace.factors == []
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert [f.factor for f in app.editor.workspace.factors] == ["No | canary stage"]


async def test_quit_saves_first(workspace_file):
    app = make_app(workspace_file)
    async with app.run_test(size=(120, 36)) as pilot:
        app.editor.set("metadata.executive_summary", "Bookings were exported twice.")
        await pilot.press("ctrl+q")
    assert store.load_workspace(workspace_file).metadata.executive_summary == "Bookings were exported twice."


async def test_failed_autosave_is_shown_retried_and_keeps_the_document(workspace_file, monkeypatch):
    import pm_postmortem.tui.app as app_module

    real_write = store.write_text
    attempts = []

    def full_disk(path, text, **kwargs):
        attempts.append(path)
        raise store.WorkspaceError("could not save: the disk is full", path)

    monkeypatch.setattr(app_module, "RETRY_DELAY", 0.2)
    monkeypatch.setattr(app_module, "AUTOSAVE_DELAY", 0.05)
    monkeypatch.setattr(store, "write_text", full_disk)
    app = make_app(workspace_file)
    async with app.run_test(size=(120, 36)) as pilot:
        app.editor.set("metadata.what_happened", "Exports listed bookings twice.")
        await wait_until(pilot, lambda: len(attempts) >= 2)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.session.save_state.kind is SaveKind.FAILED
        assert "disk is full" in app.session.save_state.detail
        assert "save failed" in str(app.screen.query_one("#status-bar").render())
        assert app.editor.workspace.metadata.what_happened == "Exports listed bookings twice."
        monkeypatch.setattr(store, "write_text", real_write)
        await wait_until(pilot, lambda: app.session.save_state.kind is SaveKind.SAVED)
    assert store.load_workspace(workspace_file).metadata.what_happened == "Exports listed bookings twice."


async def test_a_workspace_open_elsewhere_is_read_only_with_a_banner(workspace_file):
    import subprocess
    import sys

    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from pm_postmortem.core.store import WorkspaceLock;"
            f"lock = WorkspaceLock(Path({str(workspace_file.resolve())!r})); assert lock.acquire();"
            "print('locked', flush=True); time.sleep(30)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        app = make_app(workspace_file)
        async with app.run_test(size=(120, 36)) as pilot:
            banner = app.screen.query_one("#banner")
            assert banner.display
            assert "open in another pm-postmortem" in str(banner.render())
            assert app.session.save_state.kind is SaveKind.READ_ONLY
            await pilot.press("enter")
            await pilot.press("ctrl+a", "ctrl+k", "x", "enter")
            await pilot.pause()
            assert app.editor.workspace.metadata.title == "Checkout outage"
            await pilot.press("escape")
    finally:
        holder.kill()
        holder.wait()
    assert store.load_workspace(workspace_file).metadata.title == "Checkout outage"


@pytest.mark.parametrize(
    ("age", "shown"), [(150, "saved 2 min ago"), (3 * 3600 + 60, "saved 3 h ago"), (72 * 3600, "saved 20")]
)
async def test_the_header_tells_when_the_file_was_last_written_not_when_it_was_opened(workspace_file, age, shown):
    written = time.time() - age
    os.utime(workspace_file, (written, written))
    app = PostmortemApp(workspace_file, cursor_blink=False, prime_directive=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert shown in screen_lines(app)[0]
