"""The main screen: the header line, one pane at a time (F2–F7) and the footer."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Static

from pm_postmortem.tui.focus import focus_now
from pm_postmortem.tui.messages import PANE_OF_COLLECTION, DocumentChanged, JumpTo
from pm_postmortem.tui.session import Session
from pm_postmortem.tui.styles import read_all_style_sheets
from pm_postmortem.tui.text import fit_rows, one_line
from pm_postmortem.tui.widgets.key_bar import KeyBar
from pm_postmortem.tui.widgets.pane import Pane
from pm_postmortem.tui.widgets.status_bar import StatusBar


@dataclass(frozen=True)
class PaneRecord:
    """A pane of the workspace screen: its key, its tab label and where its widget class is."""

    key: str
    label: str
    module: str
    """The module under ``pm_postmortem.tui.widgets``."""
    widget: str

    def widget_class(self) -> type[Pane]:
        """Imported on first use, so that opening a workspace stays quick."""
        return getattr(import_module(f"pm_postmortem.tui.widgets.{self.module}"), self.widget)


PANES = {
    "overview": PaneRecord("f2", "Overview", "overview_pane", "OverviewPane"),
    "timeline": PaneRecord("f3", "Timeline", "timeline_pane", "TimelinePane"),
    "whys": PaneRecord("f4", "5 Whys", "whys_pane", "WhysPane"),
    "actions": PaneRecord("f5", "Actions", "action_board", "ActionsPane"),
    "review": PaneRecord("f6", "Review", "review_pane", "ReviewPane"),
    "preview": PaneRecord("f7", "Preview", "preview_pane", "PreviewPane"),
}
"""The panes by id, in the order of their tabs."""

FIRST_PANE = "overview"

BANNER_LINES = 2
"""The read-only banner never takes more rows than this; the keys that are refused say it whole."""


class WorkspaceScreen(Screen[None]):
    """Renders the session's workspace; every change arrives as a DocumentChanged message.

    A pane is built the first time it is shown and kept from then on.
    """

    BINDINGS = [  # the pane keys are on the tab row: the footer keeps its room for the pane's own keys
        Binding(record.key, f"show_pane('{pane}')", record.label, id=f"pane.{pane}", show=False)
        for pane, record in PANES.items()
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        yield StatusBar(self.session, id="status-bar")
        yield Static("", id="banner")
        yield Static(id="pane-tabs")
        yield ContentSwitcher(id="panes")
        yield KeyBar()

    async def on_mount(self) -> None:
        self.refresh_banner()
        await self.action_show_pane(FIRST_PANE)

    def refresh_banner(self) -> None:
        banner = self.query_one("#banner", Static)
        reason = self.session.editor.read_only
        banner.display = bool(reason)
        if reason:
            width = max(self.size.width or self.app.size.width, 20) - 2  # its padding
            banner.update(fit_rows(Content(one_line(f"Read-only: {reason}")), width, BANNER_LINES))

    def on_resize(self) -> None:
        self.refresh_banner()

    @property
    def current_pane(self) -> str:
        return self.query_one(ContentSwitcher).current or "overview"

    async def action_show_pane(self, pane: str) -> None:
        switcher = self.query_one(ContentSwitcher)
        if not switcher.query_children(f"#{pane}"):
            if pane != FIRST_PANE:  # the first frame's pane; the others' sheets may not be read yet
                read_all_style_sheets(self.app)
            await switcher.mount(PANES[pane].widget_class()(self.session, id=pane))
        switcher.current = pane
        tabs = [
            (f" {record.key.upper()} {record.label} ", "reverse" if name == pane else "")
            for name, record in PANES.items()
        ]
        self.query_one("#pane-tabs", Static).update(Content.assemble(*tabs))
        target = self.query_one(f"#{pane}")
        focusable = [widget for widget in target.query("*") if widget.can_focus]
        focus_now(focusable[0] if focusable else target)

    def pane(self, pane_id: str) -> Pane:
        """The pane with that id, once it has been shown."""
        return self.query_one(f"#{pane_id}", Pane)

    def on_document_changed(self, message: DocumentChanged) -> None:
        if self.session.closed:  # closed (quit) before the message arrived
            return
        for pane in self.query_one(ContentSwitcher).children:
            if isinstance(pane, Pane):
                pane.refresh_from(message.changes)
        self.refresh_status()

    async def on_jump_to(self, message: JumpTo) -> None:
        """Show the pane that holds the item and put the cursor on it."""
        pane_id = PANE_OF_COLLECTION.get(message.collection)
        if pane_id is None:
            return
        await self.action_show_pane(pane_id)
        self.pane(pane_id).select_item(message.collection, message.item_id)

    def refresh_status(self) -> None:
        status = self.query(StatusBar)
        if not status:  # the screen is being torn down (quit while a timer was due)
            return
        status.first().refresh_status()
        self.refresh_banner()
