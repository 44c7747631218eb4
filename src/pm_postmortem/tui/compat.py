"""The only place that touches private Textual names (Textual is pinned; see tests/test_compat.py).

Each use is here because Textual has no public way to do it; a Textual upgrade is checked by the
tests of this module first.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable

import textual._xterm_parser as xterm_parser
from textual import events
from textual._xterm_parser import XTermParser
from textual.message import Message
from textual.widgets import DataTable
from textual.widgets.data_table import Column


def resize_column(table: DataTable, column: Column, width: int) -> None:
    """Give ``column`` a fixed ``width`` and redraw ``table`` (DataTable only measures new cells)."""
    column.auto_width = False
    column.width = width
    table._require_update_dimensions = True
    table._clear_caches()
    table.refresh()


PASTE_START = "\x1b[200~"
PASTE_END = "\x1b[201~"
"""What a terminal sends around a bracketed paste."""


class WholePasteParser(XTermParser):
    """Textual's input parser, but a bracketed paste is taken whole, escape characters and all.

    Textual's own parser reads an escape inside a paste as the start of a key sequence: the text
    from it to the next escape arrives as typed keys (the escape as ``^``) before the paste, so a
    pasted coloured log line lands scrambled (``^[31mred^[0m done10:02 ops: plain``). Here the
    text between the start and the end of a paste goes out as one `events.Paste`, as typed; the
    fields it lands in drop the escape sequences. A paste whose start marker is split across two
    reads (rare: terminals write a paste at once) is left to Textual's parser.
    """

    def __init__(self, debug: bool = False) -> None:
        super().__init__(debug)
        self._pasted: list[str] | None = None
        """The text of the paste being read; None outside a paste."""
        self._held = ""
        """The end of the last read, when it may be the start of `PASTE_END`."""

    def feed(self, data: str) -> Iterable[Message]:
        if not data:  # the end of input
            if self._pasted is not None:
                yield events.Paste("".join([*self._pasted, self._held]).replace("\x00", ""))
                self._pasted, self._held = None, ""
            yield from super().feed(data)
            return
        while data:
            if self._pasted is None:
                start = data.find(PASTE_START)
                if start < 0:
                    yield from super().feed(data)
                    return
                if start:
                    yield from super().feed(data[:start])
                self._pasted, data = [], data[start + len(PASTE_START) :]
                continue
            data, self._held = self._held + data, ""
            end = data.find(PASTE_END)
            if end < 0:
                kept = next((size for size in range(len(PASTE_END) - 1, 0, -1) if data.endswith(PASTE_END[:size])), 0)
                self._pasted.append(data[: len(data) - kept])
                self._held = data[len(data) - kept :]
                return
            self._pasted.append(data[:end])
            text, self._pasted = "".join(self._pasted), None
            yield events.Paste(text.replace("\x00", ""))  # as Textual does: NUL ends strings in places
            data = data[end + len(PASTE_END) :]


_DRIVERS = (
    "textual.drivers.linux_driver",
    "textual.drivers.linux_inline_driver",
    "textual.drivers.web_driver",
    "textual.drivers.win32",
)


def read_pastes_whole() -> None:
    """Make the terminal drivers read input with `WholePasteParser` (those loaded already and
    those loaded later); calling it again changes nothing."""
    xterm_parser.XTermParser = WholePasteParser  # type: ignore[misc]
    for name in _DRIVERS:
        module = sys.modules.get(name)
        if module is not None:
            module.XTermParser = WholePasteParser  # type: ignore[attr-defined]
