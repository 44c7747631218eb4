"""F7 Preview: the markdown export, rendered."""

from __future__ import annotations

from textual.containers import VerticalScroll

from pm_postmortem.core.editing import Change
from pm_postmortem.core.export import to_markdown
from pm_postmortem.core.text import LINE_BREAK_MARK
from pm_postmortem.tui.widgets.pane import Pane

LINE_BREAK_HTML = "<br>"


class PreviewPane(Pane, VerticalScroll):
    """Renders the export while it is the visible pane; the Markdown widget is created on first
    show, so start-up does not pay for importing the markdown parser."""

    def on_show(self) -> None:
        self.render_document()

    def refresh_from(self, changes: list[Change]) -> None:
        if self.display and self.is_on_screen:
            self.render_document()

    def render_document(self) -> None:
        from textual.widgets import Markdown

        text = to_markdown(self.editor.workspace, currency=self.session.context.currency)
        # Textual's Markdown ignores inline HTML: a line break inside a cell shows as a mark.
        text = text.replace(LINE_BREAK_HTML, LINE_BREAK_MARK)
        existing = self.query(Markdown)
        if existing:
            existing.first().update(text)
        else:
            self.mount(Markdown(text, id="preview-markdown"))
