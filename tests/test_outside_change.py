"""A workspace changed by another program while it is open is never overwritten unseen."""

from __future__ import annotations

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


# --- a file made unreadable outside, then valid again ---------------------------------------------


BROKEN_LINE = "this is = = not toml\n"


@pytest.fixture
def quick_looks(monkeypatch):
    """The app looks at the file (and at the lock) every tenth of a second instead of every 2 s."""
    import pm_postmortem.tui.app as app_module

    monkeypatch.setattr(app_module, "OUTSIDE_CHECK_INTERVAL", 0.1)


def banner_rows(app) -> list[str]:
    """The banner's rows: between the header line and the tab row."""
    lines = screen_lines(app)
    tabs = next(number for number, line in enumerate(lines) if "F2 Overview" in line)
    return [line.strip() for line in lines[1:tabs]]


async def test_a_file_made_valid_again_is_read_and_editable_again(workspace_file, quick_looks):
    before = workspace_file.read_bytes()
    app = PostmortemApp(workspace_file, cursor_blink=False, prime_directive=False)
    async with app.run_test(size=(80, 24)) as pilot:
        with workspace_file.open("a", encoding="utf-8") as file:
            file.write(BROKEN_LINE)
        await wait_until(pilot, lambda: app.editor.read_only and "not valid TOML" in app.editor.read_only)
        await pilot.pause(0.5)  # several looks at the file: it is told once, in the banner
        assert app.session.save_state.kind is SaveKind.READ_ONLY
        rows = banner_rows(app)
        assert 1 <= len(rows) <= 2 and rows[0].startswith("Read-only: checkout.toml: not valid TOML (line")
        assert str(workspace_file.parent) not in " ".join(rows)
        assert [note.message for note in app._notifications] == []
        await rename_in_app(pilot, "Edited here")  # refused: the form stays open, the text kept
        assert app.editor.workspace.metadata.title == "Checkout outage"
        assert isinstance(app.screen, EditForm)

        workspace_file.write_bytes(before)  # the line taken out again: the same bytes as before
        await wait_until(pilot, lambda: not app.editor.read_only)  # under the form: nothing to replace
        await pilot.press("enter")  # the form again, as it was typed
        await wait_until(pilot, lambda: app.screen is app.workspace_screen)
        assert banner_rows(app) == []
        assert app.editor.workspace.metadata.title == "Edited here"
        notes = [note.message for note in app._notifications]
        assert "checkout.toml can be read again; changes here are saved again." in notes
        assert not any("line" in note or "outside" in note for note in notes)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not app.editor.dirty and app.session.save_state.kind is SaveKind.SAVED)
        assert "saved" in screen_lines(app)[0] and "read-only" not in screen_lines(app)[0]
    assert store.load_workspace(workspace_file).metadata.title == "Edited here"
    assert not list(workspace_file.parent.glob("*.conflict-*"))


async def test_a_file_made_valid_with_other_content_is_shown_as_it_is_now(workspace_file, quick_looks):
    app = PostmortemApp(workspace_file, cursor_blink=False, prime_directive=False)
    async with app.run_test(size=(120, 36)) as pilot:
        with workspace_file.open("a", encoding="utf-8") as file:
            file.write(BROKEN_LINE)
        await wait_until(pilot, lambda: app.editor.read_only)
        change_from_outside(workspace_file, "Fixed by hand")
        await wait_until(pilot, lambda: app.editor.workspace.metadata.title == "Fixed by hand")
        await pilot.pause()
        assert app.editor.read_only is None and app.session.save_state.kind is SaveKind.SAVED
        assert [note.message for note in app._notifications] == [
            "checkout.toml can be read again and is shown as it is now; changes here are saved again."
        ]
        await rename_in_app(pilot, "Edited here")
        await wait_until(pilot, lambda: not app.editor.dirty)
    assert store.load_workspace(workspace_file).metadata.title == "Edited here"


async def test_a_file_broken_under_unsaved_edits_keeps_them_beside_it_then_is_read_again(workspace_file, quick_looks):
    before = workspace_file.read_bytes()
    app = PostmortemApp(workspace_file, cursor_blink=False, prime_directive=False)
    async with app.run_test(size=(120, 36)) as pilot:
        app.save_in_background = lambda force=False: None  # the file breaks before the edit is saved
        await rename_in_app(pilot, "Edited here")
        with workspace_file.open("a", encoding="utf-8") as file:
            file.write(BROKEN_LINE)
        await pilot.pause(0.3)
        assert app.editor.dirty and not app.editor.read_only  # unsaved edits: the file is not read
        del app.save_in_background
        await pilot.press("ctrl+s")
        conflicts = lambda: list(workspace_file.parent.glob("checkout.conflict-*.toml"))  # noqa: E731
        await wait_until(pilot, lambda: conflicts() and app.editor.read_only)
        [conflict] = conflicts()
        assert store.load_workspace(conflict).metadata.title == "Edited here"
        [note] = [note.message for note in app._notifications]
        assert note == (
            "checkout.toml was changed outside pm-postmortem: it cannot be read (see above); "
            f"the version you had is saved as {conflict.name}."
        )
        workspace_file.write_bytes(before)
        await wait_until(pilot, lambda: not app.editor.read_only)
        await pilot.pause()
        assert app.editor.workspace.metadata.title == "Checkout outage"
    assert workspace_file.read_bytes() == before


async def test_the_banner_names_the_file_not_its_folder_in_at_most_two_rows(workspace_file, quick_looks):
    deep = workspace_file.parent / ("a-rather-long-folder-name-" * 3) / "nested"
    deep.mkdir(parents=True)
    path = deep / "checkout.toml"
    workspace_file.replace(path)
    app = PostmortemApp(path, cursor_blink=False, prime_directive=False)
    async with app.run_test(size=(80, 24)) as pilot:
        text = path.read_text(encoding="utf-8")
        path.write_text(text + "".join(f"[[broken{n}]]\nx = {n}\nx = {n}\n" for n in range(5)), encoding="utf-8")
        await wait_until(pilot, lambda: app.editor.read_only)
        await pilot.pause()
        rows = banner_rows(app)
        assert 1 <= len(rows) <= 2 and rows[0].startswith("Read-only: checkout.toml: ")
        assert "a-rather-long-folder-name" not in " ".join(rows)
        assert [note.message for note in app._notifications] == []


# --- the lock, once the other pm-postmortem lets it go ---------------------------------------------


HOLDER = """
import sys
from datetime import date
from pathlib import Path
from pm_postmortem.core import store
from pm_postmortem.core.model import new_workspace
path = Path(sys.argv[1])
lock = store.WorkspaceLock(path)
assert lock.acquire()
print("locked", flush=True)
for line in sys.stdin:
    if line.strip() == "save":
        store.save_workspace(path, new_workspace("Saved by the first", incident_date=date(2026, 3, 10)))
        print("saved", flush=True)
    elif line.strip() == "quit":
        lock.release()
        break
"""


@pytest.fixture
def holder(workspace_file):
    """Another pm-postmortem with the workspace open: it saves on "save" and quits on "quit"."""
    import subprocess
    import sys

    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(workspace_file.resolve())],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    assert process.stdout.readline().strip() == "locked"

    def tell(line: str) -> None:
        process.stdin.write(line + "\n")
        process.stdin.flush()
        if line == "save":
            assert process.stdout.readline().strip() == "saved"

    process.tell = tell
    yield process
    process.kill()
    process.wait()


@pytest.mark.parametrize("how", ["quits", "is killed"])
async def test_once_the_other_app_lets_the_file_go_this_one_takes_it_over(workspace_file, quick_looks, holder, how):
    app = PostmortemApp(workspace_file, cursor_blink=False, prime_directive=False)
    async with app.run_test(size=(120, 36)) as pilot:
        assert "is open in another pm-postmortem" in app.editor.read_only
        await rename_in_app(pilot, "Refused")
        assert app.editor.workspace.metadata.title == "Checkout outage"
        await pilot.press("escape", "escape")  # the form's text let go
        assert app.screen is app.workspace_screen
        holder.tell("save")
        await wait_until(pilot, lambda: app.editor.workspace.metadata.title == "Saved by the first")
        assert app.editor.read_only  # still the other one's
        if how == "quits":
            holder.tell("quit")
        else:  # its lock file stays behind
            holder.kill()
        holder.wait(timeout=10)
        await wait_until(pilot, lambda: not app.editor.read_only)
        await pilot.pause()
        assert banner_rows(app) == [] and app.session.save_state.kind is SaveKind.SAVED
        notes = [note.message for note in app._notifications if "Refused" not in note.message]
        assert notes == ["checkout.toml is no longer open in another pm-postmortem; it can be changed here now."]
        other = store.WorkspaceLock(workspace_file)
        assert not other.acquire()  # this app owns the file now
        await rename_in_app(pilot, "Edited after the takeover")
        await wait_until(pilot, lambda: not app.editor.dirty)
    assert store.load_workspace(workspace_file).metadata.title == "Edited after the takeover"
    assert not list(workspace_file.parent.glob("*.conflict-*"))


async def test_a_file_changed_before_the_other_app_quit_is_read_before_it_is_taken_over(
    workspace_file, quick_looks, holder
):
    app = PostmortemApp(workspace_file, cursor_blink=False, prime_directive=False)
    async with app.run_test(size=(120, 36)) as pilot:
        app.action_help()  # a dialog over the workspace
        await pilot.pause()
        holder.tell("save")
        holder.tell("quit")
        holder.wait(timeout=10)
        await pilot.pause(0.5)
        assert app.editor.read_only  # nothing is taken over under a dialog
        await pilot.press("escape")
        await wait_until(pilot, lambda: not app.editor.read_only)
        assert app.editor.workspace.metadata.title == "Saved by the first"
        notes = [note.message for note in app._notifications]
        assert notes == [
            "checkout.toml is no longer open in another pm-postmortem and is shown as it is now; "
            "it can be changed here now."
        ]
    assert store.load_workspace(workspace_file).metadata.title == "Saved by the first"


async def test_a_follower_reads_the_file_on_its_own_and_never_becomes_writable(workspace_file, quick_looks):
    from pm_postmortem.tui.follow import FollowApp

    before = workspace_file.read_bytes()
    app = FollowApp(workspace_file, cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        change_from_outside(workspace_file, "Saved by the facilitator")
        await wait_until(pilot, lambda: app.editor.workspace.metadata.title == "Saved by the facilitator")
        with workspace_file.open("a", encoding="utf-8") as file:
            file.write(BROKEN_LINE)
        await pilot.pause(0.8)
        workspace_file.write_bytes(before)
        await wait_until(pilot, lambda: app.editor.workspace.metadata.title == "Checkout outage")
        await pilot.pause(0.5)
        assert app.editor.read_only.startswith("Watching checkout.toml")
        notes = [note.message for note in app._notifications]
        assert len(notes) == 1 and "not valid TOML" in notes[0] and "still showing the last version" in notes[0]
    assert workspace_file.read_bytes() == before
