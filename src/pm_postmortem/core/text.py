"""User text on its way to a terminal: control characters are shown, never obeyed.

Workspaces keep text exactly as typed, pasted or imported; only what is shown is changed. Every
C0 and C1 control character, DEL, the Unicode line and paragraph separators and the bidi
overrides and isolates become a visible escape (``ESC`` → ``\\x1b``, ``RLO`` → ``\\u202e``),
so a title cannot write the clipboard, clear the screen or reorder what a line appears to say.
"""

from __future__ import annotations

import re

BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
"""Marks, embeddings, overrides and isolates that change the order a terminal shows text in."""

_OTHER_CONTROLS = "\x0b-\x1f\x7f-\x9f\u2028\u2029" + BIDI_CONTROLS
LINE_BREAK_MARK = " ⏎ "
"""What a line break inside one-line text is shown as."""

UNSAFE_CHARACTER = re.compile(f"[\x00-\x0a{_OTHER_CONTROLS}]")
"""Any character `visible` replaces in one-line text."""
_UNSAFE_BUT_LAYOUT = re.compile(f"[\x00-\x08{_OTHER_CONTROLS}]")
"""The same but tab and line feed, which a multi-line widget lays out itself."""


def _shown(match: re.Match[str]) -> str:
    code = ord(match[0])
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def line_feeds(text: str) -> str:
    """``text`` with every line break as a line feed: CRLF, and a lone CR as terminals send the
    line breaks of a paste."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def joined_lines(text: str) -> str:
    """Pasted ``text`` for a one-line field: its lines (LF, CRLF or CR) joined by a space, blank
    lines and the spaces around each break left out; text without a line break is kept as is."""
    text = line_feeds(text)
    if "\n" not in text:
        return text
    return " ".join(line.strip() for line in text.split("\n") if line.strip())


def visible(text: str, *, multiline: bool = False) -> str:
    """``text`` safe to write to a terminal, every unsafe character as its escape.

    ``multiline`` keeps line breaks (``\\r\\n`` and a lone ``\\r`` become ``\\n``) and tabs, for
    widgets that lay out several lines; otherwise they are shown as escapes too.
    """
    if multiline:
        return _UNSAFE_BUT_LAYOUT.sub(_shown, line_feeds(text))
    return UNSAFE_CHARACTER.sub(_shown, text)


def one_line(value: str) -> str:
    """User text on a single line, line breaks shown as a mark; control characters made visible."""
    return visible(LINE_BREAK_MARK.join(line_feeds(value).split("\n")))


def without_controls(text: str) -> str:
    """``text`` without the characters `visible` shows as escapes, tab and line feed kept: for a
    widget that lays text out by cell width, where these take none, so nothing moves."""
    return _UNSAFE_BUT_LAYOUT.sub("", text)


TERMINAL_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves, clearing
    r"|(?:\x1b[\]P_^X]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?"  # OSC, DCS …
    r"|\x1b[ -/]*[0-~]"  # any other escape
)
"""An escape sequence as terminals read them (ECMA-48), never across a line break."""


def strip_terminal_sequences(text: str) -> str:
    """``text`` without escape sequences: the colours of a log copied from a terminal."""
    return TERMINAL_SEQUENCE.sub("", text)


def pasted_text(text: str) -> str:
    """Pasted ``text`` as it reads: line breaks as line feeds and no escape sequences (the colours
    of a log copied from a terminal). Other control characters stay, for a reader to report."""
    return strip_terminal_sequences(line_feeds(text))


def pasted_line(text: str) -> str:
    """Pasted ``text`` for a one-line field that is read, not kept as typed (the timeline's
    capture line): `pasted_text` without any control character, its lines joined by a space."""
    return joined_lines(without_controls(pasted_text(text)).replace("\t", " "))


def match_end(pattern: re.Pattern[str], text: str, position: int = 0) -> int:
    """Where ``pattern`` stops matching ``text`` at ``position``; for patterns that may match
    nothing (and so always match) this is ``position`` or further."""
    found = pattern.match(text, position)
    return found.end() if found is not None else position
