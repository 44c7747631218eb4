"""The private Textual names the app relies on still exist and behave (run first on an upgrade)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import DataTable

from pm_postmortem.tui.compat import resize_column


class OneTable(App):
    def compose(self) -> ComposeResult:
        yield DataTable()


async def test_resize_column_changes_the_drawn_width():
    app = OneTable()
    async with app.run_test(size=(60, 10)) as pilot:
        table = app.query_one(DataTable)
        table.add_column("Name", key="name")
        table.add_row("a rather long text that is cut")
        await pilot.pause()
        column = table.ordered_columns[0]
        resize_column(table, column, 10)
        await pilot.pause()
        assert column.width == 10 and not column.auto_width
        assert column.get_render_width(table) == 10 + 2 * table.cell_padding
        assert "a rather long text" not in table.render_line(1).text
