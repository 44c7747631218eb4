"""F5 Actions: the corrective actions as a board (Open / In Progress / Done) or as a list.

Cards are updated in place: an edit re-renders its card, a status change moves one card, and
nothing is rebuilt wholesale. Hints about the list sit on the line at the bottom; they advise and
never block.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from pm_postmortem.core import actions as core_actions
from pm_postmortem.core.actions import STATUSES, WordingCheck
from pm_postmortem.core.editing import Change, EditError, Editor
from pm_postmortem.core.model import Action, ActionStatus, Priority
from pm_postmortem.tui.coach import coach_paths
from pm_postmortem.tui.fields import ACTION_FIELDS, new_action_values
from pm_postmortem.tui.focus import focus_now
from pm_postmortem.tui.messages import JumpTo
from pm_postmortem.tui.screens.edit_form import EditForm
from pm_postmortem.tui.session import Session
from pm_postmortem.tui.text import one_line
from pm_postmortem.tui.widgets.item_table import Column, ItemTable
from pm_postmortem.tui.widgets.pane import Pane, pane_of

_PRIORITY_STYLE = {
    Priority.P1: "bold $error",
    Priority.P2: "bold $warning",
    Priority.P3: "$text-muted",
}
_FACTOR_BADGE_LENGTH = 20
_MOVE = Binding.Group("Move", compact=True)


def _cut(text: str, length: int) -> str:
    text = one_line(text).strip()
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


class ActionCard(Static):
    """One action on the board; `shown` remembers what it renders so unchanged cards are skipped."""

    def __init__(self, action_id: str) -> None:
        super().__init__("", classes="action-card", markup=False)
        self.action_id = action_id
        self.shown: tuple[Any, ...] | None = None

    def show(self, action: Action, badge: str, notes: list[str], overdue: bool) -> None:
        signature = (action, badge, tuple(notes), overdue)
        if signature == self.shown:
            return
        self.shown = signature
        for priority in Priority:
            self.set_class(action.priority is priority, f"-{priority.value.lower()}")
        self.set_class(overdue, "-overdue")
        self.update(render_card(action, badge, notes, overdue))


def render_card(action: Action, badge: str, notes: list[str], overdue: bool) -> Content:
    """``#3  P2  Mitigate``, the action, the owner, the date and ticket, the link, the hints."""
    text = one_line(action.action).strip()
    lines = [
        Content.assemble(
            (f"#{action.number}", "bold"),
            "  ",
            (action.priority.value, _PRIORITY_STYLE.get(action.priority, "")),
            "  ",
            action.type.value,
        ),
        Content(text) if text else Content.styled("(no description yet)", "italic $text-muted"),
        Content(one_line(action.owner))
        if action.owner.strip()
        else Content.styled("no owner", "$warning"),
    ]
    when: list[Any] = []
    if action.status is ActionStatus.DONE and action.done_on:
        when.append((f"done {action.done_on.isoformat()}", "$success"))
    elif overdue and action.deadline:
        when.append((f"overdue {action.deadline.isoformat()}", "bold $error"))
    elif action.deadline:
        when.append(f"due {action.deadline.isoformat()}")
    if action.ticket.strip():
        when += ["  " if when else "", (one_line(action.ticket), "$text-muted")]
    if when:
        lines.append(Content.assemble(*when))
    if badge:
        lines.append(Content.styled(badge, "italic $accent"))
    shown_notes = [note for note in notes if note != "overdue"]
    if shown_notes:
        lines.append(Content.styled("⚠ " + " · ".join(shown_notes), "$warning"))
    return Content("\n").join(lines)


class BoardColumn(Vertical):
    """A status column: a header line and the cards, which scroll.

    The current column is marked on its header, never on the column itself: a class change on
    the column would restyle every card inside it.
    """

    def __init__(self, status: ActionStatus) -> None:
        super().__init__(classes="board-column")
        self.status = status

    def compose(self) -> ComposeResult:
        yield Static(self.status.value, classes="board-column-header", markup=False)
        yield VerticalScroll(classes="board-cards", can_focus=False)

    @property
    def header(self) -> Static:
        return self.query_one(".board-column-header", Static)

    @property
    def cards(self) -> VerticalScroll:
        return self.query_one(".board-cards", VerticalScroll)

    def set_count(self, count: int) -> None:
        self.header.update(Content(f"{self.status.value} · {count}"))


class ActionBoard(Horizontal, can_focus=True):
    """The three columns and a cursor on one card; arrows move it, keys act on its card."""

    BINDINGS = [
        Binding("up", "cursor(0, -1)", "Up", show=False, id="board.up"),
        Binding("down", "cursor(0, 1)", "Down", show=False, id="board.down"),
        Binding("left", "cursor(-1, 0)", "Left", show=False, id="board.left"),
        Binding("right", "cursor(1, 0)", "Right", show=False, id="board.right"),
        Binding("home", "first", "First card", show=False, id="board.first"),
        Binding("end", "last", "Last card", show=False, id="board.last"),
        Binding("a", "add", "Add", id="board.add"),
        Binding("enter", "edit", "Edit", id="board.edit"),
        Binding("d,delete", "delete", "Delete", id="board.delete"),
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.column_index = 0
        self.row_index = 0
        self.selected_id: str | None = None
        self._highlighted: str | None = None
        self._cards: dict[str, ActionCard] = {}
        self._column_ids: list[list[str]] = [[] for _ in STATUSES]

    def compose(self) -> ComposeResult:
        for status in STATUSES:
            yield BoardColumn(status)

    @property
    def editor(self) -> Editor:
        return pane_of(self).editor

    @property
    def board_columns(self) -> list[BoardColumn]:
        return list(self.query_children(BoardColumn))

    def card(self, action_id: str) -> ActionCard | None:
        return self._cards.get(action_id)

    def column_ids(self, index: int) -> list[str]:
        return list(self._column_ids[index])

    # -- keeping the cards in step with the document ---------------------------------------

    def sync(self, today: date, wording: WordingCheck | None, follow: str | None = None) -> None:
        """Make the cards match the actions; only what changed is touched."""
        workspace = self.editor.workspace
        wanted = core_actions.columns(workspace.actions)
        wanted_ids = [[action.id for action in wanted[status]] for status in STATUSES]
        home = {action_id: index for index, ids in enumerate(wanted_ids) for action_id in ids}
        for index, ids in enumerate(self._column_ids):
            for action_id in ids:
                if home.get(action_id) != index:
                    self._cards.pop(action_id).remove()
        factors = {factor.id: factor.factor for factor in workspace.factors}
        nodes = workspace.whys.nodes
        for index, column in enumerate(self.board_columns):
            self._place(column.cards, wanted_ids[index])
            self._column_ids[index] = wanted_ids[index]
            column.set_count(len(wanted_ids[index]))
            for action in wanted[column.status]:
                self._cards[action.id].show(
                    action,
                    self._badge(action, nodes, factors),
                    core_actions.flags(action, today, wording),
                    core_actions.is_overdue(action, today),
                )
        if follow is not None and follow in home:
            self.selected_id = follow
        self._restore_cursor()

    def _place(self, scroll: VerticalScroll, wanted: list[str]) -> None:
        existing = [action_id for action_id in wanted if action_id in self._cards]
        current = [action_id for action_id in self._column_of(scroll) if action_id in self._cards]
        if existing != current:
            for before, after in zip(existing, existing[1:], strict=False):
                scroll.move_child(self._cards[after], after=self._cards[before])
        previous: ActionCard | None = None
        for position, action_id in enumerate(wanted):
            card = self._cards.get(action_id)
            if card is None:
                card = self._cards[action_id] = ActionCard(action_id)
                if previous is not None:
                    scroll.mount(card, after=previous)
                else:
                    following = next(
                        (self._cards[i] for i in wanted[position + 1 :] if i in self._cards), None
                    )
                    scroll.mount(card, before=following) if following else scroll.mount(card)
            previous = card

    def _column_of(self, scroll: VerticalScroll) -> list[str]:
        return [
            child.action_id
            for child in scroll.children
            if isinstance(child, ActionCard) and self._cards.get(child.action_id) is child  # not leaving
        ]

    @staticmethod
    def _badge(action: Action, nodes, factors: dict[str, str]) -> str:
        if action.why_node:
            depth = core_actions.why_depth(nodes, action.why_node)
            if depth is not None:
                return f"from why {depth}"
        if action.factor and action.factor in factors:
            text = _cut(factors[action.factor], _FACTOR_BADGE_LENGTH)
            return f"from factor: {text}" if text else "from a factor"
        return ""

    # -- the cursor --------------------------------------------------------------------------

    def _restore_cursor(self) -> None:
        if self.selected_id is not None:
            for index, ids in enumerate(self._column_ids):
                if self.selected_id in ids:
                    self.column_index, self.row_index = index, ids.index(self.selected_id)
                    break
        ids = self._column_ids[self.column_index]
        self.row_index = max(0, min(self.row_index, len(ids) - 1))
        self.selected_id = ids[self.row_index] if ids else None
        self._highlight()

    def _highlight(self) -> None:
        """Mark the current column and card; only the widgets whose mark changes are touched."""
        for index, column in enumerate(self.board_columns):
            column.header.set_class(index == self.column_index, "-current")
        previous = self._cards.get(self._highlighted or "")
        card = self._cards.get(self.selected_id or "")
        if previous is not card and previous is not None:
            previous.remove_class("-cursor")
        self._highlighted = self.selected_id
        if card is not None:
            card.add_class("-cursor")
            self.call_after_refresh(card.scroll_visible, animate=False)

    def select(self, action_id: str) -> bool:
        for index, ids in enumerate(self._column_ids):
            if action_id in ids:
                self.column_index, self.row_index = index, ids.index(action_id)
                self.selected_id = action_id
                self._highlight()
                return True
        return False

    def action_cursor(self, columns: int, rows: int) -> None:
        if columns:
            self.column_index = max(0, min(self.column_index + columns, len(STATUSES) - 1))
        ids = self._column_ids[self.column_index]
        self.row_index = max(0, min(self.row_index + rows, len(ids) - 1))
        self.selected_id = ids[self.row_index] if ids else None
        self._highlight()

    def action_first(self) -> None:
        self.action_cursor(0, -len(self._cards))

    def action_last(self) -> None:
        self.action_cursor(0, len(self._cards))

    @property
    def current_status(self) -> ActionStatus:
        return STATUSES[self.column_index]

    # -- edits -----------------------------------------------------------------------------

    def action_add(self) -> None:
        defaults = new_action_values(status=self.current_status)

        def submit(values: dict[str, Any]) -> None:
            self.editor.add("actions", values, label="Add corrective action")  # done today if Done

        self.app.push_screen(
            EditForm(
                "New corrective action",
                ACTION_FIELDS,
                defaults,
                submit,
                coach=coach_paths("actions", None),
            )
        )

    def action_edit(self) -> None:
        if self.selected_id is None:
            self.action_add()
            return
        action_id = self.selected_id
        action = self.editor.find("actions", action_id)
        values = {spec.name: getattr(action, spec.name) for spec in ACTION_FIELDS}

        def submit(values: dict[str, Any]) -> None:
            self.editor.update("actions", action_id, values, label=f"Edit action #{action.number}")

        self.app.push_screen(
            EditForm(
                f"Edit action #{action.number}",
                ACTION_FIELDS,
                values,
                submit,
                coach=coach_paths("actions", action.id),
            )
        )

    def action_delete(self) -> None:
        if self.selected_id is None:
            return
        action = self.editor.find("actions", self.selected_id)
        if not pane_of(self).run_intent(
            lambda: self.editor.delete("actions", action.id, label=f"Delete action #{action.number}")
        ):
            return
        self.notify(
            f"Deleted action #{action.number}. ctrl+z brings it back; the other numbers stay (R renumbers).",
            timeout=4,
            markup=False,
        )


class ActionsPane(Pane, Vertical):
    """The board, or the same actions as a list laid out like the export table (`v`)."""

    BINDINGS = [
        Binding(
            "left_square_bracket",
            "shift(-1)",
            "Move left",
            key_display="[",
            id="board.previous_column",
            group=_MOVE,
        ),
        Binding(
            "right_square_bracket",
            "shift(1)",
            "Move right",
            key_display="]",
            id="board.next_column",
            group=_MOVE,
        ),
        Binding("v", "toggle_view", "Board/list", id="board.toggle_view"),
        Binding("g", "jump", "Source", id="board.jump"),
        Binding("R", "renumber", "Renumber", show=False, id="board.renumber"),
    ]

    def __init__(self, session: Session, **kwargs: Any) -> None:
        super().__init__(session, **kwargs)
        self.list_view = False
        self._wording: WordingCheck = core_actions.wording_check()
        self._stale = {"board": True, "list": True, "lines": True}
        self._follow: str | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="board-summary", markup=False)
        yield ActionBoard(id="board")
        yield ItemTable(
            "Corrective Actions",
            "actions",
            [
                Column("#", lambda action: str(action.number), 3),
                Column("Action", lambda action: action.action, fill=True),
                Column("Type", lambda action: action.type.value, 8),
                Column("Owner", lambda action: action.owner, 14, narrowest=7),
                Column("Deadline", lambda action: str(action.deadline or "—"), 10),
                Column("Priority", lambda action: action.priority.value, 8),
                Column("Status", lambda action: action.status.value, 11),
            ],
            ACTION_FIELDS,
            item_name="corrective action",
            id="actions-table",
        )
        yield Static("", id="board-hints", markup=False)

    def on_mount(self) -> None:
        self._show_view()

    def on_show(self) -> None:
        """The cards are built when the pane is first shown, and caught up after edits elsewhere."""
        self._refresh_view()

    @property
    def board(self) -> ActionBoard:
        return self.query_one(ActionBoard)

    @property
    def table(self) -> ItemTable:
        return self.query_one("#actions-table", ItemTable)

    @property
    def today(self) -> date:
        return core_actions.today_in(self.session.clock(), self.editor.workspace.display_tz)

    @property
    def selected_id(self) -> str | None:
        return self.table.selected_id if self.list_view else self.board.selected_id

    # -- what the workspace screen calls ------------------------------------------------------

    def select_item(self, collection: str, item_id: str) -> None:
        if collection != "actions":
            return
        self._refresh_view()
        if self.list_view:
            self.table.select(item_id)
            focus_now(self.table)
        else:
            self.board.select(item_id)
            focus_now(self.board)

    def refresh_from(self, changes: list[Change]) -> None:
        self._stale = {"board": True, "list": True, "lines": True}
        self._follow = next(
            (
                change.item_id
                for change in reversed(changes)
                if change.target == "actions" and change.kind in ("insert", "update", "move")
            ),
            self._follow,
        )
        if not self.display:  # another pane is showing: catch up when this one is shown
            return
        if self.list_view:
            self.table.refresh_from(changes)
            self._stale["list"] = False
        self._refresh_view()

    # -- views -----------------------------------------------------------------------------

    def _refresh_view(self) -> None:
        if self.list_view and self._stale["list"]:
            self.table.rebuild()
            self._stale["list"] = False
        elif not self.list_view and self._stale["board"]:
            self.board.sync(self.today, self._wording, self._follow)
            self._stale["board"] = False
            self._follow = None
        if self._stale["lines"]:
            self._refresh_lines()
            self._stale["lines"] = False

    def _show_view(self) -> None:
        board, table = self.board, self.table
        board.display = not self.list_view
        table.display = self.list_view
        board.can_focus = not self.list_view
        table.can_focus = self.list_view

    def _refresh_lines(self) -> None:
        actions = self.editor.workspace.actions
        today = self.today
        self.query_one("#board-summary", Static).update(
            Content(core_actions.summary(actions, today))
        )
        found = core_actions.hints(actions, today, self._wording)
        hints = self.query_one("#board-hints", Static)
        hints.set_class(bool(found), "-active")
        if found:
            hints.update(Content("\n".join(f"› {hint.text}" for hint in found)))
        elif actions:
            hints.update(
                Content(
                    "No hints: a short list, every open action has an owner and a date, one is P1."
                )
            )
        else:
            hints.update(Content("No corrective actions yet: press a to add one."))

    def action_toggle_view(self) -> None:
        selected = self.selected_id
        self.list_view = not self.list_view
        self._show_view()
        self._refresh_view()
        if selected is not None:
            self.select_item("actions", selected)
        focus_now(self.table if self.list_view else self.board)

    # -- commands on the selected action --------------------------------------------------

    def _selected_action(self) -> Action | None:
        selected = self.selected_id
        if selected is None:
            return None
        try:
            return self.editor.find("actions", selected)
        except EditError:
            return None

    def action_shift(self, step: int) -> None:
        action = self._selected_action()
        if action is None:
            self.notify("No action here to move: this column is empty.", timeout=2)
            return
        status = core_actions.shifted_status(action.status, step)
        if status is None:
            edge = "first" if step < 0 else "last"
            self.notify(
                f"#{action.number} is already in the {edge} column.", timeout=2, markup=False
            )
            return
        self.run_intent(
            lambda: self.editor.update(
                "actions",
                action.id,
                label=f"Move action #{action.number} to {status.value}",
                status=status,
            )
        )

    def action_jump(self) -> None:
        action = self._selected_action()
        if action is None:
            return
        if action.why_node:
            self.post_message(JumpTo("whys", action.why_node))
        elif action.factor:
            self.post_message(JumpTo("factors", action.factor))
        else:
            self.notify(
                f"#{action.number} is not linked to a why or a contributing factor.",
                timeout=3,
                markup=False,
            )

    def action_renumber(self) -> None:
        actions = self.editor.workspace.actions
        if all(action.number == position for position, action in enumerate(actions, start=1)):
            self.notify("The actions are already numbered 1 to the last one.", timeout=3)
            return
        if not self.run_intent(self.editor.renumber_actions):
            return
        self.notify(
            "Renumbered the actions in list order. ctrl+z restores the old numbers.", timeout=3
        )
