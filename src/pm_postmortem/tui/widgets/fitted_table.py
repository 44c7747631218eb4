"""A DataTable where one column takes the remaining width, so long text ends in an ellipsis."""

from __future__ import annotations

from textual import events
from textual.widgets import DataTable

from pm_postmortem.tui.compat import resize_column

NARROWEST_FILL = 8
GENEROUS_FILL = 30
"""Other free-text columns give way (down to their narrowest) until the fill column is this wide."""


class FittedTable(DataTable):
    """DataTable sizes columns to their content; here the free-text column (``fill_column``,
    the last by default) is fitted to the widget, so the other columns are never cut off."""

    fill_column = -1
    giving_columns: dict[int, tuple[int, int]] = {}
    """Column index → (widest, narrowest) of the other free-text columns; fixed columns (numbers,
    dates, choices) keep their width."""

    def on_resize(self, event: events.Resize) -> None:
        self.fit_columns()

    def fit_columns(self) -> None:
        columns = self.ordered_columns
        if not columns or not self.size.width:
            return
        fill = columns[self.fill_column]
        room = self.scrollable_content_region.width - 2 * self.cell_padding - 1
        fixed = sum(column.get_render_width(self) for index, column in enumerate(columns)
                    if column is not fill and index not in self.giving_columns)
        wanted = room - fixed - GENEROUS_FILL  # what the giving columns may have at most
        for index, (widest, narrowest) in self.giving_columns.items():
            width = max(narrowest, min(widest, wanted - 2 * self.cell_padding))
            wanted -= width + 2 * self.cell_padding
            if columns[index].width != width:
                resize_column(self, columns[index], width)
        used = sum(column.get_render_width(self) for column in columns if column is not fill)
        width = max(NARROWEST_FILL, self.scrollable_content_region.width - used - 2 * self.cell_padding - 1)
        if fill.width == width and not fill.auto_width:
            return
        resize_column(self, fill, width)
