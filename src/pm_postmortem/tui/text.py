"""Turning user text into something a widget shows literally."""

from __future__ import annotations

from rich.text import Text

LINE_BREAK_MARK = " ⏎ "


def one_line(value: str) -> str:
    """User text on a single line, line breaks shown as a mark; control characters made visible."""
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    text = LINE_BREAK_MARK.join(text.split("\n"))
    return "".join(char if char.isprintable() or char == " " else f"\\x{ord(char):02x}" for char in text)


def cell(value: object, *, style: str = "") -> Text:
    """A table cell: literal text (never markup), one line, cut with an ellipsis by the column."""
    return Text(one_line("" if value is None else str(value)), style=style, no_wrap=True, overflow="ellipsis")
