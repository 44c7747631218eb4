"""No control character of user text reaches the terminal from a subcommand or an export."""

from __future__ import annotations

import fcntl
import json
import os
from pathlib import Path

import pytest

from pm_postmortem import cli
from pm_postmortem.core import store
from pm_postmortem.core.export import export
from pm_postmortem.core.paths import workspaces_dir
from tests.hostile_text import HOSTILE, OSC_52_THEN_CLEAR, hostile_workspace, leaked


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def hostile_file() -> Path:
    path = workspaces_dir() / "hostile.toml"
    store.save_workspace(path, hostile_workspace())
    return path


@pytest.mark.parametrize(
    "command",
    [("list",), ("actions",), ("lint", "hostile"), ("export", "hostile"), ("export", "hostile", "--format", "notion")],
)
def test_subcommands_show_control_characters_of_user_text(hostile_file, capsys, command):
    (hostile_file.parent / f"broken{OSC_52_THEN_CLEAR}.toml").write_text(f"title = '{HOSTILE}", encoding="utf-8")
    _, out, err = run(capsys, *command)
    assert out.strip()
    assert not leaked(out, line_breaks=True) and not leaked(err, line_breaks=True)


def test_list_rows_stay_one_line_each(hostile_file, capsys):
    _, out, _ = run(capsys, "list")
    lines = out.splitlines()
    assert len(lines) == 2 and "\\x1b]52;c;cHduZWQ=\\x07\\x1b[2J" in lines[1]


def test_json_export_escapes_every_control_character_and_keeps_the_text():
    workspace = hostile_workspace()
    text = export(workspace, "json")
    assert not leaked(text, line_breaks=True)
    assert json.loads(text)["workspace"]["metadata"]["title"] == workspace.metadata.title


def test_markdown_exports_drop_control_characters():
    for fmt in ("markdown", "notion"):
        assert not leaked(export(hostile_workspace(), fmt), line_breaks=True)


def test_the_import_report_shows_control_characters_of_unmapped_lines(tmp_path, capsys):
    document = tmp_path / "doc.md"
    hostile = HOSTILE.replace("\x00", "")  # a NUL makes it a binary file, so does a lot of C0
    document.write_text(
        f"# Post-Mortem: Title{OSC_52_THEN_CLEAR}\n\n## An odd heading{hostile}\n\nA line{hostile}\n"
        + "A plain line that fills the document.\n" * 40,
        encoding="utf-8",
    )
    code, out, err = run(capsys, "import", str(document), "--path", str(tmp_path / "ws.toml"))
    assert code == 0 and "could not be mapped" in err, err
    assert not leaked(out, line_breaks=True) and not leaked(err, line_breaks=True)


def test_the_lock_owner_is_described_without_control_characters(hostile_file, tmp_path, capsys):
    lock_file = hostile_file.parent / ".hostile.toml.lock"
    lock_file.write_text(f"1 host{OSC_52_THEN_CLEAR} 2026-03-10T09:42:00+00:00\n", encoding="utf-8")
    holder = os.open(lock_file, os.O_RDWR)
    fcntl.flock(holder, fcntl.LOCK_EX)
    text = tmp_path / "chat.txt"
    text.write_text("14:51 alert fired\n", encoding="utf-8")
    try:
        code, _, err = run(capsys, "import-timeline", "hostile", str(text))
    finally:
        os.close(holder)
    assert code == 2 and "open in another pm-postmortem (pid 1 on host\\x1b]52;" in err
    assert not leaked(err, line_breaks=True) and err.count("\n") == 1


def test_unread_timeline_lines_are_shown_with_control_characters_visible(hostile_file, tmp_path, capsys):
    text = tmp_path / "chat.txt"
    text.write_text(f"14:51 alert fired\nnot a time {HOSTILE}\n", encoding="utf-8")
    code, _, err = run(capsys, "import-timeline", "hostile", str(text))
    assert code == 0 and "not understood" in err
    assert not leaked(err, line_breaks=True)


def test_the_workspace_file_holds_control_characters_only_as_escapes(tmp_path):
    path = tmp_path / "ws.toml"
    workspace = hostile_workspace()
    store.save_workspace(path, workspace)
    assert not leaked(path.read_text(encoding="utf-8"), line_breaks=True)
    assert store.load_workspace(path) == workspace
