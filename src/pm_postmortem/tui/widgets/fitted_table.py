"""A DataTable where one column takes the remaining width, so long text ends in an ellipsis."""

from __future__ import annotations

from textual import events
from textual.widgets import DataTable

from pm_postmortem.tui.compat import resize_column

NARROWEST_FILL = 8


class FittedTable(DataTable):
    """DataTable sizes columns to their content; here the free-text column (``fill_column``,
    the last by default) is fitted to the widget, so the other columns are never cut off."""

    fill_column = -1

    def on_resize(self, event: events.Resize) -> None:
        self.fit_columns()

    def fit_columns(self) -> None:
        columns = self.ordered_columns
        if not columns or not self.size.width:
            return
        fill = columns[self.fill_column]
        used = sum(column.get_render_width(self) for column in columns if column is not fill)
        width = max(NARROWEST_FILL, self.scrollable_content_region.width - used - 2 * self.cell_padding - 1)
        if fill.width == width and not fill.auto_width:
            return
        resize_column(self, fill, width)
