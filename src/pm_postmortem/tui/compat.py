"""The only place that touches private Textual names (Textual is pinned; see tests/test_compat.py).

Each use is here because Textual has no public way to do it; a Textual upgrade is checked by the
tests of this module first.
"""

from __future__ import annotations

from textual.widgets import DataTable
from textual.widgets.data_table import Column


def resize_column(table: DataTable, column: Column, width: int) -> None:
    """Give ``column`` a fixed ``width`` and redraw ``table`` (DataTable only measures new cells)."""
    column.auto_width = False
    column.width = width
    table._require_update_dimensions = True
    table._clear_caches()
    table.refresh()
