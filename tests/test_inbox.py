"""The suggestion inbox: append-only JSON lines under their own lock, read with care."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pm_postmortem.core import inbox
from pm_postmortem.core.editing import EditError, Editor
from pm_postmortem.core.inbox import Kind, Status
from pm_postmortem.core.model import Marker, Metadata, WhyNode, Workspace

SRC = str(Path(__file__).resolve().parents[1] / "src")


@pytest.fixture
def workspace_path(tmp_path: Path) -> Path:
    path = tmp_path / "incident.toml"
    path.write_text("schema_version = 1\n", encoding="utf-8")
    return path


def suggest(path: Path, text: str, kind: Kind = Kind.ACTION, **target: str) -> inbox.Suggestion:
    suggestion = inbox.new_suggestion("Anna", kind, text, **target)
    inbox.add_suggestion(path, suggestion)
    return suggestion


def test_the_inbox_lies_beside_the_workspace_as_a_hidden_file(workspace_path: Path) -> None:
    suggest(workspace_path, "Alert on pool saturation")
    assert (workspace_path.parent / ".incident.toml.inbox.jsonl").is_file()
    assert workspace_path.read_text(encoding="utf-8") == "schema_version = 1\n"


def test_a_decision_is_a_new_line_and_the_suggestion_stays(workspace_path: Path) -> None:
    first = suggest(workspace_path, "Alert on pool saturation")
    second = suggest(workspace_path, "Load test before release")
    inbox.set_status(workspace_path, first.id, Status.ACCEPTED)
    inbox.set_status(workspace_path, second.id, Status.DISMISSED)

    contents = inbox.read_inbox(workspace_path)
    assert [(item.text, item.status) for item in contents.suggestions] == [
        ("Alert on pool saturation", Status.ACCEPTED),
        ("Load test before release", Status.DISMISSED),
    ]
    assert contents.pending == [] and contents.problems == []
    lines = inbox.inbox_path(workspace_path).read_text(encoding="utf-8").splitlines()
    assert len(lines) == 4 and json.loads(lines[0])["text"] == "Alert on pool saturation"


APPENDER = """
import sys
from pathlib import Path
from pm_postmortem.core import inbox
path, writer, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
for number in range(count):
    inbox.add_suggestion(path, inbox.new_suggestion(writer, "action", f"{writer} idea {number} " + "x" * 300))
"""


def test_suggestions_from_several_processes_at_once_are_all_kept(workspace_path: Path) -> None:
    writers = [f"writer{number}" for number in range(4)]
    env = {**os.environ, "PYTHONPATH": SRC}
    processes = [
        subprocess.Popen([sys.executable, "-c", APPENDER, str(workspace_path), writer, "60"], env=env)
        for writer in writers
    ]
    assert [process.wait(timeout=120) for process in processes] == [0, 0, 0, 0]

    contents = inbox.read_inbox(workspace_path)
    assert contents.problems == []
    texts = {item.text.split(" x")[0] for item in contents.suggestions}
    assert texts == {f"{writer} idea {number}" for writer in writers for number in range(60)}


def test_a_torn_last_line_is_skipped_with_a_message_and_the_next_one_starts_clean(
    workspace_path: Path,
) -> None:
    kept = suggest(workspace_path, "Alert on pool saturation")
    with inbox.inbox_path(workspace_path).open("ab") as stream:
        stream.write(b'{"id":"abc","time":"2024-03-01T14:09:00+00:00","author":"Bo')  # killed mid-write

    contents = inbox.read_inbox(workspace_path)
    assert [item.id for item in contents.suggestions] == [kept.id]
    assert contents.problems == [
        "the last suggestion in .incident.toml.inbox.jsonl was cut short (the writer stopped mid-way) and is skipped"
    ]

    later = suggest(workspace_path, "Load test before release")
    contents = inbox.read_inbox(workspace_path)
    assert [item.id for item in contents.suggestions] == [kept.id, later.id]
    assert contents.problems == ["line 2 of .incident.toml.inbox.jsonl is not a suggestion and is skipped"]


def test_junk_lines_are_skipped_and_named(workspace_path: Path) -> None:
    inbox.inbox_path(workspace_path).write_text(
        '[1, 2]\n{"id": "x"}\nnot json\n{"status": "accepted", "of": "nobody"}\n', encoding="utf-8"
    )
    contents = inbox.read_inbox(workspace_path)
    assert contents.suggestions == []
    assert [problem.split(" of ")[0] for problem in contents.problems] == ["line 1", "line 2", "line 3"]


def test_long_texts_and_names_are_refused_with_one_line(workspace_path: Path) -> None:
    with pytest.raises(inbox.InboxError, match="^the text has 1,001 characters; at most 1,000 are taken$"):
        inbox.new_suggestion("Anna", Kind.ACTION, "x" * 1001)
    with pytest.raises(inbox.InboxError, match="display name has 41 characters"):
        inbox.new_suggestion("A" * 41, Kind.ACTION, "fine")
    with pytest.raises(inbox.InboxError, match="the text is empty"):
        inbox.new_suggestion("Anna", Kind.ACTION, "   ")


def test_a_full_inbox_takes_no_more(workspace_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(inbox, "MAX_INBOX_BYTES", 400)
    suggest(workspace_path, "first")
    suggest(workspace_path, "second")
    with pytest.raises(inbox.InboxError, match="inbox .incident.toml.inbox.jsonl is full"):
        suggest(workspace_path, "third")
    assert [item.text for item in inbox.read_inbox(workspace_path).suggestions] == ["first", "second"]


def test_control_characters_are_made_visible(workspace_path: Path) -> None:
    suggest(workspace_path, "evil \x1b[2J\x07 [bold]text[/]")
    raw = inbox.inbox_path(workspace_path).read_text(encoding="utf-8")
    hostile = json.loads(raw)
    hostile["text"] = "again \x1b]0;title\x07"
    hostile["author"] = "Mallory\x1b[31m"
    hostile["id"] = "other"
    inbox.inbox_path(workspace_path).write_text(raw + json.dumps(hostile) + "\n", encoding="utf-8")

    texts = [(item.author, item.text) for item in inbox.read_inbox(workspace_path).suggestions]
    assert texts == [
        ("Anna", "evil \\x1b[2J\\x07 [bold]text[/]"),
        ("Mallory\\x1b[31m", "again \\x1b]0;title\\x07"),
    ]


@pytest.mark.skipif(not hasattr(os, "O_NOFOLLOW"), reason="no O_NOFOLLOW on this system")
def test_a_symlink_planted_as_the_lock_or_the_inbox_is_not_followed(workspace_path: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    lock = workspace_path.with_name(".incident.toml.inbox.lock")
    lock.symlink_to(victim)
    with pytest.raises(inbox.InboxError, match="cannot lock the inbox"):
        suggest(workspace_path, "Alert on pool saturation")
    lock.unlink()
    inbox.inbox_path(workspace_path).symlink_to(victim)
    with pytest.raises(inbox.InboxError, match="cannot write the inbox"):
        suggest(workspace_path, "Alert on pool saturation")
    assert victim.read_text(encoding="utf-8") == "precious\n"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(min_size=1, max_size=200).filter(str.strip), author=st.text(min_size=1, max_size=40).filter(str.strip))
def test_any_accepted_text_reads_back_as_written(tmp_path: Path, text: str, author: str) -> None:
    path = Path(tempfile.mkdtemp(dir=tmp_path)) / "incident.toml"  # examples repeat: a fresh inbox each
    suggestion = inbox.new_suggestion(author, Kind.COMMENT, text)
    inbox.add_suggestion(path, suggestion)
    [read] = inbox.read_inbox(path).suggestions
    assert (read.author, read.text, read.kind) == (suggestion.author, suggestion.text, Kind.COMMENT)
    assert read.text.isprintable()


# --- accepting through the editor ------------------------------------------------------------


def editor() -> Editor:
    workspace = Workspace(metadata=Metadata(incident_date=date(2024, 3, 1)), display_tz="Europe/Berlin")
    workspace.whys.nodes.append(WhyNode(id="n1", answer="the pool was exhausted"))
    return Editor(workspace)


def test_an_accepted_event_reads_the_capture_line_with_its_marker() -> None:
    ed = editor()
    suggestion = inbox.new_suggestion("Bo", Kind.EVENT, "14:09 alertmanager: alert fired !detected")
    assert inbox.accept(ed, suggestion) == "Added the timeline event from Bo."
    [event] = ed.workspace.timeline
    assert (event.time, event.actor, event.text, event.marker) == (
        datetime(2024, 3, 1, 13, 9, tzinfo=UTC),
        "alertmanager",
        "alert fired",
        Marker.DETECTED,
    )
    assert ed.undo() == "Accept timeline event from Bo" and ed.workspace.timeline == []


def test_an_event_without_a_time_is_refused() -> None:
    with pytest.raises(EditError, match="^start the line with a time: 14:09, 2:09 pm or now$"):
        inbox.accept(editor(), inbox.new_suggestion("Bo", Kind.EVENT, "the alert fired"))


def test_why_answers_go_under_their_node_and_a_vanished_node_refuses() -> None:
    ed = editor()
    inbox.accept(ed, inbox.new_suggestion("Bo", Kind.WHY, "the limit was 5", collection="whys", target="n1"))
    assert ed.workspace.whys.nodes[-1].parent == "n1"
    with pytest.raises(EditError, match="no longer exists"):
        inbox.accept(ed, inbox.new_suggestion("Bo", Kind.WHY, "why not", collection="whys", target="gone"))


def test_actions_and_comments_edited_by_the_facilitator() -> None:
    ed = editor()
    action = inbox.new_suggestion("Bo", Kind.ACTION, "alert on pool use")
    inbox.accept(ed, action, "Alert when the pool is 80% used")
    assert [(item.number, item.action) for item in ed.workspace.actions] == [(1, "Alert when the pool is 80% used")]
    comment = inbox.new_suggestion("Cem", Kind.COMMENT, "the pool was raised to 20 later", collection="whys", target="n1")
    inbox.accept(ed, comment)
    inbox.accept(ed, inbox.new_suggestion("Dee", Kind.COMMENT, "good meeting"))
    assert ed.workspace.notes == (
        'Cem on the whys entry "the pool was exhausted": the pool was raised to 20 later\nDee: good meeting'
    )
    with pytest.raises(EditError, match="the text is empty"):
        inbox.accept(ed, action, "  ")


@pytest.mark.skipif(inbox.fcntl is None, reason="no flock on this system")
def test_a_writer_that_hangs_holding_the_lock_makes_others_give_up_with_a_message(
    workspace_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept = suggest(workspace_path, "Alert on pool saturation")
    monkeypatch.setattr(inbox, "LOCK_WAIT", 0.05)
    lock = os.open(workspace_path.with_name(".incident.toml.inbox.lock"), os.O_RDWR)
    try:
        inbox.fcntl.flock(lock, inbox.fcntl.LOCK_EX)
        with pytest.raises(inbox.InboxError, match="^the inbox .incident.toml.inbox.jsonl is busy; try again in a moment$"):
            suggest(workspace_path, "Load test before release")
        assert inbox.read_inbox(workspace_path).problems == [
            "the inbox .incident.toml.inbox.jsonl is busy; try again in a moment"
        ]
    finally:
        os.close(lock)
    assert [item.id for item in inbox.read_inbox(workspace_path).suggestions] == [kept.id]
