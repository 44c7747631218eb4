"""Workspace files: TOML round trips, clear errors, atomic saves, backups, listing and locks."""

from __future__ import annotations

import errno
import hashlib
import itertools
import os
import random
import re
import signal
import socket
import subprocess
import sys
import time
import types
import typing
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from pm_postmortem.core import store
from pm_postmortem.core.model import (
    Action,
    ActionStatus,
    Category,
    Compliance,
    ComplianceCheck,
    Dismissal,
    Factor,
    Impact,
    Lesson,
    Marker,
    Metadata,
    Note,
    TimelineEvent,
    WhyNode,
    Whys,
    Workspace,
    describe_errors,
    new_workspace,
)
from pm_postmortem.core.paths import backups_dir, workspaces_dir
from pm_postmortem.core.store import (
    WorkspaceError,
    WorkspaceLock,
    backup_versions,
    dumps,
    list_backups,
    list_workspaces,
    load_workspace,
    loads,
    resolve_workspace,
    restore_backup,
    save_workspace,
    slugify,
    unique_path,
)

SRC = Path(__file__).resolve().parents[1] / "src"


@pytest.fixture(autouse=True)
def home(monkeypatch, tmp_path) -> Path:
    """Every test gets its own data folder; the real one is never touched."""
    monkeypatch.setenv("PM_POSTMORTEM_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def at(minute: int) -> datetime:
    return datetime(2026, 3, 10, 14, 0, tzinfo=UTC) + timedelta(minutes=minute)


def rich_workspace() -> Workspace:
    ws = new_workspace("DATEV export: wrong VAT", severity="S2", incident_date=date(2026, 3, 10))
    ws.metadata.authors = ["Ana", "Ben"]
    ws.metadata.tags = ["export", "tax"]
    ws.metadata.duration = "02:15"
    ws.metadata.what_happened = "Exports used the old VAT rate.\nCustomers noticed first."
    ws.impact = Impact(customers_affected=120, traffic_percent=12.5, compliance_affected=True)
    ws.targets.ttm = 30
    ws.timeline = [
        TimelineEvent(time=at(0), text="Deploy 4.2", actor="CI", markers=(Marker.IMPACT_START,)),
        TimelineEvent(time=at(12), text="Ticket from customer", markers=(Marker.DETECTED,)),
        TimelineEvent(time=at(95), text="Rollback done", evidence="https://ci/42"),
    ]
    root = WhyNode(answer="the VAT table was cached")
    child = WhyNode(parent=root.id, answer="the cache had no expiry")
    ws.whys = Whys(symptom="wrong VAT", nodes=[root, child], root_cause=child.id)
    factor = Factor(factor="no expiry", category=Category.TECHNICAL, why_node=child.id)
    ws.factors = [factor]
    ws.went_well = [Note(text="Rollback was scripted")]
    ws.lucky = [Note(text="Month end was a week away")]
    ws.actions = [
        Action(number=1, action="Expire the cache", owner="Ana", deadline=date(2026, 4, 1)),
        Action(number=2, action="Alert on VAT drift", status=ActionStatus.DONE, factor=factor.id),
    ]
    ws.lessons = [Lesson(lesson="Caches need owners", applicable=True)]
    ws.compliance = Compliance(
        checks=[ComplianceCheck(label="GoBD log kept", checked=True, regulation="GoBD")],
        notification_required=False,
    )
    ws.dismissals = [Dismissal(rule="blame-word", field="notes")]
    ws.notes = "Follow up with finance."
    return ws


# --- TOML ----------------------------------------------------------------------------------


def test_rich_workspace_round_trips_and_dumps_deterministically():
    ws = rich_workspace()
    text = dumps(ws)
    assert loads(text) == ws
    assert dumps(loads(text)) == text
    assert text.splitlines()[0] == f"schema_version = {store.SCHEMA_VERSION}"
    assert "time = 2026-03-10 14:12:00+00:00\n" in text  # native TOML datetimes, in UTC
    assert "deadline = 2026-04-01\n" in text


def test_items_are_always_arrays_of_tables_and_long_text_is_multiline():
    ws = rich_workspace()
    text = dumps(ws)
    assert text.count("[[whys.nodes]]\n") == 2  # short items too, so a long one causes no churn
    assert text.count("[[timeline]]\n") == 3
    assert (
        'what_happened = """\nExports used the old VAT rate.\nCustomers noticed first."""' in text
    )


def test_crlf_text_survives_exactly(tmp_path):
    ws = rich_workspace()
    ws.notes = "windows\r\nline\rold mac\nunix"
    ws.went_poorly = [Note(text="a\r\n")]
    path = tmp_path / "crlf.toml"
    save_workspace(path, ws)
    assert load_workspace(path) == ws


def _models_in(annotation) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for arg in typing.get_args(annotation) for model in _models_in(arg)]


def test_every_optional_field_defaults_to_none_so_leaving_none_out_is_lossless():
    seen, todo = set(), [Workspace]
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, field in model.model_fields.items():
            if types.NoneType in typing.get_args(field.annotation):
                assert field.default is None, f"{model.__name__}.{name}"
            todo += _models_in(field.annotation)
    assert len(seen) > 10


NASTY = ["\r\n", "\r", "\n", "\x00", "\x1b[31m", "|", "[/]", "[red]", '"""', "\\", "🔥", "\t",
         "\x7f", "\u2028", "\ufeff", "'''", " ", "é"]  # fmt: skip
texts = st.one_of(st.text(), st.lists(st.sampled_from(NASTY), max_size=12).map("".join))


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(title=texts, event=texts, action=texts, note=texts)
def test_any_text_survives_save_and_load(tmp_path, title, event, action, note):
    ws = new_workspace(title)
    ws.timeline = [TimelineEvent(time=at(0), text=event)]
    ws.actions = [Action(action=action)]
    ws.went_well = [Note(text=note)]
    path = tmp_path / "any.toml"
    save_workspace(path, ws)
    loaded = load_workspace(path)
    assert loaded.metadata.title == title
    assert loaded.timeline[0].text == event
    assert loaded.actions[0].action == action
    assert loaded.went_well[0].text == note
    assert loaded == ws


# --- errors --------------------------------------------------------------------------------


def valid_text() -> str:
    return dumps(rich_workspace())


CUT = valid_text().index("DATEV") + 3

BAD_FILES = {
    "empty": (b"", "the file is empty"),
    "blank": (b"  \n\n", "the file is empty"),
    "not utf-8": (b"title = \"\xff\xfe\"\n", "not a text file (the bytes at position 9 are not UTF-8)"),
    "binary": (b"PK\x03\x04\x00\x00\x01", "this is a binary file, not a pm-postmortem workspace"),
    "truncated": (valid_text()[:CUT].encode(), "not valid TOML (at the end; is the file cut short?): unterminated string"),
    "invalid": (b"schema_version = 1\ntitle = \n", "not valid TOML (line 2): invalid value"),
    "another tool": (b'[project]\nname = "x"\n', "this is not a pm-postmortem workspace"),
    "foreign keys": (b"schema_version = 1\n[tool]\nx = 1\n", "this is not a pm-postmortem workspace"),
    "schema is text": (b'schema_version = "1"\nnotes = ""\n', "this is not a pm-postmortem workspace"),
    "newer": (b"schema_version = 7\nnotes = \"\"\n", "written by a newer pm-postmortem (schema 7; this version reads up to 2)"),
    "older, no migration": (b"schema_version = 0\n", "written by an old pm-postmortem (schema 0) that this version cannot read"),
    "invalid fields": (
        valid_text().replace('severity = "S2"', 'severity = "S9"').replace("ttd = 5", "ttd = -1").encode(),
        "metadata: severity must be one of S1, S2, S3, S4; targets: TTD target must be at least 0",
    ),
    "unknown field": (valid_text().replace("notes = ", "notez = ").encode(), "notez is not a field of a workspace"),
    "markers as text": (
        b'schema_version = 2\n\n[[timeline]]\nid = "e"\ntime = 2026-03-10 14:00:00Z\nmarkers = "detected"\n',
        "timeline item 1: markers must be a list in square brackets",
    ),
}  # fmt: skip


@pytest.mark.parametrize("content, problem", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_unreadable_files_name_file_and_problem_and_stay_untouched(tmp_path, content, problem):
    path = tmp_path / "incident.toml"
    path.write_bytes(content)
    with pytest.raises(WorkspaceError) as raised:
        load_workspace(path)
    assert raised.value.path == path
    assert raised.value.problem == problem
    assert str(raised.value) == f"{path}: {problem}"
    assert path.read_bytes() == content
    assert list(tmp_path.iterdir()) == [path]


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(WorkspaceError, match="the file does not exist"):
        load_workspace(tmp_path / "nope.toml")
    with pytest.raises(WorkspaceError, match="this is a folder, not a workspace file"):
        load_workspace(tmp_path)


def test_error_without_path_is_just_the_problem():
    with pytest.raises(WorkspaceError) as raised:
        loads("")
    assert str(raised.value) == "the file is empty"
    assert raised.value.path is None


def test_migration_from_schema_0(monkeypatch, tmp_path):
    def move_title(data: dict) -> dict:
        data["metadata"] = {"title": data.pop("title")}
        return data

    monkeypatch.setitem(store.MIGRATIONS, 0, move_title)
    path = tmp_path / "old.toml"
    content = b'schema_version = 0\ntitle = "Old layout"\n'
    path.write_bytes(content)
    ws = load_workspace(path)
    assert ws.metadata.title == "Old layout"
    assert ws.schema_version == store.SCHEMA_VERSION
    assert path.read_bytes() == content


def test_a_schema_1_workspace_with_single_markers_opens_unchanged_and_saves_lists(tmp_path):
    path = tmp_path / "old.toml"
    content = (
        b'schema_version = 1\n\n[[timeline]]\nid = "e1"\ntime = 2026-03-10 14:00:00+00:00\n'
        b'text = "errors rise"\nmarker = "impact_start"\n\n[[timeline]]\nid = "e2"\n'
        b'time = 2026-03-10 14:07:00+00:00\ntext = "alert"\n'
    )
    path.write_bytes(content)
    ws = load_workspace(path)
    assert [event.markers for event in ws.timeline] == [(Marker.IMPACT_START,), ()]
    assert path.read_bytes() == content
    ws.timeline[1].markers = (Marker.RESOLVED, Marker.DETECTED)
    save_workspace(path, ws)
    saved = path.read_text(encoding="utf-8")
    assert saved.startswith("schema_version = 2\n") and "marker =" not in saved
    assert 'markers = ["impact_start"]' in saved and 'markers = ["detected", "resolved"]' in saved
    assert load_workspace(path).timeline == ws.timeline


def test_migrations_run_in_order(monkeypatch):
    calls = []

    def step(version: int):
        def migrate(data: dict) -> dict:
            calls.append((version, data["schema_version"]))
            return data

        return migrate

    monkeypatch.setattr(store, "SCHEMA_VERSION", 3)
    monkeypatch.setattr(store, "MIGRATIONS", {2: step(2), 1: step(1)})
    ws = loads('schema_version = 1\nnotes = "x"\n')
    assert calls == [(1, 1), (2, 2)]
    assert ws.schema_version == 3


# --- saving --------------------------------------------------------------------------------


def test_save_creates_folder_and_keeps_file_mode(tmp_path):
    path = tmp_path / "new" / "folder" / "a.toml"
    save_workspace(path, rich_workspace())
    assert load_workspace(path) == loads(path.read_text("utf-8"))
    path.chmod(0o640)
    ws = rich_workspace()
    ws.notes = "changed"
    save_workspace(path, ws)
    assert path.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in path.parent.iterdir()) == ["a.toml"]


def test_save_writes_through_a_symlink(tmp_path):
    real = tmp_path / "repo" / "incident.toml"
    save_workspace(real, rich_workspace())
    link = tmp_path / "link.toml"
    link.symlink_to(real)
    ws = rich_workspace()
    ws.notes = "via the link"
    save_workspace(link, ws)
    assert link.is_symlink()
    assert load_workspace(real).notes == "via the link"
    assert list_backups(link) == list_backups(real) != []


def test_twelve_saves_keep_ten_backups_newest_first_and_restore(tmp_path):
    path = tmp_path / "vat.toml"
    ws = rich_workspace()
    for number in range(1, 13):
        ws.metadata.title = f"version {number}"
        save_workspace(path, ws)
    backups = list_backups(path)
    digest = hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:8]
    assert {b.parent for b in backups} == {backups_dir() / f"vat-{digest}"}
    titles = [load_workspace(b).metadata.title for b in backups]
    # the newest ten, then the oldest as the one kept for its five minutes
    assert titles == [f"version {n}" for n in range(11, 1, -1)] + ["version 1"]
    assert sorted(backups[0].parent.iterdir(), reverse=True) == backups  # no temp files left

    save_workspace(path, ws)  # unchanged content: no new backup
    assert list_backups(path) == backups

    restore_backup(backups[-2], path)
    assert load_workspace(path).metadata.title == "version 2"
    after = list_backups(path)
    assert len(after) == 11
    assert load_workspace(after[0]).metadata.title == "version 12"


def test_restoring_a_broken_backup_changes_nothing(tmp_path):
    path = tmp_path / "vat.toml"
    save_workspace(path, rich_workspace())
    before = path.read_bytes()
    broken = tmp_path / "broken.toml"
    broken.write_bytes(b"schema_version = ")
    with pytest.raises(WorkspaceError) as raised:
        restore_backup(broken, path)
    assert raised.value.path == broken
    assert path.read_bytes() == before
    assert list_backups(path) == []


def test_a_failing_backup_does_not_stop_the_save(tmp_path, home, caplog):
    backups_dir().parent.mkdir(parents=True)
    backups_dir().write_text("a file where the backups folder should be")
    path = tmp_path / "vat.toml"
    ws = rich_workspace()
    save_workspace(path, ws)
    ws.notes = "second"
    save_workspace(path, ws)
    assert load_workspace(path).notes == "second"
    assert "could not back up" in caplog.text


def _leftovers(*folders: Path) -> list[Path]:
    return [
        p for folder in folders if folder.exists() for p in folder.iterdir() if p.suffix == ".tmp"
    ]


def test_full_disk_raises_and_keeps_the_file(monkeypatch, tmp_path):
    path = tmp_path / "vat.toml"
    save_workspace(path, rich_workspace())
    before = path.read_bytes()

    def no_space(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", no_space)
    ws = rich_workspace()
    ws.notes = "will not fit"
    with pytest.raises(WorkspaceError) as raised:
        save_workspace(path, ws)
    monkeypatch.undo()
    assert str(raised.value) == f"{path}: could not save: the disk is full"
    assert path.read_bytes() == before
    assert _leftovers(tmp_path, *backups_dir().glob("*")) == []


def test_no_permission_names_the_folder(monkeypatch, tmp_path):
    path = tmp_path / "vat.toml"
    save_workspace(path, rich_workspace())
    before = path.read_bytes()
    real_open = os.open

    def refuse_temp_files(name, flags, *args):
        if str(name).endswith(".tmp"):
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_open(name, flags, *args)

    monkeypatch.setattr(os, "open", refuse_temp_files)
    ws = rich_workspace()
    ws.notes = "changed"
    with pytest.raises(WorkspaceError) as raised:
        save_workspace(path, ws)
    assert raised.value.problem == f"could not save: no permission to write in {tmp_path}"
    assert path.read_bytes() == before


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root ignores modes")
def test_read_only_folder(tmp_path):
    folder = tmp_path / "ro"
    path = folder / "vat.toml"
    save_workspace(path, rich_workspace())
    before = path.read_bytes()
    folder.chmod(0o555)
    try:
        ws = rich_workspace()
        ws.notes = "changed"
        with pytest.raises(WorkspaceError) as raised:
            save_workspace(path, ws)
    finally:
        folder.chmod(0o755)
    assert raised.value.problem == f"could not save: no permission to write in {folder}"
    assert path.read_bytes() == before


CRASH_CHILD = """
import os, sys
from pathlib import Path
from pm_postmortem.core import store
from pm_postmortem.core.model import new_workspace

path = Path(sys.argv[1])
versions = [new_workspace("Version A"), new_workspace("Version B")]
versions[0].notes = "a" * 300_000  # a large write widens the window for a kill mid-write
# Render each version once, so the loop spends its time in file I/O, where a kill matters.
rendered = {id(ws): store.dumps(ws) for ws in versions}
store.dumps = lambda ws: rendered[id(ws)]
store.save_workspace(path, versions[1])
print("ready", flush=True)
for _ in sys.stdin:  # one saving worker per line, forked to skip the import cost
    pid = os.fork()
    if pid == 0:
        number = 0
        while True:
            number += 1
            store.save_workspace(path, versions[number % 2])
    print(pid, flush=True)
    os.waitpid(pid, 0)
    print("reaped", flush=True)
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL")
def test_kill_9_during_saves_never_leaves_a_broken_file(tmp_path):
    folder = tmp_path / "crash"
    folder.mkdir()
    path = folder / "incident.toml"
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    child = subprocess.Popen(
        [sys.executable, "-c", CRASH_CHILD, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    rng = random.Random(20260310)
    seen = set()
    try:
        assert child.stdout.readline() == "ready\n"
        for _ in range(30):
            child.stdin.write("go\n")
            child.stdin.flush()
            worker = int(child.stdout.readline())
            time.sleep(rng.uniform(0.002, 0.05))
            os.kill(worker, signal.SIGKILL)
            assert child.stdout.readline() == "reaped\n"
            ws = load_workspace(path)
            assert ws.metadata.title in ("Version A", "Version B")
            seen.add(ws.metadata.title)
            assert list(folder.glob("*.toml")) == [path]
            assert [(s.path, s.error) for s in list_workspaces(folder)] == [(path, None)]
    finally:
        child.kill()
        child.wait(timeout=5)
    assert seen == {"Version A", "Version B"}


# --- the workspaces folder -----------------------------------------------------------------


def test_list_workspaces_sorted_newest_first_with_unreadable_files_listed(home):
    folder = workspaces_dir()
    older = new_workspace("Older", severity="S3")
    older.updated = at(0)
    newer = new_workspace("Newer")
    newer.updated = at(60)
    save_workspace(folder / "older.toml", older)
    save_workspace(folder / "newer.toml", newer)
    (folder / "broken.toml").write_bytes(b"schema_version = 1\n[metadata\n")
    (folder / "readme.txt").write_text("not a workspace")
    WorkspaceLock(folder / "newer.toml").acquire()  # its lock file is not listed

    summaries = list_workspaces()
    assert [s.name for s in summaries] == ["newer", "older", "broken"]
    first, second, broken = summaries
    assert (first.title, first.severity, first.status, first.updated) == (
        "Newer",
        "",
        "Draft",
        at(60),
    )
    assert first.error is None and first.path == folder / "newer.toml"
    assert (second.title, second.severity) == ("Older", "S3")
    assert broken.error == "not valid TOML (line 2): expected ']' at the end of a table declaration"
    assert broken.updated is None


def test_list_of_a_missing_folder_is_empty(tmp_path):
    assert list_workspaces(tmp_path / "nothing") == []


@pytest.mark.parametrize(
    "title, slug",
    [
        ("DATEV export: wrong VAT!", "datev-export-wrong-vat"),
        ("  Ärger über Zahlungen  ", "arger-uber-zahlungen"),
        ("", "postmortem"),
        ("!!!", "postmortem"),
        ("支付失败", "postmortem"),
        ("x" * 80, "x" * 60),
    ],
)
def test_slugify(title, slug):
    assert slugify(title) == slug


def test_unique_path_counts_up(home):
    folder = workspaces_dir()
    assert unique_path("Wrong VAT") == folder / "wrong-vat.toml"
    folder.mkdir(parents=True)
    (folder / "wrong-vat.toml").touch()
    (folder / "wrong-vat-2.toml").touch()
    assert unique_path("Wrong VAT!") == folder / "wrong-vat-3.toml"


def test_resolve_workspace(monkeypatch, tmp_path):
    save_workspace(workspaces_dir() / "wrong-vat.toml", rich_workspace())
    monkeypatch.chdir(tmp_path)
    assert resolve_workspace("wrong-vat") == workspaces_dir() / "wrong-vat.toml"
    assert resolve_workspace("new/incident.toml") == Path("new/incident.toml")
    assert resolve_workspace("later.toml") == Path("later.toml")
    (tmp_path / "local").write_text("")
    assert resolve_workspace("local") == Path("local")
    (tmp_path / "home").mkdir(exist_ok=True)  # a folder is not a workspace named "home"
    with pytest.raises(WorkspaceError) as raised:
        resolve_workspace("home")
    assert str(raised.value) == "no workspace named home (see `pm-postmortem list`)"


# --- locks ---------------------------------------------------------------------------------


LOCK_HOLDER = """
import sys, time
from pathlib import Path
from pm_postmortem.core.store import WorkspaceLock

print(WorkspaceLock(Path(sys.argv[1])).acquire(), flush=True)
time.sleep(60)
"""


@pytest.mark.skipif(store.fcntl is None, reason="no flock on this platform")
def test_lock_held_by_another_process_then_taken_over_after_kill_9(tmp_path):
    path = tmp_path / "vat.toml"
    holder = subprocess.Popen(
        [sys.executable, "-c", LOCK_HOLDER, str(path)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(SRC)},
    )
    try:
        assert holder.stdout.readline() == "True\n"
        lock = WorkspaceLock(path)
        assert lock.acquire() is False
        owner = re.fullmatch(r"pid (\d+) on (.+), since \d\d:\d\d", lock.owner)
        assert owner and owner.groups() == (str(holder.pid), socket.gethostname())
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=5)
    assert (tmp_path / ".vat.toml.lock").exists()  # left behind by the dead holder
    assert lock.acquire() is True
    assert lock.owner is None
    assert (tmp_path / ".vat.toml.lock").read_text().startswith(f"{os.getpid()} ")
    lock.release()


@pytest.mark.skipif(store.fcntl is None, reason="no flock on this platform")
def test_lock_release_and_context_manager(tmp_path):
    path = tmp_path / "vat.toml"
    with WorkspaceLock(path) as first:
        assert first.acquire() is True  # already ours
        second = WorkspaceLock(path)
        assert second.acquire() is False
        assert second.owner.startswith(f"pid {os.getpid()} on ")
        with pytest.raises(WorkspaceError, match=r"vat.toml: open in another pm-postmortem \(pid "):
            second.__enter__()
    assert second.acquire() is True
    second.release()
    second.release()  # harmless twice
    assert not (tmp_path / ".vat.toml.lock").exists()  # nothing left beside the workspace


@pytest.mark.skipif(store.fcntl is None, reason="no flock on this platform")
def test_a_process_that_opened_a_lock_file_its_owner_then_deleted_locks_a_new_one(tmp_path, monkeypatch):
    path = tmp_path / "vat.toml"
    first, second = WorkspaceLock(path), WorkspaceLock(path)
    assert first.acquire() is True
    real_open = store._open_lock_file

    def open_while_the_owner_releases(lock_path: Path, workspace: Path) -> int:
        fd = real_open(lock_path, workspace)
        if first._fd is not None:
            first.release()  # deletes the file just opened
        return fd

    monkeypatch.setattr(store, "_open_lock_file", open_while_the_owner_releases)
    assert second.acquire() is True
    monkeypatch.setattr(store, "_open_lock_file", real_open)
    assert WorkspaceLock(path).acquire() is False  # the file second locked is the one others find
    second.release()
    assert not (tmp_path / ".vat.toml.lock").exists()


@pytest.mark.skipif(store.fcntl is None, reason="no flock on this platform")
def test_links_to_one_file_share_its_lock(tmp_path):
    real = tmp_path / "incident.toml"
    link = tmp_path / "link.toml"
    link.symlink_to(real)
    with WorkspaceLock(real):
        assert WorkspaceLock(link).acquire() is False


def test_lock_creates_the_folder(tmp_path):
    with WorkspaceLock(tmp_path / "new" / "vat.toml") as lock:
        assert lock.owner is None


def test_owner_text_from_a_lock_file():
    stamp = datetime(2026, 3, 10, 9, 42, tzinfo=UTC)
    local = stamp.astimezone().strftime("%Y-%m-%d %H:%M")
    assert store._describe_owner(f"1234 build-host {stamp.isoformat()}\n") == (
        f"pid 1234 on build-host, since {local}"
    )
    assert store._describe_owner("") == "another process"


def test_backup_versions_tell_when_what_and_how_much_and_name_a_broken_one(tmp_path):
    path = tmp_path / "vat.toml"
    ws = rich_workspace()
    ws.updated = datetime(2026, 3, 10, 14, 2, tzinfo=UTC)
    save_workspace(path, ws)
    save_workspace(path, new_workspace("Second"))
    save_workspace(path, new_workspace("Third"))
    newest, oldest = list_backups(path)
    newest.write_bytes(b"schema_version = ")  # damaged on disk
    broken, good = backup_versions(path)
    assert (broken.path, broken.events, broken.problem) == (newest, 0, "not valid TOML (at the end; is the file cut short?): invalid value")
    assert (good.path, good.changed, good.events, good.problem) == (oldest, ws.updated, len(ws.timeline), None)
    assert good.size == oldest.stat().st_size and good.size_text == f"{good.size / 1024:.1f} KiB"
    with pytest.raises(WorkspaceError):
        restore_backup(newest, path)
    assert restore_backup(oldest, path) is True
    assert restore_backup(oldest, path) is False  # holds it already: nothing written
    assert load_workspace(path) == ws


def test_backups_older_than_the_newest_ten_are_kept_one_per_five_minutes(tmp_path):
    path = tmp_path / "meeting.toml"
    save_workspace(path, rich_workspace())
    folder = store._backup_folder(path)
    folder.mkdir(parents=True, exist_ok=True)
    start = (datetime.now(UTC) - timedelta(hours=3)).replace(microsecond=0)
    for second in range(0, 2 * 3600, 30):  # an autosave every 30 s through a two-hour meeting
        when = start + timedelta(seconds=second)
        (folder / f"{when:%Y%m%dT%H%M%S%fZ}.toml").write_text("", encoding="utf-8")
    ws = rich_workspace()
    ws.notes = "one more change"
    save_workspace(path, ws)
    times = [store._backup_time(backup) for backup in list_backups(path)]
    # the newest ten (the save and nine autosaves), then the rest at one per five minutes
    assert 10 + 23 <= len(times) <= 10 + 25
    assert min(times) - start < store.BACKUP_SPACING  # the start of the meeting is within reach
    older = times[10:]
    assert all(newer - older_one >= timedelta(minutes=5) for newer, older_one in itertools.pairwise(older))


def test_backups_thinned_after_every_autosave_still_reach_back_to_the_start():
    """As in a meeting: each save thins the backups at once, so a backup is judged when it falls
    out of the newest ten, not once at the end."""
    start = datetime(2026, 12, 4, 12, 37, 5, tzinfo=UTC)
    kept: list[Path] = []
    for second in range(0, 15 * 60, 10):  # an autosave every 10 s for a quarter of an hour
        when = start + timedelta(seconds=second)
        kept.insert(0, Path(f"{when:%Y%m%dT%H%M%S%fZ}.toml"))
        doomed = set(store._thinned_out(kept))
        kept = [backup for backup in kept if backup not in doomed]
    times = [store._backup_time(backup) for backup in kept]
    assert min(times) == start  # the first minutes of the meeting can still be restored
    assert len(times) == 10 + 3  # the newest ten, then one for each five minutes before them


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("25:99", "duration has 99 minutes; an hour has 60, so write 26:39"),
        ("2h15", "duration must be written as HH:MM, for example 02:15"),
    ],
)
def test_a_duration_that_is_not_hh_mm_says_what_to_write(typed, message):
    with pytest.raises(ValidationError) as caught:
        Metadata(duration=typed)
    assert describe_errors(caught.value) == [message]


def test_a_second_conflict_copy_in_the_same_second_never_replaces_the_first(tmp_path):
    path = tmp_path / "checkout.toml"
    when = datetime(2026, 3, 10, 14, 5, 9)
    first = store.conflict_path(path, when)
    assert first.name == "checkout.conflict-20260310T140509.toml"
    first.write_text("mine", encoding="utf-8")
    second = store.conflict_path(path, when)
    assert second.name == "checkout.conflict-20260310T140509-2.toml"
    second.write_text("mine, later", encoding="utf-8")
    assert store.conflict_path(path, when).name == "checkout.conflict-20260310T140509-3.toml"
