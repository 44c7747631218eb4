"""F7 Preview: the markdown export, rendered."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Markdown

from pm_postmortem.core.editing import Change
from pm_postmortem.core.export import to_markdown


class PreviewPane(VerticalScroll):
    """Re-renders the export shortly after changes, and only while it is the visible pane."""

    def compose(self) -> ComposeResult:
        yield Markdown(id="preview-markdown")

    def on_show(self) -> None:
        self.render_document()

    def refresh_from(self, changes: list[Change]) -> None:
        if self.display and self.is_on_screen:
            self.render_document()

    def render_document(self) -> None:
        text = to_markdown(self.app.editor.workspace, currency=self.app.context.currency)
        self.query_one(Markdown).update(text)
