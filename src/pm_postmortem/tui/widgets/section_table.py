"""A two-column table of one section of the document (label | value); enter edits the section."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel
from textual.binding import Binding

from pm_postmortem.core.editing import Change
from pm_postmortem.tui.fields import FieldSpec, Kind
from pm_postmortem.tui.text import cell
from pm_postmortem.tui.widgets.fitted_table import FittedTable
from pm_postmortem.tui.widgets.pane import pane_of


class SectionTable(FittedTable):
    """Shows the fields of the model at `path` (e.g. ``metadata``); enter opens the section form."""

    BINDINGS = [Binding("enter", "edit", "Edit", id="section.edit")]

    def __init__(self, title: str, path: str, fields: Sequence[FieldSpec], **kwargs: Any) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, show_header=False, **kwargs)
        self.border_title = title
        self.section_title = title
        self.path = path
        self.fields = tuple(fields)

    def on_mount(self) -> None:
        self.add_column("Field", key="label")
        self.add_column("Value", key="value")
        for spec in self.fields:
            self.add_row(cell(spec.label, style="dim"), self._value_cell(spec), key=spec.name)
        self.fit_columns()

    def section(self) -> BaseModel:
        owner: Any = pane_of(self).editor.workspace
        for part in self.path.split("."):
            owner = getattr(owner, part)
        return owner

    def _value_cell(self, spec: FieldSpec):
        return cell(self.display_text(spec, getattr(self.section(), spec.name)) or "—")

    def display_text(self, spec: FieldSpec, value: Any) -> str:
        """The value as shown in the table (the form shows it as stored)."""
        metrics = pane_of(self).editor.metrics
        from_markers = metrics.duration
        if spec.name == "duration" and from_markers:
            if metrics.replaces_typed(value):
                return f"⚠ {from_markers} (markers) ≠ typed {value}"
            return f"{from_markers} (from the timeline markers)"
        text = spec.text_of(value)
        if spec.name == "executive_summary" and not text.strip():
            what_happened: str = getattr(self.section(), "what_happened", "")
            if what_happened.strip():
                return "— (until written, the export uses What happened)"
        if spec.kind is Kind.CHOICE:
            return next((label for label, stored in spec.choices if stored == text), text)
        if spec.kind is Kind.NUMBER and isinstance(value, float) and value.is_integer():
            return str(int(value))
        return text

    def refresh_from(self, changes: list[Change]) -> None:
        for change in changes:
            if change.kind == "reload":
                self.refresh_values()
                return
            section, _, name = change.target.rpartition(".")
            if change.target == "timeline" and "duration" in self.fields_by_name:
                self.update_cell("duration", "value", self._value_cell(self.fields_by_name["duration"]))
            if section == self.path and name in self.fields_by_name:
                self.update_cell(name, "value", self._value_cell(self.fields_by_name[name]))
                if name == "what_happened" and "executive_summary" in self.fields_by_name:
                    self.update_cell(
                        "executive_summary", "value", self._value_cell(self.fields_by_name["executive_summary"])
                    )

    def refresh_values(self) -> None:
        for spec in self.fields:
            self.update_cell(spec.name, "value", self._value_cell(spec))

    @property
    def fields_by_name(self) -> dict[str, FieldSpec]:
        return {spec.name: spec for spec in self.fields}

    def action_edit(self) -> None:
        from pm_postmortem.tui.coach import section_coach_paths  # with the forms: on first use
        from pm_postmortem.tui.screens.edit_form import EditForm

        section = self.section()
        values = {spec.name: getattr(section, spec.name) for spec in self.fields}
        focus = self.fields[self.cursor_row].name if self.row_count else None
        self.app.push_screen(
            EditForm(
                f"Edit {self.section_title.lower()}", self.fields, values, self._submit, focus=focus,
                coach=section_coach_paths(self.path),
            )
        )

    def _submit(self, values: dict[str, Any]) -> None:
        editor = pane_of(self).editor
        section = self.section()
        changed = {name: value for name, value in values.items() if getattr(section, name) != value}
        with editor.group(f"Edit {self.section_title.lower()}"):
            for name, value in changed.items():
                editor.set(f"{self.path}.{name}", value)
