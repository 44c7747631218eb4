"""A modal form that edits one item or one section: enter submits, escape cancels."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from textual import events, on
from textual.app import App, ComposeResult, ScreenStackError
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static, TextArea

from pm_postmortem.core.coach import FieldKind, check_field, check_text, people_in
from pm_postmortem.core.editing import EditError
from pm_postmortem.core.text import visible
from pm_postmortem.tui.coach import CoachTarget, findings_content
from pm_postmortem.tui.fields import FieldSpec, Kind
from pm_postmortem.tui.focus import focus_now
from pm_postmortem.tui.host import host_app
from pm_postmortem.tui.styles import style_sheet
from pm_postmortem.tui.suggesters import ListItemSuggester
from pm_postmortem.tui.text import one_line
from pm_postmortem.tui.widgets.safe_input import SafeInput

COACH_DELAY = 0.3
"""Seconds after the last keystroke before the coach reads the draft."""

Submit = Callable[[dict[str, Any]], None]
"""Applies the form's values; raises EditError (or ValueError) to keep the form open."""

KEYS_IN_A_LINE = "enter save · tab next field · escape cancel"
KEYS_IN_A_BOX = "ctrl+s save · enter new line · tab next field · escape cancel"
FIELD_CLASS = "form-field"
KEYS_IN_A_LIST = "a letter or digit picks · space opens the list · enter save · escape cancel"
UNSAVED_WARNING = "Not saved: escape again discards it, enter saves it"


class UnsavedGuard:
    """Escape with typing not saved: the first only says so (``message``, through ``show``), the
    second discards it. The event form and the paste dialog use it."""

    def __init__(self, show: Callable[[str], None], message: str = UNSAVED_WARNING) -> None:
        self.show = show
        self.message = message
        self.warned = False
        """Whether the message is shown (so a second escape discards); an edit takes it back."""

    def holds(self, unsaved: bool) -> bool:
        """Whether this escape must not close, as it only says that something is not saved."""
        if not unsaved or self.warned:
            return False
        self.show(self.message)
        self.warned = True
        return True


def typed_text(widget: Widget) -> str:
    """What a text field holds: the text of a TextArea, the value of an Input."""
    if isinstance(widget, TextArea):
        return widget.text
    if isinstance(widget, Input):
        return widget.value
    raise TypeError(f"{widget!r} is not a text field")


def _words(label: str) -> list[str]:
    """The runs of letters and of digits in a choice's label: "S1: Critical" -> S, 1, Critical."""
    return re.findall(r"[^\W\d_]+|\d+", label.lower())


class FieldValueError(ValueError):
    """What was typed in ``field`` is not a value of its kind."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class ChoiceField(Select[str], inherit_bindings=False):
    """A dropdown in a form: enter saves the form like every other field, space or ↓ opens the
    list, and typing a letter or digit picks the next choice with a word starting with it
    (p: Prevent, then Process; 2: P2)."""

    BINDINGS = [Binding("down,space,up", "show_overlay", "Show the choices", show=False, id="form.open_list")]

    def __init__(self, choices: Sequence[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(choices, **kwargs)
        self.choices = tuple(choices)
        self._picked = ""
        """The character typed last in this field: typed again, it goes on to the next match."""

    def on_focus(self) -> None:
        self._picked = ""

    def pick(self, character: str) -> bool:
        """Select the first choice a word of whose label starts with ``character`` (choices whose
        first word does come before the others); the same character again takes the next one."""
        character = character.lower()
        again, self._picked = self._picked == character, character
        words = {stored: _words(label) for label, stored in self.choices}
        matches = [stored for stored, label in words.items() if label[:1] and label[0].startswith(character)]
        matches = matches or [
            stored for stored, label in words.items() if any(word.startswith(character) for word in label)
        ]
        if not matches:
            return False
        after = matches.index(self.value) + 1 if again and self.value in matches else 0
        self.value = matches[after % len(matches)]
        return True

    def on_key(self, event: events.Key) -> None:
        if event.character and event.is_printable and event.character != " " and self.pick(event.character):
            event.stop()
            event.prevent_default()


SHORT_FORM_HEIGHT = 30


class EditForm(ModalScreen[bool]):
    """Edits values through `submit`; dismisses with True once they were applied."""

    CSS_PATH = style_sheet("form")

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
        Binding("ctrl+s", "submit", "Save", id="form.submit", priority=True),
        Binding("enter", "submit", "Save", show=False, id="form.submit_enter"),
        # Tab goes round the fields only (not the scrolling list holding them), so whatever is
        # typed next lands in a field: in a form of one box it stays in the box.
        Binding("tab", "next_field", show=False, id="form.next_field"),
        Binding("shift+tab", "previous_field", show=False, id="form.previous_field"),
        # A box undoes its own typing; a one-line field gets back what it showed when it opened.
        Binding("ctrl+z", "undo_field", show=False, id="form.undo_field"),
    ]

    def __init__(
        self,
        title: str,
        fields: Sequence[FieldSpec],
        values: dict[str, Any],
        submit: Submit,
        *,
        focus: str | None = None,
        coach: dict[str, CoachTarget] | None = None,
        append: bool = False,
        context: str = "",
    ) -> None:
        """``append``: the focused field's text is not selected, so typing adds to it.
        ``context``: a line under the title the fields are about (e.g. the cause an action answers).
        ``coach`` maps a field name to its coach path or, for a new item, its kind of text
        (see `pm_postmortem.tui.coach.coach_paths`); findings for the draft show under it."""
        super().__init__()
        self.fields = tuple(fields)
        self.context = context
        self._coach_timer: Timer | None = None
        self._load(title, values, submit, focus=focus, coach=coach, append=append)

    def _load(
        self, title: str, values: dict[str, Any], submit: Submit, *,
        focus: str | None, coach: dict[str, CoachTarget] | None, append: bool,
    ) -> None:
        self.form_title = title
        self.values = values
        self.submit = submit
        self.focus_field = focus
        self.append = append
        names = {spec.name for spec in self.fields if spec.kind in (Kind.TEXT, Kind.MULTILINE)}
        self.coach = {name: target for name, target in (coach or {}).items() if name in names}
        self._coach_pending: set[str] = set()
        self._made_visible: dict[str, str] = {}
        """The text a field started with, for the fields whose control characters it shows."""
        self._shown_values: tuple[object, ...] | None = None
        """What the fields showed when the form opened, to tell whether anything was typed."""
        self._values_at_message: tuple[object, ...] | None = None
        """What the fields showed when the error (or unsaved) line appeared; None while it is hidden."""
        self.unsaved = UnsavedGuard(lambda message: self.show_errors([message], mark=""))

    def compose(self) -> ComposeResult:
        with Vertical(id="form"):
            yield Label(Content(one_line(self.form_title)), id="form-title")
            if self.context:
                yield Static(Content(one_line(self.context)), id="form-context")
            with VerticalScroll(id="form-fields"):
                for spec in self.fields:
                    yield Label(Content(one_line(spec.label)), id=f"label-{spec.name}", classes="field-label")
                    offers = self._offers(spec)
                    yield self._editor_for(spec, offers)
                    if spec.name in self.coach:
                        yield Static("", id=f"coach-{spec.name}", classes="coach-findings")
                    if spec.hint:
                        yield Static(Content(visible(spec.hint, multiline=True)), id=f"hint-{spec.name}",
                                     classes="field-hint")
                    if offers:
                        yield Static(
                            Content(one_line(f"From the domain context: {', '.join(offers)}; → takes the one shown")),
                            id=f"suggestions-{spec.name}",
                            classes="field-hint",
                        )
            yield Static("", id="form-errors")
            yield Static(Content(KEYS_IN_A_LINE), id="form-keys")

    def _shown_text(self, spec: FieldSpec) -> str:
        """The value of a text field as the field shows it (control characters made visible)."""
        multiline = spec.kind is Kind.MULTILINE
        text = spec.text_of(self.values.get(spec.name))
        shown = visible(text, multiline=multiline)
        if shown != text:
            self._made_visible[spec.name] = shown
        return shown

    def _editor_for(self, spec: FieldSpec, offers: list[str]):
        value = self.values.get(spec.name)
        field_id = f"field-{spec.name}"
        if spec.choices:
            return ChoiceField(
                spec.choices,
                classes=FIELD_CLASS,
                value=spec.text_of(value) if value is not None else Select.NULL,
                allow_blank=True,
                prompt="(not set)",
                id=field_id,
            )
        if spec.kind is Kind.MULTILINE:
            area = TextArea(self._shown_text(spec), id=field_id, soft_wrap=True, classes=FIELD_CLASS)
            area.cursor_blink = host_app(self).cursor_blink
            return area
        suggester = ListItemSuggester(offers) if offers else None
        field = SafeInput(  # the hint is the line below
            self._shown_text(spec), id=field_id, suggester=suggester, classes=FIELD_CLASS
        )
        field.cursor_blink = host_app(self).cursor_blink
        return field

    def _offers(self, spec: FieldSpec) -> list[str]:
        """The domain context's suggestions for a text field, if it has any."""
        if spec.suggestions is None or spec.kind is not Kind.TEXT:
            return []
        return spec.suggestions(host_app(self).context)

    def on_mount(self) -> None:
        self._shown_values = self._field_values()
        self._focus_first_field()
        if self.coach:
            self._coach_pending.update(self.coach)
            self.call_after_refresh(self.update_coach)

    def on_resize(self, event: events.Resize) -> None:
        """On a short screen (80x24) the fields scroll in less room, so the error line and the
        keys below them stay on screen."""
        self.set_class(event.size.height < SHORT_FORM_HEIGHT, "-short")

    def _focus_first_field(self) -> None:
        target = self.query_one(f"#field-{self.focus_field or self.fields[0].name}")
        if isinstance(target, Input):
            target.select_on_focus = not self.append
            if self.append:
                target.cursor_position = len(target.value)
        focus_now(target)

    # -- opening the same form again ------------------------------------------------------------

    def fits(self, fields: Sequence[FieldSpec], context: str = "") -> bool:
        """Whether `refill` can show ``fields``: the same fields, kinds, choices, hint lines and
        suggestions."""

        def shape(specs: Sequence[FieldSpec]) -> list[tuple]:
            return [(spec.name, spec.kind, tuple(spec.choices), bool(spec.hint), spec.suggestions) for spec in specs]

        return shape(fields) == shape(self.fields) and bool(context) == bool(self.context)

    def refill(
        self, title: str, fields: Sequence[FieldSpec], values: dict[str, Any], submit: Submit, *,
        focus: str | None = None, coach: dict[str, CoachTarget] | None = None, append: bool = False,
        context: str = "",
    ) -> None:
        """Show new values in the widgets this form already has (``fits(fields)`` must hold), so
        that opening it again mounts nothing."""
        if self._coach_timer is not None:
            self._coach_timer.stop()
            self._coach_timer = None
        self.fields = tuple(fields)
        self.context = context
        self._load(title, values, submit, focus=focus, coach=coach, append=append)
        self.query_one("#form-title", Label).update(Content(one_line(title)))
        if context:
            self.query_one("#form-context", Static).update(Content(one_line(context)))
        for spec in self.fields:
            self.query_one(f"#label-{spec.name}", Label).update(Content(one_line(spec.label)))
            if spec.hint:
                self.query_one(f"#hint-{spec.name}", Static).update(Content(visible(spec.hint, multiline=True)))
            self._refill_editor(spec)
        for box in self.query(".coach-findings").results(Static):
            box.update("")
            box.remove_class("visible")
        self.query_one("#form-errors", Static).remove_class("visible")
        self._shown_values = self._field_values()
        self.query_one("#form-fields").scroll_home(animate=False)
        self.set_focus(None)
        self._focus_first_field()
        if self.coach:
            self._coach_pending.update(self.coach)
            self.update_coach()

    def _refill_editor(self, spec: FieldSpec) -> None:
        widget = self.query_one(f"#field-{spec.name}")
        if isinstance(widget, ChoiceField):
            value = self.values.get(spec.name)
            widget.value = spec.text_of(value) if value is not None else Select.NULL
        elif isinstance(widget, TextArea):
            widget.load_text(self._shown_text(spec))
        elif isinstance(widget, Input):
            widget.value = self._shown_text(spec)
            widget.cursor_position = 0  # shown from its start, as in a new form; focus selects it all

    def action_undo_field(self) -> None:
        field = self.focused
        spec = next((spec for spec in self.fields if field is not None and field.id == f"field-{spec.name}"), None)
        if isinstance(field, Input) and spec is not None and field.value != self._shown_text(spec):
            field.value = self._shown_text(spec)
            field.cursor_position = len(field.value)
            self.notify(f"{spec.label}: back to what it showed when the form opened.", timeout=2, markup=False)
        elif not isinstance(field, TextArea):
            self.notify("Nothing typed here to undo; escape closes the form without saving.", timeout=3, markup=False)

    def action_next_field(self) -> None:
        self.focus_next(f".{FIELD_CLASS}")

    def action_previous_field(self) -> None:
        self.focus_previous(f".{FIELD_CLASS}")

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """The keys line names the keys of the field that has the focus."""
        keys = KEYS_IN_A_LINE
        if isinstance(event.widget, TextArea):
            keys = KEYS_IN_A_BOX
        elif isinstance(event.widget, ChoiceField):
            keys = KEYS_IN_A_LIST
        if len(self.fields) == 1:
            keys = keys.replace(" · tab next field", "")
        self.query_one("#form-keys", Static).update(Content(keys))

    # -- the coach ------------------------------------------------------------------------------

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    def _field_edited(self) -> None:
        """An edit makes the error (or unsaved) line out of date: it goes until enter or escape."""
        if self._values_at_message is not None and self._field_values() != self._values_at_message:
            self._values_at_message = None
            self.unsaved.warned = False
            self.query_one("#form-errors", Static).remove_class("visible")

    @on(Input.Changed)
    @on(TextArea.Changed)
    def _draft_changed(self, event: Input.Changed | TextArea.Changed) -> None:
        name = (event.control.id or "").removeprefix("field-")
        if name not in self.coach:
            return
        self._coach_pending.add(name)
        if self._coach_timer is not None:
            self._coach_timer.stop()
        self._coach_timer = self.set_timer(COACH_DELAY, self.update_coach)

    def _draft(self, name: str) -> str:
        return typed_text(self.query_one(f"#field-{name}"))

    def update_coach(self) -> None:
        """Show the findings for the fields typed in since the last look (never raises)."""
        self._coach_timer = None
        session = host_app(self).session if self.is_attached else None
        if session is None:
            return
        workspace = session.editor.workspace
        pending, self._coach_pending = self._coach_pending, set()
        for name in pending:
            text = self._draft(name)
            target = self.coach[name]
            if isinstance(target, FieldKind):
                findings = check_text(text, target, people_in(workspace))
            else:
                findings = check_field(workspace, target, text)
            box = self.query_one(f"#coach-{name}", Static)
            box.update(findings_content(findings, text))
            box.set_class(bool(findings), "visible")

    def _field_values(self) -> tuple[object, ...]:
        """What each field shows now, as typed."""
        return tuple(
            widget.value if isinstance(widget, Select) else typed_text(widget)
            for widget in (self.query_one(f"#field-{spec.name}") for spec in self.fields)
        )

    def collected(self) -> dict[str, Any]:
        """The values as typed, converted; raises ValueError naming the first bad field."""
        result: dict[str, Any] = {}
        for spec in self.fields:
            widget = self.query_one(f"#field-{spec.name}")
            if isinstance(widget, Select):
                choice = widget.value
                result[spec.name] = None if choice is Select.NULL else spec.value_of(str(choice))
            else:
                text = typed_text(widget)
                # A field left as shown keeps its value, control characters and all.
                untouched = self._made_visible.get(spec.name) == text
                try:
                    result[spec.name] = self.values[spec.name] if untouched else spec.value_of(text)
                except ValueError as error:
                    raise FieldValueError(spec.name, str(error)) from None
        return result

    @on(Input.Submitted)
    def action_submit(self) -> None:
        try:
            values = self.collected()
        except FieldValueError as error:
            self.show_errors([str(error)])
            focus_now(self.query_one(f"#field-{error.field}"))  # so the fix is typed where it belongs
            return
        try:
            self.submit(values)
        except ValueError as error:
            self.show_errors(error.messages if isinstance(error, EditError) else [str(error)])
            named = error.fields if isinstance(error, EditError) else ()
            at_fault = [widget for name in named for widget in self.query(f"#field-{name}")]
            if at_fault:
                focus_now(at_fault[0])
            return
        self.dismiss(True)

    def show_errors(self, messages: list[str], mark: str = "✗ ") -> None:
        errors = self.query_one("#form-errors", Static)
        errors.update(Content("\n".join(f"{mark}{message}" for message in messages)))
        errors.add_class("visible")
        self._values_at_message = self._field_values()
        self.unsaved.warned = False

    def action_cancel(self) -> None:
        """Close the form; when something was typed, the first escape only says it is not saved."""
        if not self.unsaved.holds(self._field_values() != self._shown_values):
            self.dismiss(False)


class KeptForm:
    """One form that stays alive between uses: a pane that opens the same form again and again
    (the timeline's event form) refills its widgets instead of mounting new ones."""

    def __init__(self, app: App, *classes: str) -> None:
        self.app = app
        self.classes = classes
        self.form: EditForm | None = None

    def open(self, title: str, fields: Sequence[FieldSpec], values: dict[str, Any], submit: Submit,
             **options: Any) -> EditForm:
        """Push the kept form showing ``values`` (a new form when the fields differ)."""
        form = self.form
        if form is not None and form.fits(fields, options.get("context", "")):
            form.refill(title, fields, values, submit, **options)
        else:
            self.discard()
            form = self.form = EditForm(title, fields, values, submit, **options)
            form.add_class(*self.classes)
            self.app.install_screen(form, f"kept-form-{id(form)}")
        self.app.push_screen(form)
        return form

    def discard(self) -> None:
        """Let the kept form go (when its pane goes); one still open stays until the app ends."""
        form, self.form = self.form, None
        if form is None:
            return
        try:
            self.app.uninstall_screen(form)
        except ScreenStackError:
            return
        form.remove()
