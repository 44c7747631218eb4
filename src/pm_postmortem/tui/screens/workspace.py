"""The main screen: the header line, one pane at a time (F2–F7) and the footer."""

from __future__ import annotations

from importlib import import_module

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Static

from pm_postmortem.tui.focus import focus_now
from pm_postmortem.tui.messages import PANE_OF_COLLECTION, DocumentChanged, JumpTo
from pm_postmortem.tui.widgets.key_bar import KeyBar
from pm_postmortem.tui.widgets.status_bar import StatusBar

PANES = {
    "overview": ("f2", "Overview"),
    "timeline": ("f3", "Timeline"),
    "whys": ("f4", "5 Whys"),
    "actions": ("f5", "Actions"),
    "review": ("f6", "Review"),
    "preview": ("f7", "Preview"),
}
PANE_WIDGETS = {
    "overview": ("overview_pane", "OverviewPane"),
    "timeline": ("timeline_pane", "TimelinePane"),
    "whys": ("whys_pane", "WhysPane"),
    "actions": ("action_board", "ActionsPane"),
    "review": ("review_pane", "ReviewPane"),
    "preview": ("preview_pane", "PreviewPane"),
}


def pane_class(pane: str) -> type[Widget]:
    """The widget class of a pane, imported on first use so that opening a workspace stays quick."""
    module, name = PANE_WIDGETS[pane]
    return getattr(import_module(f"pm_postmortem.tui.widgets.{module}"), name)


class WorkspaceScreen(Screen):
    """Renders the open workspace; every change arrives as a DocumentChanged message.

    A pane is built the first time it is shown and kept from then on.
    """

    BINDINGS = [
        Binding(key, f"show_pane('{pane}')", label, id=f"pane.{pane}")
        for pane, (key, label) in PANES.items()
    ]

    def compose(self) -> ComposeResult:
        yield StatusBar(id="status-bar")
        yield Static("", id="banner")
        yield Static(id="pane-tabs")
        yield ContentSwitcher(id="panes")
        yield KeyBar()

    async def on_mount(self) -> None:
        self.refresh_banner()
        await self.action_show_pane("overview")

    def refresh_banner(self) -> None:
        banner = self.query_one("#banner", Static)
        reason = self.app.editor.read_only
        banner.display = bool(reason)
        if reason:
            banner.update(Content(f"Read-only: {reason}"))

    @property
    def current_pane(self) -> str:
        return self.query_one(ContentSwitcher).current or "overview"

    async def action_show_pane(self, pane: str) -> None:
        switcher = self.query_one(ContentSwitcher)
        if not switcher.query_children(f"#{pane}"):
            await switcher.mount(pane_class(pane)(id=pane))
        switcher.current = pane
        tabs = [
            (f" {key.upper()} {label} ", "reverse" if name == pane else "")
            for name, (key, label) in PANES.items()
        ]
        self.query_one("#pane-tabs", Static).update(Content.assemble(*tabs))
        target = self.query_one(f"#{pane}")
        focusable = [widget for widget in target.query("*") if widget.can_focus]
        focus_now(focusable[0] if focusable else target)

    def on_document_changed(self, message: DocumentChanged) -> None:
        if self.app.editor is None:  # closed (quit) before the message arrived
            return
        for pane in self.query_one(ContentSwitcher).children:
            pane.refresh_from(message.changes)
        self.refresh_status()

    async def on_jump_to(self, message: JumpTo) -> None:
        """Show the pane that holds the item and put the cursor on it."""
        pane_id = PANE_OF_COLLECTION.get(message.collection)
        if pane_id is None:
            return
        await self.action_show_pane(pane_id)
        pane = self.query_one(f"#{pane_id}")
        select = getattr(pane, "select_item", None)
        if select is not None:
            select(message.collection, message.item_id)

    def refresh_status(self) -> None:
        status = self.query(StatusBar)
        if not status:  # the screen is being torn down (quit while a timer was due)
            return
        status.first().refresh_status()
        self.refresh_banner()
