"""The fast paths of saving, exporting, importing and editing behave like the general ones."""

from __future__ import annotations

import errno
import os

from pm_postmortem.core import store
from pm_postmortem.core.model import Note, new_workspace

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
