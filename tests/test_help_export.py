"""F1 help and the ctrl+e export dialog, driven through the real app."""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input, Static, TabbedContent

from pm_postmortem.core import clipboard, store
from pm_postmortem.core.export import export
from pm_postmortem.core.model import new_workspace
from pm_postmortem.core.settings import Settings
from pm_postmortem.tui.app import PostmortemApp
from pm_postmortem.tui.screens.confirm import ConfirmScreen
from pm_postmortem.tui.screens.export_dialog import ExportDialog
from pm_postmortem.tui.screens.help import HelpScreen
from tests.pilot_support import screen_lines, wait_until
from tests.snapshot_support import demo_app

TITLE = "Ledger [red]export[/] outage"


@pytest.fixture
def workspace_file(tmp_path: Path) -> Path:
    path = tmp_path / "ledger.toml"
    ws = new_workspace(TITLE, severity="S2", incident_date=date(2026, 3, 10))
    ws.metadata.what_happened = "Exports | had [b]pipes[/b] and\nline breaks."
    store.save_workspace(path, ws)
    return path


@pytest.fixture
def copied(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The system clipboard works; what was put on it."""
    texts: list[str] = []

    def fake_copy(text: str) -> None:
        texts.append(text)

    monkeypatch.setattr(clipboard, "system_clipboard_copy", fake_copy)
    return texts


def make_app(path: Path, **kwargs) -> PostmortemApp:
    return PostmortemApp(path, cursor_blink=False, **kwargs)


def expected(app: PostmortemApp, fmt: str) -> str:
    return export(app.editor.workspace, fmt, currency=app.context.currency)


def screen_text(screen) -> str:
    return "\n".join(str(static.visual) for static in screen.query(Static))


def messages(app: PostmortemApp) -> list[str]:
    return [notification.message for notification in app._notifications]


# --- help ------------------------------------------------------------------------------------


async def test_f1_shows_keys_severities_and_tips_and_escape_closes(workspace_file):
    app = make_app(workspace_file)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f1")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        text = screen_text(help_screen)
        for keys in ("F1", "ctrl+p", "F2", "F7", "ctrl+s", "ctrl+z", "ctrl+y", "ctrl+e", "ctrl+q"):
            assert keys in text
        assert "d / delete" in text  # lists and tables
        assert 'keymap = { "app.undo" = "ctrl+u"' in text
        for label in ("S1: Critical", "S2: Major", "S3: Minor", "S4: Low"):
            assert label in text
        assert "DATEV" in text
        assert "human error" in text
        await pilot.press("right")
        assert help_screen.query_one(TabbedContent).active == "severity"
        await pilot.press("3")
        assert help_screen.query_one(TabbedContent).active == "facilitation"
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        assert not isinstance(app.screen, HelpScreen)


async def test_help_shows_the_keys_in_effect_after_a_remap(workspace_file):
    settings = Settings(keymap={"app.undo": "ctrl+u", "items.delete": "x"})
    app = make_app(workspace_file, settings=settings)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f1")
        text = screen_text(app.screen)
        assert "ctrl+u  undo the last change" in text
        assert "ctrl+z  undo" not in text  # ctrl+z stays only where a form uses it
        assert "x  delete the row" in text
        await pilot.press("q")
        assert not isinstance(app.screen, HelpScreen)


# --- export: the clipboard --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "fmt", "name"),
    [("m", "markdown", "markdown"), ("n", "notion", "Notion markdown"), ("j", "json", "JSON")],
)
async def test_copy_puts_the_exact_export_on_both_clipboards(
    workspace_file, copied, key, fmt, name
):
    app = make_app(workspace_file)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("ctrl+e")
        assert isinstance(app.screen, ExportDialog)
        await pilot.press(key)
        await pilot.pause()
        text = expected(app, fmt)
        assert app.clipboard == text
        assert copied == [text]
        assert not isinstance(app.screen, ExportDialog)
        lines = len(text.splitlines())
        assert (
            f"Copied {lines:,} lines of {name} to the system clipboard (also sent to the terminal)."
            in messages(app)
        )


async def test_enter_runs_the_highlighted_choice(workspace_file, copied):
    app = make_app(workspace_file)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("ctrl+e", "down", "enter")
        await pilot.pause()
        assert app.clipboard == expected(app, "notion")


async def test_dialog_shows_the_size_and_escape_closes(workspace_file):
    app = make_app(workspace_file)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("ctrl+e")
        text = expected(app, "markdown")
        shown = screen_text(app.screen)
        assert f"{len(text.splitlines()):,} lines · {len(text):,} characters of markdown" in shown
        assert TITLE in shown
        await pilot.press("escape")
        assert not isinstance(app.screen, ExportDialog)
        assert app.clipboard == ""


async def test_without_a_system_clipboard_a_file_holds_the_copy(
    workspace_file, monkeypatch, isolated_home
):
    monkeypatch.setattr(clipboard, "system_clipboard_copy", lambda text: "no xclip or xsel")
    app = make_app(workspace_file)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("ctrl+e", "m")
        await pilot.pause()
        text = expected(app, "markdown")
        assert app.clipboard == text
        files = list((isolated_home / "data" / "exports").glob("ledger-*.md"))
        assert len(files) == 1
        assert files[0].read_text(encoding="utf-8") == text
        assert (
            "Sent to the terminal's clipboard (OSC 52); if it did not arrive, the markdown is saved as "
            f"{files[0].name} in {files[0].parent}"
        ) in messages(app)
        assert not isinstance(app.screen, ExportDialog)


async def test_the_clipboard_fallback_message_is_one_clear_line_at_80_columns(workspace_file, monkeypatch):
    import pyperclip

    def no_clipboard(text: str) -> None:
        raise pyperclip.PyperclipException("Pyperclip could not find a copy/paste mechanism for your system.")

    monkeypatch.setattr(pyperclip, "copy", no_clipboard)
    with tempfile.TemporaryDirectory(prefix="pm-") as folder:  # a short folder, as ~/.local/share is
        exports = Path(folder)
        monkeypatch.setattr(clipboard, "data_dir", lambda: exports)
        app = make_app(workspace_file)
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            await pilot.press("ctrl+e", "m")
            await pilot.pause()
            [path] = (exports / "exports").glob("*.md")
            [notification] = app._notifications
            # it cannot know the terminal took it: it says where the copy is in case it did not
            assert notification.message == (
                "Sent to the terminal's clipboard (OSC 52); if it did not arrive, the markdown is saved as "
                f"{path.name} in {path.parent}"
            )
            assert notification.title == "" and notification.timeout == app.NOTIFICATION_TIMEOUT
            # file name and folder each stay whole on a line; the message takes three lines at most
            await wait_until(pilot, lambda: any(path.name in line for line in screen_lines(app)))
            assert any(str(path.parent) in line for line in screen_lines(app))
            assert sum(line.lstrip().startswith("▌") for line in screen_lines(app)) <= 3 + 2  # and its padding


# --- export: a file ----------------------------------------------------------------------------


async def open_file_row(pilot) -> Input:
    await pilot.press("ctrl+e", "f")
    path_input = pilot.app.screen.query_one("#export-path", Input)
    assert path_input.has_focus
    return path_input


async def test_save_to_the_suggested_file(workspace_file):
    app = make_app(workspace_file)
    async with app.run_test(size=(120, 36)) as pilot:
        path_input = await open_file_row(pilot)
        target = workspace_file.parent / "ledger.md"
        assert path_input.value == str(target.resolve())
        await pilot.press("enter")
        await pilot.pause()
        assert target.read_text(encoding="utf-8") == expected(app, "markdown")
        assert not isinstance(app.screen, ExportDialog)
        assert any(
            message.startswith("Saved ") and str(target.resolve()) in message
            for message in messages(app)
        )


async def test_save_to_a_typed_path(workspace_file, tmp_path):
    app = make_app(workspace_file)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_file_row(pilot)
        await pilot.press("ctrl+a", "ctrl+k")
        target = tmp_path / "out" / "pm.json"
        target.parent.mkdir()
        for char in str(target):
            await pilot.press(char)
        await pilot.press("enter")
        await pilot.pause()
        assert target.read_text(encoding="utf-8") == expected(app, "json")


async def test_a_missing_folder_is_shown_inline_and_the_path_kept(workspace_file, tmp_path):
    app = make_app(workspace_file)
    async with app.run_test(size=(120, 36)) as pilot:
        path_input = await open_file_row(pilot)
        typed = str(tmp_path / "nowhere" / "pm.md")
        path_input.value = typed
        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        error = dialog.query_one("#export-error", Static)
        assert error.display
        assert f"The folder {tmp_path / 'nowhere'} does not exist" in str(error.visual)
        assert path_input.value == typed
        assert not (tmp_path / "nowhere").exists()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs file permissions")
async def test_a_folder_without_write_permission_is_shown_inline(workspace_file, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        app = make_app(workspace_file)
        async with app.run_test(size=(120, 36)) as pilot:
            path_input = await open_file_row(pilot)
            path_input.value = str(locked / "pm.md")
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, ExportDialog)
            assert "no permission" in str(app.screen.query_one("#export-error", Static).visual)
    finally:
        locked.chmod(0o700)


async def test_an_existing_file_is_replaced_only_after_confirmation(workspace_file, tmp_path):
    target = tmp_path / "existing.md"
    target.write_text("keep me", encoding="utf-8")
    app = make_app(workspace_file)
    async with app.run_test(size=(120, 36)) as pilot:
        path_input = await open_file_row(pilot)
        path_input.value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        assert target.read_text(encoding="utf-8") == "keep me"
        assert path_input.value == str(target)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert target.read_text(encoding="utf-8") == expected(app, "markdown")
        assert not isinstance(app.screen, (ExportDialog, ConfirmScreen))


async def test_a_write_failure_is_shown_inline(workspace_file, tmp_path, monkeypatch):
    def refuse(path, text, *, backup=True):
        raise store.WorkspaceError(f"could not save: no permission to write in {path.parent}", path)

    monkeypatch.setattr(store, "write_text", refuse)
    app = make_app(workspace_file)
    async with app.run_test(size=(120, 36)) as pilot:
        path_input = await open_file_row(pilot)
        typed = str(tmp_path / "pm.md")
        path_input.value = typed
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        assert f"no permission to write in {tmp_path}" in str(
            app.screen.query_one("#export-error", Static).visual
        )
        assert path_input.value == typed


async def test_the_open_workspace_is_never_replaced_by_its_export(workspace_file):
    before = workspace_file.read_bytes()
    app = make_app(workspace_file)
    async with app.run_test(size=(120, 36)) as pilot:
        path_input = await open_file_row(pilot)
        path_input.value = str(workspace_file)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        assert "this is the workspace being exported" in str(app.screen.query_one("#export-error", Static).visual)
    assert workspace_file.read_bytes() == before


async def test_another_workspace_is_replaced_only_when_confirmed_and_then_backed_up(workspace_file, tmp_path):
    other = tmp_path / "other.toml"
    store.save_workspace(other, new_workspace("Other"))
    before = other.read_bytes()
    app = make_app(workspace_file)
    async with app.run_test(size=(120, 36)) as pilot:
        path_input = await open_file_row(pilot)
        path_input.value = str(other)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "is not an earlier export (a workspace?)" in app.screen.question
        await pilot.press("y")
        await pilot.pause()
    assert other.read_text(encoding="utf-8").startswith("# Post-Mortem: ")
    assert store.list_backups(other)[0].read_bytes() == before


async def test_the_palettes_keys_command_opens_the_help_that_escape_closes(workspace_file):
    app = make_app(workspace_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p", *"keys")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert not app.screen.query("HelpPanel") and not app.screen_stack[0].query("HelpPanel")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        assert "F7 Preview" in "\n".join(screen_lines(app))


async def test_the_export_dialog_says_when_the_markers_duration_replaces_the_typed_one(tmp_path):
    app = demo_app(tmp_path)  # the demo's markers give 04:53
    async with app.run_test(size=(80, 24)) as pilot:
        app.editor.set("metadata.duration", "03:05")
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        shown = " ".join(screen_lines(app))
        assert "⚠ Duration 04:53 from the timeline markers, not 03:05 as typed" in shown
        assert "| Duration | 04:53 |" in app.screen.text("markdown")
