"""What the header says about saving."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class SaveKind(StrEnum):
    SAVED = "saved"
    UNSAVED = "unsaved changes"
    SAVING = "saving…"
    FAILED = "save failed — retrying"
    READ_ONLY = "read-only"


@dataclass(frozen=True)
class SaveState:
    kind: SaveKind
    when: datetime | None = None
    detail: str = ""
