"""The non-interactive commands: output, files written, and one-line errors with exit code 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pm_postmortem import cli
from pm_postmortem.core import store
from pm_postmortem.core.model import GENERIC_COMPLIANCE_CHECKS
from pm_postmortem.core.paths import workspaces_dir


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_demo_then_export_is_deterministic(capsys, tmp_path):
    path = tmp_path / "d.toml"
    assert run(capsys, "demo", "--path", str(path))[0] == 0
    code, first, _ = run(capsys, "export", str(path))
    assert code == 0 and first.startswith("# Post-Mortem: ")
    assert run(capsys, "export", str(path))[1] == first
    assert "| Time to Detect (TTD) | 89 min | < 5 min |" in first
    notion = run(capsys, "export", str(path), "--format", "notion")[1]
    assert "<br>" not in notion and notion.startswith("# Post-Mortem: ")
    data = json.loads(run(capsys, "export", str(path), "--format", "json")[1])
    assert data["metrics"]["ttd"]["minutes"] == 89


def test_export_to_file(capsys, tmp_path):
    path = tmp_path / "d.toml"
    run(capsys, "demo", "--path", str(path))
    out = tmp_path / "pm.md"
    code, stdout, stderr = run(capsys, "export", str(path), "-o", str(out))
    assert code == 0 and stdout == ""
    assert out.read_text(encoding="utf-8") == run(capsys, "export", str(path))[1]


def test_export_to_clipboard_falls_back_to_a_file(capsys, tmp_path, monkeypatch):
    path = tmp_path / "d.toml"
    run(capsys, "demo", "--path", str(path))
    monkeypatch.setattr("pm_postmortem.core.clipboard.system_clipboard_copy", lambda text: "no xclip")
    code, _, stderr = run(capsys, "export", str(path), "--clipboard")
    assert code == 3  # not on the clipboard: a script can tell
    written = Path(stderr.split("wrote ")[1].split(" instead")[0])
    assert written.read_text(encoding="utf-8").startswith("# Post-Mortem: ")
    assert written.name.startswith("d-")  # named after the workspace, as the app names its copy


def test_export_to_a_working_clipboard_exits_0(capsys, tmp_path, monkeypatch):
    path = tmp_path / "d.toml"
    run(capsys, "demo", "--path", str(path))
    copied = []
    monkeypatch.setattr("pm_postmortem.core.clipboard.system_clipboard_copy", lambda text: copied.append(text))
    code, _, stderr = run(capsys, "export", str(path), "--clipboard")
    assert code == 0 and stderr.strip() == "Copied to the system clipboard."
    assert copied[0].startswith("# Post-Mortem: ")


def test_new_and_list(capsys, tmp_path):
    code, out, _ = run(capsys, "new", "--title", "Payroll run [red]late[/]", "--severity", "S3", "--date", "2026-02-25")
    assert code == 0
    created = Path(out.strip())
    workspace = store.load_workspace(created)
    assert workspace.metadata.title == "Payroll run [red]late[/]"
    assert workspace.metadata.severity == "S3"
    labels = [check.label for check in workspace.compliance.checks]
    assert labels == list(GENERIC_COMPLIANCE_CHECKS)  # no compliance impact: no regulation checks
    code, out, _ = run(capsys, "new", "--title", "Payroll tax late", "--compliance")
    labels = [check.label for check in store.load_workspace(Path(out.strip())).compliance.checks]
    assert labels[0] == "Audit trail integrity verified" and any("GoBD" in label for label in labels)
    listing = run(capsys, "list")[1]
    assert "Payroll run [red]late[/]" in listing and "S3" in listing and "Draft" in listing


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("new", "--title", "x", "--severity", "S5"), "severity must be one of S1, S2, S3, S4"),
        (("new", "--title", "x", "--date", "tomorrow"), "is not a date written as YYYY-MM-DD"),
        (("export", "no-such-workspace"), "no workspace named"),
        (("export", "missing.toml"), "missing.toml"),
        (("export", "{corrupt}"), "not valid TOML"),
        (("export", "{corrupt}", "--format", "pdf"), "invalid choice"),
    ],
)
def test_user_errors_are_one_line_with_exit_code_2(capsys, tmp_path, args, expected):
    corrupt = tmp_path / "corrupt.toml"
    corrupt.write_text("schema_version = 1\ntitle = [unclosed\n", encoding="utf-8")
    args = tuple(arg.replace("{corrupt}", str(corrupt)) for arg in args)
    try:
        code = cli.main(list(args))
    except SystemExit as raised:  # argparse's own checks exit directly
        code = raised.code
    err = capsys.readouterr().err
    assert code == 2
    assert expected in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_a_name_that_is_a_folder_is_said_to_be_one(capsys):
    (workspaces_dir() / "adir.toml").mkdir(parents=True)
    code, _, err = run(capsys, "export", "adir")
    assert code == 2 and "adir.toml is not a file (a folder?)" in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("command", ["new", "list", "demo", "export", "restore"])
def test_every_subcommand_has_help(capsys, command):
    with pytest.raises(SystemExit) as raised:
        cli.main([command, "--help"])
    assert raised.value.code == 0
    assert "usage: pm-postmortem " + command in capsys.readouterr().out


def test_help_names_the_config_folder_where_settings_live(capsys, isolated_home):
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    out = capsys.readouterr().out
    assert "settings.toml" in out
    assert str(isolated_home / "config") in out


def _save_titled(path: Path, *titles: str) -> list[bytes]:
    """Save a workspace once per title; the contents written, oldest first."""
    from pm_postmortem.core.model import new_workspace

    contents = []
    for title in titles:
        store.save_workspace(path, new_workspace(title))
        contents.append(path.read_bytes())
    return contents


def test_restore_lists_the_earlier_versions_newest_first(capsys, tmp_path):
    path = tmp_path / "vat.toml"
    code, out, err = run(capsys, "restore", str(path))
    assert code == 0 and "No earlier versions" in out
    _save_titled(path, "first", "second", "third")
    code, out, err = run(capsys, "restore", str(path))
    assert code == 0
    header, *rows = out.splitlines()
    assert header.split() == ["VERSION", "LAST", "CHANGE", "SIZE", "EVENTS"]
    assert [row.split()[0] for row in rows] == ["1", "2"]
    sizes = [version.size_text for version in store.backup_versions(path)]
    assert [row.endswith(f"{size}  0") for row, size in zip(rows, sizes, strict=True)] == [True, True]
    assert err == f"Restore one with: pm-postmortem restore {path} --version N\n"


def test_restoring_a_version_keeps_the_current_file_as_version_one(capsys, tmp_path):
    path = tmp_path / "vat.toml"
    first, second, third = _save_titled(path, "first", "second", "third")
    code, out, err = run(capsys, "restore", str(path), "--version", "2")
    assert code == 0 and out == ""
    assert "restored version 2" in err and "now version 1" in err
    assert path.read_bytes() == first
    assert [version.path.read_bytes() for version in store.backup_versions(path)] == [third, second, first]
    code, _, err = run(capsys, "restore", str(path), "--version", "3")
    assert code == 0 and "already; nothing changed" in err
    assert len(store.backup_versions(path)) == 3


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--version", "4"), "there is no version 4; versions 1 to 2 are kept"),
        (("--version", "0"), "is not a version number"),
        (("--version", "1"), "open in another pm-postmortem"),
    ],
)
def test_restore_refuses_in_one_line(capsys, tmp_path, args, expected):
    path = tmp_path / "vat.toml"
    _save_titled(path, "first", "second", "third")
    before = path.read_bytes()
    with store.WorkspaceLock(path) as lock:
        if args[1] != "1":
            lock.release()
        try:
            code = cli.main(["restore", str(path), *args])
        except SystemExit as raised:
            code = raised.code
    err = capsys.readouterr().err
    assert code == 2 and expected in err and len(err.strip().splitlines()) == 1
    assert path.read_bytes() == before
