"""The fast paths of saving, exporting, importing and editing behave like the general ones."""

from __future__ import annotations

import errno
import gc
import os
import tomllib
from datetime import UTC, datetime, timedelta

import pytest
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from pm_postmortem.core import store
from pm_postmortem.core.editing import EditError, Editor
from pm_postmortem.core.export import escape_cell, escape_inline, to_markdown
from pm_postmortem.core.importer import MarkdownImportError, import_markdown
from pm_postmortem.core.model import Note, TimelineEvent, WhyNode, new_workspace

# --- saving ----------------------------------------------------------------------------------


def test_a_crlf_anywhere_writes_every_text_on_one_line():
    ws = new_workspace("CRLF")
    ws.metadata.executive_summary = "first\nsecond"
    ws.went_well = [Note(text="plain\nlines")]
    ws.metadata.authors = ["Ann\r\nLee"]  # inside an inline list, after the multi-line texts
    text = store.dumps(ws)
    assert '"""' not in text
    assert 'executive_summary = "first\\nsecond"\n' in text
    assert store.loads(text) == ws


def test_without_crlf_texts_with_line_breaks_are_multiline():
    ws = new_workspace("LF")
    ws.went_well = [Note(text="plain\nlines")]
    ws.metadata.authors = ["Ann\nLee"]  # inline lists always hold single-line strings
    text = store.dumps(ws)
    assert 'text = """\nplain\nlines"""\n' in text
    assert 'authors = ["Ann\\nLee"]\n' in text
    assert store.loads(text) == ws


@settings(max_examples=400, deadline=None)
@given(
    st.one_of(
        st.text(),
        st.lists(st.sampled_from(['"', '"""', "\\", "\n", "\r", "\t", "\x00", "\x1f", "\x7f", "\b", "\f",
                                  "é", "\u2028", "\x9b", "\u202e", "x"]), max_size=20).map("".join),
    ).filter(lambda text: "\r\n" not in text)
)  # fmt: skip
def test_multiline_strings_are_written_as_tomli_w_writes_them(text):
    text = "\n" + text  # multi-line strings are the ones with a line break
    written = store._TomlWriter.multiline_string(text)
    expected = tomli_w.dumps({"v": text}, multiline_strings=True)[4:-1]
    # and C1 and bidi controls escaped, which a terminal showing the file would obey
    assert written == store._UNICODE_ESCAPED.sub(lambda match: f"\\u{ord(match[0]):04x}", expected)
    assert tomllib.loads(f"v = {written}")["v"] == text


def test_a_megabytes_long_text_is_saved_and_read_back(tmp_path):
    ws = new_workspace("Long notes")
    ws.notes = "".join(f"line {n} with a \"quote\", a \\ and a tab\t\n" for n in range(200_000))
    path = tmp_path / "long.toml"
    store.save_workspace(path, ws)
    assert store.load_workspace(path).notes == ws.notes


def _save(path, title):
    ws = new_workspace(title)
    store.save_workspace(path, ws)
    return path.read_bytes()


def test_a_backup_keeps_the_old_content_after_the_save(tmp_path):
    path = tmp_path / "a.toml"
    first = _save(path, "first")
    second = _save(path, "second")
    [backup] = store.list_backups(path)
    assert backup.read_bytes() == first
    assert path.read_bytes() == second
    assert not backup.samefile(path)


def test_a_backup_is_copied_where_no_hard_link_can_be_made(tmp_path, monkeypatch):
    attempts = []

    def cross_device(source, target):
        attempts.append(target)
        raise OSError(errno.EXDEV, os.strerror(errno.EXDEV))

    path = tmp_path / "a.toml"
    first = _save(path, "first")
    monkeypatch.setattr(store.os, "link", cross_device)
    _save(path, "second")
    [backup] = store.list_backups(path)
    assert attempts == [backup]
    assert backup.read_bytes() == first


def test_restoring_a_backup_leaves_every_backup_as_it_was(tmp_path):
    path = tmp_path / "a.toml"
    contents = [_save(path, title) for title in ("one", "two", "three")]
    backups = store.list_backups(path)
    store.restore_backup(backups[-1], path)
    assert path.read_bytes() == contents[0]
    kept = [backup.read_bytes() for backup in store.list_backups(path)]
    assert kept == [contents[2], contents[1], contents[0]]


# --- exporting -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("  queue | retry  ", "queue \\| retry"),
        ("R&D &amp; co", "R&D \\&amp; co"),
        ("&#35; and #4", "\\&\\#35; and \\#4"),  # the "#" of an entity is escaped too
        ("a\\*b", "a\\\\\\*b"),
        ("1. first", "1\\. first"),
        ("  - item", "\\- item"),
        ("\u0663) x", "\u0663\\) x"),  # any decimal digit starts a list number
        ("12.5 percent", "12.5 percent"),
        ("= total", "\\= total"),
        ("\ttab", "tab"),
        ("", ""),
    ],
)
def test_one_line_cells_are_escaped_as_before(text, cell):
    assert escape_cell(text) == cell
    assert escape_cell(text, html_breaks=False) == cell


def test_line_breaks_and_slashes_take_the_general_path():
    assert escape_cell("one\ntwo | three") == "one<br>two \\| three"
    assert escape_cell("one\ntwo | three", html_breaks=False) == "one / two \\| three"
    assert escape_inline("2. second\n- third") == "2\\. second\n\\- third"
    slashes = ["a/b", "a / b", "/start", "end/"]
    escaped = [escape_cell(text, html_breaks=False) for text in slashes]
    assert escaped == ["a/b", "a \\/ b", "\\/start", "end\\/"]


def _timeline_times(start, count, step):
    ws = new_workspace("Times")
    ws.timeline = [
        TimelineEvent(time=start + step * index, text="same", actor="same")
        for index in range(count)
    ]
    rows = to_markdown(ws).split("## Timeline\n\n")[1].split("\n\n")[0].splitlines()[2:]
    return [row.split(" | ")[0].removeprefix("| ") for row in rows]


def test_event_times_carry_the_date_only_when_the_timeline_spans_days():
    start = datetime(2026, 3, 10, 23, 58, 30, tzinfo=UTC)
    assert _timeline_times(start, 2, timedelta(seconds=50)) == ["23:58", "23:59"]
    assert _timeline_times(start, 3, timedelta(minutes=1)) == [
        "2026-03-10 23:58",
        "2026-03-10 23:59",
        "2026-03-11 00:00",
    ]


# --- importing -------------------------------------------------------------------------------

CONTINUED = """\
# Search Postmortem (incident #3)

**Summary**: first line
second line

**Summary**: again
**Impact**: some
  impact continued

## Timeline

- 10:00 first event
  continues here
  and here
- 10:05 second

## What went well

- one
  two
- three

## Root Cause Analysis: 5 Whys

**Root Cause Statement:** the statement
goes on

## Notes

para one
wrapped
- item
"""


def test_continued_lines_join_the_text_they_continue():
    ws, report = import_markdown(CONTINUED)
    assert report.format == "google-sre"
    assert ws.metadata.executive_summary == "first line second line\n\nagain"
    assert ws.impact.affected_functionality == "some impact continued"
    assert [event.text for event in ws.timeline] == [
        "first event\ncontinues here\nand here",
        "second",
    ]
    assert [note.text for note in ws.went_well] == ["one\ntwo", "three"]
    assert ws.whys.root_cause_statement == "the statement\ngoes on"
    assert ws.notes == "para one wrapped\n- item"


def test_a_long_continued_text_is_read_whole():
    lines = [f"line {number}" for number in range(20_000)]
    text = "# Post-Mortem: Long\n\n## Timeline\n\n- 10:00 start\n" + "".join(
        f"  {line}\n" for line in lines
    )
    ws, _ = import_markdown(text)
    assert ws.timeline[0].text == "\n".join(["start", *lines])


@pytest.mark.parametrize(
    ("row", "lesson", "shared_with", "unmapped"),
    [
        ("| a | b \\| c | d |", "a", "b | c", ["line 7 (Lessons Learned): extra cell: d"]),
        ("| a \\\\| b |", "a \\", "b", []),  # an escaped backslash, then a separator
        ("| a \\\\\\| b |", "a \\| b", "", []),
        ("| a \\* b | c |", "a * b", "c", []),
        ("| \\| |", "|", "", []),
    ],
)
def test_only_unescaped_pipes_separate_cells(row, lesson, shared_with, unmapped):
    text = f"# Post-Mortem: Cells\n\n## Lessons Learned\n\n| Lesson | Shared With |\n|---|---|\n{row}\n"
    ws, report = import_markdown(text)
    assert [(item.lesson, item.shared_with) for item in ws.lessons] == [(lesson, shared_with)]
    assert report.unmapped == unmapped


TIMES = """\
# Post-Mortem: Times

## Metadata

| Field | Value |
|---|---|
| Date of Incident | 2026-03-10 |

## Timeline

| Time (UTC) | Event | Actor/System |
|---|---|---|
| 23:50 | late | a |
| 24:00 | midnight | a |
| 2026-03-10 24:00 | dated midnight | a |
| 00:10 | early | a |
| 00:10 | same minute | a |
| 2026-02-30 10:00 | bad date | a |
| 12:60 | bad minute | a |
| 12:60 | bad again | a |
| 2026-03-12T09:05 | dated | a |
"""


def test_table_times_roll_over_midnight_and_impossible_ones_are_kept():
    ws, report = import_markdown(TIMES)
    assert [(event.time.isoformat(), event.text) for event in ws.timeline] == [
        ("2026-03-10T23:50:00+00:00", "late"),
        ("2026-03-11T00:10:00+00:00", "early"),
        ("2026-03-11T00:10:00+00:00", "same minute"),
        ("2026-03-12T09:05:00+00:00", "dated"),
    ]
    unreadable = [line.split(": ", 2)[2] for line in report.unmapped]
    assert unreadable == [
        "| 24:00 | midnight | a |",
        "| 2026-03-10 24:00 | dated midnight | a |",
        "| 2026-02-30 10:00 | bad date | a |",
        "| 12:60 | bad minute | a |",
        "| 12:60 | bad again | a |",
    ]


def test_the_cycle_collector_is_on_again_after_an_import_as_before_it():
    import_markdown(TIMES)
    assert gc.isenabled()
    with pytest.raises(MarkdownImportError):
        import_markdown("no heading here")
    assert gc.isenabled()
    gc.disable()
    try:
        import_markdown(TIMES)
        assert not gc.isenabled()
    finally:
        gc.enable()


# --- editing ---------------------------------------------------------------------------------


def _positions(editor, collection):
    items = editor.items(collection)
    return [editor.index_of(collection, item.id) for item in items] == list(range(len(items)))


def test_items_are_found_where_they_are_after_every_kind_of_change():
    editor = Editor(new_workspace("Positions"))
    notes = [editor.add("went_well", {"text": f"note {number}"}) for number in range(6)]
    assert _positions(editor, "went_well")
    editor.add("went_well", {"text": "in front"}, index=0)  # shifts every note
    assert _positions(editor, "went_well")
    editor.move("went_well", notes[5].id, 1)
    editor.delete("went_well", notes[2].id)
    assert _positions(editor, "went_well")
    editor.undo()
    editor.undo()
    assert _positions(editor, "went_well")
    assert editor.find("went_well", notes[2].id) == notes[2]
    with pytest.raises(EditError):
        editor.index_of("went_well", "nope")


def test_an_event_moved_by_its_new_time_is_found_at_its_new_place():
    start = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
    editor = Editor(new_workspace("Times"))
    events = [
        editor.add("timeline", {"time": start + timedelta(minutes=minute), "text": str(minute)})
        for minute in range(5)
    ]
    editor.update("timeline", events[0].id, time=start + timedelta(minutes=10))
    assert editor.index_of("timeline", events[0].id) == 4
    assert _positions(editor, "timeline")


def test_undoing_a_large_paste_restores_the_timeline():
    start = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
    editor = Editor(new_workspace("Paste"))
    for minute in range(0, 600, 7):
        editor.add("timeline", {"time": start + timedelta(minutes=minute), "text": "typed"})
    before = list(editor.workspace.timeline)
    with editor.group("Paste events"):
        for minute in range(0, 600, 3):
            editor.add("timeline", {"time": start + timedelta(minutes=minute), "text": "pasted"})
    editor.undo()
    assert editor.workspace.timeline == before
    editor.redo()
    assert len(editor.workspace.timeline) == len(before) + 200
    assert _positions(editor, "timeline")


def test_a_duplicate_id_is_refused_and_the_first_of_two_is_found():
    ws = new_workspace("Duplicates")
    ws.went_well = [Note(id="same", text="first"), Note(id="other", text="x")]
    ws.went_well.append(Note(id="same", text="second"))  # a hand-edited file
    editor = Editor(ws)
    assert editor.find("went_well", "same").text == "first"
    with pytest.raises(EditError, match="already exists"):
        editor.add("went_well", Note(id="other", text="y"))
    editor.delete("went_well", "same")
    assert editor.find("went_well", "same").text == "second"


def test_a_list_set_as_a_whole_or_a_new_workspace_is_looked_up_afresh():
    editor = Editor(new_workspace("Lists"))
    node = editor.add("whys", {"answer": "a"})
    editor.set("whys.nodes", [WhyNode(id="other", answer="b"), node])
    assert editor.index_of("whys", node.id) == 1
    fresh = new_workspace("Fresh")
    fresh.whys.nodes = [WhyNode(id="only", answer="c")]
    editor.replace_workspace(fresh)
    assert editor.index_of("whys", "only") == 0
    with pytest.raises(EditError):
        editor.index_of("whys", node.id)
