"""ctrl+f: every coach finding of the workspace, by field.

Each finding says its kind of blame, why that matters and what to try; enter jumps to the text,
r puts the suggested rewording in its place (one undoable edit), x keeps the wording as it is.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from pm_postmortem.core.coach import RULES, text_fields
from pm_postmortem.core.editing import EditError
from pm_postmortem.core.findings import FieldFinding
from pm_postmortem.tui.coach import describe_field, excerpt, place_of
from pm_postmortem.tui.focus import focus_now
from pm_postmortem.tui.host import host_app
from pm_postmortem.tui.messages import JumpTo
from pm_postmortem.tui.session import Session
from pm_postmortem.tui.widgets.section_table import SectionTable


def context_excerpt(text: str, start: int, end: int, width: int = 90) -> str:
    """About ``width`` characters of ``text`` around ``text[start:end]``, on one line."""
    flat = text.replace("\n", " ")
    if len(flat) <= width:
        return flat.strip()
    begin = max(0, min(start - (width - (end - start)) // 2, len(flat) - width))
    piece = flat[begin : begin + width].strip()
    return ("…" if begin > 0 else "") + piece + ("…" if begin + width < len(flat) else "")


class CoachFindingsScreen(ModalScreen[None]):
    """The coach's findings grouped by field, in document order."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="coach.close"),
        Binding("x", "keep", "Keep wording", id="coach.keep"),
        Binding("r", "reword", "Use the rewording", id="coach.reword"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        with Vertical(id="coach"):
            yield Label("", id="coach-title")
            yield OptionList(id="coach-list")
            yield Static("", id="coach-empty")
            yield Static(
                Content(
                    "↑/↓ choose · enter go to the text · r use the rewording · "
                    "x keep the wording as it is · escape close"
                ),
                id="coach-keys",
            )

    def on_mount(self) -> None:
        self.findings: list[FieldFinding] = []
        self.rebuild()
        focus_now(self.query_one(OptionList))

    def rebuild(self, keep_index: int | None = None) -> None:
        workspace = self.session.editor.workspace
        self.findings = list(self.session.coach_findings)
        texts = {path: text for path, _kind, text in text_fields(workspace)}
        options: list[Option] = []
        first_of_field: dict[str, int] = {}
        for index, item in enumerate(self.findings):
            if item.field not in first_of_field:
                first_of_field[item.field] = index
                text = texts.get(item.field, "")
                options.append(
                    Option(
                        Content.assemble(
                            (describe_field(workspace, item.field), "bold"),
                            "  ",
                            (context_excerpt(text, item.finding.start, item.finding.end), "italic"),
                        ),
                        disabled=True,
                    )
                )
            options.append(Option(self._finding_content(item, texts), id=str(index)))
        option_list = self.query_one(OptionList)
        option_list.set_options(options)
        fields = len(first_of_field)
        count = len(self.findings)
        title = (
            f"Coach findings · {count} in {fields} field{'s' if fields != 1 else ''}"
            if count
            else "Coach findings"
        )
        self.query_one("#coach-title", Label).update(Content(title))
        option_list.display = bool(count)
        empty = self.query_one("#coach-empty", Static)
        empty.display = not count
        empty.update(
            Content(
                "Nothing to look at again: the coach reads every text field as you type and "
                "lists wording here that points at people or at hindsight."
            )
        )
        if count:
            target = min(keep_index or 0, count - 1)
            option_list.highlighted = option_list.get_option_index(str(target))

    @staticmethod
    def _finding_content(item: FieldFinding, texts: dict[str, str]) -> Content:
        """Kind and rule, the words, what is wrong; why it matters; what to try instead."""
        finding = item.finding
        rule = RULES.get(finding.rule)
        quoted = excerpt(texts.get(item.field, ""), finding)
        if finding.rewording is not None:
            suggestion = Content.assemble(
                (f"“{finding.rewording.text}”", "italic"), (" (r uses it)", "dim")
            )
        else:
            suggestion = Content.styled(finding.reframe, "italic")
        title = rule.title if rule else finding.rule
        if title != finding.kind.heading:
            title = f"{finding.kind.heading}: {title}"
        return Content.assemble(
            ("  ⚑ ", "$warning"),
            (title, "bold"),
            f" “{quoted}”" if quoted else "",
            " — ",
            finding.message,
            "\n    ",
            ("why: ", "dim"),
            finding.kind.why,
            "\n    ",
            ("try: ", "dim"),
            suggestion,
        )

    def findings_changed(self) -> None:
        """Show the session's findings again (a pass finished while the list was open), keeping
        the cursor where it was."""
        option = self.query_one(OptionList).highlighted_option
        self.rebuild(keep_index=int(option.id) if option is not None and option.id is not None else None)

    @property
    def selected(self) -> FieldFinding | None:
        option = self.query_one(OptionList).highlighted_option
        if option is None or option.id is None:
            return None
        return self.findings[int(option.id)]

    @on(OptionList.OptionSelected)
    async def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            await self.jump(self.findings[int(event.option.id)])

    async def jump(self, item: FieldFinding) -> None:
        """Close the list (and presenter mode) and show the field in its pane."""
        app = host_app(self)
        place = place_of(item.field)
        app.switch_to_workspace_screen()
        screen = app.workspace_screen
        if screen is None:
            return
        if place.collection is not None and place.item_id is not None:
            screen.post_message(JumpTo(place.collection, place.item_id))
            return
        await screen.action_show_pane(place.pane)
        for table in screen.query(SectionTable):
            if table.path == place.section and place.field in table.fields_by_name:
                table.move_cursor(row=table.get_row_index(place.field))
                focus_now(table)
                table.scroll_visible()
                break

    def action_keep(self) -> None:
        """Dismiss the finding for this field: it stays in the workspace file, undo brings it back."""
        item = self.selected
        if item is None:
            return
        editor = self.session.editor
        rule = RULES.get(item.finding.rule)
        self._apply(
            item,
            lambda: editor.add(
                "dismissals",
                {"rule": item.finding.rule, "field": item.field},
                label=f"Keep wording ({rule.title if rule else item.finding.rule})",
            ),
            "Kept as written; ctrl+z brings the finding back.",
        )

    def action_reword(self) -> None:
        """Put the suggested rewording in place of the sentence: one edit, undone with ctrl+z."""
        item = self.selected
        if item is None:
            return
        rewording = item.finding.rewording
        if rewording is None:
            self.notify(
                "The coach has no rewording for this one; enter opens the text to reword it.",
                severity="warning",
                markup=False,
            )
            return
        editor = self.session.editor
        texts = {path: text for path, _kind, text in text_fields(editor.workspace)}
        current = texts.get(item.field)
        if current is None:
            return
        place = place_of(item.field)
        label = f"Reword ({item.finding.kind.heading.lower()})"
        new_text = rewording.apply(current)

        def reword() -> None:
            if place.collection is not None and place.item_id is not None and place.field:
                editor.update(place.collection, place.item_id, {place.field: new_text}, label=label)
            else:
                editor.set(item.field, new_text, label=label)

        self._apply(item, reword, "Reworded; ctrl+z brings the old wording back.")

    def _apply(self, item: FieldFinding, edit: Callable[[], object], done: str) -> None:
        """Make ``edit``, count the findings again and keep the cursor near ``item``."""
        try:
            edit()
        except EditError as error:
            self.notify(str(error), severity="warning", markup=False)
            return
        host_app(self).recount_coach()  # the new findings reach this list through `findings_changed`
        self.notify(done, timeout=3)

    def action_close(self) -> None:
        self.dismiss()
