"""`pm-postmortem actions`: corrective actions across workspaces, filters, totals, bad files."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from pm_postmortem import cli
from pm_postmortem.core import store
from pm_postmortem.core.actions import text_width
from pm_postmortem.core.model import Action, ActionStatus, new_workspace
from pm_postmortem.core.paths import workspaces_dir

TODAY = "2026-03-15"


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def save(path: Path, title: str, actions: list[Action]) -> Path:
    workspace = new_workspace(title)
    workspace.actions = actions
    store.save_workspace(path, workspace)
    return path


@pytest.fixture
def saved() -> Path:
    folder = workspaces_dir()
    folder.mkdir(parents=True, exist_ok=True)
    save(
        folder / "checkout.toml",
        "Checkout outage",
        [
            Action(
                number=1,
                action="Alert when | checkout errors > 2 %",
                owner="Payments team",
                deadline=date(2026, 3, 1),
                status=ActionStatus.OPEN,
            ),
            Action(
                number=2,
                action="Add a canary stage [bold]now[/]",
                owner="Platform team",
                deadline=date(2026, 4, 1),
                status=ActionStatus.IN_PROGRESS,
            ),
            Action(
                number=3,
                action="Roll back automatically",
                owner="Platform team",
                deadline=date(2026, 3, 1),
                status=ActionStatus.DONE,
                done_on=date(2026, 3, 10),
            ),
        ],
    )
    save(
        folder / "dns.toml",
        "DNS outage",
        [
            Action(
                number=1,
                action="Lower the TTL\nof the zone",
                owner="",
                deadline=None,
                status=ActionStatus.OPEN,
            ),
            Action(
                number=2,
                action="Document the resolver setup",
                owner="SRE 日本",
                deadline=date(2026, 1, 20),
                status=ActionStatus.DONE,
                done_on=date(2026, 1, 20),
            ),
        ],
    )
    (folder / "broken.toml").write_text("schema_version = 1\n[metadata\n", encoding="utf-8")
    return folder


def cells(line: str) -> list[str]:
    return re.split(r" {2,}", line)


def table(out: str) -> list[str]:
    return out.split("\n\n")[0].splitlines()


def test_lists_every_saved_workspace_with_aligned_columns_and_totals(capsys, saved):
    code, out, err = run(capsys, "actions", "--today", TODAY)
    assert code == 0
    lines = table(out)
    assert lines[0].split() == ["WORKSPACE", "#", "ACTION", "OWNER", "DEADLINE", "STATUS"]
    assert len(lines) == 6
    status_column = lines[0].index("STATUS")
    assert all(
        line[status_column - 2 : status_column] == "  " for line in lines[1:] if "日本" not in line
    )
    rows = {(line.split()[0], line.split()[1]): line for line in lines[1:]}
    assert "Alert when | checkout errors > 2 %" in rows["checkout", "1"]
    assert rows["checkout", "1"].endswith("Open (overdue)")
    assert "Add a canary stage [bold]now[/]" in rows["checkout", "2"]
    assert cells(rows["dns", "1"]) == ["dns", "1", "Lower the TTL / of the zone", "—", "—", "Open"]
    assert "2026-03-01  Done" in rows["checkout", "3"]
    wide = rows["dns", "2"]  # wide characters take two columns; the columns still line up
    assert text_width(wide[: wide.index("2026-01-20")]) == lines[0].index("DEADLINE")
    assert "Totals on 2026-03-15 (5 actions in 2 workspaces, every status):" in out
    assert "open                           3" in out
    assert "overdue                        1" in out
    assert "completed in the last 30 days  1" in out
    assert "completion rate                40% (2 of 5 done)" in out
    assert "skipped" in err and "broken.toml" in err and "not valid TOML" in err


def test_open_and_overdue_filters(capsys, saved):
    _, out, _ = run(capsys, "actions", "--open", "--today", TODAY)
    assert [line.split()[:2] for line in table(out)[1:]] == [
        ["checkout", "1"],
        ["checkout", "2"],
        ["dns", "1"],
    ]
    _, out, _ = run(capsys, "actions", "--overdue", "--today", TODAY)
    assert [line.split()[:2] for line in table(out)[1:]] == [["checkout", "1"]]
    assert "(5 actions in 2 workspaces, every status)" in out  # totals keep the whole picture
    _, out, _ = run(capsys, "actions", "--overdue", "--today", "2026-02-01")
    assert out.startswith("No corrective actions match.")


def test_owner_filter_is_case_insensitive_and_scopes_the_totals(capsys, saved):
    _, out, _ = run(capsys, "actions", "--owner", "platform", "--today", TODAY)
    assert [line.split()[:2] for line in table(out)[1:]] == [["checkout", "2"], ["checkout", "3"]]
    assert "(2 actions in 2 workspaces, owner containing 'platform', every status)" in out
    assert "completion rate                50% (1 of 2 done)" in out


def test_extra_paths_are_included_once_and_bad_ones_skipped(capsys, saved, tmp_path):
    extra = save(
        tmp_path / "elsewhere" / "billing.toml",
        "Billing",
        [Action(number=7, action="Reconcile daily")],
    )
    code, out, err = run(
        capsys,
        "actions",
        str(extra),
        str(saved / "dns.toml"),
        str(tmp_path / "missing.toml"),
        "no-such-name",
        "--today",
        TODAY,
    )
    assert code == 0
    lines = table(out)
    assert len(lines) == 7
    assert any(line.startswith(str(extra)) and "Reconcile daily" in line for line in lines)
    assert sum(1 for line in lines if line.startswith("dns ")) == 2
    assert "missing.toml: the file does not exist" in err
    assert "skipped no-such-name: no workspace named no-such-name" in err


def test_unreadable_after_summary_is_skipped_too(capsys, saved):
    (saved / "invalid.toml").write_text(
        'schema_version = 1\n[[actions]]\nid = "x"\nstatus = "Someday"\n', encoding="utf-8"
    )
    code, _, err = run(capsys, "actions", "--today", TODAY)
    assert code == 0
    assert "invalid.toml" in err and "status must be one of" in err


def test_nothing_saved_yet(capsys):
    code, out, _ = run(capsys, "actions", "--today", TODAY)
    assert code == 0
    assert out.startswith("No readable workspaces found.")
    assert cells(out.splitlines()[-1].strip()) == ["completion rate", "— (0 of 0 done)"]


def test_help_and_usage_errors(capsys):
    with pytest.raises(SystemExit) as raised:
        cli.main(["actions", "--help"])
    assert raised.value.code == 0
    out = capsys.readouterr().out
    for option in ("--open", "--overdue", "--owner", "PATH"):
        assert option in out
    with pytest.raises(SystemExit) as raised:
        cli.main(["actions", "--today", "soon"])
    assert raised.value.code == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err
    with pytest.raises(SystemExit) as raised:
        cli.main(["actions", "--frobnicate"])
    assert raised.value.code == 2
