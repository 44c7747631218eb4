"""`pm-postmortem import-timeline`: from a file and from stdin, bad lines on stderr, exit codes."""

from __future__ import annotations

import io
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from pm_postmortem import cli
from pm_postmortem.core import store
from pm_postmortem.core.model import Marker, TimelineEvent, new_workspace
from pm_postmortem.core.timeparse import MAX_PASTE_LINES

TEXT = """\
14:51 anna: alert fired on the error rate
  graph: https://grafana.example/d/42
what is this
14:55 **DETECTED** paged the on-call
| 15:02 | Rollback started | bob |
25:99 broken clock
23:50 backup starts
00:10 disk full
"""


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    path = tmp_path / "incident.toml"
    ws = new_workspace("Checkout outage", incident_date=date(2026, 3, 10))
    ws.timeline = [TimelineEvent(id="old", time=datetime(2026, 3, 10, 14, 51, tzinfo=UTC), text="existing")]
    store.save_workspace(path, ws)
    return path


def run(args: list[str], capsys, stdin: str | None = None, monkeypatch=None) -> tuple[int, str, str]:
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = cli.main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_import_from_a_file_adds_events_in_one_step_and_reports_bad_lines(workspace, tmp_path, capsys):
    text_file = tmp_path / "chat.txt"
    text_file.write_text(TEXT, encoding="utf-8")
    code, out, err = run(["import-timeline", str(workspace), str(text_file)], capsys)
    assert code == 0
    assert out == "added 5 events\n"
    assert err == "line 6: not understood: 25:99 broken clock\n"
    timeline = store.load_workspace(workspace).timeline
    assert [(event.time.strftime("%d %H:%M"), event.text, event.actor, event.markers) for event in timeline] == [
        ("10 14:51", "existing", "", ()),  # an existing event stays first on a tie
        ("10 14:51", "alert fired on the error rate\ngraph: https://grafana.example/d/42\nwhat is this", "anna", ()),
        ("10 14:55", "paged the on-call", "", (Marker.DETECTED,)),
        ("10 15:02", "Rollback started", "bob", ()),
        ("10 23:50", "backup starts", "", ()),
        ("11 00:10", "disk full", "", ()),  # past midnight: the next day
    ]


def test_import_from_stdin_with_date_and_zone(workspace, capsys, monkeypatch):
    code, out, err = run(
        ["import-timeline", str(workspace), "-", "--date", "2026-03-12", "--tz", "Europe/Berlin"],
        capsys, stdin="09:30 status page updated\n[09:45] all clear\n", monkeypatch=monkeypatch,
    )
    assert (code, out, err) == (0, "added 2 events\n", "")
    times = [event.time for event in store.load_workspace(workspace).timeline[1:]]
    assert times == [datetime(2026, 3, 12, 8, 30, tzinfo=UTC), datetime(2026, 3, 12, 8, 45, tzinfo=UTC)]


def test_a_whole_log_is_refused_in_one_line_and_adds_nothing(workspace, tmp_path, capsys):
    log = tmp_path / "app.log"
    log.write_text("".join(f"14:{n % 60:02d} request {n}\n" for n in range(MAX_PASTE_LINES)))
    before = store.load_workspace(workspace)
    code, out, err = run(["import-timeline", str(workspace), str(log)], capsys)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and str(log) in err
    assert f"{MAX_PASTE_LINES + 1:,} lines is more than a timeline takes at once" in err
    assert store.load_workspace(workspace) == before


def test_binary_junk_adds_nothing_and_lists_every_line(workspace, tmp_path, capsys):
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"\x00\x01\x02\xff\xfe\n\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\n")
    before = workspace.read_bytes()
    code, out, err = run(["import-timeline", str(workspace), str(junk)], capsys)
    assert code == 2
    assert out == "added 0 events\n"
    lines = err.splitlines()
    assert [line.split(":")[0] for line in lines[:-1]] == ["line 1", "line 2", "line 3", "line 4", "line 5"]  # CR ends one
    assert "\\x00\\x01\\x02" in lines[0] and lines[-1].endswith("nothing added: no line was understood")
    assert workspace.read_bytes() == before  # untouched


def test_empty_input_is_fine(workspace, capsys, monkeypatch):
    assert run(["import-timeline", str(workspace), "-"], capsys, stdin="\n\n", monkeypatch=monkeypatch) == (
        0, "added 0 events\n", "",
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["import-timeline", "{ws}", "{missing}"], "cannot read it"),
        (["import-timeline", "{missing_ws}", "-"], "no such workspace file"),
        (["import-timeline", "{ws}", "-", "--date", "10.03.2026"], "not a date written as YYYY-MM-DD"),
        (["import-timeline", "{ws}", "-", "--tz", "Mars/Olympus"], "not a timezone name"),
        (["import-timeline", "{corrupt}", "-"], "corrupt.toml"),
        (["import-timeline", "{ws}"], "required"),
    ],
)
def test_user_errors_exit_2_with_a_message(workspace, tmp_path, capsys, monkeypatch, args, message):
    corrupt = tmp_path / "corrupt.toml"
    corrupt.write_text("title = [unclosed\n", encoding="utf-8")
    names = {"ws": workspace, "missing": tmp_path / "nope.txt", "missing_ws": tmp_path / "nope.toml", "corrupt": corrupt}
    monkeypatch.setattr(sys, "stdin", io.StringIO("10:00 x\n"))
    try:
        code = cli.main([arg.format(**names) for arg in args])
    except SystemExit as exited:  # argparse rejects the value itself
        code = exited.code
    assert code == 2
    assert message in capsys.readouterr().err
    assert len(store.load_workspace(workspace).timeline) == 1


def test_a_workspace_open_in_another_process_is_not_touched(workspace, tmp_path, capsys, monkeypatch):
    holder = subprocess.Popen(
        [sys.executable, "-c", (
            "import sys, time; from pathlib import Path; from pm_postmortem.core.store import WorkspaceLock; "
            f"lock = WorkspaceLock(Path({str(workspace)!r})); assert lock.acquire(); print('locked', flush=True); "
            "sys.stdin.readline()"
        )],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        env={"PYTHONPATH": str(Path(cli.__file__).resolve().parents[1]), "PATH": ""},
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        before = workspace.read_bytes()
        code, out, err = run(["import-timeline", str(workspace), "-"], capsys, stdin="10:00 x\n", monkeypatch=monkeypatch)
        assert code == 2 and out == ""
        assert "open in another pm-postmortem" in err and "close it there" in err
        assert workspace.read_bytes() == before
    finally:
        holder.communicate("\n", timeout=10)


def test_the_subcommand_is_listed_and_has_help(capsys):
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    assert "import-timeline" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exited:
        cli.main(["import-timeline", "--help"])
    assert exited.value.code == 0
    assert "TEXTFILE|-" in capsys.readouterr().out


def test_real_command_line_reads_stdin(workspace):
    result = subprocess.run(
        [sys.executable, "-m", "pm_postmortem", "import-timeline", str(workspace), "-"],
        input="16:00 <carol> INCIDENT ENDS\nnoise before\n", capture_output=True, text=True,
        env={"PYTHONPATH": str(Path(cli.__file__).resolve().parents[1]), "PATH": "", "PM_POSTMORTEM_HOME": str(workspace.parent / "home")},
        timeout=60,
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "added 1 event\n", "")
    last = store.load_workspace(workspace).timeline[-1]
    assert (last.actor, last.markers, last.text) == ("carol", (Marker.ALL_CLEAR,), "noise before")
