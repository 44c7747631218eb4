"""A workspace changed by another program while it is open is never overwritten unseen."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from pm_postmortem.core import store
from pm_postmortem.core.model import new_workspace
from pm_postmortem.tui.app import PostmortemApp
from pm_postmortem.tui.save_state import SaveKind
from tests.pilot_support import screen_lines, wait_until


@pytest.fixture
def workspace_file(tmp_path: Path) -> Path:
    path = tmp_path / "checkout.toml"
    store.save_workspace(path, new_workspace("Checkout outage", incident_date=date(2026, 3, 10)))
    return path


def change_from_outside(path: Path, title: str) -> None:
    """What `git pull` or an editor does: a new file under the same name."""
    text = store.dumps(new_workspace(title, incident_date=date(2026, 3, 10)))
    replacement = path.with_name("incoming.tmp")
    replacement.write_text(text, encoding="utf-8")
    replacement.replace(path)


async def rename_in_app(pilot, title: str) -> None:
    await pilot.press("f2", "enter", "ctrl+a", "ctrl+k")
    for char in title:
        await pilot.press(char if char != " " else "space")
    await pilot.press("enter")


async def test_without_unsaved_edits_the_outside_version_is_shown(workspace_file):
    app = PostmortemApp(workspace_file, cursor_blink=False, prime_directive=False)
    async with app.run_test(size=(120, 36)) as pilot:
        change_from_outside(workspace_file, "Pulled from git")
        await wait_until(pilot, lambda: app.editor.workspace.metadata.title == "Pulled from git")
        assert not app.editor.dirty
        await wait_until(pilot, lambda: len(app._notifications) == 1)
        [note] = app._notifications
        assert "changed outside pm-postmortem" in note.message and "\n" not in note.message
    assert store.load_workspace(workspace_file).metadata.title == "Pulled from git"


async def test_with_unsaved_edits_both_versions_are_kept(workspace_file):
    app = PostmortemApp(workspace_file, cursor_blink=False, prime_directive=False)
    async with app.run_test(size=(120, 36)) as pilot:
        app.check_outside_change = lambda: None  # the edit below comes before any look at the file
        change_from_outside(workspace_file, "Pulled from git")
        await rename_in_app(pilot, "Edited here")
        await pilot.press("ctrl+s")
        conflicts = lambda: list(workspace_file.parent.glob("checkout.conflict-*.toml"))  # noqa: E731
        await wait_until(pilot, conflicts)
        await wait_until(pilot, lambda: app.editor.workspace.metadata.title == "Pulled from git")
        assert app.session.save_state.kind is SaveKind.SAVED and not app.editor.dirty
        [note] = [note for note in app._notifications if "changed outside" in note.message]
        assert conflicts()[0].name in note.message and "\n" not in note.message
    assert store.load_workspace(workspace_file).metadata.title == "Pulled from git"
    assert store.load_workspace(conflicts()[0]).metadata.title == "Edited here"


async def test_on_quit_the_outside_version_stays_and_the_edits_go_beside_it(workspace_file):
    app = PostmortemApp(workspace_file, cursor_blink=False, prime_directive=False)
    async with app.run_test(size=(120, 36)) as pilot:
        app.check_outside_change = lambda: None
        app.save_in_background = lambda force=False: None  # no autosave before the quit
        await rename_in_app(pilot, "Edited here")
        change_from_outside(workspace_file, "Pulled from git")
        await pilot.press("ctrl+q")
    [conflict] = workspace_file.parent.glob("checkout.conflict-*.toml")
    assert store.load_workspace(workspace_file).metadata.title == "Pulled from git"
    assert store.load_workspace(conflict).metadata.title == "Edited here"
    assert str(conflict) in app.exit_message


async def test_a_rewrite_with_the_same_bytes_is_no_change(workspace_file):
    app = PostmortemApp(workspace_file, cursor_blink=False, prime_directive=False)
    async with app.run_test(size=(120, 36)) as pilot:
        text = workspace_file.read_text(encoding="utf-8")
        workspace_file.unlink()
        workspace_file.write_text(text, encoding="utf-8")
        await rename_in_app(pilot, "Edited here")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not app.editor.dirty)
    assert store.load_workspace(workspace_file).metadata.title == "Edited here"
    assert not list(workspace_file.parent.glob("*.conflict-*"))


async def test_a_read_only_file_opens_read_only(workspace_file):
    workspace_file.chmod(0o444)
    app = PostmortemApp(workspace_file, cursor_blink=False, prime_directive=False)
    async with app.run_test(size=(120, 36)):
        assert app.session.save_state.kind is SaveKind.READ_ONLY
        assert app.editor.read_only == "checkout.toml is read-only; changes here are not possible"


async def test_a_file_in_a_folder_that_cannot_hold_a_lock_opens_read_only(workspace_file, monkeypatch):
    def no_lock(lock):
        raise store.WorkspaceError(f"could not lock: no permission to write in {lock.path.parent}", lock.path)

    monkeypatch.setattr(store.WorkspaceLock, "acquire", no_lock)
    app = PostmortemApp(workspace_file, cursor_blink=False, prime_directive=False)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.session.save_state.kind is SaveKind.READ_ONLY
        assert app.editor.read_only == (
            f"checkout.toml: could not lock: no permission to write in {workspace_file.parent}"
        )
        await pilot.press("f2")
        await pilot.pause()
        assert any("read-only" in line for line in screen_lines(app))
    assert store.load_workspace(workspace_file).metadata.title


async def test_in_a_read_only_workspace_i_says_why_and_undo_is_not_offered(workspace_file):
    workspace_file.chmod(0o444)
    app = PostmortemApp(workspace_file, cursor_blink=False, prime_directive=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f3", "i")
        await pilot.pause()
        assert [n.message for n in app._notifications][-1] == (
            "checkout.toml is read-only; changes here are not possible"
        )
        footer = screen_lines(app)[-1]
        assert "^s Save" in footer and "Undo" not in footer and "Redo" not in footer
