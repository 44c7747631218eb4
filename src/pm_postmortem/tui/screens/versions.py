"""The earlier versions kept of one workspace: enter restores the highlighted one."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from pm_postmortem.core.store import BackupVersion
from pm_postmortem.core.text import visible
from pm_postmortem.tui.focus import focus_now
from pm_postmortem.tui.styles import style_sheet
from pm_postmortem.tui.text import cell


class VersionsScreen(ModalScreen[BackupVersion | None]):
    """Lists ``versions`` newest first; dismisses with the chosen one, or None on escape."""

    CSS_PATH = style_sheet("picker")

    BINDINGS = [Binding("escape", "close", "Close", id="versions.close")]

    def __init__(self, name: str, versions: list[BackupVersion]) -> None:
        super().__init__()
        self.workspace_name = name
        self.versions = versions

    def compose(self) -> ComposeResult:
        with Vertical(id="versions"):
            yield Static(Content(f"Earlier versions of {visible(self.workspace_name)}"), id="versions-title")
            if self.versions:
                table: DataTable[Text | str] = DataTable(id="versions-table", cursor_type="row", zebra_stripes=True)
                table.add_columns("Last change", "Size", "Events")
                error_style = self.app.current_theme.error or "red"
                for version in self.versions:
                    if version.problem:
                        problem = f"✗ cannot be restored: {version.problem}"
                        table.add_row(cell(problem, style=error_style), "", "")
                    else:
                        changed = version.changed.astimezone().strftime("%Y-%m-%d %H:%M:%S")  # saves come seconds apart
                        table.add_row(cell(changed), cell(version.size_text), cell(str(version.events)))
                yield table
                keys = (
                    "enter: restore the highlighted version (the current file is kept as a "
                    "version first)    escape: close"
                )
            else:
                yield Static(
                    Content("None kept yet: a version is kept each time a save changes the file."),
                    id="versions-none",
                )
                keys = "escape: close"
            yield Static(Content(keys), id="versions-keys")

    def on_mount(self) -> None:
        for table in self.query("#versions-table").results(DataTable):
            focus_now(table)

    @on(DataTable.RowSelected, "#versions-table")
    def restore(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.dismiss(self.versions[event.cursor_row])

    def action_close(self) -> None:
        self.dismiss(None)
