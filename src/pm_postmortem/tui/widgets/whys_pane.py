"""F4 5 Whys: the symptom at the top, the answers under it as a tree, the chain to the root cause.

The document keeps the answers as a flat list with parent ids (order among siblings = list
order). Textual's Tree cannot move a node, so the tree mirrors the list and is changed in place:
an edited answer relabels its own line (and the lines that quote it as their question), a new
answer adds one node, a deleted answer removes its subtree, and a moved or re-parented answer is
taken out and put back at its new place. Only a reload (another document) rebuilds everything.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static, Tree
from textual.widgets.tree import TreeNode

from pm_postmortem.core.coach import check_field
from pm_postmortem.core.editing import Change, EditError
from pm_postmortem.core.export import why_chain
from pm_postmortem.core.model import WhyNode, Whys, Workspace
from pm_postmortem.core.wording import in_sentence, question_about, question_for
from pm_postmortem.tui.coach import coach_paths, section_coach_paths
from pm_postmortem.tui.fields import ACTION_FIELDS, FACTOR_FIELDS, FieldSpec, Kind
from pm_postmortem.tui.focus import focus_now
from pm_postmortem.tui.messages import JumpTo
from pm_postmortem.tui.screens.edit_form import EditForm
from pm_postmortem.tui.session import Session
from pm_postmortem.tui.text import one_line
from pm_postmortem.tui.widgets.pane import Pane

ENOUGH_WHYS = 5
"""At this depth the pane says the cause is probably systemic (the room still decides)."""

FINDINGS_INPUTS = frozenset({"timeline", "metadata", "metadata.authors", "lessons", "dismissals"})
"""Changes elsewhere that can change the coach's findings on an answer (names of people, or a
finding dismissed)."""


# --- guidance ------------------------------------------------------------------------------


def depth_guidance(depth: int, is_leaf: bool) -> str:
    if depth >= ENOUGH_WHYS:
        return (
            f"Why {depth}: this deep, the cause usually sits in the system (a process, a default, "
            "a missing check). The room decides whether to stop here; r marks the root cause."
        )
    if is_leaf:
        return (
            f"This branch ends at why {depth}. Ask one more why about the system: what let this "
            "happen? (a adds the answer)"
        )
    return ""


# --- what a line shows ---------------------------------------------------------------------


def clause(text: str) -> str:
    """An answer as it reads inside a sentence: one line, without one trailing period."""
    return one_line(text.strip().removesuffix("."))


@dataclass(frozen=True)
class WhyLine:
    """One line of the tree; the label is drawn from it at the width there is."""

    node_id: str | None
    """None: the symptom (the root)."""
    depth: int
    question: str = ""
    """The why this answers, as a full question."""
    answer: str = ""
    badges: tuple[str, ...] = ()
    in_chain: bool = False
    root_cause: bool = False

    @property
    def number(self) -> str:
        return "Symptom" if self.node_id is None else f"Why {self.depth}"

    def question_text(self) -> str:
        return f"{self.question} "

    def answer_text(self) -> str:
        if self.node_id is None:
            return self.answer or "not described yet: enter writes what people observed"
        return f"Because {in_sentence(self.answer)}."

    def badge_text(self) -> str:
        return "".join(f"  {badge}" for badge in self.badges)

    @property
    def plain(self) -> str:
        question = self.question_text() if self.node_id is not None else ""
        return f"{self.number}  {question}{self.answer_text()}{self.badge_text()}"


ROOT_CAUSE_BADGE = "★ root cause"


def _fit(text: str, width: int) -> Text:
    """`text` cut to `width` cells with an ellipsis when it is longer."""
    result = Text(text)
    if cell_len(text) > width:
        result.truncate(max(width, 0), overflow="ellipsis")
    return result


@dataclass
class _View:
    """The whys as the tree needs them, computed once per change."""

    whys: Whys
    by_id: dict[str, WhyNode]
    children: dict[str | None, list[WhyNode]]
    chain: set[str]
    badges: dict[str, tuple[str, ...]]

    @classmethod
    def of(cls, workspace: Workspace) -> _View:
        whys = workspace.whys
        by_id = {node.id: node for node in whys.nodes}
        children: dict[str | None, list[WhyNode]] = {}
        for node in whys.nodes:
            children.setdefault(node.parent if node.parent in by_id else None, []).append(node)
        chain = {node.id for node in why_chain(whys)}
        return cls(whys, by_id, children, chain, link_badges(workspace))

    def parent_of(self, node_id: str) -> str | None:
        parent = self.by_id[node_id].parent
        return parent if parent in self.by_id else None

    def question_for(self, node_id: str) -> str:
        parent = self.parent_of(node_id)
        above = self.whys.symptom if parent is None else self.by_id[parent].answer
        return one_line(question_for(self.by_id[node_id], above))

    def line(self, node_id: str, depth: int) -> WhyLine:
        badges = self.badges.get(node_id, ())
        root_cause = node_id == self.whys.root_cause
        return WhyLine(
            node_id,
            depth,
            self.question_for(node_id),
            clause(self.by_id[node_id].answer),
            ((ROOT_CAUSE_BADGE,) if root_cause else ()) + badges,
            node_id in self.chain,
            root_cause,
        )

    def root_line(self) -> WhyLine:
        return WhyLine(None, 0, answer=one_line(self.whys.symptom.strip()))


def link_badges(workspace: Workspace) -> dict[str, tuple[str, ...]]:
    """Why-node id → its badges: "⚑ factor" (or "⚑ 2 factors"), "✔ action #3" (or "#3 #5")."""
    factors: dict[str, int] = {}
    for factor in workspace.factors:
        if factor.why_node:
            factors[factor.why_node] = factors.get(factor.why_node, 0) + 1
    actions: dict[str, list[int]] = {}
    for action in sorted(workspace.actions, key=lambda action: action.number):
        if action.why_node:
            actions.setdefault(action.why_node, []).append(action.number)
    badges: dict[str, tuple[str, ...]] = {}
    for node_id in factors.keys() | actions.keys():
        parts = []
        count = factors.get(node_id, 0)
        if count:
            parts.append("⚑ factor" if count == 1 else f"⚑ {count} factors")
        numbers = actions.get(node_id, [])
        if numbers:
            label = "action" if len(numbers) == 1 else "actions"
            parts.append(f"✔ {label} " + " ".join(f"#{number}" for number in numbers))
        badges[node_id] = tuple(parts)
    return badges


# --- the widgets ---------------------------------------------------------------------------


def _whys_binding(keys: str, name: str, label: str, tooltip: str, *, show: bool = True) -> Binding:
    return Binding(keys, f"whys('{name}')", label, show=show, tooltip=tooltip, id=f"whys.{name}")


class WhysTree(Tree[WhyLine]):
    """The tree; its keys act on the node under the cursor through the pane."""

    COMPONENT_CLASSES = Tree.COMPONENT_CLASSES | {
        "whys--number",
        "whys--question",
        "whys--chain",
        "whys--root-cause",
        "whys--badge",
        "whys--placeholder",
    }

    BINDINGS = [
        _whys_binding("a", "add", "Answer", "add an answer under the selected node (the next why)"),
        _whys_binding(
            "s", "sibling", "Sibling", "add another answer to the same why, after this one"
        ),
        _whys_binding("enter", "edit", "Edit", "edit the symptom or the selected answer", show=False),
        _whys_binding(
            "d,delete",
            "delete",
            "Delete",
            "delete the answer and all answers below it (undoable)",
            show=False,
        ),
        _whys_binding(
            "r", "root_cause", "Root cause", "mark or unmark the answer as the root cause"
        ),
        _whys_binding(
            "f", "factor", "Factor", "make a contributing factor from the answer (linked)"
        ),
        _whys_binding("c", "action", "Action", "make a corrective action from the answer (linked)"),
        _whys_binding(
            "t", "statement", "Statement", "write or edit the root-cause statement"
        ),
        _whys_binding(
            "g",
            "go_to_link",
            "Go to link",
            "go to the linked factor or action (again: the next)",
            show=False,
        ),
        _whys_binding(
            "ctrl+up",
            "move_up",
            "Move up",
            "move the answer before its previous sibling",
            show=False,
        ),
        _whys_binding(
            "ctrl+down",
            "move_down",
            "Move down",
            "move the answer after its next sibling",
            show=False,
        ),
        _whys_binding(
            "ctrl+left",
            "promote",
            "Promote",
            "promote: becomes a sibling of its parent, after it",
            show=False,
        ),
        _whys_binding(
            "ctrl+right",
            "demote",
            "Demote",
            "demote: becomes the last answer under the one above",
            show=False,
        ),
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(Text("Symptom"), WhyLine(None, 0), **kwargs)
        self.auto_expand = False
        self._width: int | None = None
        self._label_styles: dict[str, Style] | None = None

    def notify_style_update(self) -> None:
        self._label_styles = None
        super().notify_style_update()

    def on_resize(self) -> None:
        self._width = None

    def _content_width(self) -> int:
        """The width labels can use, measured once per size (every line asks while laying out).

        The stylesheet keeps the scrollbar gutter (`scrollbar-gutter: stable`), so the width does
        not change when the scrollbar comes and goes.
        """
        if self._width is None:
            self._width = self.scrollable_content_region.width
        return self._width or 10_000

    def _styles(self) -> dict[str, Style]:
        if self._label_styles is None:
            self._label_styles = {
                name: self.get_component_rich_style(f"whys--{name}", partial=True)
                for name in ("number", "question", "chain", "root-cause", "badge", "placeholder")
            }
        return self._label_styles

    def action_whys(self, name: str) -> None:
        pane = next(ancestor for ancestor in self.ancestors if isinstance(ancestor, WhysPane))
        getattr(pane, f"do_{name}")()

    def ensure_lines(self) -> None:
        """Lay out the lines now, so that new nodes know their line number."""
        _ = self.last_line

    def _room(self, node: TreeNode[WhyLine]) -> int:
        line = node.data
        depth = line.depth if line is not None else 0
        return self._content_width() - depth * self.guide_depth - (2 if node.allow_expand else 0)

    def get_label_width(self, node: TreeNode[WhyLine]) -> int:
        icon = 2 if node.allow_expand else 0
        label = node.label
        width = label.cell_len if isinstance(label, Text) else cell_len(label)
        return min(width, max(self._room(node), 1)) + icon

    def render_label(self, node: TreeNode[WhyLine], base_style: Style, style: Style) -> Text:
        line = node.data
        if line is None:
            return super().render_label(node, base_style, style)
        label = self.line_text(line, self._room(node))
        label.stylize(style)
        if node.allow_expand:
            icon = self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE
            return Text.assemble((icon, base_style + Style.from_meta({"toggle": True})), label)
        return label

    def line_text(self, line: WhyLine, room: int) -> Text:
        """The label: number, question and answer cut to fit `room` cells, then the badges."""
        styles = self._styles()
        answer_style = styles["chain"] if line.in_chain else Style()
        number = Text(
            f"{line.number}  ", style=styles["chain"] if line.in_chain else styles["number"]
        )
        badges = Text()
        for badge in line.badges:
            badges.append("  ")
            badges.append(
                badge, styles["root-cause"] if badge == ROOT_CAUSE_BADGE else styles["badge"]
            )
        rest = room - number.cell_len - badges.cell_len
        if line.node_id is None:
            placeholder = not line.answer
            body = _fit(line.answer_text(), rest)
            body.stylize(styles["placeholder"] if placeholder else styles["chain"])
            label = Text.assemble(number, body)
        else:
            question, answer = line.question_text(), line.answer_text()
            question_room, answer_room = cell_len(question), cell_len(answer)
            if question_room + answer_room > rest:
                question_room = min(question_room, max(rest * 2 // 5, rest - answer_room))
                if question_room < 16:
                    question_room = 0
                answer_room = rest - question_room
            if question_room <= 0:
                question_text = Text()
            elif question_room >= cell_len(question):
                question_text = Text(question)
            else:
                question_text = Text.assemble(_fit(line.question, question_room - 1), " ")
            question_text.stylize(styles["question"])
            label = Text.assemble(number, question_text, _fit(answer, max(answer_room, 1)))
            label.stylize(answer_style, number.cell_len + question_text.cell_len)
        label.append_text(badges)
        if label.cell_len > room:
            label.truncate(max(room, 1), overflow="ellipsis")
        return label


class StatementLine(Static, can_focus=True):
    """The root-cause statement under the tree; enter edits it."""

    BINDINGS = [
        Binding(
            "enter",
            "edit_statement",
            "Edit statement",
            tooltip="edit the root-cause statement (when it has the focus)",
            id="whys.statement_enter",
        )
    ]

    def action_edit_statement(self) -> None:
        pane = next(ancestor for ancestor in self.ancestors if isinstance(ancestor, WhysPane))
        pane.do_statement()


SYMPTOM_FIELDS = (
    FieldSpec(
        "symptom",
        "Symptom",
        hint="what people observed (the effect, not its cause), e.g. checkout returned errors",
    ),
)

STATEMENT_FIELDS = (
    FieldSpec(
        "root_cause_statement",
        "Root cause statement",
        Kind.MULTILINE,
        hint="one clear sentence about the condition in the system that let this happen",
    ),
)


def answer_fields(question: str) -> tuple[FieldSpec, ...]:
    """The answer, whose hint repeats in full the question it is for, and that question in the
    facilitator's own words (optional)."""
    return (
        FieldSpec("answer", "Because …", hint=f"answers: {question}"),
        FieldSpec(
            "question",
            "The question, in your own words (optional)",
            hint="shown instead of the generated question; the export keeps the numbered Why did … happen? form",
        ),
    )


def own_question(values: dict[str, Any]) -> str | None:
    """The typed question, or None to keep the generated one."""
    return (values.get("question") or "").strip() or None


class WhysPane(Pane, Vertical):
    """The 5 Whys: a tree of answers under the symptom, the selected answer in full, guidance."""

    def __init__(self, session: Session, **kwargs: Any) -> None:
        super().__init__(session, **kwargs)
        self._why_nodes: dict[str, TreeNode[WhyLine]] = {}
        self._chain: set[str] = set()
        self._badges: dict[str, tuple[str, ...]] = {}
        self._root_cause: str | None = None
        self._link_turn: dict[str, int] = {}
        self._shown: dict[str | None, tuple[Any, ...]] = {}

    def compose(self) -> ComposeResult:
        tree = WhysTree(id="whys-tree")
        tree.border_title = "5 Whys"
        yield tree
        yield Static("", id="whys-detail")
        yield Static("", id="whys-hint")
        yield StatementLine("", id="whys-statement")

    def on_mount(self) -> None:
        self.rebuild()

    # -- reading -----------------------------------------------------------------------------

    @property
    def why_tree(self) -> WhysTree:
        return self.query_one(WhysTree)

    @property
    def selected_id(self) -> str | None:
        """The answer under the cursor; None when it is on the symptom."""
        node = self.why_tree.cursor_node
        return node.data.node_id if node is not None and node.data is not None else None

    def tree_node(self, node_id: str | None) -> TreeNode[WhyLine] | None:
        return self.why_tree.root if node_id is None else self._why_nodes.get(node_id)

    # -- building and updating the tree in place ----------------------------------------------

    def rebuild(self) -> None:
        """Build the whole tree from the document (on mount and when another document loads)."""
        tree = self.why_tree
        selected = self.selected_id
        view = _View.of(self.editor.workspace)
        tree.clear()
        self._why_nodes = {}
        root = tree.root
        root.data = view.root_line()
        root.set_label(Text(root.data.plain))
        root.allow_expand = False
        root.expand()
        self._add_subtree(root, view, {})
        for node in view.whys.nodes:  # answers in a parent loop (a hand-edited file) still show
            if node.id not in self._why_nodes:
                self._add_subtree(root, view, {}, only=node.id)
        self._chain, self._badges, self._root_cause = view.chain, view.badges, view.whys.root_cause
        self.select(selected if selected in self._why_nodes else None)
        self.show_details()

    def _add_subtree(
        self,
        parent: TreeNode[WhyLine],
        view: _View,
        expanded: dict[str, bool],
        *,
        only: str | None = None,
        before: int | None = None,
    ) -> None:
        """Add the answers below `parent` (or just `only` and its answers) without recursion."""
        parent_id = parent.data.node_id if parent.data is not None else None
        first = [view.by_id[only]] if only is not None else view.children.get(parent_id, [])
        pending = [(parent, node, before) for node in reversed(first)]
        while pending:
            under, node, position = pending.pop()
            if node.id in self._why_nodes:
                continue
            depth = (under.data.depth if under.data is not None else 0) + 1
            line = view.line(node.id, depth)
            has_children = bool(view.children.get(node.id))
            added = under.add(
                Text(line.plain),
                line,
                before=position,
                expand=expanded.get(node.id, True),
                allow_expand=has_children,
            )
            self._why_nodes[node.id] = added
            pending += [(added, child, None) for child in reversed(view.children.get(node.id, []))]

    def _drop(self, node_id: str) -> dict[str, bool]:
        """Take an answer's subtree out of the tree; returns which of its nodes were expanded."""
        node = self._why_nodes.get(node_id)
        if node is None:
            return {}
        expanded: dict[str, bool] = {}
        pending = [node]
        while pending:
            current = pending.pop()
            if current.data is not None and current.data.node_id is not None:
                expanded[current.data.node_id] = current.is_expanded
                self._why_nodes.pop(current.data.node_id, None)
            pending += current.children
        parent = node.parent
        node.remove()
        if parent is not None and not parent.children and not parent.is_root:
            parent.allow_expand = False
        return expanded

    def _place(self, node_id: str, view: _View) -> bool:
        """Put an answer (and its answers) where the document has it; False if it cannot be."""
        expanded = self._drop(node_id)
        parent_id = view.parent_of(node_id)
        parent = self.tree_node(parent_id)
        if parent is None:
            return False
        siblings = view.children.get(parent_id, [])
        position = 0
        for sibling in siblings:
            if sibling.id == node_id:
                break
            if sibling.id in self._why_nodes:
                position += 1
        self._add_subtree(parent, view, expanded, only=node_id, before=position)
        if not parent.is_root:
            parent.allow_expand = True
        if not parent.is_expanded:
            parent.expand()
        return True

    def _relabel(self, node_id: str | None, view: _View) -> None:
        node = self.tree_node(node_id)
        if node is None:
            return
        if node_id is None:
            line = view.root_line()
        else:
            line = view.line(node_id, node.data.depth if node.data is not None else 1)
        if line != node.data:
            node.data = line
            node.set_label(Text(line.plain))

    def refresh_from(self, changes: list[Change]) -> None:
        """Apply the editor's changes to the tree, touching only the nodes involved."""
        targets = {change.target for change in changes}
        if any(change.kind == "reload" for change in changes) or "whys" in {
            change.target for change in changes if change.kind == "set"
        }:
            self.rebuild()
            return
        if not any(
            target.startswith("whys") or target in ("factors", "actions") for target in targets
        ):
            if targets & FINDINGS_INPUTS:
                self.show_details()
            return
        selected = self.selected_id
        fallback = self._surviving_ancestors(selected)
        view = _View.of(self.editor.workspace)
        dirty: set[str | None] = set()
        placed: set[str] = set()
        inserted: list[str] = []
        consistent = True
        for change in changes:
            node_id = change.item_id
            if change.target != "whys" or node_id is None:
                continue
            if change.kind == "remove":
                self._drop(node_id)
            elif node_id not in view.by_id or node_id in placed:
                continue
            elif change.kind == "insert" or change.kind == "move":
                if change.kind == "insert" and node_id not in self._why_nodes:
                    inserted.append(node_id)
                consistent &= self._place(node_id, view)
                placed.add(node_id)
            elif change.kind == "update" and node_id in self._why_nodes:
                tree_parent = self._why_nodes[node_id].parent
                parent_now = tree_parent.data.node_id if tree_parent and tree_parent.data else None
                if parent_now != view.parent_of(node_id):
                    consistent &= self._place(node_id, view)
                    placed.add(node_id)
                else:
                    dirty.add(node_id)
                    dirty.update(child.id for child in view.children.get(node_id, []))
        if "whys.symptom" in targets:
            dirty.add(None)
            dirty.update(node.id for node in view.children.get(None, []))
        dirty |= self._chain ^ view.chain
        dirty |= {self._root_cause, view.whys.root_cause} - {None}
        dirty |= {
            key
            for key in self._badges.keys() | view.badges.keys()
            if self._badges.get(key) != view.badges.get(key)
        }
        self._chain, self._badges, self._root_cause = view.chain, view.badges, view.whys.root_cause
        if not consistent or len(self._why_nodes) != len(view.by_id):
            self.rebuild()
            return
        for node_id in dirty - placed:
            self._relabel(node_id, view)
        if inserted:
            self.select(inserted[0])
        elif selected in self._why_nodes or selected is None:
            self.select(selected)
        else:
            self.select(
                next((ancestor for ancestor in fallback if ancestor in self._why_nodes), None)
            )
        self.show_details()

    def _surviving_ancestors(self, node_id: str | None) -> list[str]:
        """The ancestors of an answer, nearest first (where the cursor goes if it is deleted)."""
        node = self.tree_node(node_id) if node_id else None
        ancestors = []
        while node is not None and node.parent is not None:
            node = node.parent
            if node.data is not None and node.data.node_id is not None:
                ancestors.append(node.data.node_id)
        return ancestors

    # -- the cursor and what is shown below the tree -----------------------------------------

    def select(self, node_id: str | None) -> None:
        """Put the cursor on an answer (None: the symptom), opening collapsed parents."""
        tree = self.why_tree
        node = self.tree_node(node_id) or tree.root
        parent = node.parent
        while parent is not None:
            if not parent.is_expanded:
                parent.expand()
            parent = parent.parent
        tree.ensure_lines()
        if tree.cursor_node is not node or tree.cursor_line != node.line:
            tree.move_cursor(node)
        tree.scroll_to_node(node, animate=False)

    def select_item(self, collection: str, item_id: str) -> None:
        """JumpTo("whys", id) lands here: the cursor goes to the answer and the tree gets focus."""
        if collection != "whys":
            return
        if item_id not in self._why_nodes:
            self.notify("That answer is no longer in the 5 Whys.", severity="warning", timeout=3)
            return
        self.select(item_id)
        focus_now(self.why_tree)
        self.show_details()

    @on(Tree.NodeHighlighted)
    def _highlighted(self, event: Tree.NodeHighlighted) -> None:
        event.stop()
        self.show_details()

    @on(Tree.NodeSelected)
    def _clicked(self, event: Tree.NodeSelected) -> None:
        event.stop()

    def show_details(self) -> None:
        """The selected node in full, its guidance and the root-cause statement."""
        whys = self.editor.workspace.whys
        node_id = self.selected_id
        node = self.tree_node(node_id)
        detail = self.query_one("#whys-detail", Static)
        hint = self.query_one("#whys-hint", Static)
        hints: list[str] = []
        if node_id is None or node is None or node.data is None:
            symptom = one_line(whys.symptom.strip())
            self._show(
                detail,
                Content.assemble(
                    ("Symptom  ", "bold"),
                    symptom or ("not described yet", "italic"),
                    "\n",
                    ("enter edits it · a adds an answer to why it happened", "dim"),
                ),
            )
            if not symptom:
                hints.append(
                    "Describe what people observed, the effect rather than its cause: enter writes it."
                )
            elif not whys.nodes:
                hints.append("Ask the first why: a writes why the symptom happened.")
        else:
            line = node.data
            answer = self.editor.find("whys", node_id).answer
            links = self._link_names(node_id)
            parts: list[Any] = [
                (f"{line.number}  ", "bold"),
                (line.question, "italic"),
                "\n",
                ("Because ", "bold"),
                f"{in_sentence(clause(answer))}.",
            ]
            if line.root_cause:
                parts += ["\n", ("★ Marked as the root cause (r unmarks it).", "bold")]
            if links:
                parts += ["\n", ("Linked: ", "bold"), " · ".join(links), ("   g goes there", "dim")]
            self._show(detail, Content.assemble(*parts))
            hints += [f"{found.message} {found.reframe}".strip()
                      for found in check_field(self.editor.workspace, f"whys.{node_id}.answer")]
            depth_hint = "" if self._ends_at_root_cause(node) else depth_guidance(line.depth, not node.children)
            if depth_hint:
                hints.append(depth_hint)
        self._show(hint, Content("\n".join(f"› {text}" for text in hints)))
        hint.set_class(not hints, "-empty")
        self._show(
            self.query_one(StatementLine),
            Content.assemble(
                ("Root cause statement  ", "bold"),
                one_line(whys.root_cause_statement.strip())
                or ("not written yet: t writes it", "italic dim"),
            ),
        )
        summary = self._chain_summary(whys)
        if self.why_tree.border_subtitle != summary:
            self.why_tree.border_subtitle = summary

    @staticmethod
    def _ends_at_root_cause(node: TreeNode[WhyLine]) -> bool:
        """Whether the root cause is this node or one above it: the branch needs no more whys."""
        current: TreeNode[WhyLine] | None = node
        while current is not None and current.data is not None:
            if current.data.root_cause:
                return True
            current = current.parent
        return False

    def _show(self, widget: Static, content: Content) -> None:
        """Update a line below the tree only when what it says changed (saves a relayout)."""
        key = (content.plain, tuple(content.spans))
        if self._shown.get(widget.id) != key:
            self._shown[widget.id] = key
            widget.update(content)

    def _chain_summary(self, whys: Whys) -> str:
        if not whys.nodes:
            return "a adds the first answer"
        root = self._why_nodes.get(whys.root_cause) if whys.root_cause else None
        if root is not None and root.data is not None:
            return f"highlighted: the chain to the root cause (why {root.data.depth}), exported as the numbered list"
        return "no root cause marked (r): the export follows the first answers"

    def _link_names(self, node_id: str) -> list[str]:
        workspace = self.editor.workspace
        names = [
            f"factor “{one_line(factor.factor.strip())}”"
            for factor in workspace.factors
            if factor.why_node == node_id
        ]
        names += [
            f"action #{action.number} “{one_line(action.action.strip())}”"
            for action in sorted(workspace.actions, key=lambda action: action.number)
            if action.why_node == node_id
        ]
        return names

    # -- intents -------------------------------------------------------------------------------

    def _depth(self, node_id: str | None) -> int:
        node = self.tree_node(node_id)
        return node.data.depth if node is not None and node.data is not None else 0

    def _question(self, parent_id: str | None) -> str:
        """The generated question an answer under ``parent_id`` replies to."""
        whys = self.editor.workspace.whys
        return one_line(question_about(whys.symptom if parent_id is None else self.editor.find("whys", parent_id).answer))

    def _ask_answer(self, parent_id: str | None, index: int | None) -> None:
        depth = self._depth(parent_id) + 1

        def submit(values: dict[str, Any]) -> None:
            answer = values["answer"].strip()
            self.editor.add(
                "whys",
                {"answer": answer, "parent": parent_id, "question": own_question(values)},
                index=index,
                label=f"Add why {depth}",
            )

        self.app.push_screen(
            EditForm(
                f"Why {depth}: a new answer",
                answer_fields(self._question(parent_id)),
                {"answer": "", "question": ""},
                submit,
                coach=coach_paths("whys", None),
            )
        )

    def do_add(self) -> None:
        self._ask_answer(self.selected_id, None)

    def do_sibling(self) -> None:
        node_id = self.selected_id
        if node_id is None:
            self._ask_answer(None, None)
            return
        view_parent = self._parent_of(node_id)
        self._ask_answer(view_parent, self.editor.index_of("whys", node_id) + 1)

    def _parent_of(self, node_id: str) -> str | None:
        parent = self.editor.find("whys", node_id).parent
        return parent if parent in self._why_nodes else None

    def do_edit(self) -> None:
        node_id = self.selected_id
        whys = self.editor.workspace.whys
        if node_id is None:

            def submit_symptom(values: dict[str, Any]) -> None:
                symptom = values["symptom"].strip()
                if symptom != whys.symptom:
                    self.editor.set("whys.symptom", symptom, label="Edit symptom")

            self.app.push_screen(
                EditForm(
                    "The symptom",
                    SYMPTOM_FIELDS,
                    {"symptom": whys.symptom},
                    submit_symptom,
                    coach=section_coach_paths("whys", ["symptom"]),
                )
            )
            return
        node = self.editor.find("whys", node_id)

        def submit(values: dict[str, Any]) -> None:
            changed = {
                name: value
                for name, value in {"answer": values["answer"].strip(), "question": own_question(values)}.items()
                if value != getattr(node, name)
            }
            if changed:
                self.editor.update("whys", node_id, label=f"Edit why {self._depth(node_id)}", **changed)

        fields = answer_fields(self._question(self._parent_of(node_id)))
        self.app.push_screen(
            EditForm(
                f"Why {self._depth(node_id)}",
                fields,
                {"answer": node.answer, "question": node.question or ""},
                submit,
                coach=coach_paths("whys", node_id),
            )
        )

    def do_delete(self) -> None:
        node_id = self.selected_id
        if node_id is None:
            self.notify(
                "The symptom stays: every why starts from it. enter changes its text.",
                severity="warning",
                timeout=4,
            )
            return
        below = sum(1 for _ in self._descendants(node_id))
        label = f"Delete why {self._depth(node_id)}" + (f" and {below} below it" if below else "")
        if self.run_intent(lambda: self.editor.delete("whys", node_id, label=label)):
            what = "the answer" + (f" and the {below} below it" if below else "")
            self.notify(f"Deleted {what}. ctrl+z brings it back.", timeout=3)

    def _descendants(self, node_id: str) -> Iterable[TreeNode[WhyLine]]:
        pending = list(self._why_nodes[node_id].children)
        while pending:
            node = pending.pop()
            yield node
            pending += node.children

    def do_root_cause(self) -> None:
        node_id = self.selected_id
        whys = self.editor.workspace.whys
        if node_id is None:
            self.notify(
                "The symptom is the effect; mark one of the answers as the root cause.", timeout=4
            )
            return
        if whys.root_cause == node_id:
            if self.run_intent(
                lambda: self.editor.set("whys.root_cause", None, label="Unmark root cause")
            ):
                self.notify("Root cause unmarked.", timeout=2)
            return
        if not self.run_intent(
            lambda: self.editor.set("whys.root_cause", node_id, label="Mark root cause")
        ):
            return
        if not whys.root_cause_statement.strip():
            self.notify("Root cause marked. t sums it up in one sentence: the root-cause statement.", timeout=4)
        else:
            self.notify("Root cause marked.", timeout=2)

    def do_statement(self) -> None:
        whys = self.editor.workspace.whys
        title = "Root cause statement"

        def submit(values: dict[str, Any]) -> None:
            statement = values["root_cause_statement"].strip()
            if statement != whys.root_cause_statement:
                self.editor.set(
                    "whys.root_cause_statement", statement, label="Edit root cause statement"
                )

        self.app.push_screen(
            EditForm(
                title,
                STATEMENT_FIELDS,
                {"root_cause_statement": whys.root_cause_statement},
                submit,
                coach=section_coach_paths("whys", ["root_cause_statement"]),
            )
        )

    def _answer_or_say(self, what: str) -> tuple[str, WhyNode] | None:
        node_id = self.selected_id
        if node_id is None:
            self.notify(
                f"Select an answer to make a {what} from; the symptom is the effect.", timeout=4
            )
            return None
        return node_id, self.editor.find("whys", node_id)

    def do_factor(self) -> None:
        selected = self._answer_or_say("contributing factor")
        if selected is None:
            return
        node_id, node = selected

        def submit(values: dict[str, Any]) -> None:
            if values.get("category") is None:
                raise EditError(["pick a category: Process, Technical, Organizational or External"])
            self.editor.add(
                "factors",
                {**values, "why_node": node_id},
                label="Make a contributing factor from a why",
            )

        def done(saved: bool | None) -> None:
            if saved:
                self.notify("Added to the contributing factors (F6). g goes there.", timeout=3)

        values = {"factor": node.answer.strip(), "category": None, "how": ""}
        title = f"Contributing factor from why {self._depth(node_id)}"
        self.app.push_screen(
            EditForm(
                title,
                FACTOR_FIELDS,
                values,
                submit,
                focus="factor",
                append=True,
                coach=coach_paths("factors", None),
            ),
            done,
        )

    def do_action(self) -> None:
        selected = self._answer_or_say("corrective action")
        if selected is None:
            return
        node_id, node = selected

        def submit(values: dict[str, Any]) -> None:
            if values.get("type") is None:
                raise EditError(["pick a type: Prevent, Detect, Mitigate or Process"])
            values = {
                name: value
                for name, value in values.items()
                if value is not None or name == "deadline"
            }
            self.editor.add(
                "actions",
                {**values, "why_node": node_id},
                label="Make a corrective action from a why",
            )

        def done(saved: bool | None) -> None:
            if saved:
                self.notify("Added to the corrective actions (F5). g goes there.", timeout=3)

        values = {
            "action": "",
            "type": None,
            "owner": "",
            "deadline": None,
            "priority": "P2",
            "status": "Open",
            "ticket": "",
            "done_when": "",
        }
        title = f"Corrective action from why {self._depth(node_id)}"
        self.app.push_screen(
            EditForm(
                title,
                ACTION_FIELDS,
                values,
                submit,
                focus="action",
                context=f"Against the cause: {clause(node.answer)}",
                coach=coach_paths("actions", None),
            ),
            done,
        )

    def do_go_to_link(self) -> None:
        node_id = self.selected_id
        if node_id is None:
            return
        workspace = self.editor.workspace
        links = [
            ("factors", factor.id) for factor in workspace.factors if factor.why_node == node_id
        ]
        links += [
            ("actions", action.id)
            for action in sorted(workspace.actions, key=lambda action: action.number)
            if action.why_node == node_id
        ]
        if not links:
            self.notify(
                "Nothing links to this answer yet: f makes a factor, c an action.", timeout=3
            )
            return
        turn = self._link_turn.get(node_id, 0) % len(links)
        self._link_turn[node_id] = turn + 1
        self.post_message(JumpTo(*links[turn]))

    # -- moving --------------------------------------------------------------------------------

    def _siblings(self, node_id: str) -> list[str]:
        node = self.tree_node(node_id)
        parent = node.parent if node is not None else None
        if parent is None:
            return []
        return [child.data.node_id for child in parent.children if child.data is not None and child.data.node_id]

    def do_move_up(self) -> None:
        self._move_among_siblings(-1)

    def do_move_down(self) -> None:
        self._move_among_siblings(1)

    def _move_among_siblings(self, step: int) -> None:
        node_id = self.selected_id
        if node_id is None:
            return
        siblings = self._siblings(node_id)
        position = siblings.index(node_id) + step
        if not 0 <= position < len(siblings):
            edge = "first" if step < 0 else "last"
            self.notify(f"It is already the {edge} answer to this why.", timeout=2)
            return
        # Up: take the place of the previous sibling. Down: the next sibling's index is the spot
        # just after it once this answer (before it in the list) has been taken out.
        target = self.editor.index_of("whys", siblings[position])
        label = "Move answer up" if step < 0 else "Move answer down"
        self.run_intent(lambda: self.editor.move("whys", node_id, target, label=label))

    def _index_after(self, anchor: str, node_id: str) -> int:
        """The index that puts `node_id` right after `anchor` once it is taken out of the list."""
        anchor_index = self.editor.index_of("whys", anchor)
        node_index = self.editor.index_of("whys", node_id)
        return anchor_index + (0 if node_index < anchor_index else 1)

    def do_promote(self) -> None:
        node_id = self.selected_id
        if node_id is None:
            return
        parent = self._parent_of(node_id)
        if parent is None:
            self.notify("It already answers the symptom directly.", timeout=2)
            return
        grandparent = self._parent_of(parent)

        def promote() -> None:
            with self.editor.group(f"Promote answer to why {self._depth(node_id) - 1}"):
                self.editor.update("whys", node_id, parent=grandparent)
                self.editor.move("whys", node_id, self._index_after(parent, node_id))

        self.run_intent(promote)

    def do_demote(self) -> None:
        node_id = self.selected_id
        if node_id is None:
            return
        siblings = self._siblings(node_id)
        position = siblings.index(node_id)
        if position == 0:
            self.notify("There is no answer above it (at this level) to move it under.", timeout=3)
            return
        new_parent = siblings[position - 1]
        children = [child for child in self._siblings_below(new_parent) if child != node_id]
        anchor = children[-1] if children else new_parent

        def demote() -> None:
            with self.editor.group(f"Demote answer to why {self._depth(node_id) + 1}"):
                self.editor.update("whys", node_id, parent=new_parent)
                self.editor.move("whys", node_id, self._index_after(anchor, node_id))

        self.run_intent(demote)

    def _siblings_below(self, node_id: str) -> list[str]:
        """The answers under `node_id`, in the document's order (the last one is last in the list)."""
        return [node.id for node in self.editor.workspace.whys.nodes if node.parent == node_id]
