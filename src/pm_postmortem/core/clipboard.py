"""Copying text to the system clipboard, with a file as the fallback when there is none."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from pm_postmortem.core.paths import data_dir


def system_clipboard_copy(text: str) -> str | None:
    """Copy through pyperclip; returns None on success, else why it could not."""
    try:
        import pyperclip

        pyperclip.copy(text)
    except Exception:  # pyperclip raises its own types and OS errors alike
        return "on Linux it needs xclip, xsel or wl-copy"
    return None


def fallback_file(text: str, stem: str, suffix: str = ".md") -> Path:
    """Write text where the user can pick it up when no clipboard works."""
    folder = data_dir() / "exports"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{stem}-{datetime.now(UTC):%Y%m%dT%H%M%S}{suffix}"
    path.write_text(text, encoding="utf-8")
    return path


def copy_text(text: str, stem: str) -> tuple[bool, str]:
    """Copy to the system clipboard, or write a file; whether it was copied, and a sentence
    saying which happened."""
    problem = system_clipboard_copy(text)
    if problem is None:
        return True, "Copied to the system clipboard."
    path = fallback_file(text, stem)
    return False, f"No system clipboard here ({problem}); wrote {path} instead."
