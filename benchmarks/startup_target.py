"""One start-up, measured from the benchmark: `minimal` (a plain Textual app) or `app PATH`.

Each variant notes the time when its first full screen has been painted, then exits. The parent
passes its clock reading from just before it started this process in STARTED (seconds since the
epoch); the seconds from then to the first frame are written to the file named by FIRST_FRAME_FILE.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path


def first_frame_painted() -> None:
    elapsed = time.time() - float(os.environ["STARTED"])
    Path(os.environ["FIRST_FRAME_FILE"]).write_text(f"{elapsed:.6f}")


def minimal() -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import DataTable, Footer, Header, TabbedContent, TabPane

    class Minimal(App):
        def compose(self) -> ComposeResult:
            yield Header()
            with TabbedContent():
                with TabPane("Table"):
                    yield DataTable()
                with TabPane("Other"):
                    yield Footer()
            yield Footer()

        def on_mount(self) -> None:
            table = self.query_one(DataTable)
            table.add_columns("Time", "Event", "Actor")
            for row in range(200):
                table.add_row(f"10:{row % 60:02d}", f"event {row}", "system")
            self.call_after_refresh(self.painted)

        def painted(self) -> None:
            first_frame_painted()
            self.exit()

    Minimal().run(headless=True, size=(120, 36))


def full_app(path: Path) -> None:
    from pm_postmortem.tui.app import PostmortemApp
    from pm_postmortem.tui.screens.workspace import WorkspaceScreen

    class Measured(PostmortemApp):
        def on_mount(self) -> None:  # Textual also runs PostmortemApp.on_mount itself
            self.set_interval(0.001, self._exit_when_painted)

        def _exit_when_painted(self) -> None:
            screen = self.screen
            # The pane tabs are filled at the end of the screen's on_mount: then it is all there.
            if isinstance(screen, WorkspaceScreen) and str(screen.query_one("#pane-tabs").render()):
                self.call_after_refresh(self.painted)

        def painted(self) -> None:
            first_frame_painted()
            self.exit()

    Measured(path, cursor_blink=False).run(headless=True, size=(120, 36))


if __name__ == "__main__":
    if sys.argv[1] == "minimal":
        minimal()
    else:
        full_app(Path(sys.argv[2]))
