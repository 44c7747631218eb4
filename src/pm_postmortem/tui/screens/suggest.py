"""A follower's one-line suggestion to the facilitator: an event, a why answer, an action, a comment."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, RadioButton, RadioSet, Static

from pm_postmortem.core.inbox import InboxError, Kind
from pm_postmortem.tui.focus import focus_now
from pm_postmortem.tui.styles import style_sheets

HINTS = {
    Kind.EVENT: "14:09 alertmanager: alert fired !detected",
    Kind.WHY: "because …",
    Kind.ACTION: "what will be done, so that it can be ticked off",
    Kind.COMMENT: "what the room should know",
}

Send = Callable[[str, Kind, str], None]
"""Sends (display name, kind, text); raises InboxError to keep the box open with the reason."""


class SuggestScreen(ModalScreen[bool]):
    """Asks for the display name once, then the kind of suggestion and its one line of text."""

    CSS_PATH = style_sheets("room", "form")  # the form's layout, the room's fields

    BINDINGS = [
        Binding("enter", "enter", "Send", id="suggest.send", priority=True),
        Binding("escape", "cancel", "Cancel", id="suggest.cancel"),
    ]

    def __init__(self, choices: Sequence[tuple[Kind, str]], kind: Kind, name: str, send: Send) -> None:
        """``choices``: each kind with what it is about, e.g. ``why answer under "the pool …"``."""
        super().__init__()
        self.choices = tuple(choices)
        self.kind = kind
        self.display_name = name
        self.send = send

    def compose(self) -> ComposeResult:
        with Vertical(id="form"):
            yield Label(Content("Suggest to the facilitator"), id="form-title")
            if not self.display_name:
                yield Label(Content("Your name, as the room knows you"), classes="field-label")
                yield Input(placeholder="e.g. Anna (SRE)", id="suggest-name")
            with RadioSet(id="suggest-kind"):
                for kind, label in self.choices:
                    yield RadioButton(Content(label), value=kind is self.kind, name=kind.value)
            yield Input(placeholder=HINTS[self.kind], id="suggest-text")
            yield Static("", id="form-errors")
            yield Static(
                Content("enter send · tab next · arrows choose the kind · escape cancel"), id="form-keys"
            )

    def on_mount(self) -> None:
        focus_now(self.query_one("#suggest-text" if self.display_name else "#suggest-name", Input))

    @on(RadioSet.Changed)
    def _kind_chosen(self, event: RadioSet.Changed) -> None:
        self.kind = Kind(event.pressed.name or self.kind)
        self.query_one("#suggest-text", Input).placeholder = HINTS[self.kind]

    def action_enter(self) -> None:
        """After the name, on to the text; anywhere else, send.

        A priority binding, not Input.Submitted: it runs in typing order, so the keys typed
        right after enter already land in the text box.
        """
        if self.focused is not None and self.focused.id == "suggest-name":
            focus_now(self.query_one("#suggest-text", Input))
        else:
            self.action_send()

    def action_send(self) -> None:
        asked = self.query("#suggest-name")
        name = asked.first(Input).value if asked else self.display_name
        try:
            self.send(name, self.kind, self.query_one("#suggest-text", Input).value)
        except InboxError as error:
            errors = self.query_one("#form-errors", Static)
            errors.update(Content(f"✗ {error}"))
            errors.add_class("visible")
            return
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
