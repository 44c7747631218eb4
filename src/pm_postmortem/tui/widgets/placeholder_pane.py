"""A pane that is not built yet: says so plainly."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from pm_postmortem.core.editing import Change


class PlaceholderPane(Static):
    def __init__(self, name: str, **kwargs) -> None:
        super().__init__(
            Content(f"{name} is not available in this version yet. Its content is kept in the file "
                    "and appears in the export (F7)."),
            **kwargs,
        )

    def refresh_from(self, changes: list[Change]) -> None:
        """Nothing shown here depends on the document."""
