"""Where the facilitator is: the pane and item shown, in a small sidecar file beside the workspace.

The facilitator's app writes ``.<name>.presence.json`` (atomically, only when it changes);
followers in "follow the facilitator" mode read it and show the same. The file is read as
untrusted: anything odd in it reads as "nowhere in particular".
"""

from __future__ import annotations

import json
import os
import re
import secrets
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

MAX_PRESENCE_BYTES = 4096
PANE_NAMES = ("overview", "timeline", "whys", "actions", "review", "preview")

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_ITEM_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")


@dataclass(frozen=True)
class Presence:
    pane: str
    collection: str | None = None
    item_id: str | None = None


def presence_path(workspace: Path) -> Path:
    target = workspace.resolve()
    return target.with_name(f".{target.name}.presence.json")


def write_presence(workspace: Path, presence: Presence) -> None:
    """Publish ``presence`` (an OSError is the caller's to report or ignore).

    Not flushed to disk: it is only of use while the meeting runs, and the facilitator's cursor
    moves often.
    """
    record = {"pane": presence.pane, "collection": presence.collection, "item": presence.item_id}
    target = presence_path(workspace)
    temp = target.with_name(f"{target.name}.{secrets.token_hex(6)}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o666)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(json.dumps(record).encode("ascii") + b"\n")
        os.replace(temp, target)  # a reader sees the old place or the new one, never half of one
    except BaseException:
        with suppress(OSError):
            os.unlink(temp)
        raise


def withdraw_presence(workspace: Path) -> None:
    """Remove the published place, when the facilitator leaves the workspace (gone already: fine)."""
    with suppress(OSError):
        presence_path(workspace).unlink()


def read_presence(workspace: Path) -> Presence | None:
    """What the facilitator shows, or None when nothing (readable) was published."""
    try:
        fd = os.open(presence_path(workspace), os.O_RDONLY | _NOFOLLOW)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as stream:
        data = stream.read(MAX_PRESENCE_BYTES + 1)
    try:
        record = json.loads(data) if len(data) <= MAX_PRESENCE_BYTES else None
    except ValueError:
        return None
    if not isinstance(record, dict) or record.get("pane") not in PANE_NAMES:
        return None
    collection, item_id = record.get("collection"), record.get("item")
    if not (isinstance(collection, str) and collection.isidentifier()):
        return Presence(record["pane"])
    return Presence(record["pane"], collection, item_id if isinstance(item_id, str) and _ITEM_ID.fullmatch(item_id) else None)
