"""Turning user text into something a widget shows literally."""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from pm_postmortem.core.text import one_line


def cell(value: object, *, style: str = "") -> Text:
    """A table cell: literal text (never markup), one line, cut with an ellipsis by the column."""
    return Text(one_line("" if value is None else str(value)), style=style, no_wrap=True, overflow="ellipsis")


def middle_cut(value: str, width: int) -> str:
    """``value`` in ``width`` characters, its middle left out: file names that differ only at
    their start or end stay apart."""
    if len(value) <= width:
        return value
    tail = (width - 1) // 2
    return value[: width - 1 - tail] + "…" + value[len(value) - tail:]


def fit_rows(text: Content, width: int, rows: int) -> Content:
    """``text`` wrapped to ``width`` in at most ``rows`` rows, the last ending in "…" when some
    is left out."""
    wrapped = text.wrap(width)
    if len(wrapped) <= rows:
        return text
    last = wrapped[rows - 1].truncate(width - 1).rstrip() + "…"
    return Content("\n").join([*wrapped[: rows - 1], last])
