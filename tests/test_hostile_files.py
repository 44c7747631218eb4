"""Hostile workspace folders and files: planted links, read-only files, leftovers, odd contents."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pm_postmortem import cli
from pm_postmortem.core import store
from pm_postmortem.core.demo import demo_workspace
from pm_postmortem.core.file_checks import MAX_WHY_DEPTH
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


# --- files that must be refused with one clear line ----------------------------------------------

WHY_NODE = '\n[[whys.nodes]]\nid = "{id}"\n{parent}answer = "because"\n'


def whys(*nodes: tuple[str, str | None]) -> str:
    return "schema_version = 1\n" + "".join(
        WHY_NODE.format(id=node, parent=f'parent = "{parent}"\n' if parent else "") for node, parent in nodes
    )


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (whys(("a", None), ("a", "a")), "whys nodes item 2: id 'a' is also the id of item 1"),
        (whys(("a", None), ("b", "zz")), "whys nodes item 2: answers 'zz', which is no node"),
        (whys(("a", "c"), ("b", "a"), ("c", "b")), "whys nodes item 1: its answers lead back to it in a circle"),
        (
            whys(*((f"n{n}", f"n{n - 1}" if n else None) for n in range(MAX_WHY_DEPTH + 1))),
            f"whys nodes item 101: answers nested more than {MAX_WHY_DEPTH} deep (a 5 Whys rarely needs ten)",
        ),
        (
            "schema_version = 1\n[[timeline]]\nid = 'e'\ntime = 2026-03-10 10:00:00Z\n"
            "[[timeline]]\nid = 'e'\ntime = 2026-03-10 10:01:00Z\n",
            "timeline item 2: id 'e' is also the id of item 1",
        ),
        ("schema_version = 1\nnotes = " + "[" * 500 + "]" * 500 + "\n", "lists or tables are nested too deeply to be a workspace"),
        ("schema_version = 1\ncreated = 0001-01-01 00:30:00+01:00\n", "created must be in the years 2 to 9998"),
        (
            "schema_version = 1\n[[timeline]]\ntime = 2026-03-10 10:00:00Z\n"
            "[[timeline]]\ntime = 9999-12-31 23:59:59-01:00\n",
            "timeline item 2: time must be in the years 2 to 9998",
        ),
        ("schema_version = 1\n[metadata]\nincident_date = 0001-01-01\n", "metadata: incident date must be in the years 2 to 9998"),
        (
            "schema_version = 1\ncreated = 2\n",
            "created must be a date and time with an offset, without quotes (2026-03-10 14:05:00Z), not 2",
        ),
        ("schema_version = 1\n[impact]\ncompliance_affected = 'yes'\n", "impact: compliance affected must be true or false, without quotes, not 'yes'"),
        ("schema_version = 1\n[impact]\ncustomers_affected = 99999999999999999999999\n", "impact: customers affected must be at most 9223372036854775807"),
        ("schema_version = 1\n[targets]\nttd = true\n", "targets: ttd must be a whole number, without quotes, not True"),
        (
            "schema_version = 1\n[[timeline]]\ntime = 2026-03-10 10:00:00Z\n[[timeline]]\ntime = '10:05'\n",
            "timeline item 2: time must be a date and time with an offset, without quotes (2026-03-10 14:05:00Z), "
            "not '10:05'",
        ),
        (
            "schema_version = 1\n[[compliance.checks]]\nlabel = 'Audit'\nchecked = 'no'\n",
            "compliance: checks item 1: checked must be true or false, without quotes, not 'no'",
        ),
        (
            "schema_version = 1\n[[went_well]]\ntext = 'fine'\n[[went_well]]\ntext = 5\n",
            "went well item 2: text must be text",
        ),
        (
            "schema_version = 1\ncreated = 2",  # the first 30 bytes of a saved file
            "the file ends mid-line, as a file cut short does (pm-postmortem ends its files with a line "
            "break: add one if the end is complete)",
        ),
        (
            "schema_version = 1\n[impact]\ncompliance_affected = 'yes'",
            "impact: compliance affected must be true or false, without quotes, not 'yes' "
            "(the file ends mid-line: is it cut short?)",
        ),
    ],
)
def test_unsound_files_are_refused_naming_the_problem(tmp_path, capsys, content, problem):
    path = tmp_path / "bad.toml"
    path.write_text(content, encoding="utf-8")
    for command in (("export", str(path)), ("lint", str(path))):
        code, out, err = run(capsys, *command)
        assert (code, out, err) == (2, "", f"pm-postmortem: {path}: {problem}\n")


def test_a_saved_file_cut_anywhere_is_never_read_as_a_smaller_workspace(tmp_path):
    path = tmp_path / "ws.toml"
    store.save_workspace(path, new_workspace("Checkout outage"))
    text = path.read_text(encoding="utf-8")
    for end in range(1, len(text) - 1):
        if text[end - 1] != "\n":  # cut at a line break it is a valid, shorter file (README)
            with pytest.raises(WorkspaceError, match="cut short"):
                store.loads(text[:end])


def test_a_workspace_beyond_the_size_limit_is_refused_at_once(tmp_path, monkeypatch, capsys):
    path = tmp_path / "huge.toml"
    store.save_workspace(path, new_workspace("Huge"))
    monkeypatch.setattr(store, "MAX_WORKSPACE_BYTES", path.stat().st_size - 1)
    code, _, err = run(capsys, "export", str(path))
    assert code == 2 and err.endswith("workspaces over 0 MB are not opened\n")


def test_import_timeline_refuses_a_date_no_timezone_can_show(workspace, capsys):
    text = workspace.parent / "chat.txt"
    text.write_text("00:10 first\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exited:
        cli.main(["import-timeline", str(workspace), str(text), "--date", "0001-01-01"])
    err = capsys.readouterr().err
    assert exited.value.code == 2 and "'0001-01-01' is not in the years 2 to 9998" in err and err.count("\n") == 1


def test_new_under_a_file_says_that_file_is_in_the_way(tmp_path, capsys):
    (tmp_path / "afile").write_text("", encoding="utf-8")
    code, _, err = run(capsys, "new", "--title", "x", "--path", str(tmp_path / "afile" / "x.toml"))
    assert (code, err) == (2, f"pm-postmortem: {tmp_path}/afile/x.toml: could not save: {tmp_path}/afile is a file, not a folder\n")


@pytest.mark.parametrize("command", [("list",), ("actions",), ("export", "big")])
def test_a_reader_that_stops_early_gets_no_traceback(tmp_path, command):
    home = tmp_path / "pipe-home"
    env = {**os.environ, "PM_POSTMORTEM_HOME": str(home), "PYTHONPATH": str(Path(cli.__file__).parents[1])}
    demo = store.dumps(demo_workspace())  # five actions, 15 timeline events
    for number in range(400):
        store.write_text(home / "data" / "workspaces" / f"w{number}.toml", demo)
    big = demo_workspace()
    big.timeline = [big.timeline[n % 10].model_copy(update={"id": f"e{n}"}) for n in range(3000)]
    store.save_workspace(home / "data" / "workspaces" / "big.toml", big)
    process = subprocess.Popen(
        [sys.executable, "-m", "pm_postmortem", *command],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
    )
    assert process.stdout.read(10)
    process.stdout.close()
    stderr = process.stderr.read().decode()
    process.wait()
    assert "Traceback" not in stderr and "BrokenPipe" not in stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_pipes_and_devices_named_like_workspaces_are_listed_as_unreadable_not_read(tmp_path, capsys):
    folder = tmp_path / "folder"
    store.save_workspace(folder / "ok.toml", new_workspace("Fine"))
    os.mkfifo(folder / "pipe.toml")
    (folder / "zero.toml").symlink_to("/dev/zero")
    code, out, _ = run(capsys, "list", "--folder", str(folder))
    assert code == 0
    assert "pipe  (unreadable: this is not a regular file (a pipe or a device?))" in out
    assert "zero  (unreadable: this is not a regular file (a pipe or a device?))" in out
    code, _, err = run(capsys, "export", str(folder / "ok.toml"), "-o", str(folder / "pipe.toml"), "--force")
    assert code == 2 and "not a regular file" in err


def test_opening_an_unsound_file_in_the_app_ends_it_with_one_line_and_exit_code_2(tmp_path, capsys, monkeypatch):
    from pm_postmortem.tui.app import PostmortemApp

    path = tmp_path / "bad.toml"
    path.write_text("this is not toml ][\n", encoding="utf-8")
    frames: list[bool] = []

    def run_headless(app: PostmortemApp) -> None:
        async def drive() -> None:
            async with app.run_test(size=(80, 24)) as pilot:
                await pilot.pause()
                frames.append(app.is_running)

        asyncio.run(drive())

    monkeypatch.setattr(PostmortemApp, "run", run_headless)
    code, out, err = run(capsys, str(path))
    assert (code, out) == (2, "")
    assert err.startswith(f"pm-postmortem: {path}: ") and err.count("\n") == 1
    assert frames == [False]
