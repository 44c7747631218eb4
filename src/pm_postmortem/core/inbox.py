"""Suggestions from the room: an append-only inbox of JSON lines beside the workspace.

Followers never write the workspace. Each suggestion is one line of ``.<name>.inbox.jsonl``,
appended under the inbox's own lock (``.<name>.inbox.lock``, an ``flock``), and the facilitator's
decision is a second line (``{"status": ...}``) appended later: nothing is ever rewritten or
deleted. Every text is size-limited and kept on one line; whatever a follower sends is treated as
hostile, so reading is as careful as writing.
"""

from __future__ import annotations

import json
import os
import secrets
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from pm_postmortem.core.editing import EditError, Editor
from pm_postmortem.core.model import TimelineEvent

try:
    import fcntl
except ImportError:  # Windows: appends of one write each, without the lock
    fcntl = None  # type: ignore[assignment]

MAX_TEXT = 1000
"""Characters a suggestion's text may have (a post-mortem sentence is far shorter)."""
MAX_NAME = 40
"""Characters of a follower's display name."""
LOCK_WAIT = 2.0
"""Seconds to wait for the inbox's lock before giving up with a message."""
MAX_INBOX_BYTES = 2 * 1024 * 1024
"""An inbox file stops taking suggestions at this size (thousands of suggestions)."""

ESCAPED_LENGTH = 8
"""Characters one character may take once made visible (``\\x1b``, ``\\xe0001``)."""

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


class Kind(StrEnum):
    EVENT = "event"
    WHY = "why"
    ACTION = "action"
    COMMENT = "comment"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS = {
    Kind.EVENT: "timeline event",
    Kind.WHY: "why answer",
    Kind.ACTION: "corrective action",
    Kind.COMMENT: "comment",
}


class Status(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DISMISSED = "dismissed"


class InboxError(Exception):
    """A suggestion that was refused or could not be written; the message is one clear line."""


@dataclass
class Suggestion:
    id: str
    time: datetime
    author: str
    kind: Kind
    text: str
    collection: str | None = None
    """What ``target`` is an item of (why answers: ``whys``; comments: any collection)."""
    target: str | None = None
    """The why node an answer goes under (None: the symptom) or the item a comment is about."""
    status: Status = Status.PENDING

    def record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "time": self.time.isoformat(timespec="seconds"),
            "author": self.author,
            "kind": self.kind.value,
            "text": self.text,
            "collection": self.collection,
            "target": self.target,
        }


@dataclass
class InboxContents:
    suggestions: list[Suggestion] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    """One line per part of the file that was skipped (a line cut short, junk)."""

    @property
    def pending(self) -> list[Suggestion]:
        return [item for item in self.suggestions if item.status is Status.PENDING]


def inbox_path(workspace: Path) -> Path:
    target = workspace.resolve()
    return target.with_name(f".{target.name}.inbox.jsonl")


def visible(text: str) -> str:
    """``text`` with every control character written out (``\\x1b``), so none reaches a screen."""
    return "".join(char if char.isprintable() or char == " " else f"\\x{ord(char):02x}" for char in text)


def clean_text(text: str, what: str = "text", limit: int = MAX_TEXT) -> str:
    """A follower's text, stripped and on one line with control characters made visible.

    Raises InboxError when it is empty or longer than ``limit``.
    """
    cleaned = visible(text.strip())
    if not cleaned:
        raise InboxError(f"the {what} is empty")
    if len(text) > limit:
        raise InboxError(f"the {what} has {len(text):,} characters; at most {limit:,} are taken")
    return cleaned


def new_suggestion(
    author: str,
    kind: Kind,
    text: str,
    *,
    collection: str | None = None,
    target: str | None = None,
    now: datetime | None = None,
) -> Suggestion:
    """A checked suggestion, ready to append (InboxError when a text is refused)."""
    return Suggestion(
        id=secrets.token_hex(6),
        time=now or datetime.now(UTC),
        author=clean_text(author, "display name", MAX_NAME),
        kind=Kind(kind),
        text=clean_text(text),
        collection=collection,
        target=target,
    )


# --- the file ----------------------------------------------------------------------------


@contextmanager
def _locked(inbox: Path, *, shared: bool = False) -> Iterator[None]:
    """Hold the inbox's own lock; a symlink planted as the lock file is refused, not followed.

    Waits at most LOCK_WAIT seconds, so that a writer that hangs cannot freeze the facilitator.
    """
    if fcntl is None:
        yield
        return
    lock_path = inbox.with_name(inbox.name.removesuffix(".jsonl") + ".lock")
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | _NOFOLLOW, 0o666)
    except OSError as error:
        raise InboxError(f"cannot lock the inbox {lock_path}: {error.strerror or error}") from None
    try:
        deadline = time.monotonic() + LOCK_WAIT
        while True:
            try:
                fcntl.flock(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise InboxError(f"the inbox {inbox.name} is busy; try again in a moment") from None
                time.sleep(0.01)
        yield
    finally:
        os.close(fd)  # closing drops the flock


def _append(inbox: Path, record: dict[str, Any]) -> None:
    line = json.dumps(record, ensure_ascii=True, separators=(",", ":")).encode("ascii") + b"\n"
    with _locked(inbox):
        try:
            fd = os.open(inbox, os.O_RDWR | os.O_APPEND | os.O_CREAT | _NOFOLLOW, 0o666)
        except OSError as error:
            raise InboxError(f"cannot write the inbox {inbox}: {error.strerror or error}") from None
        try:
            size = os.fstat(fd).st_size
            if size + len(line) > MAX_INBOX_BYTES:
                raise InboxError(f"the inbox {inbox.name} is full ({size:,} bytes); nothing was added")
            if size and os.pread(fd, 1, size - 1) != b"\n":
                line = b"\n" + line  # the last line was cut short: start on a line of our own
            view = memoryview(line)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        except OSError as error:
            raise InboxError(f"cannot write the inbox {inbox}: {error.strerror or error}") from None
        finally:
            os.close(fd)


def add_suggestion(workspace: Path, suggestion: Suggestion) -> None:
    """Append ``suggestion`` to the inbox of ``workspace``."""
    _append(inbox_path(workspace), suggestion.record())


def set_status(workspace: Path, suggestion_id: str, status: Status, *, now: datetime | None = None) -> None:
    """Record the facilitator's decision: a new line, the suggestion itself stays as it was."""
    stamp = (now or datetime.now(UTC)).isoformat(timespec="seconds")
    _append(inbox_path(workspace), {"status": Status(status).value, "of": suggestion_id, "time": stamp})


def read_inbox(workspace: Path) -> InboxContents:
    """Every suggestion with its latest status; lines that cannot be read are skipped and named."""
    inbox = inbox_path(workspace)
    contents = InboxContents()
    if not os.path.lexists(inbox):
        return contents  # nothing suggested yet (and no lock file made for nothing)
    try:
        with _locked(inbox, shared=True):  # a line being written is not mistaken for a torn one
            fd = os.open(inbox, os.O_RDONLY | _NOFOLLOW)
            with os.fdopen(fd, "rb") as stream:
                data = stream.read(MAX_INBOX_BYTES + 1)
    except FileNotFoundError:
        return contents
    except InboxError as error:
        contents.problems.append(str(error))
        return contents
    except OSError as error:
        contents.problems.append(f"cannot read the inbox {inbox.name}: {error.strerror or error}")
        return contents
    lines = data.split(b"\n")
    torn = lines.pop()  # empty when the file ends with a line break, as every complete write does
    if torn:
        contents.problems.append(
            f"the last suggestion in {inbox.name} was cut short (the writer stopped mid-way) and is skipped"
        )
    by_id: dict[str, Suggestion] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            _read_record(record, by_id)
        except (ValueError, KeyError, TypeError, InboxError):
            contents.problems.append(f"line {number} of {inbox.name} is not a suggestion and is skipped")
    contents.suggestions = list(by_id.values())
    return contents


def _read_record(record: Any, by_id: dict[str, Suggestion]) -> None:
    if not isinstance(record, dict):
        raise TypeError("not an object")
    if "status" in record:
        suggestion = by_id.get(str(record["of"]))
        if suggestion is not None:
            suggestion.status = Status(record["status"])
        return
    time = datetime.fromisoformat(str(record["time"]))
    suggestion = Suggestion(
        id=visible(str(record["id"]))[:40],
        time=time if time.tzinfo else time.replace(tzinfo=UTC),
        author=_stored_text(record["author"], MAX_NAME),
        kind=Kind(record["kind"]),
        text=_stored_text(record["text"], MAX_TEXT),
        collection=_optional_text(record.get("collection")),
        target=_optional_text(record.get("target")),
    )
    by_id.setdefault(suggestion.id, suggestion)


def _stored_text(value: Any, limit: int) -> str:
    """A text as read back: made visible again (the file may have been written by anyone)."""
    text = visible(str(value))
    if not text.strip() or len(text) > ESCAPED_LENGTH * limit:
        raise InboxError("an empty or oversized text")
    return text


def _optional_text(value: Any) -> str | None:
    return None if value is None else visible(str(value))[:100]


# --- accepting ---------------------------------------------------------------------------


def parse_event_line(text: str, *, on: date | None, tz: str, now: datetime) -> TimelineEvent:
    """One capture line (``14:09 alertmanager: alert fired !detected``) as a timeline event.

    Read as the timeline's capture line reads it; raises EditError with its reason.
    """
    from pm_postmortem.core.capture import CaptureError, parse_capture_line  # on first use

    try:
        captured = parse_capture_line(text, day=on, zone=ZoneInfo(tz), now=now)
    except CaptureError as error:
        raise EditError([str(error)]) from None
    return TimelineEvent(time=captured.time, text=captured.text, actor=captured.actor, markers=captured.markers)


def accept(editor: Editor, suggestion: Suggestion, text: str | None = None) -> str:
    """Make ``suggestion`` (with ``text`` as edited by the facilitator) an edit: one undo step.

    Returns what was done, in words; raises EditError when the document refuses it.
    """
    try:
        wording = suggestion.text if text is None else clean_text(text)
    except InboxError as error:
        raise EditError([str(error)]) from None
    workspace = editor.workspace
    label = f"Accept {suggestion.kind.label} from {suggestion.author}"
    match suggestion.kind:
        case Kind.EVENT:
            event = parse_event_line(
                wording, on=workspace.metadata.incident_date, tz=workspace.display_tz, now=editor.clock()
            )
            editor.add("timeline", event, label=label)
        case Kind.WHY:
            if suggestion.target is not None:
                editor.index_of("whys", suggestion.target)  # the node may have been deleted since
            editor.add("whys", {"parent": suggestion.target, "answer": wording}, label=label)
        case Kind.ACTION:
            editor.add("actions", {"action": wording}, label=label)
        case Kind.COMMENT:
            about = describe_item(editor, suggestion.collection, suggestion.target)
            note = f"{suggestion.author} on {about}: {wording}" if about else f"{suggestion.author}: {wording}"
            notes = workspace.notes.rstrip("\n")
            editor.set("notes", f"{notes}\n{note}" if notes else note, label=label)
    return f"Added the {suggestion.kind.label} from {suggestion.author}."



def describe_item(editor: Editor, collection: str | None, item_id: str | None) -> str:
    """A few words that name an item (``the timeline event "DB failover"``); "" when it is gone."""
    if collection is None or item_id is None:
        return ""
    try:
        item = editor.find(collection, item_id)
    except EditError:
        return ""
    words = next(
        (getattr(item, name) for name in ("text", "answer", "action", "factor", "lesson", "label") if getattr(item, name, "")),
        "",
    )
    short = words if len(words) <= 40 else words[:39].rstrip() + "…"
    return f'the {collection.replace("_", " ")} entry "{short}"'
