"""A modal form that edits one item or one section: enter submits, escape cancels."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static, TextArea

from pm_postmortem.core.editing import EditError
from pm_postmortem.tui.fields import FieldSpec, Kind

Submit = Callable[[dict[str, Any]], None]
"""Applies the form's values; raises EditError (or ValueError) to keep the form open."""


class EditForm(ModalScreen[bool]):
    """Edits values through `submit`; dismisses with True once they were applied."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
        Binding("ctrl+s", "submit", "Save", id="form.submit", priority=True),
    ]

    def __init__(
        self,
        title: str,
        fields: Sequence[FieldSpec],
        values: dict[str, Any],
        submit: Submit,
        *,
        focus: str | None = None,
    ) -> None:
        super().__init__()
        self.form_title = title
        self.fields = tuple(fields)
        self.values = values
        self.submit = submit
        self.focus_field = focus

    def compose(self) -> ComposeResult:
        with Vertical(id="form"):
            yield Label(Content(self.form_title), id="form-title")
            with VerticalScroll(id="form-fields"):
                for spec in self.fields:
                    yield Label(Content(spec.label), classes="field-label")
                    yield self._editor_for(spec)
                    if spec.hint:
                        yield Static(Content(spec.hint), classes="field-hint")
            yield Static("", id="form-errors")
            yield Static(
                Content("enter save · ctrl+s save (in text boxes) · tab next field · escape cancel"),
                id="form-keys",
            )

    def _editor_for(self, spec: FieldSpec):
        value = self.values.get(spec.name)
        field_id = f"field-{spec.name}"
        if spec.kind is Kind.CHOICE:
            return Select(
                [(label, stored) for label, stored in spec.choices],
                value=value if value is not None else Select.NULL,
                allow_blank=True,
                prompt="(not set)",
                id=field_id,
            )
        if spec.kind is Kind.MULTILINE:
            area = TextArea(spec.text_of(value), id=field_id, soft_wrap=True)
            area.cursor_blink = self.app.cursor_blink
            return area
        field = Input(spec.text_of(value), placeholder=spec.hint, id=field_id)
        field.cursor_blink = self.app.cursor_blink
        return field

    def on_mount(self) -> None:
        target = self.focus_field or self.fields[0].name
        self.query_one(f"#field-{target}").focus()

    def collected(self) -> dict[str, Any]:
        """The values as typed, converted; raises ValueError naming the first bad field."""
        result: dict[str, Any] = {}
        for spec in self.fields:
            widget = self.query_one(f"#field-{spec.name}")
            if isinstance(widget, Select):
                result[spec.name] = None if widget.value is Select.NULL else widget.value
            elif isinstance(widget, TextArea):
                result[spec.name] = spec.value_of(widget.text)
            else:
                result[spec.name] = spec.value_of(widget.value)
        return result

    @on(Input.Submitted)
    def action_submit(self) -> None:
        try:
            self.submit(self.collected())
        except EditError as error:
            self.show_errors(error.messages)
            return
        except ValueError as error:
            self.show_errors([str(error)])
            return
        self.dismiss(True)

    def show_errors(self, messages: list[str]) -> None:
        errors = self.query_one("#form-errors", Static)
        errors.update(Content("\n".join(f"✗ {message}" for message in messages)))
        errors.add_class("visible")

    def action_cancel(self) -> None:
        self.dismiss(False)
