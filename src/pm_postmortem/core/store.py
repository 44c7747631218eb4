"""Workspace files: TOML on disk, atomic saves with rotating backups, and one lock per workspace."""

from __future__ import annotations

import errno
import hashlib
import logging
import os
import re
import secrets
import socket
import stat
import sys
import unicodedata
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from pathlib import Path
from typing import Any

# tomli is the parser the standard library ships as tomllib, here as a compiled wheel: the same
# reading, about three times as fast (a 2,000-event workspace parses in 16 ms instead of 48 ms).
import tomli
from pydantic import ValidationError

from pm_postmortem.core.file_checks import structure_problems, wrong_types
from pm_postmortem.core.model import SCHEMA_VERSION, Status, Workspace, describe_errors
from pm_postmortem.core.paths import backups_dir, workspaces_dir
from pm_postmortem.core.text import BIDI_CONTROLS, visible

if sys.platform == "win32":  # no advisory locks, see WorkspaceLock
    fcntl = None
else:
    import fcntl

log = logging.getLogger(__name__)

BACKUPS_KEPT = 10
"""The newest backups, kept whatever their age: every autosave makes one."""
SPACED_BACKUPS_KEPT = 48
BACKUP_SPACING = timedelta(minutes=5)
"""Older backups are thinned to one per five minutes, 48 of them: four hours of a meeting stay
within reach, not just the last minutes of autosaves."""


def _markers_as_lists(data: dict[str, Any]) -> dict[str, Any]:
    """Schema 1 → 2: an event's single ``marker = "…"`` becomes ``markers = ["…"]``."""
    timeline = data.get("timeline")
    for event in timeline if isinstance(timeline, list) else []:
        if isinstance(event, dict) and "marker" in event:
            event["markers"] = [event.pop("marker")]
    return data


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _markers_as_lists}
"""``MIGRATIONS[n]`` turns the raw TOML data of schema ``n`` into schema ``n + 1``."""

_WORKSPACE_KEYS = frozenset(Workspace.model_fields)


class WorkspaceError(Exception):
    """A workspace file that cannot be read or written; ``problem`` is in plain words."""

    def __init__(self, problem: str, path: Path | None = None) -> None:
        self.problem = problem
        self.path = path
        super().__init__(f"{path}: {problem}" if path is not None else problem)


# --- TOML text ---------------------------------------------------------------------------


def dumps(ws: Workspace) -> str:
    """The workspace as TOML, keys in model field order (``schema_version`` first)."""
    data = ws.model_dump(mode="python", exclude_none=True)
    # tomli-w turns "\r\n" into "\n" inside multi-line strings, so those are only used (they
    # diff much better) when no text holds a "\r\n"; single-line strings escape everything.
    # Such texts are rare, so the document is written once assuming none, again on the first.
    try:
        return _TomlWriter(multiline=True).document(data)
    except _CrlfText:
        return _TomlWriter(multiline=False).document(data)


class _CrlfText(Exception):
    """A text holds a CRLF line break, so no string may be written multi-line."""


class _TomlWriter:
    """Tables in order, then their sub-tables; lists of items are always ``[[arrays of tables]]``.

    Kept beside tomli-w (which writes the settings) because the workspace is written on the UI
    thread at every autosave: tomli-w takes about three times as long (``bench_core.py --toml``:
    1.35 s against 0.41 s at 16 MB, 26 ms against 8 ms at 2,000 events). It would also write a
    list of short items inline and switch the whole list to ``[[…]]`` once one item grows long
    (a small edit, a large diff), turn a CRLF in a multi-line string into LF, and leave C1 and
    bidi controls raw. Its strings are the model: a property test compares them.
    """

    def __init__(self, *, multiline: bool) -> None:
        self.multiline = multiline
        self.chunks: list[str] = []

    def document(self, data: dict[str, Any]) -> str:
        self.table(data, "", "")
        return "\n".join(self.chunks)

    def table(self, table: dict[str, Any], header: str, prefix: str) -> None:
        lines = [header]
        sub_tables: list[tuple[str, Any]] = []
        for key, value in table.items():
            if isinstance(value, str):
                if "\n" in value and self.multiline:
                    lines.append(f"{key} = {self.multiline_string(value)}\n")
                else:
                    lines.append(f"{key} = {_single_line_string(value)}\n")
            elif isinstance(value, dict) or (
                isinstance(value, list) and value and all(isinstance(item, dict) for item in value)
            ):
                sub_tables.append((key, value))
            else:
                lines.append(f"{key} = {self.literal(value)}\n")
        self.chunks.append("".join(lines))
        for key, value in sub_tables:
            if isinstance(value, dict):
                self.table(value, f"[{prefix}{key}]\n", f"{prefix}{key}.")
                continue
            item_header = f"[[{prefix}{key}]]\n"
            for item in value:
                self.table(item, item_header, f"{prefix}{key}.")

    @staticmethod
    def multiline_string(value: str) -> str:
        """What tomli-w writes, in one regex pass: its loop takes seconds over megabytes."""
        if "\r\n" in value:
            raise _CrlfText
        return '"""\n' + _MULTILINE_ESCAPED.sub(_escape, value) + '"""'

    def literal(self, value: Any) -> str:
        """Any value but a string or a table."""
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int | float):
            return str(value)  # as tomli-w writes them (inf and nan included)
        if isinstance(value, datetime):
            return value.isoformat(sep=" ")
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, list):
            return "[" + ", ".join(self.list_item(item) for item in value) + "]"
        raise TypeError(f"cannot write {type(value).__name__} to TOML")

    def list_item(self, item: Any) -> str:
        """An inline list's item: its strings are always single-line."""
        if isinstance(item, str):
            if self.multiline and "\r\n" in item:
                raise _CrlfText
            return _single_line_string(item)
        return self.literal(item)


# Control characters but tab and newline, the quote and the backslash (as tomli-w escapes them),
# and what a terminal would obey when the file is shown (C1 controls, bidi controls).
_MULTILINE_ESCAPED = re.compile(rf'["\\\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029{BIDI_CONTROLS}]')
_UNICODE_ESCAPED = re.compile(rf"[\x7f-\x9f\u2028\u2029{BIDI_CONTROLS}]")
"""What JSON's string escapes leave as it is, but the file never holds raw."""
_COMPACT_ESCAPES = {"\b": "\\b", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\"}


def _escape(match: re.Match[str]) -> str:
    char = match[0]
    return _COMPACT_ESCAPES.get(char) or f"\\u{ord(char):04x}"


def _single_line_string(value: str) -> str:
    """JSON's string escapes are valid in TOML too; DEL (TOML wants it) and C1 and bidi controls
    (a terminal would obey them when the file is shown) are escaped as well."""
    quoted = encode_basestring(value)
    return _UNICODE_ESCAPED.sub(_escape, quoted) if _UNICODE_ESCAPED.search(quoted) else quoted


MAX_WORKSPACE_BYTES = 16 * 2**20
"""Larger files are refused at once: a post-mortem is rarely more than a few hundred kilobytes."""

SHOWN_PROBLEMS = 3
"""How many problems of a file one error line names."""


def loads(text: str, path: Path | None = None) -> Workspace:
    """Parse, migrate and validate workspace TOML; every problem is a WorkspaceError."""
    data = _parse(text, path)
    if _OWN_START.match(text) and not text.endswith("\n"):
        raise WorkspaceError(
            "the file ends mid-line, as a file cut short does (pm-postmortem ends its files with "
            "a line break: add one if the end is complete)",
            path,
        )
    version = data["schema_version"]
    while version < SCHEMA_VERSION:
        migrate = MIGRATIONS.get(version)
        if migrate is None:
            raise WorkspaceError(
                f"written by an old pm-postmortem (schema {version}) that this version cannot read",
                path,
            )
        data = migrate(data)
        version += 1
        data["schema_version"] = version
    _refuse(wrong_types(data), text, path)
    try:
        workspace = Workspace.model_validate(data)
    except ValidationError as error:
        _refuse(describe_errors(error, where=True), text, path)
        raise
    _refuse(structure_problems(workspace), text, path)
    return workspace


def _refuse(problems: list[str], text: str, path: Path | None) -> None:
    """A WorkspaceError naming the first few ``problems``, if there are any."""
    if problems:
        more = len(problems) - SHOWN_PROBLEMS
        message = "; ".join(problems[:SHOWN_PROBLEMS]) + (f"; and {more} more" if more > 0 else "")
        raise WorkspaceError(message + _cut_short(text), path)


_OWN_START = re.compile(r"schema_version = \d+(?:\ncreated = |$)")
"""How every file pm-postmortem writes begins (or all that is left of one)."""


def _cut_short(text: str) -> str:
    """A hint for a file whose problems may come from its end missing: ours end with a line break."""
    return "" if text.endswith("\n") else " (the file ends mid-line: is it cut short?)"


def _parse(text: str, path: Path | None) -> dict[str, Any]:
    """The raw TOML data after the checks that need no model: empty, TOML, workspace, schema."""
    if not text.strip():
        raise WorkspaceError("the file is empty", path)
    if "\x00" in text:
        raise WorkspaceError("this is a binary file, not a pm-postmortem workspace", path)
    try:
        data = tomli.loads(text)
    except tomli.TOMLDecodeError as error:
        message = _describe_toml_error(error)
        if "cut short" not in message:
            message += _cut_short(text)
        raise WorkspaceError(message, path) from None
    except RecursionError:
        raise WorkspaceError("lists or tables are nested too deeply to be a workspace", path) from None
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise WorkspaceError("this is not a pm-postmortem workspace", path)
    if version > SCHEMA_VERSION:
        raise WorkspaceError(
            f"written by a newer pm-postmortem (schema {version}; "
            f"this version reads up to {SCHEMA_VERSION})",
            path,
        )
    keys = data.keys() - {"schema_version"}
    if version >= 1 and keys and not keys & _WORKSPACE_KEYS:  # every schema from 1 has these tables
        raise WorkspaceError("this is not a pm-postmortem workspace", path)
    return data


_TOML_POSITION = re.compile(
    r"^(?P<msg>.*) \((?:at line (?P<line>\d+), column \d+|at end of document)\)$"
)


def _describe_toml_error(error: tomli.TOMLDecodeError) -> str:
    match = _TOML_POSITION.match(str(error))
    if match is None:
        return f"not valid TOML: {error}"
    message = match["msg"][:1].lower() + match["msg"][1:]
    if match["line"] is None:
        return f"not valid TOML (at the end; is the file cut short?): {message}"
    return f"not valid TOML (line {match['line']}): {message}"


def _decode(data: bytes, path: Path | None) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise WorkspaceError(
            f"not a text file (the bytes at position {error.start} are not UTF-8)", path
        ) from None


# --- files -------------------------------------------------------------------------------


def load_workspace(path: Path) -> Workspace:
    """Read a workspace file; only reads, never changes it."""
    return loads(_decode(_read(path), path), path)


def _read(path: Path, head: int | None = None) -> bytes:
    """The bytes of a regular file of at most `MAX_WORKSPACE_BYTES` (or its first ``head``
    bytes, whatever its size); a pipe or a device (which could block or never end) is refused
    without reading."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise WorkspaceError("the file does not exist", path) from None
    except IsADirectoryError:
        raise WorkspaceError("this is a folder, not a workspace file", path) from None
    except PermissionError:
        raise WorkspaceError("no permission to read the file", path) from None
    except OSError as error:
        raise WorkspaceError(f"could not read: {error.strerror or error}", path) from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        if stat.S_ISDIR(info.st_mode):
            raise WorkspaceError("this is a folder, not a workspace file", path)
        raise WorkspaceError("this is not a regular file (a pipe or a device?)", path)
    with os.fdopen(fd, "rb") as file:
        try:
            data = file.read(MAX_WORKSPACE_BYTES + 1 if head is None else head)
        except OSError as error:
            raise WorkspaceError(f"could not read: {error.strerror or error}", path) from None
    if head is None and len(data) > MAX_WORKSPACE_BYTES:
        raise WorkspaceError(
            f"the file is {max(info.st_size, len(data)) / 2**20:.0f} MB; workspaces over "
            f"{MAX_WORKSPACE_BYTES // 2**20} MB are not opened",
            path,
        )
    return data


@dataclass(frozen=True)
class FileStamp:
    """What a file held when it was last read or written here: to notice a change from outside."""

    mtime_ns: int
    size: int
    digest: bytes


def file_stamp(path: Path, data: bytes | None = None) -> FileStamp | None:
    """The stamp of ``path`` (whose content is ``data`` when given), None when it is missing."""
    try:
        info = path.stat()
        data = _read(path) if data is None else data
    except (OSError, WorkspaceError):
        return None
    return FileStamp(info.st_mtime_ns, info.st_size, hashlib.sha256(data).digest())


def changed_on_disk(path: Path, known: FileStamp | None) -> bool:
    """Whether another program changed ``path`` since ``known`` was taken (same bytes rewritten,
    as by a checkout, is no change; a file that is gone is none either: saving brings it back)."""
    try:
        info = path.stat()
    except OSError:
        return False
    if known is None or (info.st_mtime_ns, info.st_size) == (known.mtime_ns, known.size):
        return False
    current = file_stamp(path)
    return current is not None and current.digest != known.digest


def conflict_path(path: Path, when: datetime) -> Path:
    """Where the app's version goes when the file changed outside: ``name.conflict-<time>.toml``
    (``-2``, ``-3`` … added when a copy of that second exists already: none is ever replaced)."""
    stem, suffix = f"{path.stem}.conflict-{when:%Y%m%dT%H%M%S}", path.suffix or ".toml"
    candidate, number = path.with_name(stem + suffix), 2
    while candidate.exists():
        candidate, number = path.with_name(f"{stem}-{number}{suffix}"), number + 1
    return candidate


def save_workspace(path: Path, ws: Workspace) -> None:
    """Write atomically, keeping the previous content as a backup."""
    write_text(path, dumps(ws))


def write_text(path: Path, text: str, *, backup: bool = True) -> FileStamp | None:
    """Write ``text`` atomically, first backing up the current file (best effort) when asked.

    Unchanged content is not rewritten; a symlink is written through, not replaced. The
    TUI serialises on its own thread and calls this from a worker thread. Returns the stamp of
    the file as written.
    """
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        raise WorkspaceError("could not save: some text is not valid Unicode", path) from None
    target = path.resolve()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists() and not target.is_file():  # reading a pipe or a device could block
            raise WorkspaceError("this is not a regular file (a pipe or a device?); nothing was written", path)
        current = target.read_bytes() if target.exists() else None
        if current is not None and not target.stat().st_mode & 0o222:  # no one may write it
            raise WorkspaceError("the file is read-only; nothing was written", path)
        if current != data:
            if current is not None and backup:
                _backup(path, target, current)
            atomic_write(target, data)
            _remove_stale_temporaries(target)
        return file_stamp(target, data)
    except OSError as error:
        raise WorkspaceError(_describe_write_error(error, "save", path.parent), path) from None


def _describe_write_error(error: OSError, doing: str, folder: Path) -> str:
    blocking_file = _file_in_the_way(folder)
    if blocking_file is not None:
        return f"could not {doing}: {blocking_file} is a file, not a folder"
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"could not {doing}: the disk is full"
    if error.errno in (errno.EACCES, errno.EPERM):
        return f"could not {doing}: no permission to write in {folder}"
    if error.errno == errno.EROFS:
        return f"could not {doing}: {folder} is on a read-only file system"
    return f"could not {doing}: {error.strerror or error}"


def _file_in_the_way(folder: Path) -> Path | None:
    """The file standing where ``folder`` or one of its parents should be, if there is one."""
    for candidate in (folder, *folder.parents):
        if candidate.exists():
            return None if candidate.is_dir() else candidate
    return None


def atomic_write(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same folder, fsync, rename over ``path``, fsync the folder.

    The temporary name (``.<name>.<random>.tmp``) never ends in ``.toml``, so a leftover from a
    killed process is not mistaken for a workspace or a backup.
    """
    fd, temp = _create_temporary(path)
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        if path.exists():
            os.chmod(temp, path.stat().st_mode & 0o7777)
        os.replace(temp, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(temp)
        raise
    _fsync(path.parent)


STALE_TEMPORARY_AGE = 3600
"""Seconds after which a temporary file of ours is a leftover of a killed save, not one in flight."""

_USER_ID = os.getuid() if hasattr(os, "getuid") else None
_TEMPORARY_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)


def _create_temporary(path: Path) -> tuple[int, Path]:
    """A new temporary file beside ``path``; ``O_EXCL`` never opens a file (or a link) already
    there, so a name taken (by chance or by someone planting a link) means trying another."""
    attempts = 3
    while True:
        temp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
        try:
            return os.open(temp, _TEMPORARY_FLAGS, 0o666), temp
        except FileExistsError:
            attempts -= 1
            if not attempts:
                raise


def _remove_stale_temporaries(path: Path) -> None:
    """Delete our own temporary files of ``path`` left behind by a killed save (best effort)."""
    pattern = re.compile(rf"\.{re.escape(path.name)}\.[0-9a-f]{{12}}\.tmp")
    cutoff = datetime.now().timestamp() - STALE_TEMPORARY_AGE
    with suppress(OSError), os.scandir(path.parent) as entries:
        for entry in entries:
            if not pattern.fullmatch(entry.name):
                continue
            info = entry.stat(follow_symlinks=False)
            ours = _USER_ID is None or info.st_uid == _USER_ID
            if stat.S_ISREG(info.st_mode) and ours and info.st_mtime < cutoff:
                with suppress(OSError):
                    os.unlink(entry.path)


def _fsync(path: Path) -> None:
    """Flush a file or folder to disk: a folder makes a rename durable; a file may hold what
    another program wrote and never flushed (cheap when it is on disk already, as after our own
    saves). Windows can open neither for this, hence the suppress."""
    with suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


_EXPORT_START = re.compile(r'# Post-Mortem: |\{\s*"schema_version": \d+,\s*"workspace": \{')
"""How the markdown (and Notion) and the JSON exports begin."""


def export_refusal(target: Path, source: Path) -> str | None:
    """Why an export of ``source`` may never replace ``target``, or None: not the workspace
    itself, nor a file another pm-postmortem has open."""
    if not target.exists():
        return None
    if target.resolve() == source.resolve():
        return "this is the workspace being exported; choose another file"
    lock = WorkspaceLock(target)
    if lock.lock_path.exists() and not lock.acquire():
        return f"open in another pm-postmortem ({lock.owner}); choose another file"
    lock.release()
    return None


def is_earlier_export(target: Path) -> bool:
    """Whether ``target`` is missing, empty, or begins as a markdown, Notion or JSON export does:
    a file an export may replace without asking twice."""
    try:
        start = _read(target, head=200).decode("utf-8", "replace")
    except WorkspaceError:
        return not target.exists()  # a pipe or a device: no export
    return not start.strip() or _EXPORT_START.match(start) is not None


# --- backups -----------------------------------------------------------------------------


def _backup_folder(path: Path) -> Path:
    target = path.resolve()
    digest = hashlib.sha1(str(target).encode("utf-8")).hexdigest()[:8]
    return backups_dir() / f"{target.stem}-{digest}"


def _backup(path: Path, target: Path, current: bytes) -> None:
    """Keep ``current``, the content of ``target``, as the newest backup of ``path``.

    A failure is logged, never raised.
    """
    folder = _backup_folder(path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        _keep_copy(target, folder / f"{stamp}.toml", current)
        for old in _thinned_out(list_backups(path)):
            old.unlink(missing_ok=True)
    except OSError as error:
        log.warning("could not back up %s: %s", path, error)


def _thinned_out(backups: list[Path]) -> list[Path]:
    """The backups (newest first) to delete: all but the newest `BACKUPS_KEPT` and, before
    those, one per `BACKUP_SPACING`, at most `SPACED_BACKUPS_KEPT`.

    The spaced ones are chosen from the oldest on, so a backup kept once stays kept when later
    saves thin the list again (each save does): counted from the newest, the choice would move
    with every save and keep only the last few minutes."""
    older = backups[BACKUPS_KEPT:]
    spaced: list[Path] = []
    last: datetime | None = None
    for backup in reversed(older):
        when = _backup_time(backup)
        if last is None or when is None or when - last >= BACKUP_SPACING:
            spaced.append(backup)
            last = when or last
    kept = set(spaced[-SPACED_BACKUPS_KEPT:])
    return [backup for backup in older if backup not in kept]


def _backup_time(backup: Path) -> datetime | None:
    """When a backup was made, from its name."""
    try:
        return datetime.strptime(backup.stem, "%Y%m%dT%H%M%S%fZ").replace(tzinfo=UTC)
    except ValueError:
        return None


def _keep_copy(target: Path, backup: Path, current: bytes) -> None:
    """Hard-link ``target`` as ``backup`` (no second copy to write), else write ``current`` there.

    Saves never write into the file but replace it, so once the save is done the linked
    content belongs to the backup alone.
    """
    try:
        os.link(target, backup)
    except OSError:  # another file system, or one without hard links
        atomic_write(backup, current)
        return
    _fsync(backup)
    _fsync(backup.parent)


def list_backups(path: Path) -> list[Path]:
    """The backups of ``path``, newest first."""
    folder = _backup_folder(path)
    return sorted(folder.glob("*.toml"), reverse=True) if folder.is_dir() else []


def restore_backup(backup: Path, path: Path) -> bool:
    """Put a (valid) backup back in place; the current file becomes a backup first. False when
    the file holds that version already (nothing is written)."""
    text = _decode(_read(backup), backup)
    loads(text, backup)
    try:
        if _read(path) == text.encode("utf-8"):
            return False
    except WorkspaceError:  # missing or unreadable: the backup replaces it
        pass
    write_text(path, text)
    return True


@dataclass(frozen=True)
class BackupVersion:
    """A backup as a person chooses one: when it was last changed, its size and its events;
    ``problem`` set means it cannot be restored."""

    path: Path
    changed: datetime
    size: int
    events: int
    problem: str | None = None

    @property
    def size_text(self) -> str:
        """``"812 B"``, ``"3.4 KiB"``, ``"1.2 MiB"``."""
        if self.size < 1024:
            return f"{self.size} B"
        kib = self.size / 1024
        return f"{kib:.1f} KiB" if kib < 1024 else f"{kib / 1024:.1f} MiB"


def backup_versions(path: Path) -> list[BackupVersion]:
    """The backups of ``path``, newest first, each read (not validated) for what it holds."""
    return [_describe_backup(backup) for backup in list_backups(path)]


def _describe_backup(backup: Path) -> BackupVersion:
    try:
        kept = datetime.strptime(backup.stem, "%Y%m%dT%H%M%S%fZ").replace(tzinfo=UTC)
    except ValueError:  # not named by us
        kept = datetime.fromtimestamp(backup.stat().st_mtime, UTC)
    try:
        content = _read(backup)
        data = _parse(_decode(content, backup), backup)
    except WorkspaceError as error:
        return BackupVersion(backup, kept, 0, 0, error.problem)
    updated = data.get("updated")
    changed = updated if isinstance(updated, datetime) and updated.tzinfo else kept
    timeline = data.get("timeline")
    events = len(timeline) if isinstance(timeline, list) else 0
    return BackupVersion(backup, changed, len(content), events)


# --- the workspaces folder ---------------------------------------------------------------


@dataclass(frozen=True)
class WorkspaceSummary:
    """One line of the workspace list; ``error`` set means the file cannot be opened."""

    path: Path
    name: str
    title: str
    severity: str
    status: str
    updated: datetime | None
    error: str | None = None


def list_workspaces(folder: Path | None = None) -> list[WorkspaceSummary]:
    """The ``*.toml`` files of ``folder`` (default: the workspaces folder), newest first.

    Reads only the metadata, without validating the whole document; unreadable files are
    listed with their problem.
    """
    folder = workspaces_dir() if folder is None else folder
    if not folder.is_dir():
        return []
    summaries = [_summarize(path) for path in sorted(folder.glob("*.toml"))]
    summaries.sort(
        key=lambda s: s.updated.timestamp() if s.updated else float("-inf"), reverse=True
    )
    return summaries


def _summarize(path: Path) -> WorkspaceSummary:
    try:
        data = _parse(_decode(_read(path), path), path)
    except WorkspaceError as error:
        return WorkspaceSummary(path, path.stem, "", "", "", None, error.problem)
    metadata = data.get("metadata")
    metadata = metadata if isinstance(metadata, dict) else {}
    updated = data.get("updated")
    return WorkspaceSummary(
        path=path,
        name=path.stem,
        title=_text(metadata.get("title")),
        severity=_text(metadata.get("severity")),
        status=_text(metadata.get("status")) or Status.DRAFT.value,
        updated=updated if isinstance(updated, datetime) and updated.tzinfo else None,
    )


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def slugify(title: str) -> str:
    """A file name stem for a title: ``"DATEV export: wrong VAT!"`` → ``"datev-export-wrong-vat"``."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    return slug[:60].rstrip("-") or "postmortem"


def unique_path(title: str, folder: Path | None = None) -> Path:
    """``<folder>/<slug>.toml``, or ``<slug>-2.toml``, ``-3`` … when taken."""
    folder = workspaces_dir() if folder is None else folder
    slug = slugify(title)
    candidate = folder / f"{slug}.toml"
    number = 2
    while candidate.exists():
        candidate = folder / f"{slug}-{number}.toml"
        number += 1
    return candidate


def resolve_workspace(path_or_name: str) -> Path:
    """A path (an existing file, or containing a separator, or ending in ``.toml``) or a name.

    A path that does not exist is returned as is, so the caller can create it.
    """
    path = Path(path_or_name).expanduser()
    looks_like_path = "/" in path_or_name or os.sep in path_or_name or path.suffix == ".toml"
    if path_or_name and (looks_like_path or path.is_file()):
        return path
    named = workspaces_dir() / f"{path_or_name}.toml"
    if path_or_name and named.is_file():
        return named
    if path_or_name and named.exists():
        raise WorkspaceError(f"{named} is not a file (a folder?): no workspace can be read from it")
    raise WorkspaceError(f"no workspace named {path_or_name} (see `pm-postmortem list`)")


# --- locking -----------------------------------------------------------------------------


class WorkspaceLock:
    """Tells one process it owns a workspace; others learn who does.

    An ``flock`` on the sidecar ``.<name>.lock``, held while the file stays open. The kernel
    drops it when the owner exits, even by kill -9, so a leftover lock file is simply taken
    over; a clean release deletes it. Without ``fcntl`` (Windows) every acquire succeeds.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        target = path.resolve()  # every link to one file shares its lock
        self.lock_path = target.with_name(f".{target.name}.lock")
        self.owner: str | None = None
        self._fd: int | None = None

    def acquire(self) -> bool:
        """True when this process now owns the workspace; else ``owner`` says who does."""
        if self._fd is not None or fcntl is None:
            return True
        while True:
            fd = _open_lock_file(self.lock_path, self.path)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                self.owner = _describe_owner(_read_all(fd))
                os.close(fd)
                return False
            except OSError as error:  # e.g. a network file system without locks
                os.close(fd)
                raise WorkspaceError(f"could not lock: {error.strerror or error}", self.path) from None
            if _still_named(fd, self.lock_path):
                break
            os.close(fd)  # its owner deleted it on release after we opened it: lock the new one
        stamp = datetime.now(UTC).isoformat(timespec="seconds")
        # Naming the owner is a courtesy, the flock is what counts: another user's file is locked
        # but never written.
        if os.fstat(fd).st_uid == _USER_ID:
            with suppress(OSError):
                os.ftruncate(fd, 0)
                os.write(fd, f"{os.getpid()} {socket.gethostname()} {stamp}\n".encode())
        self._fd = fd
        self.owner = None
        return True

    def release(self) -> None:
        # Deleted while still locked; whoever opened it before then finds it no longer named so
        # (see ``acquire``) and locks a new file instead of this one.
        if self._fd is not None:
            if _still_named(self._fd, self.lock_path):
                with suppress(OSError):
                    self.lock_path.unlink()
            os.close(self._fd)  # closing drops the flock
            self._fd = None

    def __enter__(self) -> WorkspaceLock:
        if not self.acquire():
            raise WorkspaceError(f"open in another pm-postmortem ({self.owner})", self.path)
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.release()


def _open_lock_file(lock_path: Path, path: Path) -> int:
    """Open (or create) the lock file without following a link, and only a plain file.

    Whoever can write to a shared folder could plant a link named like the lock file; writing
    through it would overwrite the file it points to.
    """
    flags = os.O_RDWR | os.O_CREAT | os.O_NONBLOCK  # NONBLOCK: a planted FIFO cannot hang us
    flags |= getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock_path, flags, 0o666)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise WorkspaceError(f"the lock file {lock_path} is a link; remove it", path) from None
        raise WorkspaceError(_describe_write_error(error, "lock", lock_path.parent), path) from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode) or info.st_nlink != 1:
        os.close(fd)
        raise WorkspaceError(
            f"the lock file {lock_path} is not a plain file (a link or a device); remove it", path
        )
    return fd


def _still_named(fd: int, lock_path: Path) -> bool:
    """Whether the open lock file ``fd`` is still the file at ``lock_path``."""
    try:
        named = os.stat(lock_path, follow_symlinks=False)
    except OSError:
        return False
    opened = os.fstat(fd)
    return (named.st_dev, named.st_ino) == (opened.st_dev, opened.st_ino)


def _read_all(fd: int) -> str:
    os.lseek(fd, 0, os.SEEK_SET)
    return os.read(fd, 4096).decode("utf-8", "replace")


def _describe_owner(text: str) -> str:
    """``"pid 1234 on host, since 10:42"`` from the lock file's ``"pid host iso-time"``."""
    try:
        pid, host, stamp = text.split()
        since = datetime.fromisoformat(stamp).astimezone()
    except (ValueError, OverflowError):
        return "another process"
    when = since.strftime("%H:%M" if since.date() == datetime.now().date() else "%Y-%m-%d %H:%M")
    return visible(f"pid {pid} on {host}, since {when}")
