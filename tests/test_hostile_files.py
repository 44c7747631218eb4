"""Hostile workspace folders and files: planted links, read-only files, leftovers, odd contents."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from pm_postmortem import cli
from pm_postmortem.core import store
from pm_postmortem.core.model import new_workspace
from pm_postmortem.core.store import WorkspaceError, WorkspaceLock

needs_locks = pytest.mark.skipif(store.fcntl is None, reason="advisory locks need fcntl")


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    path = tmp_path / "shared" / "ws.toml"
    store.save_workspace(path, new_workspace("Checkout outage"))
    return path


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    path = tmp_path / "victim.txt"
    path.write_text("precious\n", encoding="utf-8")
    return path


# --- the lock file -------------------------------------------------------------------------------


@needs_locks
def test_a_lock_file_planted_as_a_symlink_is_refused_and_its_target_untouched(workspace, victim, capsys):
    (workspace.parent / ".ws.toml.lock").symlink_to(victim)
    text = workspace.parent / "chat.txt"
    text.write_text("14:51 alert fired\n", encoding="utf-8")
    code, _, err = run(capsys, "import-timeline", str(workspace), str(text))
    assert code == 2
    assert err.count("\n") == 1 and "lock file" in err and "is a link; remove it" in err
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert store.load_workspace(workspace).timeline == []


@needs_locks
def test_a_lock_file_planted_as_a_hard_link_is_refused(workspace, victim):
    os.link(victim, workspace.parent / ".ws.toml.lock")
    with pytest.raises(WorkspaceError, match="not a plain file"):
        WorkspaceLock(workspace).acquire()
    assert victim.read_text(encoding="utf-8") == "precious\n"


@needs_locks
def test_a_fifo_as_lock_file_neither_hangs_nor_locks(workspace):
    os.mkfifo(workspace.parent / ".ws.toml.lock")
    with pytest.raises(WorkspaceError, match="not a plain file"):
        WorkspaceLock(workspace).acquire()


@needs_locks
def test_another_users_lock_file_is_locked_but_not_written(workspace, monkeypatch):
    lock_file = workspace.parent / ".ws.toml.lock"
    lock_file.write_text("their text\n", encoding="utf-8")
    monkeypatch.setattr(store, "_USER_ID", os.getuid() + 1)
    with WorkspaceLock(workspace):
        assert lock_file.read_text(encoding="utf-8") == "their text\n"


@pytest.mark.parametrize(
    "content",
    [
        "1 host 0001-01-01T00:30:00+01:00\n",
        "1 host 9999-12-31T23:59:59-01:00\n",
        "1 \x1b]52;c;cHduZWQ=\x07\x1b[2Jhost 2026-03-10T09:42:00+00:00\n",
    ],
)
def test_owner_description_survives_extreme_times_and_shows_control_characters(content):
    described = store._describe_owner(content)
    assert "\x1b" not in described and "\x07" not in described
    assert described == "another process" or described.startswith("pid 1 on ")


# --- the workspace file --------------------------------------------------------------------------


def test_a_save_never_writes_through_a_link_planted_at_the_temporary_name(workspace, victim, monkeypatch):
    names = iter(["aaaaaaaaaaaa", "bbbbbbbbbbbb"])
    monkeypatch.setattr(store.secrets, "token_hex", lambda _: next(names))
    (workspace.parent / ".ws.toml.aaaaaaaaaaaa.tmp").symlink_to(victim)
    store.save_workspace(workspace, new_workspace("Changed"))
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert store.load_workspace(workspace).metadata.title == "Changed"


def test_a_read_only_workspace_is_not_replaced(workspace, capsys):
    before = workspace.read_bytes()
    text = workspace.parent / "chat.txt"
    text.write_text("14:51 alert fired\n", encoding="utf-8")
    workspace.chmod(0o444)
    code, _, err = run(capsys, "import-timeline", str(workspace), str(text))
    assert code == 2
    assert err == f"pm-postmortem: {workspace}: the file is read-only; nothing was written\n"
    assert workspace.read_bytes() == before


def test_stale_temporary_files_of_our_own_are_removed_on_the_next_save(workspace):
    folder = workspace.parent
    stale = folder / ".ws.toml.0123456789ab.tmp"
    fresh = folder / ".ws.toml.ba9876543210.tmp"
    other = folder / ".other.toml.0123456789ab.tmp"
    for leftover in (stale, fresh, other):
        leftover.write_text("half a save", encoding="utf-8")
    old = time.time() - store.STALE_TEMPORARY_AGE - 60
    for leftover in (stale, other):
        os.utime(leftover, (old, old))
    store.save_workspace(workspace, new_workspace("Changed"))
    assert not stale.exists()
    assert fresh.exists() and other.exists()  # maybe a save in flight; another file's


# --- export -o -----------------------------------------------------------------------------------


def test_export_refuses_to_replace_a_workspace_without_force(workspace, tmp_path, capsys):
    other = tmp_path / "other.toml"
    store.save_workspace(other, new_workspace("Five thousand events"))
    before = other.read_bytes()
    code, _, err = run(capsys, "export", str(workspace), "--format", "json", "-o", str(other))
    assert code == 2
    assert err == f"pm-postmortem: {other}: exists and is not an earlier export (a workspace?); use --force to replace it\n"
    assert other.read_bytes() == before
    assert run(capsys, "export", str(workspace), "--format", "json", "-o", str(other), "--force")[0] == 0
    assert other.read_text(encoding="utf-8").startswith("{")
    assert store.list_backups(other)[0].read_bytes() == before


def test_export_replaces_an_earlier_export_of_any_format(workspace, tmp_path, capsys):
    out = tmp_path / "out.md"
    for fmt in ("markdown", "json", "notion", "markdown"):
        assert run(capsys, "export", str(workspace), "--format", fmt, "-o", str(out))[0] == 0


def test_export_never_replaces_the_workspace_itself(workspace, capsys):
    before = workspace.read_bytes()
    code, _, err = run(capsys, "export", str(workspace), "-o", str(workspace), "--force")
    assert code == 2 and "this is the workspace being exported" in err
    assert workspace.read_bytes() == before


@needs_locks
def test_export_never_replaces_a_workspace_open_elsewhere(workspace, tmp_path, capsys):
    source = tmp_path / "source.toml"
    store.save_workspace(source, new_workspace("Source"))
    before = workspace.read_bytes()
    with WorkspaceLock(workspace):
        code, _, err = run(capsys, "export", str(source), "-o", str(workspace), "--force")
    assert code == 2 and "open in another pm-postmortem" in err
    assert workspace.read_bytes() == before
