"""`pm-postmortem lint`: findings for a workspace or for stdin lines, and its exit codes."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pm_postmortem import cli
from pm_postmortem.core import store
from pm_postmortem.core.coach import RULES
from pm_postmortem.core.demo import demo_workspace
from pm_postmortem.core.model import (
    Action,
    Dismissal,
    Note,
    TimelineEvent,
    WhyNode,
    Whys,
    Workspace,
)
from pm_postmortem.core.paths import workspaces_dir


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def run_stdin(capsys, monkeypatch, stdin, *args: str) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", stdin)
    return run(capsys, "lint", "-", *args)


def tsv(out: str) -> list[tuple[int, str, str]]:
    """LINE, RULE, MESSAGE of each row (the first three columns, as scripts read them)."""
    return [(int(number), rule, message) for number, rule, message, *_ in rows5(out)]


def rows5(out: str) -> list[list[str]]:
    rows = [line.split("\t") for line in out.splitlines()]
    assert all(len(row) == 5 for row in rows), rows
    return rows


MIXED = """\
Who approved the SKR04 mapping change?
The DATEV export finished at 06:12 for all 3,100 client companies.

Because the engineer forgot to enable the feature flag.
Tax advisors could download corrected exports from 11:05.
We should have load-tested the queue migration.
Retrain the fraud model on Q1 bank-feed data.
The handover was obviously sloppy.\r
Improve monitoring.
"""


def test_stdin_from_a_file_of_mixed_lines(capsys, monkeypatch, tmp_path):
    source = tmp_path / "texts.txt"
    source.write_bytes(MIXED.encode("utf-8"))
    with source.open(encoding="utf-8", newline="") as stdin:
        code, out, err = run_stdin(capsys, monkeypatch, stdin)
    assert code == 1 and err == ""
    rows = tsv(out)
    assert {(number, rule) for number, rule, _ in rows} == {
        (1, "who-question"),
        (4, "human-error-cause"),
        (6, "counterfactual"),
        (8, "hindsight"),
        (8, "character-judgement"),
        (9, "vague-one-liner"),  # a line that is nothing but a vague action
    }
    for _number, rule, message in rows:
        assert message == RULES[rule].message
    assert [row[0] for row in rows] == sorted(row[0] for row in rows)


def test_stdin_rows_say_the_kind_and_the_line_reworded(capsys, monkeypatch):
    stdin = io.StringIO(
        "Jane didn't validate the input.\n"
        "Why did you skip the canary?\n"
        "@dana reverts the release\n"
        "We should have caught this in code review.\n"
    )
    code, out, _ = run_stdin(capsys, monkeypatch, stdin)
    assert code == 1
    rows = rows5(out)
    assert [(row[0], row[1], row[3]) for row in rows] == [
        ("1", "person-at-fault", "person"),
        ("2", "person-question", "question"),
        ("4", "counterfactual", "hindsight"),
    ]
    assert rows[0][4] == "The input was not validated, and no check caught it."
    assert rows[1][4] == "What made skipping the canary look reasonable at the time?"
    assert rows[2][4] == "This was not caught in code review, and nothing at the time pointed to it."


def test_stdin_as_actions_with_kind(capsys, monkeypatch):
    stdin = io.StringIO("Improve monitoring.\nAdd an alert when the queue holds 500 jobs for 10 minutes.\n")
    code, out, _ = run_stdin(capsys, monkeypatch, stdin, "--kind", "action")
    assert code == 1
    assert tsv(out) == [(1, "vague-action", RULES["vague-action"].message)]


def test_stdin_with_nothing_to_report_exits_0_silently(capsys, monkeypatch):
    stdin = io.StringIO("Export downloads paused for all tenants.\nJenny rolled back at 10:42.\n")
    assert run_stdin(capsys, monkeypatch, stdin) == (0, "", "")
    assert run_stdin(capsys, monkeypatch, io.StringIO("")) == (0, "", "")


def test_stdin_that_is_not_utf8_is_an_error(capsys, monkeypatch):
    stdin = io.TextIOWrapper(io.BytesIO(b"Who broke it?\n\xff\xfe broken\n"), encoding="utf-8")
    code, _out, err = run_stdin(capsys, monkeypatch, stdin)
    assert code == 2 and "not UTF-8" in err


def _flagged_workspace() -> Workspace:
    t0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    return Workspace(
        timeline=[
            TimelineEvent(id="ev1", time=t0, text="Jenny rolled back the release."),
            TimelineEvent(id="ev2", time=t0, text="Who restarted the\nbank-feed worker?"),
        ],
        whys=Whys(nodes=[WhyNode(id="w1", answer="Because Jenny deployed the wrong config, obviously.")]),
        went_poorly=[Note(id="p1", text="x" * 200 + " it was clearly careless")],
        actions=[Action(id="a1", number=1, action="Improve monitoring")],
    )


def test_workspace_findings_are_grouped_by_field(capsys, tmp_path):
    path = tmp_path / "w.toml"
    store.save_workspace(path, _flagged_workspace())
    code, out, err = run(capsys, "lint", str(path))
    assert code == 1 and err == ""
    headings = [line for line in out.splitlines() if line and not line.startswith(" ")]
    assert headings[:-1] == [
        "timeline.ev2.text  “Who restarted the bank-feed worker?”",
        "whys.w1.answer  “Because Jenny deployed the wrong config, obviously.”",
        "went_poorly.p1.text  “…" + "x" * 12 + " it was clearly careless”",
        "actions.a1.action  “Improve monitoring”",
    ]
    assert headings[-1] == f"6 findings in 4 fields of {path}."
    rule = RULES["named-person-cause"]
    lines = out.splitlines()
    at = lines.index(f"  named-person-cause   Person as the cause: {rule.message}")
    assert lines[at + 1] == f"  {'':<18}   why: {rule.kind.why}"
    assert lines[at + 2].startswith(f"  {'':<18}   try: “")
    detail = [line for line in lines if line.startswith("  ") and line.split()[0] not in ("why:", "try:")]
    assert sorted(line.split()[0] for line in detail) == sorted(
        [
            "who-question",
            "named-person-cause",
            "hindsight",
            "hindsight",
            "character-judgement",
            "vague-action",
        ]
    )


def test_dismissed_findings_are_not_listed(capsys, tmp_path):
    workspace = _flagged_workspace()
    workspace.dismissals.append(Dismissal(rule="vague-action", field="actions.a1.action"))
    path = tmp_path / "w.toml"
    store.save_workspace(path, workspace)
    _code, out, _ = run(capsys, "lint", str(path))
    assert "actions.a1.action" not in out and "vague-action" not in out


def test_the_demo_is_clean_and_a_saved_name_works(capsys):
    path = workspaces_dir() / "demo.toml"
    store.save_workspace(path, demo_workspace())
    code, out, err = run(capsys, "lint", "demo")
    assert (code, err) == (0, "")
    assert out == f"No findings in {path}.\n"


@pytest.mark.parametrize(
    ("setup", "needle"),
    [
        (lambda tmp: tmp / "missing.toml", "does not exist"),
        (lambda tmp: _write(tmp / "bad.toml", "title = [unclosed\n"), "bad.toml"),
        (lambda tmp: _write(tmp / "binary.toml", b"\x00\xff\xfe"), "binary.toml"),
        (lambda tmp: Path("no-such-workspace-name"), "no workspace named"),
    ],
)
def test_unreadable_workspaces_exit_2(capsys, tmp_path, setup, needle):
    target = setup(tmp_path)
    code, out, err = run(capsys, "lint", str(target))
    assert code == 2 and out == ""
    assert err.startswith("pm-postmortem: ") and needle in err and err.count("\n") == 1


def _write(path: Path, content: str | bytes) -> Path:
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_kind_is_only_for_stdin(capsys, tmp_path):
    path = tmp_path / "w.toml"
    store.save_workspace(path, demo_workspace())
    code, _out, err = run(capsys, "lint", str(path), "--kind", "action")
    assert code == 2 and "--kind" in err


@pytest.mark.parametrize("args", [["lint"], ["lint", "-", "--kind", "nonsense"]])
def test_usage_errors_exit_2(capsys, args):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(args)
    assert exit_info.value.code == 2
    assert "see pm-postmortem lint --help" in capsys.readouterr().err


def test_help(capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["lint", "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "usage: pm-postmortem lint" in out and "LINE<TAB>RULE<TAB>MESSAGE" in out
    assert "--kind" in out
