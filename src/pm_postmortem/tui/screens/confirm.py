"""A yes/no question: y or enter confirms, n or escape declines."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from pm_postmortem.core.text import visible
from pm_postmortem.tui.styles import style_sheet


class ConfirmScreen(ModalScreen[bool]):
    CSS_PATH = style_sheet("form")

    BINDINGS = [
        Binding("y,enter", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(self, question: str, *, yes: str = "Yes", no: str = "Cancel") -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield Static(Content(visible(self.question, multiline=True)), id="confirm-question")
            yield Static(Content(f"y / enter: {self.yes}    n / escape: {self.no}"), id="confirm-keys")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
