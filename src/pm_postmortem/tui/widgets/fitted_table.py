"""A DataTable whose last column takes the remaining width, so long text ends in an ellipsis."""

from __future__ import annotations

from textual import events
from textual.widgets import DataTable

from pm_postmortem.tui.compat import resize_column


class FittedTable(DataTable):
    """DataTable sizes columns to their content; here the last column is fitted to the widget."""

    def on_resize(self, event: events.Resize) -> None:
        self.fit_last_column()

    def fit_last_column(self) -> None:
        columns = self.ordered_columns
        if not columns or not self.size.width:
            return
        used = sum(column.get_render_width(self) for column in columns[:-1])
        last = columns[-1]
        width = max(8, self.scrollable_content_region.width - used - 2 * self.cell_padding - 1)
        if last.width == width and not last.auto_width:
            return
        resize_column(self, last, width)
